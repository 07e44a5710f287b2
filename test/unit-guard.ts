/**
 * The unit tier's rule, enforced in each of its workers: no child processes (so no Chromium, no CLI, no qpdf or
 * poppler), and no server reachable from outside this machine (an in-process stub on 127.0.0.1, such as a test
 * TSA, is allowed). A test that needs more belongs in test/e2e/ (see vitest.config.ts): the error says so at the
 * call, instead of the unit tier slowly becoming a second e2e tier.
 */
import childProcess from "node:child_process";
import { syncBuiltinESMExports } from "node:module";
import net from "node:net";

const refusal = (what: string) =>
  new Error(`${what} in a unit test: the unit tier runs no child process or browser; put this test in test/e2e/`);

const spawning = ["spawn", "spawnSync", "exec", "execSync", "execFile", "execFileSync", "fork"] as const;
for (const name of spawning) {
  Object.assign(childProcess, {
    [name]: () => {
      throw refusal(`child_process.${name}()`);
    },
  });
}
syncBuiltinESMExports();

const LOOPBACK = new Set(["127.0.0.1", "::1", "localhost"]);
const listen = net.Server.prototype.listen;
net.Server.prototype.listen = function (this: net.Server, ...args: unknown[]) {
  const [first, second] = args;
  const options = typeof first === "object" && first !== null ? (first as net.ListenOptions) : undefined;
  const host = options ? options.host : typeof second === "string" ? second : undefined;
  if (host === undefined || !LOOPBACK.has(host)) throw refusal(`server.listen() on ${host ?? "every address"} (only 127.0.0.1 is allowed)`);
  return listen.apply(this, args as Parameters<typeof listen>);
} as typeof listen;

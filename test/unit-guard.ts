/**
 * The unit tier's rule, enforced in each of its workers: no child processes (so no Chromium, no CLI, no qpdf or
 * poppler) and no listening servers. A test that needs one belongs in test/e2e/ (see vitest.config.ts); the
 * error says so at the call, instead of the unit tier slowly becoming a second e2e tier.
 */
import childProcess from "node:child_process";
import { syncBuiltinESMExports } from "node:module";
import net from "node:net";

const refuse = (what: string) => () => {
  throw new Error(`${what} in a unit test: the unit tier runs no child process, browser or server; put this test in test/e2e/`);
};

const spawning = ["spawn", "spawnSync", "exec", "execSync", "execFile", "execFileSync", "fork"] as const;
for (const name of spawning) Object.assign(childProcess, { [name]: refuse(`child_process.${name}()`) });
net.Server.prototype.listen = refuse("server.listen()") as typeof net.Server.prototype.listen;
syncBuiltinESMExports();

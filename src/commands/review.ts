/**
 * `exhibits review <case>`: the paralegal's review page, served on 127.0.0.1 (src/review/ is the server and the page;
 * review-backend.ts wires the stages to it). Prints the address with the run's token, opens the browser when asked
 * (or when stdout is a terminal), and runs until SIGINT or SIGTERM.
 */
import { spawn } from "node:child_process";
import { resolve } from "node:path";
import { loadCase } from "../case/index.js";
import { startReviewServer, type ReviewServer } from "../review/server.js";
import { reviewBackend } from "./review-backend.js";

export interface ReviewOptions {
  cwd: string;
  caseDir: string;
  /** Output root of rebuilds (default "out"). */
  out?: string;
  /** Port on 127.0.0.1 (default: a free one). */
  port?: number;
  env?: NodeJS.ProcessEnv;
  operator?: string;
}

/** Start the review server for a case; the caller prints its URL and closes it. */
export async function review(opts: ReviewOptions): Promise<ReviewServer> {
  const backend = reviewBackend({
    cwd: opts.cwd,
    caseDir: opts.caseDir,
    out: opts.out ?? "out",
    ...(opts.env ? { env: opts.env } : {}),
    ...(opts.operator ? { operator: opts.operator } : {}),
  });
  await loadCase(resolve(opts.cwd, opts.caseDir)); // no case, or a case.yaml refused: said here, before anything listens
  return startReviewServer(backend, opts.port === undefined ? {} : { port: opts.port });
}

/** Open `url` in the user's browser (xdg-open, open, start), detached; a failure only means the user opens it by hand. */
export function openBrowser(url: string): void {
  const [cmd, args] =
    process.platform === "darwin"
      ? ["open", [url]]
      : process.platform === "win32"
        ? ["cmd", ["/c", "start", "", url]]
        : ["xdg-open", [url]];
  try {
    const child = spawn(cmd as string, args as string[], { stdio: "ignore", detached: true });
    child.on("error", () => undefined);
    child.unref();
  } catch {
    // nothing to do: the address is printed
  }
}

/** Resolve when the process is asked to stop (SIGINT, SIGTERM); the server is closed first. */
export function untilStopped(server: ReviewServer): Promise<void> {
  return new Promise((done) => {
    const stop = () => {
      process.off("SIGINT", stop);
      process.off("SIGTERM", stop);
      void server.close().then(done);
    };
    process.on("SIGINT", stop);
    process.on("SIGTERM", stop);
  });
}

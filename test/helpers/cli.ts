/** Run the real `exhibits` binary and collect its exit code and output. */
import { spawn, spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { cpSync, mkdtempSync, readdirSync, readFileSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";

export const ROOT = join(import.meta.dirname, "../..");
export const FIXTURE_CASE = join(ROOT, "fixtures/cases/valentino-v-kaitlyn-pan");
export const EPOCH = "1776000000";

export function runCli(args: string[], opts: { cwd?: string; env?: NodeJS.ProcessEnv } = {}) {
  const r = spawnSync(process.execPath, [join(ROOT, "bin/exhibits.js"), ...args], {
    cwd: opts.cwd ?? ROOT,
    env: { ...process.env, SOURCE_DATE_EPOCH: EPOCH, ...opts.env },
    encoding: "utf8",
    timeout: 300_000,
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** runCli without blocking this process's event loop: needed when the test itself serves the pages the CLI fetches. */
export function runCliAsync(
  args: string[],
  opts: { cwd?: string; env?: NodeJS.ProcessEnv } = {},
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, [join(ROOT, "bin/exhibits.js"), ...args], {
      cwd: opts.cwd ?? ROOT,
      env: { ...process.env, SOURCE_DATE_EPOCH: EPOCH, ...opts.env },
    });
    let stdout = "";
    let stderr = "";
    child.stdout.setEncoding("utf8").on("data", (d: string) => (stdout += d));
    child.stderr.setEncoding("utf8").on("data", (d: string) => (stderr += d));
    const timer = setTimeout(() => child.kill("SIGKILL"), 300_000);
    child.on("error", fail);
    child.on("close", (code) => {
      clearTimeout(timer);
      done({ code, stdout, stderr });
    });
  });
}

export function tempDir(prefix = "exhibits-test-"): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

/** A private copy of the fixture case that a test may change. */
export function copyFixture(name = "valentino-v-kaitlyn-pan"): string {
  const dir = join(tempDir(), "case");
  // The case's own logs (git-ignored, written by local builds) are not part of the fixture.
  cpSync(join(ROOT, "fixtures/cases", name), dir, { recursive: true, filter: (src) => !/(custody|capture)-log\.jsonl$/.test(src) });
  return dir;
}

/** path → sha256 of every file under root (POSIX relative paths). */
export function hashTree(root: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (dir: string) => {
    for (const name of readdirSync(dir).sort()) {
      const abs = join(dir, name);
      if (statSync(abs).isDirectory()) walk(abs);
      else out[relative(root, abs).split("\\").join("/")] = createHash("sha256").update(readFileSync(abs)).digest("hex");
    }
  };
  walk(root);
  return out;
}

/** A build time after this run's live captures (a build may not come before the evidence it holds). */
export const LIVE_EPOCH = { SOURCE_DATE_EPOCH: String(Math.ceil(Date.now() / 1000) + 3600) };

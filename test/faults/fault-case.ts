/**
 * The fault suite's case: the hostile suite's small good case (one seller; a screenshot, a photo, a PDF receipt, a
 * chat and a purchases CSV) with one redaction rule, so a build writes both twins. `runToPoint` runs
 * `exhibits build` as a process that stops itself at a named fault point (src/util/fault-point.ts), then does to it
 * what the test asks: SIGKILL, or a signal followed by SIGCONT, measuring how long it takes to exit.
 */
import { spawn } from "node:child_process";
import { appendFileSync, existsSync, mkdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import type { FaultPoint } from "../../src/util/fault-point.js";
import { expect } from "vitest";
import { EPOCH, ROOT, hashTree, runCli, runCliAsync, tempDir } from "../helpers/cli.js";
import { leftovers } from "../helpers/output-folder.js";
import { GOOD_CASE_ID, GOOD_FILES, writeGoodCase } from "../hostile/good-case.js";

export const CASE_ID = GOOD_CASE_ID;

/** The good case with a phrase of the chat redacted (a pattern with its basis): public and sealed twins. */
export async function writeFaultCase(): Promise<{ caseDir: string; outDir: string }> {
  const root = tempDir("exhibits-faults-");
  const caseDir = join(root, "case");
  mkdirSync(caseDir);
  await writeGoodCase(caseDir);
  appendFileSync(
    join(caseDir, "case.yaml"),
    `redaction:\n  patterns:\n    - { name: store reference, regex: "same as boutique", basis: "Agreed Protective Order, Dkt. 9" }\n`,
  );
  return { caseDir, outDir: join(root, "out") };
}

/** The fault case written and built once (the "previous bundle" every fault test starts from). */
export async function builtFaultCase(): Promise<{ caseDir: string; outDir: string }> {
  const c = await writeFaultCase();
  const first = await runCliAsync(["build", c.caseDir, "--out", c.outDir, "--quiet"]);
  if (first.code !== 0) throw new Error(`the fault case did not build (exit ${first.code}): ${first.stderr}`);
  return c;
}

/** A change to the evidence, so the next build's bundle differs from the last one (round `n`). */
export function changeEvidence(caseDir: string, n: number): void {
  appendFileSync(
    join(caseDir, GOOD_FILES.chatCsv),
    `2026-03-01T11:${pad(Math.floor(n / 60))}:${pad(n % 60)}-06:00,Investigator,Round ${n}\n`,
  );
}

const pad = (n: number) => String(n).padStart(2, "0");

export const custodyLog = (caseDir: string) =>
  existsSync(join(caseDir, "custody-log.jsonl")) ? readFileSync(join(caseDir, "custody-log.jsonl")) : Buffer.alloc(0);

export interface Stopped {
  code: number | null;
  signal: NodeJS.Signals | null;
  stderr: string;
  /** Milliseconds from the signal (SIGINT/SIGTERM) to the process's exit. */
  exitMs: number;
}

/**
 * Run `exhibits <args>` until it reaches `point`, then send `signal` (SIGKILL kills it stopped; SIGINT and SIGTERM
 * are followed by SIGCONT, so its handler runs). Rejects if the process ends before reaching the point.
 */
export function runToPoint(args: string[], point: FaultPoint, signal: NodeJS.Signals, env: NodeJS.ProcessEnv = {}): Promise<Stopped> {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, [join(ROOT, "bin/exhibits.js"), ...args], {
      cwd: ROOT,
      env: { ...process.env, SOURCE_DATE_EPOCH: EPOCH, EXHIBITS_FAULT_POINT: point, ...env },
    });
    let stderr = "";
    let sentAt = 0;
    const timer = setTimeout(() => child.kill("SIGKILL"), 240_000);
    child.stderr.setEncoding("utf8").on("data", (d: string) => {
      stderr += d;
      if (sentAt || !stderr.includes(`fault point ${point}\n`)) return;
      waitStopped(child.pid!).then(() => {
        sentAt = Date.now();
        child.kill(signal);
        if (signal !== "SIGKILL") child.kill("SIGCONT");
      }, fail);
    });
    child.stdout.resume();
    child.on("close", (code, sig) => {
      clearTimeout(timer);
      if (!sentAt) fail(new Error(`exhibits ${args.join(" ")} ended (exit ${code}, ${sig}) before fault point ${point}:\n${stderr}`));
      else done({ code, signal: sig, stderr, exitMs: Date.now() - sentAt });
    });
  });
}

/** Resolve once the process is stopped (state T in /proc/<pid>/stat): it announced the point, then stopped itself. */
async function waitStopped(pid: number): Promise<void> {
  for (let i = 0; i < 500; i++) {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    if (stat.slice(stat.lastIndexOf(")") + 2).startsWith("T")) return;
    await new Promise((r) => setTimeout(r, 10));
  }
  throw new Error(`process ${pid} did not stop at its fault point`);
}

/** The case's bundle in `outDir` and its custody log, to compare after a failed build. */
export function stateOf(outDir: string, caseDir: string): { tree: Record<string, string>; log: Buffer } {
  return { tree: hashTree(join(outDir, CASE_ID)), log: custodyLog(caseDir) };
}

/** After a failed build: the bundle byte for byte as `before`, the log too, nothing left beside it, and it verifies. */
export function expectUnchanged(outDir: string, caseDir: string, before: { tree: Record<string, string>; log: Buffer }): void {
  expect(hashTree(join(outDir, CASE_ID))).toEqual(before.tree);
  expect(custodyLog(caseDir).equals(before.log)).toBe(true);
  expect(leftovers(outDir, CASE_ID)).toEqual([]);
  const v = runCli(["verify", join(outDir, CASE_ID)]);
  expect(v.code, v.stdout).toBe(0);
}

/**
 * The hostile suite's runner: the good case is written and built once (its bundle and build cache in an output
 * folder); then each hostile case gets private copies of both, spoils one, and runs `exhibits <command>` as a process
 * (a crash is an exit code, a hang a time-out). Its wall time and peak memory (VmHWM, polled from /proc) are measured;
 * a failing case must leave the earlier bundle, the cache and the custody log as they were.
 */
import { spawn } from "node:child_process";
import { createHash } from "node:crypto";
import { cpSync, existsSync, mkdirSync, readFileSync, readdirSync, statSync, lstatSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { join, relative } from "node:path";
import { EPOCH, ROOT, tempDir } from "../helpers/cli.js";
import type { HostileCase, HostileContext, HostileResult } from "./case.js";
import { GOOD_CASE_ID, GOOD_FILES, writeGoodCase } from "./good-case.js";

export interface Prepared {
  caseDir: string;
  outDir: string;
  good: HostileContext["good"];
}

/** Write and build the good case once: the starting point of every hostile case. */
export async function prepare(): Promise<Prepared> {
  const root = tempDir("exhibits-hostile-");
  const caseDir = join(root, "case");
  mkdirSync(caseDir);
  await writeGoodCase(caseDir);
  const outDir = join(root, "out");
  const r = await runCli(["build", caseDir, "--out", outDir, "--quiet"], 300);
  if (r.exit !== 0) throw new Error(`the good case did not build (exit ${r.exit}): ${r.stderr}`);
  const good = Object.fromEntries(Object.entries(GOOD_FILES).map(([k, rel]) => [k, join(caseDir, rel)])) as HostileContext["good"];
  return { caseDir, outDir, good };
}

/** path → digest of every regular file under `root` (symlinks by their target's name, not followed). */
export function snapshot(root: string): Record<string, string> {
  const out: Record<string, string> = {};
  if (!existsSync(root)) return out;
  const walk = (dir: string) => {
    for (const name of readdirSync(dir).sort()) {
      const abs = join(dir, name);
      const s = lstatSync(abs);
      const rel = relative(root, abs);
      if (s.isDirectory()) walk(abs);
      // A huge (sparse) hostile input is known by its size and time: reading it is what the case tests the tool never does.
      else if (s.isFile() && s.size > 256 * 1024 * 1024) out[rel] = `${s.size} bytes, modified ${s.mtimeMs}`;
      else if (s.isFile()) out[rel] = createHash("sha256").update(readFileSync(abs)).digest("hex");
      else out[rel] = `not a file (${s.mode.toString(8)})`;
    }
  };
  walk(root);
  return out;
}

interface Ran {
  exit: number | null;
  signal: string | null;
  stdout: string;
  stderr: string;
  seconds: number;
  cpuSeconds: number;
  peakRssMb: number;
}

/** Run `exhibits …` as a process, killed after `timeout` seconds; its peak RSS from /proc/<pid>/status. */
function runCli(args: string[], timeout: number, cwd = ROOT, env: Record<string, string> = {}): Promise<Ran> {
  return new Promise((done) => {
    const started = process.hrtime.bigint();
    const child = spawn(process.execPath, [join(ROOT, "bin/exhibits.js"), ...args], {
      cwd,
      env: { ...process.env, SOURCE_DATE_EPOCH: EPOCH, EXHIBITS_FROM_SOURCE: "", ...env },
    });
    let stdout = "";
    let stderr = "";
    let peak = 0;
    let cpu = 0;
    child.stdout.setEncoding("utf8").on("data", (d: string) => (stdout += d.length < 1e6 ? d : ""));
    child.stderr.setEncoding("utf8").on("data", (d: string) => (stderr += d.length < 1e6 ? d : ""));
    const poll = setInterval(async () => {
      const status = await readFile(`/proc/${child.pid}/status`, "utf8").catch(() => "");
      const hwm = /VmHWM:\s+(\d+) kB/.exec(status);
      if (hwm) peak = Math.max(peak, Number(hwm[1]) / 1024);
      // utime and stime, fields 14 and 15 of /proc/<pid>/stat (after the parenthesised name), in ticks of 1/100 s
      const stat = await readFile(`/proc/${child.pid}/stat`, "utf8").catch(() => "");
      const f = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      if (f.length > 13) cpu = Math.max(cpu, (Number(f[11]) + Number(f[12])) / 100);
    }, 50);
    const killer = setTimeout(() => child.kill("SIGKILL"), timeout * 1000);
    child.on("close", (exit, signal) => {
      clearInterval(poll);
      clearTimeout(killer);
      done({ exit, signal, stdout, stderr, seconds: Number(process.hrtime.bigint() - started) / 1e9, cpuSeconds: cpu, peakRssMb: peak });
    });
  });
}

const STACK = /\n\s+at .+:\d+:\d+\)?$/m;

/** Run one hostile case against private copies of the good case and its output folder. */
export async function runCase(c: HostileCase, p: Prepared): Promise<HostileResult> {
  const work = tempDir("exhibits-hostile-case-");
  const caseDir = join(work, "case");
  const outDir = join(work, "out");
  const outside = join(work, "outside");
  mkdirSync(outside);
  cpSync(p.caseDir, caseDir, { recursive: true });
  cpSync(p.outDir, outDir, { recursive: true, verbatimSymlinks: true }); // the bundle's link stays relative: to the copy
  const ctx: HostileContext = { outside, good: p.good };
  const bundleDir = join(outDir, GOOD_CASE_ID);
  const problems: string[] = [];
  try {
    if (c.buildFirst) {
      await c.make(caseDir, ctx);
      const built = await runCli(["build", caseDir, "--out", outDir, "--quiet"], 300, work);
      if (built.exit !== 0) throw new Error(`the case did not build (exit ${built.exit}): ${built.stderr.slice(0, 400)}`);
    }
    if (c.spoilBundle) await c.spoilBundle(bundleDir, ctx);
    else if (!c.buildFirst) await c.make(caseDir, ctx);
  } catch (e) {
    problems.push(`could not set the case up: ${(e as Error).message}`);
  }
  const before = { out: snapshot(outDir), custody: snapshot(join(caseDir)), outside: snapshot(outside) };
  const command = c.command ?? "build";
  const args =
    command === "verify"
      ? ["verify", c.verifyTarget ? join(bundleDir, c.verifyTarget) : bundleDir, ...(c.args ?? [])]
      : [command, caseDir, ...(command === "build" ? ["--out", outDir] : []), ...(c.args ?? [])];
  const maxSeconds = c.maxSeconds ?? 60;
  const r = await runCli(args, maxSeconds + 10, work, c.env);
  const said = command === "verify" ? r.stdout + r.stderr : r.stderr;
  if (r.signal) problems.push(`killed by ${r.signal} after ${r.seconds.toFixed(1)} s (a hang)`);
  else if (r.exit !== c.expect.exit)
    problems.push(`exit ${r.exit}, expected ${c.expect.exit}: ${said.slice(0, 600)} … ${said.slice(-600)}`);
  if (STACK.test(said)) problems.push(`a stack trace: ${said.slice(0, 600)} … ${said.slice(-600)}`);
  if (c.expect.message && !c.expect.message.test(said))
    problems.push(`the message does not match ${c.expect.message}: ${said.slice(0, 600)} … ${said.slice(-600)}`);
  if (r.seconds > maxSeconds) problems.push(`took ${r.seconds.toFixed(1)} s, over ${maxSeconds} s`);
  if (c.maxCpuSeconds !== undefined && r.cpuSeconds > c.maxCpuSeconds)
    problems.push(`used ${r.cpuSeconds.toFixed(1)} s of CPU, over ${c.maxCpuSeconds} s`);
  if (r.peakRssMb > (c.maxRssMb ?? 1024)) problems.push(`peak RSS ${r.peakRssMb.toFixed(0)} MB, over ${c.maxRssMb ?? 1024} MB`);
  if (c.expect.exit !== 0 && command !== "verify") {
    const after = snapshot(outDir);
    if (JSON.stringify(after) !== JSON.stringify(before.out)) problems.push("the earlier bundle or the build cache changed");
    const custody = join(caseDir, "custody-log.jsonl");
    if (
      existsSync(custody) &&
      statSync(custody).size !== 0 &&
      before.custody["custody-log.jsonl"] !== snapshot(caseDir)["custody-log.jsonl"]
    ) {
      problems.push("the case's custody log changed");
    }
  }
  if (JSON.stringify(snapshot(outside)) !== JSON.stringify(before.outside)) problems.push("a file outside the case was changed");
  if (c.expect.exit === 0 && c.expect.check) {
    const p = await c.expect.check(outDir);
    if (p) problems.push(p);
  }
  return {
    id: c.id,
    format: c.format,
    probe: Boolean(c.probe),
    exit: r.exit,
    signal: r.signal,
    seconds: r.seconds,
    cpuSeconds: r.cpuSeconds,
    peakRssMb: r.peakRssMb,
    problems,
  };
}

/** Run every case, `limit` at a time; results in the cases' order. */
export async function runAll(cases: readonly HostileCase[], p: Prepared, limit = 3): Promise<HostileResult[]> {
  const results: HostileResult[] = new Array(cases.length);
  let next = 0;
  const worker = async () => {
    while (next < cases.length) {
      const i = next++;
      results[i] = await runCase(cases[i]!, p);
    }
  };
  await Promise.all(Array.from({ length: limit }, worker));
  return results;
}

/** The figures the closing note and the bench quote: counts per format, and each probe case's exit, time and memory. */
export function report(results: readonly HostileResult[]): string {
  const byFormat = new Map<string, { n: number; ok: number }>();
  for (const r of results) {
    const f = byFormat.get(r.format) ?? { n: 0, ok: 0 };
    f.n++;
    if (r.problems.length === 0) f.ok++;
    byFormat.set(r.format, f);
  }
  const lines = [`${results.length} hostile cases, ${results.filter((r) => r.problems.length === 0).length} as promised`];
  for (const [f, c] of [...byFormat].sort()) lines.push(`  ${f}: ${c.ok}/${c.n}`);
  lines.push("probe cases (exit, seconds, CPU seconds, peak RSS MB):");
  // HOSTILE_REPORT=all lists every case so, not only the probe list's
  for (const r of results.filter((x) => x.probe || process.env.HOSTILE_REPORT === "all")) {
    lines.push(
      `  ${r.id}: exit ${r.exit ?? r.signal}, ${r.seconds.toFixed(1)} s, ${r.cpuSeconds.toFixed(1)} s CPU, ${r.peakRssMb.toFixed(0)} MB` +
        `${r.problems.length ? "  FAILS" : ""}`,
    );
  }
  return lines.join("\n");
}

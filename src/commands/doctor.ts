/**
 * `exhibits doctor [<case>]`: whether this machine can build — Chromium (and that it starts headless), qpdf, poppler,
 * tesseract with the languages the case reads, fonts for each script, free disk and memory for the case's size —
 * each check with what was found and how to fix it, and one apt-get command for every package missing. Something
 * required missing is exit 5; the report never changes the machine.
 */
import { lstat, readdir, statfs } from "node:fs/promises";
import { freemem, totalmem } from "node:os";
import { dirname, join, resolve } from "node:path";
import { loadCase } from "../case/index.js";
import { aptCommand, type DoctorCheck } from "./doctor-parse.js";
import { chromiumCheck, fontChecks, headlessCheck, headlessShellCheck, programCheck, tesseractChecks } from "./doctor-probes.js";

export { formatDoctor } from "./doctor-parse.js";
export type { DoctorCheck } from "./doctor-parse.js";

export interface DoctorOptions {
  cwd: string;
  /** A case folder: its OCR languages are checked, and disk and memory against its evidence. */
  caseDir?: string;
  /** The output root whose filesystem the bundle and the build cache go on (default "out"). */
  out?: string;
  env?: NodeJS.ProcessEnv;
}

export interface DoctorReport {
  /** The report's layout (a field is added, never renamed, within one version). */
  format: "exhibits-doctor/1";
  /** No required check is missing. */
  ok: boolean;
  checks: DoctorCheck[];
  /** The ids of required checks that are missing, and of the warnings. */
  missing: string[];
  warnings: string[];
  /** One command that installs every Debian package the checks not ok name, when any does. */
  apt: string | null;
}

const GIB = 1024 ** 3;
/** A build writes the exhibits, the bundle (twice with twins) and its cache: about three times the evidence. */
const DISK_FACTOR = 3;
/** Chromium, sharp and tesseract at once: below this much free memory a large build is slow or killed. */
const MEMORY_FLOOR = 2 * GIB;

const POPPLER = ["pdftotext", "pdftoppm", "pdfimages"];

export async function doctor(opts: DoctorOptions): Promise<DoctorReport> {
  const env = opts.env ?? process.env;
  const loaded = opts.caseDir ? await loadCase(resolve(opts.cwd, opts.caseDir)) : undefined;
  const ocr = loaded?.config.ocr ?? { mode: "auto", languages: ["eng"] };
  const evidenceBytes = loaded ? await treeBytes(join(loaded.dir, "evidence")) : undefined;
  const programs = [
    { id: "qpdf", name: "qpdf", program: "qpdf", args: ["--version"], package: "qpdf", why: "every carried-in PDF is checked with it" },
    ...POPPLER.map((p) => ({
      id: p,
      name: `poppler's ${p}`,
      program: p,
      args: ["-v"],
      package: "poppler-utils",
      why: "PDF pages are read with it",
    })),
  ];
  const checks: DoctorCheck[] = [await chromiumCheck(env)];
  checks.push(await headlessCheck(env));
  const shell = headlessShellCheck(env);
  if (shell) checks.push(shell);
  for (const p of programs) checks.push(await programCheck(p, env));
  checks.push(...(await tesseractChecks(ocr.mode, ocr.languages, env)));
  checks.push(...(await fontChecks(env)));
  checks.push(await diskCheck(resolve(opts.cwd, opts.out ?? "out"), evidenceBytes), memoryCheck(evidenceBytes));
  return {
    format: "exhibits-doctor/1",
    ok: !checks.some((c) => c.status === "missing"),
    checks,
    missing: checks.filter((c) => c.status === "missing").map((c) => c.id),
    warnings: checks.filter((c) => c.status === "warning").map((c) => c.id),
    apt: aptCommand(checks) ?? null,
  };
}

const gib = (n: number) => (n >= GIB ? `${(n / GIB).toFixed(1)} GiB` : `${Math.ceil(n / 1024 ** 2)} MiB`);

/** Free space on the filesystem the output root is (or will be) on: its nearest folder that exists. */
async function diskCheck(outRoot: string, evidenceBytes: number | undefined): Promise<DoctorCheck> {
  let dir = outRoot;
  while (
    !(await lstat(dir)
      .then((s) => s.isDirectory())
      .catch(() => false)) &&
    dirname(dir) !== dir
  )
    dir = dirname(dir);
  const s = await statfs(dir);
  const free = s.bavail * s.bsize;
  const need = evidenceBytes === undefined ? GIB : Math.max(GIB, evidenceBytes * DISK_FACTOR);
  const base = { id: "disk", name: "free disk", required: false, packages: [] };
  const of = evidenceBytes === undefined ? "" : ` for ${gib(evidenceBytes)} of evidence (× ${DISK_FACTOR} for the output and the cache)`;
  if (free >= need) return { ...base, status: "ok", found: { path: dir }, detail: `${gib(free)} free where the output goes (${dir})${of}` };
  return {
    ...base,
    status: "warning",
    found: { path: dir },
    detail: `${gib(free)} free where the output goes (${dir}); a build needs about ${gib(need)}${of}`,
    fix: "free some space, or build with --out on a larger disk",
  };
}

function memoryCheck(evidenceBytes: number | undefined): DoctorCheck {
  const free = freemem();
  const base = { id: "memory", name: "free memory", required: false, packages: [] };
  const of = evidenceBytes === undefined ? "" : ` (the case's evidence is ${gib(evidenceBytes)})`;
  const detail = `${gib(free)} free of ${gib(totalmem())}${of}`;
  if (free >= MEMORY_FLOOR) return { ...base, status: "ok", detail };
  return {
    ...base,
    status: "warning",
    detail: `${detail}: below ${gib(MEMORY_FLOOR)}, a build may be slow or stopped`,
    fix: "close other programs",
  };
}

/** The bytes of the regular files under `dir` (links are not followed: the build does not follow them out either). */
async function treeBytes(dir: string): Promise<number> {
  const entries = await readdir(dir, { withFileTypes: true }).catch(() => []);
  let total = 0;
  for (const e of entries) {
    const p = join(dir, e.name);
    if (e.isDirectory()) total += await treeBytes(p);
    else if (e.isFile()) total += (await lstat(p)).size;
  }
  return total;
}

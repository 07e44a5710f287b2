/**
 * `verify <public-tree> --leaks --sealed <sealed-tree> [--case <dir>]` (wiring only): the leak gate's check added to
 * the public tree's report. The rules are the case's (read from its case.yaml with --case), else the Fed. R. Civ.
 * P. 5.2(a) categories alone; the sealed tree is --sealed, or the sealed/ beside public/ when the folder holding
 * both twins is given.
 */
import { exceptCounsel } from "./leak-gate.js";
import { stat } from "node:fs/promises";
import { join, resolve } from "node:path";
import { loadCase } from "../case/index.js";
import { leakCheck, type VerifyReport } from "../integrity/index.js";
import type { RedactionSettings } from "../model/redaction.js";
import { compileRules } from "../redact/index.js";
import { UsageError } from "../util/errors.js";

export interface LeakOptions {
  cwd: string;
  /** Run the leak gate on the public tree. */
  leaks?: boolean;
  /** The sealed twin's tree (targets are taken from it). */
  sealed?: string;
  /** The case folder whose redaction rules are the targets' rules. */
  caseDir?: string;
}

const isFolder = (p: string) =>
  stat(p).then(
    (s) => s.isDirectory(),
    () => false,
  );

/** Adds the `leaks` check to the public tree's report (the first of `reports`). */
export async function addLeakCheck(opts: LeakOptions, dir: string, twinParent: boolean, reports: VerifyReport[]): Promise<void> {
  if (!opts.leaks) {
    if (opts.sealed !== undefined || opts.caseDir !== undefined) throw new UsageError("--sealed and --case go with --leaks");
    return;
  }
  const publicDir = twinParent ? join(dir, "public") : dir;
  const sealedDir = opts.sealed !== undefined ? resolve(opts.cwd, opts.sealed) : twinParent ? join(dir, "sealed") : undefined;
  if (sealedDir === undefined)
    throw new UsageError("--leaks needs the sealed twin to take its targets from: add --sealed <sealed-tree> (e.g. out/<case-id>/sealed)");
  if (!(await isFolder(sealedDir))) throw new UsageError(`--sealed ${opts.sealed}: not a folder; give the sealed twin's tree`);
  const config = opts.caseDir ? (await loadCase(resolve(opts.cwd, opts.caseDir))).config : undefined;
  const settings: RedactionSettings = config ? config.redaction : { minors: [], patterns: [], streetAddresses: false };
  const rulesFrom = opts.caseDir ? `the rules of ${join(opts.caseDir, "case.yaml")}` : "the Fed. R. Civ. P. 5.2(a) rules (no --case given)";
  // As the build's gate: counsel's own office address, printed on purpose in the notice, is no leak.
  const rules = config ? exceptCounsel(compileRules(settings), config) : compileRules(settings);
  const check = await leakCheck(publicDir, sealedDir, rules, rulesFrom);
  const report = reports[0]!;
  report.checks.push(check);
  report.ok = report.ok && check.ok;
}

/** `exhibits verify <bundle-dir>`: re-hash everything against the manifest, offline; returns the report. */
import { stat } from "node:fs/promises";
import { resolve } from "node:path";
import { verifyBundle, type VerifyReport } from "../integrity/index.js";
import { UsageError } from "../util/errors.js";

export interface VerifyOptions {
  cwd: string;
  target: string;
}

export async function verify(opts: VerifyOptions): Promise<VerifyReport> {
  const dir = resolve(opts.cwd, opts.target);
  const st = await stat(dir).catch(() => undefined);
  if (!st?.isDirectory()) throw new UsageError(`${opts.target}: not a bundle folder; give the folder that holds manifest.json (e.g. out/<case-id>)`);
  return verifyBundle(dir, opts.target);
}

export function formatVerifyReport(r: VerifyReport): string {
  const lines = [`Verifying ${r.bundle}`];
  for (const c of r.checks) {
    lines.push(`${c.ok ? "PASS" : "FAIL"}  ${c.name}: ${c.description}${c.detail ? ` (${c.detail})` : ""}`);
    for (const p of c.problems) lines.push(`        ${p}`);
  }
  const failed = r.checks.filter((c) => !c.ok).length;
  lines.push(failed === 0 ? `All ${r.checks.length} checks passed.` : `${failed} of ${r.checks.length} checks failed.`);
  return lines.join("\n");
}

/**
 * RFC 3161 timestamps of a sealed tree. The manifest is stamped (it lists every input and output hash, so
 * one token covers them all), and, when asked, each exhibit PDF. Each TSA's reply is kept as
 * `timestamps/<n>-<host>[-exhibit-<label>].tsr` (the whole TimeStampResp, as `openssl ts -verify -in`
 * takes it); `timestamps.json` says which TSAs were asked, which answered (genTime, serial, policy, TSA
 * name) and which failed and why; `manifest.json.sha256` gains a line for each of these files. The manifest
 * cannot name what answered about itself, so those facts live beside it.
 */
import { mkdir, readFile, writeFile } from "../util/fs.js";
import { join } from "node:path";
import {
  MANIFEST_DIGEST_FILE,
  MANIFEST_FILE,
  TIMESTAMPS_DIR,
  TIMESTAMPS_FILE,
  type TimestampRecord,
  type TimestampsFile,
} from "../model/manifest.js";
import type { StampResult } from "../pki/index.js";
import { hexOf, sha256Bytes } from "../util/hash.js";

export interface StampTargets {
  tsas: readonly string[];
  /** Exhibit PDFs to stamp too (paths in the tree, with their labels). */
  exhibits: readonly { path: string; label: string }[];
  timeoutMs?: number;
}

function hostOf(url: string): string {
  try {
    return new URL(url).host.replace(/[^A-Za-z0-9.-]+/g, "-");
  } catch {
    return "tsa";
  }
}

export async function stampTree(dir: string, t: StampTargets): Promise<TimestampsFile> {
  const manifest = await readFile(join(dir, MANIFEST_FILE));
  await mkdir(join(dir, TIMESTAMPS_DIR), { recursive: true });
  const records: TimestampRecord[] = [];
  const failures: { tsa: string; subject: string; error: string }[] = [];
  const keep = async (subject: string, suffix: string, results: StampResult[]) => {
    for (const [i, r] of results.entries()) {
      if (!r.ok || !r.response || !r.facts) {
        failures.push({ tsa: r.tsa, subject, error: r.error ?? "no answer" });
        continue;
      }
      const file = `${TIMESTAMPS_DIR}/${String(i + 1).padStart(2, "0")}-${hostOf(r.tsa)}${suffix}.tsr`;
      await writeFile(join(dir, file), r.response);
      records.push({
        subject,
        tsa: r.tsa,
        file,
        sha256: sha256Bytes(r.response),
        genTime: r.facts.genTime,
        serial: r.facts.serial,
        policy: r.facts.policy,
        tsaName: r.facts.tsa,
      });
    }
  };
  const { stampWithAll } = await import("../pki/index.js"); // loaded when used (see pki/index.ts)
  await keep(MANIFEST_FILE, "", await stampWithAll(t.tsas, manifest, t.timeoutMs));
  for (const e of t.exhibits) {
    const bytes = await readFile(join(dir, e.path));
    await keep(e.path, `-exhibit-${e.label.replace(/[^A-Za-z0-9-]+/g, "_")}`, await stampWithAll(t.tsas, bytes, t.timeoutMs));
  }
  const file: TimestampsFile = { version: 1, manifest: sha256Bytes(manifest), asked: [...t.tsas], tokens: records, failures };
  const text = JSON.stringify(file, null, 2) + "\n";
  await writeFile(join(dir, TIMESTAMPS_FILE), text);
  const lines = [
    `${hexOf(sha256Bytes(manifest))}  ${MANIFEST_FILE}`,
    `${hexOf(sha256Bytes(text))}  ${TIMESTAMPS_FILE}`,
    ...records.map((r) => `${hexOf(r.sha256)}  ${r.file}`),
  ];
  await writeFile(join(dir, MANIFEST_DIGEST_FILE), lines.join("\n") + "\n");
  return file;
}

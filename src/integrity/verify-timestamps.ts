/**
 * The `timestamps` check of verify: timestamps.json must describe the manifest as it is, and each token it
 * lists must be present, unchanged, and a valid RFC 3161 token over its subject's bytes (imprint, signature,
 * timeStamping usage; with a CA, a chain to it). A bundle built without a TSA passes and says so.
 */
import { readRegular } from "./bundle-files.js";
import { MANIFEST_FILE, TIMESTAMPS_FILE, type Manifest, type TimestampsFile } from "../model/manifest.js";
import type * as Pki from "../pki/index.js";
import { sha256Bytes } from "../util/hash.js";

export async function checkTimestamps(
  dir: string,
  manifest: Manifest,
  manifestText: string,
  files: Set<string>,
  caPem?: string,
): Promise<{ problems: string[]; detail: string; manifestTokens: string[] }> {
  const problems: string[] = [];
  const asked = manifest.timestamps;
  if (!files.has(TIMESTAMPS_FILE)) {
    if (asked.length) problems.push(`${TIMESTAMPS_FILE}: missing, but the manifest says ${asked.length} TSA(s) were asked`);
    return {
      problems,
      detail: asked.length ? "timestamps missing" : "not timestamped (no TSA configured for this build)",
      manifestTokens: [],
    };
  }
  let text: string;
  try {
    text = (await readRegular(dir, TIMESTAMPS_FILE, 64 << 20)).toString("utf8");
  } catch (e) {
    return { problems: [`${TIMESTAMPS_FILE}: unreadable (${(e as Error).message})`], detail: "unreadable", manifestTokens: [] };
  }
  const { describeProblem, parseJson, timestampsFileSchema } = await import("../schema/records.js"); // zod: loaded when a record is read
  const parsed = parseJson(text, timestampsFileSchema);
  if (!parsed.ok)
    return { problems: parsed.problems.map((p) => `${TIMESTAMPS_FILE}: ${describeProblem(p)}`), detail: "unreadable", manifestTokens: [] };
  const record: TimestampsFile = parsed.value;
  if (record.manifest !== sha256Bytes(manifestText))
    problems.push(`${TIMESTAMPS_FILE}: describes another ${MANIFEST_FILE} (sha256 ${record.manifest.slice(7, 23)}…)`);
  const { certificateFromPem, checkToken, tokenFromResponse } = await import("../pki/index.js"); // loaded when used (see pki/index.ts)
  let roots: ReturnType<typeof Pki.certificateFromPem> | undefined;
  try {
    roots = caPem ? certificateFromPem(caPem) : undefined;
    if (caPem && !roots?.length) problems.push("--ca: no PEM certificate found in the file");
  } catch (e) {
    problems.push(`--ca: ${(e as Error).message}`);
  }
  const good: string[] = [];
  const manifestGood: string[] = [];
  for (const t of record.tokens) {
    if (!files.has(t.file)) {
      problems.push(`${t.file}: listed in ${TIMESTAMPS_FILE} but missing`);
      continue;
    }
    const response = await readRegular(dir, t.file, 1 << 20).catch((e: Error) => e);
    if (response instanceof Error) {
      problems.push(response.message);
      continue;
    }
    if (sha256Bytes(response) !== t.sha256) problems.push(`${t.file}: changed since the build`);
    if (!files.has(t.subject) && t.subject !== MANIFEST_FILE) {
      problems.push(`${t.file}: stamps ${t.subject}, which is missing`);
      continue;
    }
    let token: Uint8Array;
    try {
      token = tokenFromResponse(response);
    } catch (e) {
      problems.push(`${t.file}: ${(e as Error).message}`);
      continue;
    }
    const subject =
      t.subject === MANIFEST_FILE ? Buffer.from(manifestText, "utf8") : await readRegular(dir, t.subject).catch(() => new Uint8Array());
    const check = await checkToken(token, subject, roots);
    for (const p of check.problems) problems.push(`${t.file} (${t.subject}): ${p}`);
    if (check.ok && check.facts) good.push(`${t.subject} by ${check.facts.tsa} at ${check.facts.genTime}`);
    if (check.ok && check.facts && t.subject === MANIFEST_FILE && record.manifest === sha256Bytes(manifestText))
      manifestGood.push(`${check.facts.tsa} at ${check.facts.genTime}`);
  }
  const manifestTokens = record.tokens.filter((t) => t.subject === MANIFEST_FILE).length;
  const trust = roots?.length
    ? "chain checked against the given CA"
    : "signatures checked with each token's own certificate; trust not checked (give --ca <root.pem>)";
  const detail =
    manifestTokens === 0
      ? `built without a timestamp: ${record.failures.map((f) => `${f.tsa}: ${f.error}`).join("; ") || "no TSA answered"}`
      : `${good.length} of ${record.tokens.length} tokens valid: ${good.join("; ")}; ${trust}`;
  return { problems, detail, manifestTokens: manifestGood };
}

/**
 * The `bundle-signature` check of verify: when bundle.pdf carries a signature, it must cover the whole
 * file except the signature itself (nothing appended after signing), and its CMS signature must verify over
 * those bytes; with --ca, the signer's certificate must chain to a given root. An unsigned bundle passes.
 */

import { readSignatures } from "../pdf/index.js";

export async function checkBundleSignature(bytes: Uint8Array, caPem?: string, name = "bundle.pdf"): Promise<{ problems: string[]; detail: string }> {
  let sigs;
  try {
    sigs = await readSignatures(bytes);
  } catch (e) {
    return { problems: [`${name}: cannot be read (${(e as Error).message.split("\n")[0]})`], detail: "unreadable" };
  }
  if (sigs.length === 0) return { problems: [], detail: `${name} is not signed` };
  const problems: string[] = [];
  const signers: string[] = [];
  const { certificateFromPem, checkDetachedSignature } = await import("../pki/index.js"); // loaded when used (see pki/index.ts)
  const roots = caPem ? certificateFromPem(caPem) : undefined;
  for (const s of sigs) {
    const [a, b, c, d] = s.byteRange;
    if (s.byteRange.length !== 4 || a !== 0 || b === undefined || c === undefined || d === undefined || c + d !== bytes.length || c <= b) {
      problems.push(`${name}: the signature's byte range [${s.byteRange.join(" ")}] does not cover the whole file of ${bytes.length} bytes (changed or appended to after signing)`);
      continue;
    }
    const signed = Buffer.concat([bytes.subarray(0, b), bytes.subarray(c, c + d)]);
    let cms = s.contents;
    while (cms.length > 0 && cms[cms.length - 1] === 0) cms = cms.subarray(0, cms.length - 1); // the reserved space's zero padding
    const check = await checkDetachedSignature(cms, signed, roots);
    for (const p of check.problems) problems.push(`${name}: ${p}`);
    if (check.ok) signers.push(`${check.signer ?? s.name ?? "unknown signer"} (${s.subFilter})`);
  }
  const trust = roots?.length ? "chain checked against the given CA" : "trust not checked (give --ca)";
  return { problems, detail: `${signers.length} of ${sigs.length} signatures valid${signers.length ? `: ${signers.join(", ")}` : ""}; ${trust}` };
}

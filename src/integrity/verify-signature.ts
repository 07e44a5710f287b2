/**
 * The `bundle-signature` check of verify: when bundle.pdf carries a signature, it must cover the whole
 * file except the signature itself (nothing appended after signing), and its CMS signature must verify over
 * those bytes; with --ca, the signer's certificate must chain to a given root. An unsigned bundle passes.
 */

import { readSignatures } from "../pdf/index.js";

export async function checkBundleSignature(
  bytes: Uint8Array,
  caPem?: string,
  name = "bundle.pdf",
): Promise<{ problems: string[]; detail: string; signers: string[] }> {
  let sigs: Awaited<ReturnType<typeof readSignatures>>;
  try {
    sigs = await readSignatures(bytes);
  } catch (e) {
    return { problems: [`${name}: cannot be read (${(e as Error).message.split("\n")[0]})`], detail: "unreadable", signers: [] };
  }
  if (sigs.length === 0) return { problems: [], detail: `${name} is not signed`, signers: [] };
  const problems: string[] = [];
  const signers: string[] = [];
  const { certificateFromPem, checkDetachedSignature } = await import("../pki/index.js"); // loaded when used (see pki/index.ts)
  const roots = caPem ? certificateFromPem(caPem) : undefined;
  for (const s of sigs) {
    const [a, b, c, d] = s.byteRange;
    if (s.byteRange.length !== 4 || a !== 0 || b === undefined || c === undefined || d === undefined || c + d !== bytes.length || c <= b) {
      problems.push(
        `${name}: the signature's byte range [${s.byteRange.join(" ")}] does not cover the whole file of ${bytes.length} bytes ` +
          `(changed or appended to after signing)`,
      );
      continue;
    }
    const signed = Buffer.concat([bytes.subarray(0, b), bytes.subarray(c, c + d)]);
    const check = await checkDetachedSignature(signatureDer(s.contents), signed, roots);
    for (const p of check.problems) problems.push(`${name}: ${p}`);
    if (check.ok) signers.push(`${check.signer ?? s.name ?? "unknown signer"} (${s.subFilter})`);
  }
  const trust = roots?.length ? "chain checked against the given CA" : "trust not checked (give --ca)";
  return {
    problems,
    signers,
    detail: `${signers.length} of ${sigs.length} signatures valid${signers.length ? `: ${signers.join(", ")}` : ""}; ${trust}`,
  };
}

/**
 * The CMS signature in a signature's /Contents, without the zero padding of the space reserved for it: as long as
 * its DER header says. (Dropping trailing zero bytes instead cut every signature whose own last byte is zero: the
 * RSA value ends the DER, so 1 signature in 256.) Anything that is not a DER SEQUENCE is left for the parser to refuse.
 */
export function signatureDer(contents: Uint8Array): Uint8Array {
  if (contents.length < 2 || contents[0] !== 0x30) return contents;
  const first = contents[1]!;
  if (first < 0x80) return contents.subarray(0, 2 + first);
  const n = first & 0x7f;
  if (n === 0 || n > 4 || contents.length < 2 + n) return contents;
  let length = 0;
  for (let i = 0; i < n; i++) length = length * 256 + contents[2 + i]!;
  return contents.subarray(0, Math.min(contents.length, 2 + n + length));
}

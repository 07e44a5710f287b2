/**
 * What anchors a bundle's manifest or a lone exhibit outside the files themselves, said plainly in verify's report.
 * Hashes only prove the files agree with one another: whoever can rewrite an exhibit can rewrite manifest.json and
 * its .sha256 to match. Only an RFC 3161 token (a TSA's signature over the manifest's or the exhibit's hash) or the
 * bundle signature is out of that person's reach; when none verified, the report says that nothing anchors it, and
 * `--require-anchor` fails.
 */
import { dirname, join } from "node:path";
import { MANIFEST_FILE, TIMESTAMPS_FILE } from "../model/manifest.js";
import { readRegular } from "./bundle-files.js";

export const UNANCHORED =
  "an attacker who rewrites the manifest and its .sha256 consistently would not be detected (no RFC 3161 timestamp token, " +
  "no bundle signature)";

/** The bundle's anchors: the manifest tokens that verified, and the bundle signatures that verified. */
export function bundleAnchor(manifestTokens: readonly string[], signers: readonly string[]): { anchored: boolean; detail: string } {
  const said: string[] = [];
  if (manifestTokens.length)
    said.push(`manifest.json is anchored by ${manifestTokens.length} RFC 3161 token(s): ${manifestTokens.join("; ")}`);
  if (signers.length)
    said.push(
      `bundle.pdf is signed by ${signers.join(", ")} (the signature anchors bundle.pdf itself` +
        `${manifestTokens.length ? "" : "; manifest.json and the separate files have no timestamp token"})`,
    );
  if (!said.length) return { anchored: false, detail: `nothing anchors manifest.json: ${UNANCHORED}` };
  return { anchored: true, detail: said.join("; ") };
}

export interface ExhibitAnchorInput {
  /** The manifest given with --manifest (its path as resolved, and its text), when one was. */
  manifest?: { path: string; text: string };
  /** The exhibit's entry path in that manifest, when its hash matched. */
  matchedPath?: string;
  /** The PDF's bytes. */
  bytes: Uint8Array;
}

/**
 * A lone exhibit's anchors: the manifest it matched (and that manifest's own tokens), and its own RFC 3161 token
 * (a bundle built with `timestamp.exhibits` keeps one per exhibit beside the manifest).
 */
export async function exhibitAnchor(input: ExhibitAnchorInput): Promise<{ anchored: boolean; detail: string; problems: string[] }> {
  const alone =
    "nothing anchors this PDF alone: its pages, provenance record and attachments are checked against one another, and a PDF " +
    "rewritten whole with all of them made consistent (its recorded body digest too) would pass. Give --manifest " +
    "<bundle>/manifest.json (anchored by the bundle's timestamp token) to check it against its bundle";
  if (!input.manifest || !input.matchedPath) return { anchored: false, detail: alone, problems: [] };
  const dir = dirname(input.manifest.path);
  const problems: string[] = [];
  const said = [`the given manifest records this file's SHA-256 as ${input.matchedPath}`];
  let tokens = 0;
  const text = await readRegular(dir, TIMESTAMPS_FILE, 64 << 20).catch(() => undefined);
  if (text) {
    const { parseJson, timestampsFileSchema } = await import("../schema/records.js");
    const { checkToken, tokenFromResponse } = await import("../pki/index.js");
    const parsed = parseJson(text.toString("utf8"), timestampsFileSchema);
    for (const t of parsed.ok ? parsed.value.tokens : []) {
      if (t.subject !== MANIFEST_FILE && t.subject !== input.matchedPath) continue;
      const response = await readRegular(dir, t.file, 1 << 20).catch(() => undefined);
      if (!response) continue;
      try {
        const subject = t.subject === MANIFEST_FILE ? Buffer.from(input.manifest.text, "utf8") : input.bytes;
        const check = await checkToken(tokenFromResponse(response), subject);
        if (check.ok && check.facts) {
          tokens++;
          said.push(
            `${t.subject === MANIFEST_FILE ? "the manifest's" : "its own"} RFC 3161 token ${t.file} ` +
              `(${check.facts.tsa} at ${check.facts.genTime})`,
          );
        } else problems.push(`${join(dir, t.file)}: ${check.problems.join("; ")}`);
      } catch (e) {
        problems.push(`${join(dir, t.file)}: ${(e as Error).message}`);
      }
    }
  }
  if (tokens === 0)
    return {
      anchored: false,
      detail: `${said[0]}, but no timestamp token verified for it or for the manifest: ${UNANCHORED}`,
      problems,
    };
  return { anchored: true, detail: said.join("; "), problems };
}

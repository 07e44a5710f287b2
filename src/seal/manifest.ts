/**
 * manifest.json: written last, after every output it lists, plus manifest.json.sha256 beside it
 * (`sha256sum -c` format). JSON with a fixed key order and sorted lists, so the same build gives the same bytes.
 */
import { writeFile } from "../util/fs.js";
import { join } from "node:path";
import type { StoredFile } from "../model/digest.js";
import { MANIFEST_DIGEST_FILE, MANIFEST_FILE, type Manifest } from "../model/manifest.js";
import { hexOf, sha256Bytes } from "../util/hash.js";
import { byPath } from "../util/stored-files.js";
export { caseDigest, digestLines } from "../util/stored-files.js";

export function serializeManifest(m: Manifest): string {
  return JSON.stringify(m, null, 2) + "\n";
}

export async function writeManifest(dir: string, m: Manifest): Promise<StoredFile> {
  const text = serializeManifest({ ...m, inputs: sortFiles(m.inputs), outputs: sortFiles(m.outputs) });
  const sha256 = sha256Bytes(text);
  await writeFile(join(dir, MANIFEST_FILE), text);
  await writeFile(join(dir, MANIFEST_DIGEST_FILE), `${hexOf(sha256)}  ${MANIFEST_FILE}\n`);
  return { path: MANIFEST_FILE, bytes: Buffer.byteLength(text), sha256 };
}

function sortFiles(files: StoredFile[]): StoredFile[] {
  return [...files].sort((a, b) => byPath(a.path, b.path));
}

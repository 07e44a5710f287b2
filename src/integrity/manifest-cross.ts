/**
 * What the manifest's schema cannot say about one field alone: the files its exhibits (and their natives) and bundle name are among its
 * outputs with the same size and SHA-256 (else an exhibit could name a file no hash check covers), no output is
 * listed twice, and exhibits' numbers and labels are unique. Each problem names the field path.
 */
import type { Manifest } from "../model/manifest.js";
import type { StoredFile } from "../model/digest.js";

export function manifestCrossProblems(m: Manifest): string[] {
  const problems: string[] = [];
  const outputs = new Map<string, StoredFile>();
  m.outputs.forEach((f, i) => {
    if (outputs.has(f.path)) problems.push(`outputs[${i}].path: ${f.path} is listed twice`);
    outputs.set(f.path, f);
  });
  const listed = (field: string, f: StoredFile) => {
    const o = outputs.get(f.path);
    if (!o) problems.push(`${field}.path: ${f.path} is not among the manifest's outputs`);
    else if (o.sha256 !== f.sha256 || o.bytes !== f.bytes) problems.push(`${field}: ${f.path} differs from its entry in outputs`);
  };
  const numbers = new Set<number>();
  const labels = new Set<string>();
  m.exhibits.forEach((e, i) => {
    if (numbers.has(e.number)) problems.push(`exhibits[${i}].number: ${e.number} is used twice`);
    if (labels.has(e.label)) problems.push(`exhibits[${i}].label: ${e.label} is used twice`);
    numbers.add(e.number);
    labels.add(e.label);
    listed(`exhibits[${i}].file`, e.file);
    if (e.volumes && e.volumes.length < 2) problems.push(`exhibits[${i}].volumes: a split exhibit has at least 2 parts`);
    for (const [k, v] of (e.volumes ?? []).entries()) listed(`exhibits[${i}].volumes[${k}].file`, v.file);
    for (const [k, n] of (e.natives ?? []).entries()) listed(`exhibits[${i}].natives[${k}]`, n);
  });
  listed("bundle.file", m.bundle.file);
  if (m.bundle.volumes && m.bundle.volumes.length < 2) problems.push("bundle.volumes: a split bundle has at least 2 parts");
  for (const [k, v] of (m.bundle.volumes ?? []).entries()) listed(`bundle.volumes[${k}].file`, v.file);
  if (m.bates.digits > 18) problems.push(`bates.digits: ${m.bates.digits} digits; a Bates number has at most 18`);
  return problems;
}

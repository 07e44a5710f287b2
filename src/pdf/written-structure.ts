/**
 * Is a PDF still the one revision this tool wrote (join-parts.ts): a header, the objects one after another, one
 * classic cross-reference table listing each, one trailer without /Prev, startxref, %%EOF — every byte accounted
 * for? An incremental update (a second revision appended: an editor's save, a page blacked out, a script added), an
 * object slipped in between others, or bytes after the end each break that, and the problem says which. A file
 * rewritten whole by another program fails too, unless it keeps exactly that layout.
 */
import { PDFName, PDFRawStream, PDFRef, PDFStream, type PDFDocument } from "pdf-lib";

const latin1 = (b: Buffer, from: number, to: number) => b.toString("latin1", from, Math.min(to, b.length));
const isSpace = (c: number | undefined) => c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09 || c === 0x0c || c === 0x00;

/** Where the object at `at` ends (just after `endobj`), using pdf-lib's parse for a stream's length; -1 if it does not. */
function objectEnd(buf: Buffer, at: number, limit: number, obj: unknown): number {
  if (obj instanceof PDFStream) {
    const length = obj instanceof PDFRawStream ? obj.contents.length : obj.getContentsSize();
    for (let s = buf.indexOf("stream", at, "latin1"); s !== -1 && s < limit; s = buf.indexOf("stream", s + 6, "latin1")) {
      let data = s + 6;
      if (buf[data] === 0x0d) data++;
      if (buf[data] !== 0x0a && buf[data - 1] !== 0x0d) continue;
      if (buf[data] === 0x0a) data++;
      const m = /^\r?\n?endstream\s*endobj/.exec(latin1(buf, data + length, data + length + 40));
      if (m) return data + length + m[0].length;
    }
    return -1;
  }
  const e = buf.indexOf("endobj", at, "latin1");
  return e === -1 || e >= limit ? -1 : e + 6;
}

export interface WrittenStructure {
  /** What is not as this tool writes a PDF (empty when the file is its one revision, every byte accounted for). */
  problems: string[];
  /** Object number → offset, from the cross-reference table (when it could be read). */
  offsets: Map<number, number>;
}

export function writtenStructure(bytes: Uint8Array, doc: PDFDocument): WrittenStructure {
  const offsets = new Map<number, number>();
  const problems = structureProblems(bytes, doc, offsets);
  return { problems, offsets };
}

function structureProblems(bytes: Uint8Array, doc: PDFDocument, offsets: Map<number, number>): string[] {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const tail = latin1(buf, Math.max(0, buf.length - 64), buf.length);
  const end = /startxref\s+(\d+)\s+%%EOF\r?\n?$/.exec(tail);
  if (!end) return ["it does not end with 'startxref … %%EOF' as written: bytes were appended after its end"];
  const xrefAt = Number(end[1]);
  const startxrefAt = buf.length - tail.length + end.index;
  if (latin1(buf, xrefAt, xrefAt + 4) !== "xref")
    return [`its cross-reference (byte ${xrefAt}) is not the table this tool writes: the file was rewritten by another program`];
  const section = latin1(buf, xrefAt, startxrefAt);
  const trailerAt = section.indexOf("trailer");
  const trailer = trailerAt === -1 ? "" : section.slice(trailerAt);
  if (/\/Prev\b/.test(trailer))
    return ["an incremental update: a later revision was appended (its trailer points back with /Prev); this tool writes one revision"];
  const head = /^xref\r?\n0 (\d+)\r?\n/.exec(section);
  if (!head) return ["its cross-reference table is not in one section from object 0: it was edited"];
  const problems: string[] = [];
  if (/\/XRefStm\b|\/Encrypt\b/.test(trailer)) problems.push("its trailer has /XRefStm or /Encrypt, which this tool never writes");
  const size = Number(head[1]);
  const entries = section.slice(head[0].length, trailerAt).match(/\d{10} \d{5} [nf]/g) ?? [];
  if (entries.length !== size) problems.push(`its cross-reference table lists ${entries.length} entries, its header says ${size}`);
  const inUse: { num: number; gen: number; at: number }[] = [];
  entries.forEach((e, num) => {
    if (!e.endsWith("n")) return;
    inUse.push({ num, gen: Number(e.slice(11, 16)), at: Number(e.slice(0, 10)) });
    offsets.set(num, Number(e.slice(0, 10)));
  });
  inUse.sort((a, b) => a.at - b.at);
  const first = inUse[0]?.at ?? xrefAt;
  if (!/^%PDF-\d\.\d[\r\n]+(%[^\r\n]*[\r\n]+)?$/.test(latin1(buf, 0, first)))
    problems.push("the bytes before its first object are not a PDF header alone: something was inserted");
  const defined = new Set<string>();
  for (const [i, o] of inUse.entries()) {
    const next = inUse[i + 1]?.at ?? xrefAt;
    const label = `object ${o.num}`;
    if (!latin1(buf, o.at, o.at + 24).startsWith(`${o.num} ${o.gen} obj`)) {
      problems.push(`${label}: not found where the cross-reference table says (byte ${o.at}): the file was edited`);
      continue;
    }
    const obj = doc.context.lookup(PDFRef.of(o.num, o.gen));
    const stop = objectEnd(buf, o.at, next, obj);
    if (stop === -1) problems.push(`${label}: does not end before the next object: the file was edited`);
    else
      for (let k = stop; k < next; k++)
        if (!isSpace(buf[k])) {
          problems.push(`bytes ${stop}–${next} after ${label} are not accounted for by the cross-reference table: something was inserted`);
          break;
        }
    defined.add(`${o.num} ${o.gen}`);
    if (obj instanceof PDFStream) {
      const type = obj.dict.get(PDFName.of("Type"));
      if (type === PDFName.of("ObjStm") || type === PDFName.of("XRef"))
        problems.push(`${label}: an object or cross-reference stream, which this tool never writes`);
    } else if (obj === undefined) problems.push(`${label}: listed but unreadable`);
  }
  for (const [ref] of doc.context.enumerateIndirectObjects())
    if (!defined.has(`${ref.objectNumber} ${ref.generationNumber}`))
      problems.push(`object ${ref.objectNumber}: defined in the file but not in its cross-reference table (hidden)`);
  return problems;
}

/**
 * The entries of a zip file (an XLSX workbook, or any zip the gate meets), read through its central directory
 * for the leak gate. Bounded: at most MAX_ENTRIES entries, each inflated to at most MAX_ENTRY_BYTES; an entry
 * stored with another method, encrypted, or cut short is named with its problem, never guessed at.
 */
import { inflateRawSync } from "node:zlib";

export interface ZipEntry {
  name: string;
  data?: Uint8Array;
  problem?: string;
}

const MAX_ENTRIES = 100_000;
export const MAX_ENTRY_BYTES = 256 * 1024 * 1024;
const CENTRAL = 0x02014b50;
const END = 0x06054b50;

export function isZip(bytes: Uint8Array): boolean {
  return bytes.length >= 4 && bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 3 && bytes[3] === 4;
}

/** The entries of a zip; throws when it has no readable central directory. */
export function zipEntries(bytes: Uint8Array): ZipEntry[] {
  const zip = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let end = -1;
  for (let at = zip.length - 22; at >= Math.max(0, zip.length - 22 - 0xffff); at--)
    if (zip.readUInt32LE(at) === END) {
      end = at;
      break;
    }
  if (end < 0) throw new Error("it has no zip central directory");
  const count = zip.readUInt16LE(end + 10);
  let at = zip.readUInt32LE(end + 16);
  const entries: ZipEntry[] = [];
  for (let i = 0; i < Math.min(count, MAX_ENTRIES); i++) {
    if (at + 46 > zip.length || zip.readUInt32LE(at) !== CENTRAL) throw new Error(`its central directory is cut short at entry ${i + 1}`);
    const flags = zip.readUInt16LE(at + 8);
    const method = zip.readUInt16LE(at + 10);
    const size = zip.readUInt32LE(at + 20);
    const [nameLen, extraLen, commentLen] = [zip.readUInt16LE(at + 28), zip.readUInt16LE(at + 30), zip.readUInt16LE(at + 32)];
    const local = zip.readUInt32LE(at + 42);
    const name = zip.subarray(at + 46, at + 46 + nameLen).toString("utf8");
    at += 46 + nameLen + extraLen + commentLen;
    if (name.endsWith("/")) continue;
    const entry: ZipEntry = { name };
    entries.push(entry);
    if (flags & 1) {
      entry.problem = "it is encrypted";
      continue;
    }
    if (local + 30 > zip.length) {
      entry.problem = "its data lies outside the file";
      continue;
    }
    const dataAt = local + 30 + zip.readUInt16LE(local + 26) + zip.readUInt16LE(local + 28);
    const data = zip.subarray(dataAt, dataAt + size);
    if (data.length < size) entry.problem = "its data is cut short";
    else if (method === 0) entry.data = data;
    else if (method === 8) {
      try {
        entry.data = inflateRawSync(data, { maxOutputLength: MAX_ENTRY_BYTES });
      } catch (e) {
        entry.problem = `it cannot be inflated (${(e as Error).message})`;
      }
    } else entry.problem = `it is stored with compression method ${method}, which is not read`;
  }
  return entries;
}

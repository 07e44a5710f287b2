/**
 * Opening a file the user gave (case.yaml, evidence, sidecars, the custody log): only a regular file is read — a
 * FIFO, device or socket is refused without waiting on it (opened non-blocking), a folder is named as one — and a
 * size bound, when given, is checked on the open file before a byte is read. Refusals are InvalidInputErrors naming
 * the file as the user knows it.
 */
import { closeSync, constants, fstatSync, openSync, readSync, type Stats } from "node:fs";
import { InvalidInputError } from "./errors.js";

/** A size as a message gives it: "10.0 MB", "256 KB", "12 bytes". */
export function describeBytes(n: number): string {
  if (n >= 1 << 20) return `${(n / (1 << 20)).toFixed(n % (1 << 20) === 0 ? 0 : 1)} MB`;
  if (n >= 1 << 10) return `${Math.round(n / (1 << 10))} KB`;
  return `${n} bytes`;
}

/** What a file system entry is, in words, when it is not a regular file. */
export function entryKind(s: Stats): string {
  if (s.isDirectory()) return "a folder";
  if (s.isFIFO()) return "a FIFO (named pipe)";
  if (s.isCharacterDevice() || s.isBlockDevice()) return "a device";
  if (s.isSocket()) return "a socket";
  if (s.isSymbolicLink()) return "a symbolic link";
  return "not a regular file";
}

export function notRegularMessage(s: Stats): string {
  return `is ${entryKind(s)}, not a regular file; only ordinary files inside the case folder are read`;
}

export interface InputFileOptions {
  /** Refuse a file over this many bytes (checked before reading). */
  maxBytes?: number;
  /** Why the bound: "case.yaml", "a sidecar" (for the message). */
  boundOf?: string;
  /** Refuse a symbolic link at `path` itself (for files the case folder must hold directly). */
  noFollow?: boolean;
  /** Read only the first this many bytes (sniffing a format). */
  limit?: number;
}

/** The bytes of the regular file at `path`; `shown` names it in a refusal. A missing file throws the usual ENOENT. */
export function readInputFile(path: string, shown: string, opts: InputFileOptions = {}): Buffer {
  let fd: number;
  try {
    fd = openSync(path, constants.O_RDONLY | constants.O_NONBLOCK | (opts.noFollow ? constants.O_NOFOLLOW : 0));
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === "ELOOP") throw new InvalidInputError({ file: shown }, "is a symbolic link; it must be the file itself");
    if (code === "ENXIO") throw new InvalidInputError({ file: shown }, "is a socket or device, not a regular file");
    throw e;
  }
  try {
    const s = fstatSync(fd);
    if (!s.isFile()) throw new InvalidInputError({ file: shown }, notRegularMessage(s));
    if (opts.maxBytes !== undefined && s.size > opts.maxBytes) {
      const bound = `${describeBytes(opts.maxBytes)} bound${opts.boundOf ? ` for ${opts.boundOf}` : ""}`;
      throw new InvalidInputError(
        { file: shown },
        `is ${describeBytes(s.size)}, over the ${bound}; check that the right file is named here`,
      );
    }
    const want = Math.min(s.size, opts.limit ?? Number.POSITIVE_INFINITY);
    const data = Buffer.allocUnsafe(want);
    let at = 0;
    while (at < want) {
      const n = readSync(fd, data, at, want - at, at);
      if (n === 0) break; // shrank while read: what is there is what is read (its hash says so)
      at += n;
    }
    return at === want ? data : data.subarray(0, at);
  } finally {
    closeSync(fd);
  }
}

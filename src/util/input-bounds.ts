/**
 * The one way an input file is read: its size is checked by stat before a byte is read, against the bound of what
 * it is (README "Bounds"), so a 3 GB file is refused at once instead of read into memory; only a regular file is
 * opened (never a FIFO or device: opening one could wait for ever), and the open file is checked again (fstat), so
 * what was measured is what is read. Used by intake for every evidence file, sidecar, capture file and attachment.
 */
import * as fs from "node:fs";
import { InvalidInputError } from "./errors.js";
import { notRegularMessage, readInputFile } from "./input-file.js";

const MiB = 1024 * 1024;

/** Size bounds by what an input is (bytes). An input over its bound is refused, naming it and the bound. */
export const INPUT_BYTES = {
  /** Any evidence file, before its content says what it is. */
  evidence: 1024 * MiB,
  /** A carried-in PDF document. */
  pdf: 512 * MiB,
  /** A PNG, JPEG or WebP image. */
  image: 512 * MiB,
  /** A text export: chat (WhatsApp, CSV), purchase CSV, PayPal activity. */
  text: 256 * MiB,
  /** A JSON export (Meta thread, purchases JSON): parsed whole, so held smaller. */
  json: 64 * MiB,
  /** An email (.eml). */
  email: 64 * MiB,
  /** A metadata sidecar, capture.json or another small record. */
  record: 4 * MiB,
} as const;

/** "512 MB" for a bound in bytes (binary megabytes, as `ls -h` shows them). */
export function shownBytes(n: number): string {
  if (n >= 1024 * MiB) return `${n / (1024 * MiB)} GB`;
  if (n >= MiB) return `${Math.round(n / MiB)} MB`;
  return n >= 1024 ? `${Math.round(n / 1024)} KB` : `${n}-byte`;
}

/** The problem of a file of `size` bytes over `bound`, or undefined when it is within it. */
export function overBound(size: number, bound: number, what: string): string | undefined {
  if (size <= bound) return undefined;
  const is = `is ${size.toLocaleString("en-US")} bytes`;
  return `${is}, over the ${shownBytes(bound)} bound for ${what}; it is not read (split or export it smaller)`;
}

/**
 * Stat `abs` (following a link the caller already checked) and refuse anything that is not a regular file or is
 * larger than `bound`. Returns the file's size.
 */
export function checkInput(abs: string, shown: string, bound: number, what: string): number {
  let st: fs.Stats;
  try {
    st = fs.statSync(abs);
  } catch (e) {
    throw new InvalidInputError({ file: shown }, `cannot be read (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
  }
  if (!st.isFile()) throw new InvalidInputError({ file: shown }, notRegularMessage(st));
  const over = overBound(st.size, bound, what);
  if (over) throw new InvalidInputError({ file: shown }, over);
  return st.size;
}

/** The first `n` bytes of a file (for sniffing its content); the file is checked as checkInput does. */
export function readInputHead(abs: string, shown: string, n: number, bound: number, what: string): Buffer {
  return readChecked(abs, shown, bound, what, n);
}

/** The whole of a file within `bound` bytes (checked before and after it is opened). */
export function readInput(abs: string, shown: string, bound: number, what: string): Buffer {
  return readChecked(abs, shown, bound, what, Number.POSITIVE_INFINITY);
}

function readChecked(abs: string, shown: string, bound: number, what: string, limit: number): Buffer {
  checkInput(abs, shown, bound, what);
  // Opened as input-file opens every input (non-blocking, checked again on the open file, the bound again).
  return readInputFile(abs, shown, { maxBytes: bound, boundOf: what, limit });
}

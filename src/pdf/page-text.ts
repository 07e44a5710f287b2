/**
 * The text of each page of a PDF as a reader's copy or search gets it, read by poppler's pdftotext: visible
 * text, invisible text layers (OCR words, capture text) and text in form XObjects alike. Used by the leak gate
 * (leaks/). Bounded in time and output; a file poppler cannot read is an error naming what poppler said.
 */
import { execFile } from "node:child_process";
import { EnvironmentError } from "../util/errors.js";
import { ownChild } from "../util/interrupt.js";

/** pdftotext's output for one file is never near this; a larger one is refused. */
const MAX_OUTPUT = 512 * 1024 * 1024;

/** Seconds pdftotext may take on one file: a base, and more per MB of PDF. */
const BASE_SECONDS = 30;
const SECONDS_PER_MB = 2;

/** What pdftotext could not do with a file (its own words). */
export class PageTextError extends Error {}

/**
 * Each page's text (index 0 is page 1), from a file on disk or from bytes piped in (an attachment).
 * Throws EnvironmentError when pdftotext is not installed, PageTextError when it fails on the file.
 */
export function pdfPageTexts(input: { path: string; bytes?: undefined } | { bytes: Uint8Array; path?: undefined }, size: number) {
  const timeout = (BASE_SECONDS + Math.ceil(size / (1 << 20)) * SECONDS_PER_MB) * 1000;
  return new Promise<string[]>((resolve, reject) => {
    const child = execFile(
      "pdftotext",
      ["-enc", "UTF-8", input.path ?? "-", "-"],
      { maxBuffer: MAX_OUTPUT, encoding: "utf8", timeout, killSignal: "SIGKILL" },
      (error, stdout, stderr) => {
        if (error) {
          const e = error as NodeJS.ErrnoException & { killed?: boolean };
          if (e.code === "ENOENT")
            return reject(new EnvironmentError("the leak gate reads PDF text with pdftotext: sudo apt-get install poppler-utils"));
          if (e.killed) return reject(new PageTextError(`pdftotext did not finish within ${timeout / 1000} s`));
          const said = stderr.trim().split("\n").pop() ?? "";
          return reject(new PageTextError(`pdftotext could not read it${said ? ` (${said})` : ""}`));
        }
        const pages = stdout.split("\f");
        if (pages.length > 1 && pages[pages.length - 1] === "") pages.pop();
        resolve(pages);
      },
    );
    ownChild(child);
    if (input.bytes) {
      child.stdin?.on("error", () => undefined); // pdftotext may stop reading early; its exit says why
      child.stdin?.end(input.bytes);
    }
  });
}

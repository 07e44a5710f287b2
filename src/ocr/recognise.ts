/**
 * One tesseract process per band: a grey PGM on stdin, TSV on stdout. Every setting the words depend on is pinned
 * here (and is part of the cache key, through OCR_SETTINGS): one thread per process (OMP_THREAD_LIMIT=1: tesseract's
 * own threading is slower on a busy machine, and a pool of single-threaded processes keeps every core busy), the
 * LSTM engine, automatic page segmentation, no inverted-text retry, a fixed resolution.
 */
import { spawn } from "node:child_process";
import type { Tesseract } from "./engine.js";
import { ownChild } from "../util/interrupt.js";

export const OCR_SETTINGS = {
  /** LSTM only. */
  oem: 1,
  /** Fully automatic page segmentation without orientation detection. */
  psm: 3,
  /** Tesseract 5 retries low-confidence lines inverted (white on black); off: screenshots are dark on light. */
  invert: 0,
  /** The resolution the raster is declared at (screenshots have none; tesseract would guess). */
  dpi: 144,
  /** Text is recognised best at 20–40 px cap height: pages narrower than this many pixels are upscaled 2×. */
  upscaleBelowWidth: 2000,
  /** Band height in page rows, how far from it a blank row is looked for, and the overlap when there is none. */
  bandRows: 1500,
  bandSearch: 250,
  bandOverlap: 100,
  /** A scanned PDF page is rasterised at this resolution. */
  pdfDpi: 300,
} as const;

/** Upscaling factor for a page this many pixels wide. */
export function ocrScale(width: number): number {
  return width < OCR_SETTINGS.upscaleBelowWidth ? 2 : 1;
}

/** A grey raster as a binary PGM (P5): what tesseract reads from stdin cheapest. */
export function toPgm(width: number, height: number, data: Uint8Array): Buffer {
  return Buffer.concat([Buffer.from(`P5\n${width} ${height}\n255\n`, "latin1"), data]);
}

export class OcrFailedError extends Error {}

/** Run tesseract on one PGM; resolves with its TSV. */
export function runTesseract(engine: Tesseract, languages: readonly string[], pgm: Buffer, timeoutMs = 600_000): Promise<string> {
  const args = [
    "stdin",
    "stdout",
    "--oem",
    String(OCR_SETTINGS.oem),
    "--psm",
    String(OCR_SETTINGS.psm),
    "--dpi",
    String(OCR_SETTINGS.dpi),
    "-l",
    languages.join("+"),
    "-c",
    `tessedit_do_invert=${OCR_SETTINGS.invert}`,
    "tsv",
  ];
  return new Promise((resolve, reject) => {
    const child = ownChild(
      spawn(engine.path, args, {
        env: { ...process.env, OMP_THREAD_LIMIT: "1", LC_ALL: "C" },
        stdio: ["pipe", "pipe", "pipe"],
      }),
    );
    const out: Buffer[] = [];
    let err = "";
    const timer = setTimeout(() => child.kill("SIGKILL"), timeoutMs);
    child.stdout.on("data", (b: Buffer) => out.push(b));
    child.stderr.on("data", (b: Buffer) => {
      if (err.length < 4000) err += b.toString("utf8");
    });
    child.on("error", (e) => {
      clearTimeout(timer);
      reject(new OcrFailedError(`tesseract did not start: ${e.message}`));
    });
    child.on("close", (code, signal) => {
      clearTimeout(timer);
      if (code === 0) resolve(Buffer.concat(out).toString("utf8"));
      else {
        const why = signal ? `was stopped (${signal}${signal === "SIGKILL" ? ", over its time limit" : ""})` : `exited ${code}`;
        reject(new OcrFailedError(`tesseract ${why}: ${lastLines(err)}`));
      }
    });
    child.stdin.on("error", () => undefined); // a tesseract that dies early closes its stdin: its exit code says why
    child.stdin.end(pgm);
  });
}

function lastLines(s: string): string {
  return s.trim().split("\n").slice(-2).join(" ").slice(0, 300) || "no message";
}

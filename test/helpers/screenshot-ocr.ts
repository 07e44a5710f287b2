/** What tesseract reads in the top of a capture's screenshot (where each test page of the site has its heading). */
import { spawnSync } from "node:child_process";
import sharp from "sharp";
import { expect } from "vitest";

export async function headingText(png: Buffer): Promise<string> {
  const { width } = await sharp(png).metadata();
  const top = await sharp(png).extract({ left: 0, top: 0, width: width!, height: 160 }).png().toBuffer();
  const r = spawnSync("tesseract", ["stdin", "stdout"], { input: top, encoding: "buffer", timeout: 60_000 });
  expect(r.status, String(r.stderr)).toBe(0);
  return r.stdout.toString("utf8");
}

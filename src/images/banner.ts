/**
 * A copy of a capture's screenshot with a strip above it stating the URL and the capture time, the way a
 * printout carries its header. The strip is added above the page (no page pixel is covered); the clean
 * screenshot stays beside the copy as the original.
 */
import { loadSharp } from "./sharp.js";
import { MAX_PIXELS } from "./limits.js";

export const BANNER_HEIGHT = 58;

function escapeXml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

function fit(text: string, maxChars: number): string {
  return text.length <= maxChars ? text : `${text.slice(0, Math.max(1, maxChars - 1))}…`;
}

export async function addBanner(png: Uint8Array, lines: [string, string]): Promise<{ png: Buffer; height: number }> {
  const sharp = await loadSharp();
  const image = sharp(png, { limitInputPixels: MAX_PIXELS, failOn: "error" });
  const { width } = await image.metadata();
  if (!width) throw new Error("screenshot has no width");
  const chars = Math.floor((width - 24) / 7.6);
  const svg = Buffer.from(
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${BANNER_HEIGHT}">` +
      `<rect width="100%" height="100%" fill="#fff8d6"/><rect y="${BANNER_HEIGHT - 2}" width="100%" height="2" fill="#8a6d00"/>` +
      `<text x="12" y="23" font-family="Liberation Mono, DejaVu Sans Mono, monospace" font-size="14" font-weight="bold" ` +
      `fill="#000">${escapeXml(fit(lines[0], chars))}</text>` +
      `<text x="12" y="45" font-family="Liberation Mono, DejaVu Sans Mono, monospace" font-size="14" ` +
      `fill="#000">${escapeXml(fit(lines[1], chars))}</text>` +
      `</svg>`,
  );
  const out = await image
    .extend({ top: BANNER_HEIGHT, background: "#fff8d6" })
    .composite([{ input: svg, top: 0, left: 0 }])
    .removeAlpha()
    .png({ compressionLevel: 6 })
    .toBuffer();
  return { png: out, height: BANNER_HEIGHT };
}

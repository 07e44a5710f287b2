/** Files the e2e tests make and walk: a screenshot that compresses poorly, an order e-mail, a tree's files and papers. */
import { readdirSync, statSync } from "node:fs";
import { join, relative, sep } from "node:path";
import sharp from "sharp";

/** A 1280 × 160 screenshot of noise that compresses poorly (about 0.6 MB as PNG); `seed` makes each one different. */
export async function noisyPng(seed = 7): Promise<Buffer> {
  const w = 1280;
  const h = 160;
  const raw = Buffer.alloc(w * h * 3);
  let s = seed;
  for (let i = 0; i < raw.length; i++) {
    s = (Math.imul(s, 1103515245) + 12345) >>> 0;
    raw[i] = s >>> 24;
  }
  return sharp(raw, { raw: { width: w, height: h, channels: 3 } })
    .png({ compressionLevel: 9 })
    .toBuffer();
}

/** An order confirmation e-mail (.eml) whose body names the buyer's SSN: the value a redaction must remove. */
export function orderEmail(o: { to: string; date: string; ssn: string }): string {
  return [
    "From: Orders <orders@shop.example>",
    `To: ${o.to}`,
    "Subject: Your order 5501",
    `Date: ${o.date}`,
    "Message-ID: <5501@shop.example>",
    "MIME-Version: 1.0",
    "Content-Type: text/plain; charset=UTF-8",
    "",
    `Order 5501 for the buyer with SSN ${o.ssn} has shipped.`,
    "",
  ].join("\r\n");
}

/** Every regular file under `root`, as POSIX paths relative to it. */
export function filesUnder(root: string): string[] {
  const found: string[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const abs = join(dir, name);
      if (statSync(abs).isDirectory()) walk(abs);
      else found.push(relative(root, abs).split(sep).join("/"));
    }
  };
  walk(root);
  return found.sort();
}

/** Every appendix PDF of a bundle's two trees. */
export const appendixPdfs = (bundleDir: string): string[] =>
  ["public", "sealed"].flatMap((twin) =>
    readdirSync(join(bundleDir, twin, "appendices"))
      .filter((f) => f.endsWith(".pdf"))
      .map((f) => join(bundleDir, twin, "appendices", f)),
  );

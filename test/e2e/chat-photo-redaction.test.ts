/**
 * Photos sent in a chat are redacted like screenshots (issue 18's rule, found by counsel's read of issue 19): a photo
 * whose printed street line OCR can read has that line burned out of the public transcript's picture by the hunt; a
 * photo OCR cannot read gets the boxes typed in the chat's sidecar (`redactPhotos`). The sealed twin keeps both
 * pictures whole; each burn is in the redaction log with its basis; a box for a file the chat did not send is refused.
 */
import { execFileSync } from "node:child_process";
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import sharp from "sharp";
import { beforeAll, describe, expect, it } from "vitest";
import { runBuild } from "../helpers/commands.js";
import { tempDir } from "../helpers/cli.js";

const STREET = "2417 N Halsted St Apt 3";
const LEGIBLE = "IMG-20260310-WA0001.jpg";
const ILLEGIBLE = "IMG-20260310-WA0002.jpg";
/** Where the sidecar's box is on the second photo (its pixels): a dark patch standing for a label OCR cannot read. */
const BOX = { x: 200, y: 150, width: 400, height: 100 };

let caseDir: string;
let built: Awaited<ReturnType<typeof runBuild>>;

/** A 1200 × 800 photo: white, with lines of dark blue text (`lines`) or a grey patch where BOX is. */
async function photo(lines: string[]): Promise<Buffer> {
  const text = lines.map((l, i) => `<text x="80" y="${200 + i * 90}" font-family="DejaVu Sans" font-size="56" fill="#1a2a6a">${l}</text>`);
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="1200" height="800">
    <rect width="1200" height="800" fill="#fff"/>${text.join("")}
    <rect x="${BOX.x}" y="${BOX.y}" width="${BOX.width}" height="${BOX.height}" fill="${lines.length ? "#fff" : "#8a8a8a"}"/></svg>`;
  return sharp(Buffer.from(svg)).jpeg({ quality: 92 }).toBuffer();
}

function writeCase(dir: string, sidecarKey: string) {
  mkdirSync(join(dir, "evidence/shop"), { recursive: true });
  writeFileSync(
    join(dir, "case.yaml"),
    `id: chat-photos
court: federal
caption: { court: United States District Court for the Northern District of Illinois,
  caseNumber: "1:26-cv-09997", plaintiffs: [Brand Co.], defendants: Shop, shortTitle: Brand v. Shop }
timeZone: America/Chicago
bates: { prefix: CPH, start: 1, digits: 6 }
redaction: { streetAddresses: { basis: "Protective Order, Dkt. 9" } }
defendants: [{ id: shop, name: Shop Owner Store }]
`,
  );
  const chat = [
    "[10/03/26, 09:20:11] Dana Whitlock: Where will it ship from?",
    `[10/03/26, 09:21:00] Shop Owner: <attached: ${LEGIBLE}>`,
    `[10/03/26, 09:22:00] Shop Owner: <attached: ${ILLEGIBLE}>`,
    "[10/03/26, 09:23:00] Dana Whitlock: Thanks",
  ];
  writeFileSync(join(dir, "evidence/shop/chat.txt"), `${chat.join("\r\n")}\r\n`);
  writeFileSync(
    join(dir, "evidence/shop/chat.txt.meta.yaml"),
    `capturedAt: 2026-03-11T15:00:00Z
redactPhotos:
  ${sidecarKey}:
    - { x: ${BOX.x}, y: ${BOX.y}, width: ${BOX.width}, height: ${BOX.height}, reason: label, basis: "Protective Order, Dkt. 9" }
`,
  );
}

async function nearBlack(png: Buffer): Promise<number> {
  const { data, info } = await sharp(png).removeAlpha().raw().toBuffer({ resolveWithObject: true });
  let n = 0;
  for (let i = 0; i < data.length; i += info.channels) if (data[i]! < 12 && data[i + 1]! < 12 && data[i + 2]! < 12) n++;
  return n;
}

/** The near-black pixel count of each picture of a PDF, in page order (one per chat photo here). */
async function picturesOf(pdf: string): Promise<number[]> {
  const dir = tempDir();
  execFileSync("pdfimages", ["-png", pdf, join(dir, "img")]);
  const counts: number[] = [];
  for (const f of readdirSync(dir).sort()) {
    const meta = await sharp(join(dir, f)).metadata();
    if ((meta.width ?? 0) >= 500) counts.push(await nearBlack(readFileSync(join(dir, f))));
  }
  return counts;
}

const transcript = (tree: string) => {
  const dir = join(built.result!.bundleDir, tree, "exhibits");
  return join(dir, readdirSync(dir).find((f) => f.endsWith(".pdf"))!);
};

beforeAll(async () => {
  caseDir = join(tempDir(), "chat-photos");
  writeCase(caseDir, ILLEGIBLE);
  await sharp(await photo(["SHIP TO:", "DANA WHITLOCK", STREET, "CHICAGO IL 60614"])).toFile(join(caseDir, "evidence/shop", LEGIBLE));
  await sharp(await photo([])).toFile(join(caseDir, "evidence/shop", ILLEGIBLE));
  built = await runBuild({ caseDir, out: tempDir() });
}, 240_000);

describe("photos sent in a chat", () => {
  it("builds twins of the chat", () => {
    expect(built.code, built.stderr).toBe(0);
    expect(built.result!.trees.map((t) => t.twin).sort()).toEqual(["public", "sealed"]);
  });

  it("burns the street line OCR read and the sidecar's box out of the public pictures, and keeps the sealed ones whole", async () => {
    const pub = await picturesOf(transcript("public"));
    const sealed = await picturesOf(transcript("sealed"));
    expect(pub).toHaveLength(2);
    expect(sealed).toHaveLength(2);
    // The previews are 600 px wide (half the photo): the sidecar's 400 × 100 box is at least 200 × 50 black pixels.
    for (const n of sealed) expect(n).toBeLessThan(100); // JPEG noise at the edges of dark blue type, no more
    expect(pub[1]).toBeGreaterThanOrEqual(200 * 50);
    // The street line, 56 px type over some 650 px of the photo: a black bar of at least 250 × 20 preview pixels.
    expect(pub[0]).toBeGreaterThanOrEqual(250 * 20);
  });

  it("lists each burn in the redaction log with its photo, message, rule and basis", () => {
    const log = readFileSync(join(built.result!.bundleDir, "public/redaction-log.csv"), "utf8");
    const rows = log.split(/\r?\n/).filter((l) => l.includes("photo IMG-"));
    expect(rows.some((r) => r.includes(`photo ${LEGIBLE} sent in message`) && r.includes("street-address") && r.includes("Dkt. 9"))).toBe(
      true,
    );
    expect(rows.some((r) => r.includes(`photo ${ILLEGIBLE} sent in message`) && r.includes("— label") && r.includes("image-region"))).toBe(
      true,
    );
    expect(log).not.toContain("Halsted");
  });

  it("refuses a box for a file the chat did not send, naming the sidecar and the key", async () => {
    const dir = join(tempDir(), "chat-photos");
    writeCase(dir, "IMG-nope.jpg");
    await sharp(await photo([])).toFile(join(dir, "evidence/shop", LEGIBLE));
    await sharp(await photo([])).toFile(join(dir, "evidence/shop", ILLEGIBLE));
    const r = await runBuild({ caseDir: dir, out: tempDir() });
    expect(r.code).toBe(3);
    expect(r.stderr).toContain("evidence/shop/chat.txt.meta.yaml");
    expect(r.stderr).toContain("redactPhotos.IMG-nope.jpg");
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });
});

/**
 * Perceptual hashes (64-bit dHash): the same picture re-encoded, scaled, cropped by 5 %, colour-shifted or stored
 * turned (with its EXIF orientation) stays within the scene threshold of itself; different fixture photos do not.
 */
import { join } from "node:path";
import sharp from "sharp";
import { describe, expect, it } from "vitest";
import { SCENE_THRESHOLD } from "../../src/consistency/duplicates.js";
import { DHASH_BITS, dHash, hammingDistance, hashOfGrid, hashWords } from "../../src/images/dhash.js";
import { FIXTURE_CASE } from "../helpers/cli.js";

const BOX = join(FIXTURE_CASE, "evidence/kpg/03-test-buy/05-received-box.jpg");
const SHOE = join(FIXTURE_CASE, "evidence/kpg/03-test-buy/04-received-shoe.jpg");
const CHAT = join(FIXTURE_CASE, "evidence/kpg/06-instagram-dm/kpgboutique_17841400000000001/photos/17900000000000001.jpg");

/** The same picture, changed as a resend, a re-save or an edit would change it. */
async function variants(file: string): Promise<Record<string, Buffer>> {
  const { width: W = 0, height: H = 0 } = await sharp(file).metadata();
  const w = Math.floor(W * 0.95);
  const h = Math.floor(H * 0.95);
  return {
    "re-encoded at JPEG quality 40": await sharp(file).jpeg({ quality: 40 }).toBuffer(),
    "scaled to half, JPEG": await sharp(file)
      .resize(Math.round(W / 2))
      .jpeg({ quality: 80 })
      .toBuffer(),
    "scaled to a quarter, PNG": await sharp(file)
      .resize(Math.round(W / 4))
      .png()
      .toBuffer(),
    "cropped 5 % (2.5 % off each side)": await sharp(file)
      .extract({ left: Math.round((W - w) / 2), top: Math.round((H - h) / 2), width: w, height: h })
      .jpeg()
      .toBuffer(),
    "cropped 5 % from one corner": await sharp(file)
      .extract({ left: W - w, top: H - h, width: w, height: h })
      .jpeg()
      .toBuffer(),
    "brighter, more saturated, hue turned 20°": await sharp(file)
      .modulate({ brightness: 1.15, saturation: 1.3, hue: 20 })
      .jpeg()
      .toBuffer(),
    "warm tint": await sharp(file).tint({ r: 255, g: 220, b: 180 }).jpeg().toBuffer(),
    // Stored turned 90° counter-clockwise with EXIF orientation 6 ("turn 90° clockwise to display"): displayed as the original.
    "stored turned, EXIF orientation 6": await sharp(file).rotate(-90).jpeg().withMetadata({ orientation: 6 }).toBuffer(),
  };
}

describe("dHash", () => {
  for (const [name, file] of [
    ["goods-received box photo", BOX],
    ["goods-received shoe photo", SHOE],
    ["photo sent in the chat", CHAT],
  ] as const) {
    it(`the ${name} matches itself re-encoded, scaled, cropped 5 %, colour-shifted and stored turned`, async () => {
      const original = await dHash(file);
      expect(original).toMatch(/^[0-9a-f]{16}$/);
      for (const [how, bytes] of Object.entries(await variants(file))) {
        const d = hammingDistance(original, await dHash(bytes));
        expect({ how, within: d <= SCENE_THRESHOLD, d }).toMatchObject({ how, within: true });
      }
    });
  }

  it("an image stored turned WITHOUT its orientation tag is a different picture (the tag is what is applied)", async () => {
    const turned = await sharp(SHOE).rotate(-90).jpeg().toBuffer();
    expect(hammingDistance(await dHash(SHOE), await dHash(turned))).toBeGreaterThan(SCENE_THRESHOLD);
  });

  it("different fixture photos do not match, though taken on the same table", async () => {
    expect(hammingDistance(await dHash(SHOE), await dHash(BOX))).toBeGreaterThan(2 * SCENE_THRESHOLD);
    expect(hammingDistance(await dHash(SHOE), await dHash(CHAT))).toBeGreaterThan(2 * SCENE_THRESHOLD);
  });

  it("transparency is flattened onto white: a transparent picture hashes as the same picture on white", async () => {
    const shape = Buffer.from(
      '<svg xmlns="http://www.w3.org/2000/svg" width="180" height="160"><circle cx="60" cy="80" r="50" fill="#234"/>' +
        '<rect x="110" y="20" width="50" height="120" fill="#a52"/></svg>',
    );
    const clear = await sharp(shape).png().toBuffer();
    const white = await sharp(shape).flatten({ background: "#ffffff" }).png().toBuffer();
    const black = await sharp(shape).flatten({ background: "#000000" }).png().toBuffer();
    expect(hammingDistance(await dHash(clear), await dHash(white))).toBe(0);
    expect(hammingDistance(await dHash(clear), await dHash(black))).toBeGreaterThan(SCENE_THRESHOLD);
  });

  it("an image sharp cannot decode is an error, not a hash", async () => {
    await expect(dHash(Buffer.from("not an image at all"))).rejects.toThrow();
  });
});

describe("hash bits and distances", () => {
  it("a bit is set where a pixel is darker than its right neighbour, row 0 first, most significant first", () => {
    const grid = new Uint8Array(72).fill(100);
    grid[1] = 200; // row 0: pixel 0 < pixel 1 → bit 7 of byte 0 set; pixel 1 > pixel 2 → 0
    for (let x = 0; x < 9; x++) grid[7 * 9 + x] = x * 10; // row 7: rising everywhere → ff
    expect(hashOfGrid(grid)).toBe("80000000000000ff");
    expect(() => hashOfGrid(new Uint8Array(64))).toThrow(/72 pixels/);
  });

  it("Hamming distance counts differing bits, for 64- and 256-bit hashes", () => {
    expect(DHASH_BITS).toBe(64);
    expect(hammingDistance("0000000000000000", "0000000000000000")).toBe(0);
    expect(hammingDistance("0000000000000000", "ffffffffffffffff")).toBe(64);
    expect(hammingDistance("8000000000000001", "0000000000000000")).toBe(2);
    expect(hammingDistance("f0f0f0f0f0f0f0f0", "0f0f0f0f0f0f0f0f")).toBe(64);
    expect(hammingDistance("0123456789abcdef", "0123456789abcdee")).toBe(1);
    expect(hammingDistance("f".repeat(64), "0".repeat(63) + "7")).toBe(253);
  });

  it("refuses what is not a hash, and hashes of different lengths", () => {
    expect(() => hashWords("xyz")).toThrow(/not a perceptual hash/);
    expect(() => hashWords("ABCDEF0123456789")).toThrow(/not a perceptual hash/); // upper case is not what dHash writes
    expect(() => hashWords("")).toThrow(/not a perceptual hash/);
    expect(() => hammingDistance("0".repeat(16), "0".repeat(64))).toThrow(/64 and 256 bits/);
  });
});

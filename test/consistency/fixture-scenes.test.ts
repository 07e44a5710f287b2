/**
 * Perceptual matching over the fixture case (issue 20, "done when"): the dHash of EVERY image in its evidence folder
 * (screenshots, photos, the photo sent in the Instagram chat), compared pair by pair.
 *
 * Threshold: SCENE_THRESHOLD = 10 of 64 bits. Measured (sharp 0.35, libvips of the lock file):
 *  - the planted pair, the chat photo of March 10 and 05-received-box.jpg, lies 2 bits apart;
 *  - the closest pair that is NOT one scene lies 21 bits apart (04-received-shoe.jpg and the chat photo); the closest
 *    two screenshots 23 (01-amazon-listing.png and 01-website-product.png).
 * test/e2e/consistency/fixture-chronology.test.ts takes the fixture through intake (which runs qpdf) and the checks.
 */
import { readdirSync } from "node:fs";
import { join, relative } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { SCENE_THRESHOLD } from "../../src/consistency/duplicates.js";
import { dHash, hammingDistance } from "../../src/images/dhash.js";
import { FIXTURE_CASE } from "../helpers/cli.js";

const CHAT_PHOTO = "evidence/kpg/06-instagram-dm/kpgboutique_17841400000000001/photos/17900000000000001.jpg";
const BOX = "evidence/kpg/03-test-buy/05-received-box.jpg";

function images(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && /\.(png|jpe?g)$/i.test(e.name))
    .map((e) => relative(FIXTURE_CASE, join(e.parentPath, e.name)).split("\\").join("/"))
    .sort();
}

const hashes = new Map<string, string>();

beforeAll(async () => {
  for (const f of images(join(FIXTURE_CASE, "evidence"))) hashes.set(f, await dHash(join(FIXTURE_CASE, f)));
});

describe("the fixture's images, every pair", () => {
  it("hashes every image: the screenshots, the goods-received photos and the chat photo", () => {
    expect([...hashes.keys()]).toEqual([
      "evidence/kpg/01-amazon-listing.png",
      "evidence/kpg/02-amazon-storefront.png",
      "evidence/kpg/03-test-buy/04-received-shoe.jpg",
      BOX,
      CHAT_PHOTO,
      "evidence/studline/01-website-product.png",
      "evidence/studline/02-website-checkout.png",
    ]);
  });

  it("exactly the planted pair is within the threshold, and the next closest pair is well past it", () => {
    const files = [...hashes.keys()];
    const pairs: { files: string[]; d: number }[] = [];
    for (let i = 0; i < files.length; i++)
      for (let j = i + 1; j < files.length; j++)
        pairs.push({ files: [files[i]!, files[j]!], d: hammingDistance(hashes.get(files[i]!)!, hashes.get(files[j]!)!) });
    const within = pairs.filter((p) => p.d <= SCENE_THRESHOLD);
    expect(within.map((p) => p.files)).toEqual([[BOX, CHAT_PHOTO]]);
    expect(within[0]!.d).toBeLessThanOrEqual(4);
    const closestOther = Math.min(...pairs.filter((p) => p.d > SCENE_THRESHOLD).map((p) => p.d));
    expect(closestOther).toBeGreaterThanOrEqual(2 * SCENE_THRESHOLD);
  });
});

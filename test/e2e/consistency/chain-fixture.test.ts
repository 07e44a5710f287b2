/**
 * The fixture case's chains and identity findings from its real records: intake of the case as committed, and the
 * words tesseract reads on the photographs of goods received. The DM's hidden link, the listing it led to and the
 * order's ASIN are linked with no help from the sidecars' grouping; the carton's label (TBA318822046000) is found
 * against the order export's tracking (TBA318840021577, Retail.OrderHistory.1.csv line 2); and the build's evidence
 * map (sealed tree) shows the chain with pin cites.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { BuildCache } from "../../../src/cache/index.js";
import { ocrWords } from "../../../src/cache/ocr-words.js";
import { loadCase } from "../../../src/case/index.js";
import { defendantChains, identityFindings, ocrTexts, type LinkInputs } from "../../../src/consistency/index.js";
import { intakeEvidence } from "../../../src/intake/index.js";
import { recogniseEvidence } from "../../../src/ocr/index.js";
import { FIXTURE_CASE, tempDir } from "../../helpers/cli.js";
import { sharedBuild } from "../../helpers/shared-builds.js";

const DM = "evidence/kpg/06-instagram-dm/kpgboutique_17841400000000001/message_1.json";
const LISTING = "evidence/kpg/01-amazon-listing.png";
const ORDERS = "evidence/kpg/03-test-buy/Retail.OrderHistory.1.csv";
const BOX = "evidence/kpg/03-test-buy/05-received-box.jpg";

let inputs: LinkInputs;
const shared = sharedBuild("valentino-v-kaitlyn-pan");

beforeAll(async () => {
  const loaded = await loadCase(FIXTURE_CASE);
  const { items } = await intakeEvidence(loaded);
  const photos = items.filter((i) => i.kind === "photo");
  const layer = await recogniseEvidence(photos, {
    caseDir: FIXTURE_CASE,
    mode: "required",
    languages: ["eng"],
    memo: ocrWords(new BuildCache(tempDir())),
  });
  inputs = { defendants: loaded.config.defendants, items, texts: ocrTexts(layer) };
}, 300_000);

describe("the fixture case's chains", () => {
  it("establishes the hidden-link chain for kpg: DM message M00003 → the listing → order 114-7730215-6620491's ASIN", () => {
    const kpg = defendantChains(inputs).find((c) => c.defendantId === "kpg")!;
    const link = (from: string, to: string) => kpg.links.find((l) => l.from.itemId === from && l.to.itemId === to);
    expect(link(DM, LISTING)).toMatchObject({ established: true, shared: ["asin:B0FAKE1234"], from: { what: "message M00003" } });
    expect(link(LISTING, ORDERS)).toMatchObject({
      established: true,
      shared: ["asin:B0FAKE1234"],
      to: { what: "order 114-7730215-6620491, line 2" },
    });
    expect(link(DM, ORDERS)).toMatchObject({ established: true, from: { what: "message M00009" } });
    // The carton's label is another shipment's: the photo is tied to the order by the case.yaml entry alone.
    expect(link(ORDERS, BOX)).toMatchObject({
      established: false,
      by: "the label in the photograph reads TBA318822046000; order 114-7730215-6620491 records tracking TBA318840021577",
    });
    expect(kpg.missing.map((m) => m.why)).toEqual([
      "no listing of this defendant in the case shows ASIN B0FAKE5566 of order 114-9051882-3370214",
      "no photograph of goods received is tied to order 114-9051882-3370214",
    ]);
  });

  it("finds the label's tracking number against the order's, and no other identity finding", () => {
    const found = identityFindings(inputs);
    expect(found.map((f) => f.check)).toEqual(["tracking-mismatch"]);
    expect(found[0]!.message).toBe(
      "The shipping label in the photograph 05-received-box.jpg reads tracking number TBA318822046000; order 114-7730215-6620491 " +
        "records tracking TBA318840021577 (Retail.OrderHistory.1.csv, order 114-7730215-6620491, line 2).",
    );
    expect(found[0]!.items.map((i) => i.itemId)).toEqual([BOX, ORDERS]);
  });

  it("the build's evidence map shows the chain with pin cites, the tracking mismatch as a link not established", () => {
    const csv = readFileSync(join(shared.bundleDir, "sealed", "appendices", "evidence-map.csv"), "utf8");
    expect(csv).toContain(
      "found → listing,Ex. 7 at VAL000027 (message M00003),Ex. 3 at VAL000007 (URL),same ASIN B0FAKE1234 in the chat's message M00003",
    );
    const label = csv.split(/\r?\n/).find((l) => l.includes("test buy → goods received") && l.includes("TBA318822046000"));
    expect(label).toBe(
      '1,"Kestrel Pan Group, LLC",,,,,,test buy → goods received,"Ex. 5 at VAL000018 (order 114-7730215-6620491, line 2)",' +
        "Ex. 5 at VAL000022 (photograph),the label in the photograph reads TBA318822046000; order 114-7730215-6620491 records " +
        "tracking TBA318840021577,no",
    );
  });
});

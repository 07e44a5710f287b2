/**
 * The last build's redaction log as the review page reads it (review/redaction-log.ts): the OCR and DOM-text regions of
 * an item become suggested boxes with their rule and basis (a counsel blank is no basis), those a box of the item's
 * own already covers are not offered again, and the Bates page of a redaction gives its page within the exhibit.
 */
import { describe, expect, it } from "vitest";
import { readRedactionLog, redactedPage, suggestedBoxes } from "../../src/review/redaction-log.js";

const BOX = "evidence/kpg/03-test-buy/05-received-box.jpg";
const OCR = "found in the image's OCR words";
const LOG = [
  "no.,exhibit,bates,item,place,layer,rule,basis",
  `1,5,VAL000020,evidence/kpg/03-test-buy/03-order-receipt.pdf,"source page 1, region 1 (x 100, y 445, 90×12 pt)",pdf-text,` +
    "financial-account,Fed. R. Civ. P. 5.2(a)(4)",
  `2,5,VAL000022,${BOX},"${OCR}, region 1 (x 1311, y 881, 199×22 px)",ocr,financial-account,Fed. R. Civ. P. 5.2(a)(4)`,
  `3,5,VAL000022,${BOX},"${OCR}, region 2 (x 1286, y 154, 132×25 px)",ocr,case-pattern: investigator's direct line,` +
    `"Agreed Protective Order, Dkt. 24"`,
  `4,5,VAL000022,${BOX},"${OCR}, region 3 (x 1245, y 99, 280×25 px)",ocr,street-address,[COUNSEL: state the basis]`,
  `5,5,VAL000023,${BOX},"region 4 (x 10, y 20, 30×40 px) — a face",image-region,region,[COUNSEL: state the basis]`,
  `6,9,VAL000033,evidence/studline/02-website-checkout.png,"found in the capture's page text, region 1 (x 118, y 1212, 140×15 px)",` +
    "dom-text,ssn-tin,Fed. R. Civ. P. 5.2(a)(1)",
].join("\n");

describe("the redaction log in the review page", () => {
  const rows = readRedactionLog(`${LOG}\n`);

  it("offers an image's OCR regions with their rule and basis, never a counsel blank as a basis", () => {
    expect(suggestedBoxes(rows, BOX, [])).toEqual([
      { x: 1311, y: 881, width: 199, height: 22, rule: "financial-account", basis: "Fed. R. Civ. P. 5.2(a)(4)", layer: "ocr" },
      {
        x: 1286,
        y: 154,
        width: 132,
        height: 25,
        rule: "case-pattern: investigator's direct line",
        basis: "Agreed Protective Order, Dkt. 24",
        layer: "ocr",
      },
      { x: 1245, y: 99, width: 280, height: 25, rule: "street-address", layer: "ocr" },
    ]);
    expect(suggestedBoxes(rows, "evidence/studline/02-website-checkout.png", [])).toMatchObject([{ layer: "dom-text", rule: "ssn-tin" }]);
    expect(suggestedBoxes(rows, "evidence/kpg/03-test-buy/03-order-receipt.pdf", [])).toEqual([]);
  });

  it("does not offer a region a box of the item's own already covers", () => {
    const accepted = [{ x: 1311, y: 881, width: 199, height: 22 }];
    const wider = [{ x: 1200, y: 90, width: 400, height: 100 }];
    expect(suggestedBoxes(rows, BOX, accepted).map((s) => s.rule)).toEqual(["case-pattern: investigator's direct line", "street-address"]);
    expect(suggestedBoxes(rows, BOX, wider).map((s) => s.rule)).toEqual(["financial-account"]);
  });

  it("gives the page of the item's last own box, else of its first redaction, within the exhibit", () => {
    expect(redactedPage(rows, BOX, "VAL000017", [{ x: 10, y: 20, width: 30, height: 40 }])).toBe(7);
    expect(redactedPage(rows, BOX, "VAL000017", [])).toBe(6);
    expect(redactedPage(rows, BOX, "VAL000030", [])).toBeUndefined();
    expect(redactedPage(rows, "evidence/none.png", "VAL000017", [])).toBeUndefined();
  });

  it("reads nothing from a file that is not a redaction log", () => {
    expect(readRedactionLog("a,b\n1,2\n")).toEqual([]);
    expect(readRedactionLog("")).toEqual([]);
  });
});

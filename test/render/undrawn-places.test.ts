/**
 * Where a character Chromium could not draw came from (src/render/undrawn-places.ts): the fields of the view
 * models a print was laid out from, named as the redaction log names places; and control characters, shown as
 * their pictures rather than sent to Chromium, which draws them as boxes (src/render/text-parts.ts).
 */
import { describe, expect, it } from "vitest";
import { coverPlaces, documentField, naming, pathsHolding } from "../../src/render/undrawn-places.js";
import { partsFor, showControls } from "../../src/render/text-parts.js";
import { UndrawnCharactersError } from "../../src/browser/index.js";
import { InvalidInputError } from "../../src/util/errors.js";
import type { CoverModel } from "../../src/render/cover-model.js";

const PUA = "\uE000";
const transcript = {
  title: [{ text: "Chat", cls: "" }],
  participants: [[{ text: "Ann", cls: "" }], [{ text: `Bo${PUA}`, cls: "" }]],
  messages: [
    { ref: "M00001", sender: [{ text: "Ann", cls: "" }], text: [{ text: "hi", cls: "" }], links: [] },
    { ref: "M00002", sender: [{ text: "Bo", cls: "" }], text: [{ text: `price ${PUA}`, cls: "" }], links: [] },
    { ref: "M00003", sender: [{ text: "Bo", cls: "" }], text: [], links: [{ url: [{ text: `https://x.example/${PUA}`, cls: "" }] }] },
  ],
};

describe("documentField", () => {
  const fields = (model: object) => pathsHolding(model, PUA).map((p) => documentField(model, p));

  it("names a transcript's messages by their reference, and its participants", () => {
    expect(fields(transcript)).toEqual(["participant 2", "message M00002", "message M00003 link"]);
  });

  it("names a purchase record's orders and fields, and an email's headers and body", () => {
    const purchases = {
      orders: [
        { orderId: "A-1", seller: [{ text: `Shop ${PUA}` }], lines: [{ name: [{ text: "bag" }] }], details: [] },
        { orderId: "A-2", lines: [{ name: [{ text: `bag ${PUA}` }] }], details: [{ label: "Gift message", value: [{ text: PUA }] }] },
      ],
    };
    expect(fields(purchases)).toEqual(["order A-1 seller", "order A-2 item", "order A-2 Gift message"]);
    const email = {
      headers: [{ name: "Subject", value: [{ text: `Re ${PUA}` }] }],
      body: [{ text: PUA }],
      attachments: [{ filename: `a${PUA}.pdf` }],
    };
    expect(fields(email)).toEqual(["header Subject", "email body", `attachment a${PUA}.pdf`]);
  });
});

describe("coverPlaces", () => {
  it("names case.yaml for the caption and defendant, the source file for the rest", () => {
    const cover = {
      label: "7",
      title: `Listing ${PUA}`,
      defendant: `Store ${PUA}`,
      sources: [{ file: "evidence/kpg/01.png", description: `desc ${PUA}` }],
    } as unknown as CoverModel;
    expect(coverPlaces(cover, "evidence/kpg/01.png", PUA)).toEqual([
      { file: "evidence/kpg/01.png", field: "title on the cover sheet of Exhibit 7" },
      { file: "case.yaml", field: "defendants (name) on the cover sheet of Exhibit 7" },
      { file: "evidence/kpg/01.png", field: "description on the cover sheet of Exhibit 7" },
    ]);
  });
});

describe("naming", () => {
  it("turns an UndrawnCharactersError into the build's error naming the places, and passes other errors through", async () => {
    const failed = Promise.reject(new UndrawnCharactersError({ characters: [PUA], boxes: [] }));
    const e = await naming(failed, "the rendered evidence", () => [{ file: "evidence/c.txt", field: "message M00002" }]).catch((x) => x);
    expect(e).toBeInstanceOf(InvalidInputError);
    expect(e.message).toMatch(/^evidence\/c\.txt \(field message M00002\): U\+E000 \(private use\) cannot be printed/);
    const other = new Error("no Chromium");
    await expect(naming(Promise.reject(other), "x", () => [])).rejects.toBe(other);
    await expect(naming(Promise.resolve(7), "x", () => [])).resolves.toBe(7);
  });
});

describe("showControls", () => {
  it("shows control characters as their pictures, C1 controls by code, and leaves tabs and line breaks", () => {
    expect(showControls("a\u0007b\fc\td\ne\r\u007f\u0085")).toBe("a␇b␌c\td\ne\r␡<U+0085>");
    expect(partsFor([{ text: "x\u0000" }, { original: "4111\u0001", replacement: "[card]", rule: "financial-account" }], "sealed")).toEqual(
      [
        { text: "x␀", cls: "" },
        { text: "4111␁", cls: "highlight", rule: "financial-account" },
      ],
    );
  });
});

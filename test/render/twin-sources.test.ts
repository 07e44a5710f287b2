/**
 * What a cover says of a source in each twin: the public copy of an item with burned regions says its original is
 * withheld — and a capture's rows then say the same of its MHTML archive and timestamp token, never "attached" or
 * "kept beside"; the sealed copy says where the outlines are and keeps the rows as they are.
 */
import { describe, expect, it } from "vitest";
import type { PlannedExhibit } from "../../src/model/exhibit.js";
import type { CoverSource } from "../../src/render/cover-model.js";
import { twinSources } from "../../src/render/index.js";

const capture: CoverSource = {
  file: "evidence/a/capture-1/screenshot.png",
  kind: "listing",
  format: "PNG",
  bytes: "1",
  sha256: "00",
  capturedHow: "capture.json",
  transformation: "Full-page image split into pages; the original is attached unchanged",
  capture: [
    { label: "Native archive", value: "page.mhtml (MHTML snapshot, 10 bytes, SHA-256 ab), attached to this PDF", mono: false },
    { label: "RFC 3161 timestamp", value: "capture.json stamped at capture time by tsa, genTime x (capture.json.tsr, attached)" },
    { label: "Beside", value: "page.mhtml, kept beside this exhibit in the bundle's natives/ folder, not embedded in this PDF" },
  ],
  related: [],
  facts: [],
} as unknown as CoverSource;
const exhibit = { itemIds: ["i1"], pages: [] } as unknown as PlannedExhibit;
const items = (redact: unknown[]) => new Map([["i1", { payload: { type: "image" }, redact }]]);

describe("twinSources", () => {
  it("says a redacted capture's archive and token are withheld from the public copy", () => {
    const [pub] = twinSources([capture], exhibit, "public", { items: items([{ x: 1 }]) });
    const rows = pub!.capture!.map((r) => r.value).join("\n");
    expect(rows).not.toMatch(/attached|kept beside/);
    expect(rows.match(/withheld from this public copy/g)).toHaveLength(3);
    expect(pub!.transformation).toContain("the original file is withheld from this public copy");
  });

  it("leaves the rows of an unredacted capture, and of the sealed copy, as they are", () => {
    expect(twinSources([capture], exhibit, "public", { items: items([]) })[0]!.capture).toEqual(capture.capture);
    const [sealed] = twinSources([capture], exhibit, "sealed", { items: items([{ x: 1 }]) });
    expect(sealed!.capture).toEqual(capture.capture);
    expect(sealed!.transformation).toContain("outlined in orange");
  });
});

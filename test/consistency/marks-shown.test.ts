/**
 * The marks an exhibit claims against the words it shows (issue 20, identity): a claimed word mark its text never
 * shows is a warning, a seller's page showing a word mark it does not claim a note; logos, designs and trade dress
 * are never judged by words, and a registration certificate is not the seller's use.
 */
import { describe, expect, it } from "vitest";
import { isWordMark, markFindings, showsMark } from "../../src/consistency/marks-shown.js";
import type { Mark } from "../../src/model/case.js";
import { screenshot } from "../helpers/items.js";

const marks: Mark[] = [
  { id: "rockstud", name: "ROCKSTUD", goodsClass: [25] },
  { id: "v-logo", name: "V LOGO", goodsClass: [18] },
  { id: "studs", name: "Pyramid-stud design (trade dress)", commonLaw: true, goodsClass: [] },
];

describe("marks shown against marks claimed", () => {
  it("judges word marks only", () => {
    expect(marks.map(isWordMark)).toEqual([true, false, false]);
  });

  it("finds a word mark whole, in any case, with or without a space or hyphen inside", () => {
    expect(showsMark("Women's Rockstud Style Pumps", "ROCKSTUD")).toBe(true);
    expect(showsMark("ROCK STUD pumps", "ROCKSTUD")).toBe(true);
    expect(showsMark("Rock-Stud", "ROCKSTUD")).toBe(true);
    expect(showsMark("Rockstudded heels", "ROCKSTUD")).toBe(false);
    expect(showsMark("studded heels", "ROCKSTUD")).toBe(false);
  });

  it("warns when a listing claims a word mark its text never shows, citing the item", () => {
    const item = screenshot("evidence/a/listing.png", 100, { kind: "listing", marks: ["rockstud", "v-logo"] });
    const found = markFindings(marks, [item], new Map([[item.id, "Studded pumps, pointed toe"]]));
    expect(found.map((f) => [f.check, f.severity, f.defendantId, f.items[0]!.itemId])).toEqual([
      ["mark-not-shown", "warning", "a", item.id],
    ]);
    expect(found[0]!.id).toMatch(/^mark-not-shown:a:[0-9a-f]{8}$/);
    expect(markFindings(marks, [item], new Map([[item.id, "ROCKSTUD pumps"]]))).toEqual([]);
  });

  it("notes a word mark a seller's page shows but does not claim; not on other kinds, not on public records", () => {
    const page = screenshot("evidence/a/store.png", 100, { kind: "screenshot", marks: [] });
    const chat = screenshot("evidence/a/chat.png", 100, { kind: "message-log", marks: [] });
    const cert = screenshot("evidence/reg.png", 100, { kind: "document", marks: ["rockstud"], publicRecord: true });
    const texts = new Map([
      [page.id, "Rockstud heels"],
      [chat.id, "is this rockstud real"],
      [cert.id, "Registration certificate"],
    ]);
    const found = markFindings(marks, [page, chat, cert], texts);
    expect(found.map((f) => [f.check, f.severity, f.items[0]!.itemId])).toEqual([["mark-unclaimed", "note", page.id]]);
  });

  it("says nothing of an item whose text is not known", () => {
    const item = screenshot("evidence/a/listing.png", 100, { kind: "listing", marks: ["rockstud"] });
    expect(markFindings(marks, [item], new Map())).toEqual([]);
  });
});

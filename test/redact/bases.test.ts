/**
 * Bases, not one label: every redaction carries what allows it — the four Fed. R. Civ. P. 5.2(a) categories their
 * paragraph, configured rules the basis case.yaml names or none (shown as the blank for counsel, never invented) —
 * and the public face shows "[REDACTED]" or what 5.2(a) lets stay, never a rule. The log gives each its Bates page.
 */
import { describe, expect, it } from "vitest";
import type { EvidenceItem } from "../../src/model/evidence.js";
import type { PageSpec, PlannedExhibit } from "../../src/model/exhibit.js";
import { BASIS_FOR_COUNSEL, type RedactionLogEntry, type RedactionSettings } from "../../src/model/redaction.js";
import { exhibitRedactions, missingBases, publicText, Redactor, redactionLog, redactionLogCsv } from "../../src/redact/index.js";
import { screenshot } from "../helpers/items.js";

const settings = (over: Partial<RedactionSettings> = {}): RedactionSettings => ({
  minors: ["Tobias Quill"],
  patterns: [
    { name: "direct line", regex: "\\(312\\) 555-01\\d\\d", basis: "Protective Order, Dkt. 31" },
    { name: "badge", regex: "BADGE-\\d{4}" },
  ],
  streetAddresses: { basis: "LR 26.2 leave, Dkt. 12" },
  ...over,
});
const RULE_WORDS = /5\.2|Fed\. R|street|address|financial|ssn|birth|minor|pattern|protective|leave|dkt|order/i;

describe("the basis of each rule", () => {
  it.each([
    ["SSN 123-45-6789", "ssn-tin", "Fed. R. Civ. P. 5.2(a)(1)", "SSN XXX-XX-6789"],
    ["TIN: 123456789", "ssn-tin", "Fed. R. Civ. P. 5.2(a)(1)", "TIN: XXXXX6789"],
    ["born on 07/23/1981", "birth-date", "Fed. R. Civ. P. 5.2(a)(2)", "born on XX/XX/1981"],
    ["my son Tobias Quill signs", "minor-name", "Fed. R. Civ. P. 5.2(a)(3)", "my son T.Q. signs"],
    ["card 4111 1111 1111 1111", "financial-account", "Fed. R. Civ. P. 5.2(a)(4)", "card XXXX XXXX XXXX 1111"],
    ["IBAN DE89 3704 0044 0532 0130 00", "financial-account", "Fed. R. Civ. P. 5.2(a)(4)", "IBAN DEXX XXXX XXXX XXXX XX30 00"],
  ])("%j: rule %s rests on %s; the public face keeps what 5.2(a) allows", (text, rule, basis, shown) => {
    const r = new Redactor(settings());
    expect(publicText(r.apply(text, "i", "p"))).toBe(shown);
    expect(r.log).toMatchObject([{ rule, basis, layer: "text" }]);
  });

  it("gives a case pattern and a street line the basis case.yaml names, and shows [REDACTED] with no rule text", () => {
    const r = new Redactor(settings());
    const out = publicText(r.apply("call (312) 555-0147, ship to 2417 N Halsted St Apt 3, Chicago IL", "i", "p"));
    expect(out).toBe("call [REDACTED], ship to [REDACTED], Chicago IL");
    expect(out.replace(/\[REDACTED\]/g, "")).not.toMatch(RULE_WORDS);
    expect(r.log).toMatchObject([
      { rule: "case-pattern", name: "direct line", basis: "Protective Order, Dkt. 31" },
      { rule: "street-address", basis: "LR 26.2 leave, Dkt. 12" },
    ]);
  });

  it("invents no basis where case.yaml names none: the entry has none, and the log shows the blank for counsel", () => {
    const r = new Redactor(settings({ streetAddresses: true }));
    r.apply("badge BADGE-1234 at 88 West Loop Rd, Naperville", "evidence/a.json", "message M1");
    r.apply("2417 N Halsted St", "evidence/a.json", "order 1 ship-to street", "street-address");
    expect(r.log.map((e) => [e.rule, e.basis])).toEqual([
      ["case-pattern", undefined],
      ["street-address", undefined],
      ["street-address", undefined],
    ]);
    const csv = redactionLogCsv(r.log);
    expect(csv.split("\n")[0]).toBe("no.,exhibit,bates,item,place,layer,rule,basis");
    expect(csv.split("\n")[1]).toBe(`1,,,evidence/a.json,message M1,text,case-pattern: badge,${BASIS_FOR_COUNSEL}`);
    expect(csv).not.toMatch(/5\.2/);
    expect(csv).not.toMatch(/1234|West Loop|Halsted/);
  });

  it("rests a merged span on both bases", () => {
    const r = new Redactor(settings({ patterns: [{ name: "p", regex: "1111 1111 and more" }] }));
    publicText(r.apply("x 4111 1111 1111 1111 and more", "i", "p"));
    expect(r.log).toHaveLength(1);
    expect(r.log[0]!.basis).toBe(`Fed. R. Civ. P. 5.2(a)(4); ${BASIS_FOR_COUNSEL}`);
  });

  it("marks each text redaction by item and number, the same in every build and different per item", () => {
    const a = new Redactor(settings());
    const b = new Redactor(settings());
    const segs = a.apply("SSN 123-45-6789 and 987-65-4321", "evidence/x.json", "p");
    b.apply("SSN 123-45-6789 and 987-65-4321", "evidence/x.json", "p");
    a.apply("SSN 123-45-6789", "evidence/y.json", "p");
    const marks = a.log.map((e) => e.mark);
    expect(marks[0]).toMatch(/^r[0-9a-f]{12}-1$/);
    expect(new Set(marks).size).toBe(3);
    expect(b.log.map((e) => e.mark)).toEqual(marks.slice(0, 2));
    expect(segs.flatMap((s) => ("mark" in s ? [s.mark] : []))).toEqual(marks.slice(0, 2));
  });
});

describe("missingBases (check and build warn)", () => {
  it("names each configured rule without a basis, and the sidecar regions without one", () => {
    const shot = screenshot("evidence/a/shot.png", 2000, {
      redact: [
        { x: 0, y: 0, width: 5, height: 5, reason: "address" },
        { x: 0, y: 9, width: 5, height: 5, basis: "Protective Order, Dkt. 31" },
      ],
    });
    const found = missingBases(settings({ streetAddresses: true }), [shot]);
    expect(found.map((f) => [f.file, f.field])).toEqual([
      ["case.yaml", "redaction.patterns[1].basis"],
      ["case.yaml", "redaction.streetAddresses"],
      ["evidence/a/shot.png.meta.yaml", "redact[0]"],
    ]);
    expect(found[0]!.message).toMatch(/pattern 'badge' names no basis/);
    expect(found.every((f) => f.message.includes(BASIS_FOR_COUNSEL))).toBe(true);
  });

  it("asks nothing of the 5.2(a) categories, or of rules with a basis", () => {
    expect(missingBases({ minors: ["A B"], patterns: [{ name: "p", regex: "x", basis: "Dkt. 3" }], streetAddresses: false }, [])).toEqual(
      [],
    );
  });
});

describe("redactionLog: the Bates page of every redaction", () => {
  const bates = { prefix: "T", start: 1, digits: 6 };
  const size = [612, 792] as const;
  const box = { x: 0, y: 0, width: 1, height: 1 };
  const rendered = (pageIndex: number): PageSpec => ({ kind: "rendered", itemId: "evidence/chat.json", pageIndex, size });
  const band = (from: number, to: number): PageSpec => ({
    kind: "image",
    itemId: "evidence/shot.png",
    size,
    placement: box,
    clip: box,
    rows: { from, to, of: 2500 },
  });
  const exhibit = (number: number, itemIds: string[], pages: PageSpec[], first: number): PlannedExhibit => ({
    number,
    label: String(number),
    title: "t",
    itemIds,
    pages,
    bates: { first: `T${first}`, last: "", firstNumber: first, lastNumber: first + pages.length - 1 },
    fileName: `${number}.pdf`,
  });
  const cover: PageSpec = { kind: "cover", size, index: 0 };
  const exhibits = [
    exhibit(1, ["evidence/chat.json"], [cover, rendered(0), rendered(1), rendered(2)], 1),
    exhibit(2, ["evidence/shot.png"], [cover, band(0, 1000), band(1000, 2000), band(2000, 2500)], 5),
  ];
  const shot: EvidenceItem = screenshot("evidence/shot.png", 2500, {
    redact: [
      { x: 0, y: 900, width: 10, height: 200, reason: "address", basis: "Protective Order, Dkt. 31" },
      { x: 0, y: 1500, width: 10, height: 10 },
    ],
  });
  const text = (mark: string): RedactionLogEntry => ({
    item: "evidence/chat.json",
    place: "message M1",
    layer: "text",
    rule: "financial-account",
    basis: "Fed. R. Civ. P. 5.2(a)(4)",
    mark,
  });
  const documents = new Map([["evidence/chat.json", { marks: { public: { m1: 1 }, sealed: { m1: 2 } } }]]);
  const log = redactionLog([text("m1"), text("m-lost")], [shot], exhibits, documents, bates);

  it("puts a text redaction on the page its mark landed on, and names the sealed page where it differs", () => {
    expect(log[0]).toMatchObject({ exhibit: "1", bates: "T000003", sealedBates: "T000004", at: { page: 1, sealedPage: 2 } });
  });

  it("gives the item's page range, never a guessed page, when the mark was not found", () => {
    expect(log[1]).toMatchObject({ exhibit: "1", bates: "T000002–T000004" });
    expect(log[1]!.sealedBates).toBeUndefined();
  });

  it("puts a pixel region on the pages showing its rows, with its basis or none", () => {
    expect(log[2]).toMatchObject({ exhibit: "2", bates: "T000006–T000007", layer: "image-region", basis: "Protective Order, Dkt. 31" });
    expect(log[3]).toMatchObject({ exhibit: "2", bates: "T000007", layer: "image-region" });
    expect(log[3]!.basis).toBeUndefined();
    expect(redactionLogCsv(log).trim().split("\n")[4]).toBe(
      `4,2,T000007,evidence/shot.png,"region 2 (x 0, y 1500, 10×10 px)",image-region,region,${BASIS_FOR_COUNSEL}`,
    );
  });

  it("sums each exhibit's redactions for its cover: count, pages per twin and bases, each once", () => {
    expect(exhibitRedactions(log, "public").get("1")).toEqual({
      count: 2,
      pages: ["T000002–T000004", "T000003"],
      bases: ["Fed. R. Civ. P. 5.2(a)(4)"],
    });
    expect(exhibitRedactions(log, "sealed").get("1")?.pages).toEqual(["T000002–T000004", "T000004"]);
    expect(exhibitRedactions(log, "public").get("2")?.bases).toEqual(["Protective Order, Dkt. 31", BASIS_FOR_COUNSEL]);
  });
});

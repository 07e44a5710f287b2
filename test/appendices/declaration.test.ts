/**
 * The investigator's declaration from small synthetic cases: a live capture's paragraph states the four FRE 901(b)(1)
 * facts from capture.json; a bare screenshot's states the sidecar's facts as typed there, by whom, and every missing
 * fact as a [COUNSEL: … not recorded] blank (never a finished sentence); the slip sheet's heading follows each court
 * profile; the evidence map's rows are the plan's exhibits under their defendants with their declaration paragraphs,
 * then each defendant's chain (given to it) with the pin cites of each link's ends and the links that are missing.
 */
import { describe, expect, it } from "vitest";
import { declarationCsv, declarationModel } from "../../src/appendices/declaration.js";
import { evidenceMapChainLines, evidenceMapCsv, evidenceMapRows, pinCite } from "../../src/appendices/evidence-map.js";
import type { DefendantChain } from "../../src/model/chain.js";
import { parseCsv } from "../../src/util/csv.js";
import { captionView } from "../../src/appendices/context.js";
import { courtProfile } from "../../src/court/index.js";
import type { CaptureRecord } from "../../src/model/capture.js";
import type { CaseConfig } from "../../src/model/case.js";
import type { EvidenceItem } from "../../src/model/evidence.js";
import { planExhibits } from "../../src/plan/index.js";
import { coverModel } from "../../src/render/cover-model.js";
import { renderTemplate } from "../../src/render/templates.js";
import { config, screenshot } from "../helpers/items.js";

const CERTIFIER = {
  name: "Renata Delgado",
  title: "Senior Investigator",
  employer: "Northbridge Brand Protection LLC",
  qualifications: ["I have investigated online counterfeits for eleven years."],
};

function caseOf(over: Partial<CaseConfig> = {}): CaseConfig {
  return config({
    certification: { certifier: CERTIFIER, inUnitedStates: true, signedAt: { city: "Chicago", state: "Illinois" } },
    ...over,
  });
}

const record = {
  finalUrl: "https://shop.example/item/42",
  requestedUrl: "https://shop.example/item/42",
  status: 200,
  statusText: "OK",
  operator: "Renata Delgado",
  tool: "exhibits 0.1.0",
  browser: { name: "Chromium", version: "131.0.1", userAgent: "UA", viewport: { width: 1366, height: 900 } },
  host: { name: "capture-1", platform: "linux", release: "6.1" },
  endedAt: "2026-03-12T19:03:10Z",
  redirects: [],
  headers: {},
  title: "Item 42",
  hidden: [],
  clicked: [],
  settle: { loadEvent: true, networkQuiet: true, pending: [], scrolledTo: 900, notes: [] },
  page: { width: 1366, height: 900, truncated: false },
  settings: { hide: [], click: [], navigationTimeoutMs: 1, settleTimeoutMs: 1, maxHeight: 20000 },
  bannerHeight: 0,
} as unknown as CaptureRecord;

/** A capture of defendant a's listing, and a bare screenshot of defendant b's store with only some facts typed. */
function items(): Map<string, EvidenceItem> {
  const capture = screenshot("evidence/a/capture-1/screenshot.png", 900, {
    kind: "listing",
    url: record.finalUrl,
    capturedAt: "2026-03-12T19:03:05Z",
    capturedAtSource: "capture",
    capture: { folder: "evidence/a/capture-1", record },
  });
  const bare = screenshot("evidence/b/store.png", 900, {
    sidecar: { path: "evidence/b/store.png.meta.yaml", bytes: 40, sha256: `sha256:${"f".repeat(64)}` },
    capturedBy: "R. Delgado (investigator)",
    capturedAt: "2026-03-13T15:00:00Z",
    capturedAtSource: "sidecar",
  });
  const untimed = screenshot("evidence/b/banner.png", 900, { url: "https://b.example/", capturedAtSource: "unknown" });
  return new Map([capture, bare, untimed].map((i) => [i.id, i]));
}

function build(c: CaseConfig = caseOf()) {
  const its = items();
  const plan = planExhibits(c, [...its.values()], new Map(), new Map());
  const view = declarationModel({ config: c, plan, items: its })!;
  return { c, its, plan, view: Object.assign(view, { config: c }) };
}

const flat = (s: string) => s.replace(/\s+/g, " ");

describe("declaration", () => {
  it("states a capture's four facts from capture.json, as the capture tool recorded them", () => {
    const { view, plan } = build();
    const e = plan.find((x) => x.itemIds[0]!.includes("capture-1"))!;
    const p = view.paragraphs.find((x) => x.label === e.label)!;
    expect(p.number).toBe(2 + e.number);
    expect(p.key).toBe(`Exhibit ${e.label} – Doe 2`); // defendant "a" is the second in case.yaml
    const it0 = p.items[0]!;
    expect(it0.url).toEqual({ text: "https://shop.example/item/42", how: "as recorded by the capture tool in capture.json" });
    expect(it0.time).toEqual({
      text: "March 12, 2026, at 2:03:05 p.m. CDT (UTC−05:00)",
      how: "as recorded by the capture tool in capture.json",
    });
    expect(it0.attribution).toBeUndefined();
    const html = flat(renderTemplate("declaration", { ...view, caption: captionView(view.config), titleCaps: "T" }));
    const para = html.slice(html.indexOf(`${p.number}.</span>`), html.indexOf(`${p.number + 1}.</span>`));
    expect(para).toContain(
      "Using the capture tool exhibits 0.1.0, I visited https://shop.example/item/42; the tool recorded the visit at March 12, 2026, at " +
        "2:03:05 p.m. CDT (UTC−05:00)",
    );
    expect(para).toContain("I visited https://shop.example/item/42");
    expect(para).toContain("the server answered HTTP 200 OK");
    expect(para).toContain("I reviewed the content displayed.");
    expect(para).toContain("accurately reflect what was displayed at that URL at that time.");
    expect(para).not.toContain("[COUNSEL:");
    expect(para).toContain("Source: the time and the URL as recorded by the capture tool in capture.json.");
  });

  it("states the marks a page displays, as the case cites them (a common-law mark as such), with whoever typed them", () => {
    const c = caseOf({
      marks: [
        { id: "rs", name: "ROCKSTUD", registration: "9,901,234", goodsClass: [25] },
        { id: "stud", name: "Pyramid-stud design", commonLaw: true, goodsClass: [] },
      ],
    });
    const its = items();
    const bare = its.get("evidence/b/store.png")!;
    its.set(bare.id, { ...bare, url: "https://b.example/store", marks: ["rs", "stud"] });
    const plan = planExhibits(c, [...its.values()], new Map(), new Map());
    const view = declarationModel({ config: c, plan, items: its })!;
    const it0 = view.paragraphs.find((x) => x.label === plan.find((e) => e.itemIds[0] === bare.id)!.label)!.items[0]!;
    expect(it0.marks).toEqual({
      text: "ROCKSTUD (Reg. No. 9,901,234); Pyramid-stud design (common-law mark)",
      how: "as typed in store.png.meta.yaml",
    });
    expect(it0.sources).toBe("Source: the time, the URL and the marks shown as typed in store.png.meta.yaml.");
    const html = flat(renderTemplate("declaration", { ...view, caption: captionView(c), titleCaps: "T" }));
    expect(html).toContain(
      "The page displays these marks asserted in this case: ROCKSTUD (Reg. No. 9,901,234); Pyramid-stud design (common-law mark).",
    );
  });

  it("states a bare screenshot's sidecar facts as typed there, and each missing one as a blank, never a sentence", () => {
    const { view, plan } = build();
    const bare = view.paragraphs.find((x) => x.label === plan.find((e) => e.itemIds[0] === "evidence/b/store.png")!.label)!;
    const it0 = bare.items[0]!;
    expect(it0.time).toMatchObject({ how: "as typed in store.png.meta.yaml" });
    expect(it0.url).toEqual({ blank: "[COUNSEL: URL visited not recorded]" });
    const untimed = view.paragraphs.find((x) => x.label === plan.find((e) => e.itemIds[0] === "evidence/b/banner.png")!.label)!;
    expect(untimed.items[0]!.time).toEqual({ blank: "[COUNSEL: date, time and time zone of capture not recorded]" });
    // No one is recorded as having made it: the first person waits for counsel.
    expect(untimed.items[0]!.attribution).toMatch(/^\[COUNSEL: who made this record is not recorded/);
    const html = flat(renderTemplate("declaration", { ...view, caption: captionView(view.config), titleCaps: "T" }));
    expect(html).toContain('I visited <span class="blank">[COUNSEL: URL visited not recorded]</span>');
    expect(html).toContain(
      'which its record dates <span class="blank">[COUNSEL: date, time and time zone of capture not recorded]</span>.',
    );
    expect(html).not.toMatch(/I visited\s*(and|\.)/);
    // Where the record has the facts is said once, after the item's sentences, not after each fact.
    expect(it0.sources).toBe("Source: the time as typed in store.png.meta.yaml.");
    expect(html).toContain("Source: the time as typed in store.png.meta.yaml.");
    expect(html.match(/as typed in store\.png\.meta\.yaml/g)).toHaveLength(1);
    // The CSV lists each paragraph's blanks.
    const csv = declarationCsv(view);
    expect(csv).toContain("[COUNSEL: URL visited not recorded]");
    expect(csv.trim().split("\n")).toHaveLength(1 + plan.length);
  });

  it("names the declaration: block's declarant over the certifier, and flags a capture made by someone else", () => {
    const other = { ...CERTIFIER, name: "Owen Maddox" };
    const { view } = build(caseOf({ declaration: { declarant: other, supports: "Plaintiffs' Motion for a TRO" } }));
    expect(view.docTitle).toBe("Declaration of Owen Maddox in Support of Plaintiffs' Motion for a TRO");
    const captured = view.paragraphs.flatMap((p) => p.items).find((i) => i.tool)!;
    expect(captured.attribution).toContain("the record names Renata Delgado, not the declarant");
    expect(declarationModel({ config: config(), plan: [], items: new Map() })).toBeUndefined();
  });

  it("masks identities and withholds sealed exhibits' URLs in the public copy", () => {
    const c = caseOf({ sealing: { legend: "provisional", identities: true, items: [] } });
    const its = items();
    const plan = planExhibits(c, [...its.values()], new Map(), new Map());
    const sealed = new Set(plan.map((e) => e.label));
    const view = declarationModel({ config: c, plan, items: its, mask: (s) => s.replaceAll("shop.example", "Doe"), sealedOnly: sealed })!;
    const text = JSON.stringify(view.paragraphs);
    expect(text).not.toContain("shop.example");
    expect(text).toContain("a URL filed under seal");
  });
});

describe("slip sheet heading per court profile", () => {
  for (const court of ["nd-ill", "sdny"] as const) {
    it(`${court}: "${courtProfile(court).exhibitTo}" with the neutral title beneath, and the declaration paragraph cited`, () => {
      const { its, plan } = build(caseOf({ court }));
      const e = plan[0]!;
      const m = coverModel(caseOf({ court }), e, its);
      const expected = courtProfile(court).exhibitTo.replace("{label}", e.label).replace("{declarant}", "Renata Delgado");
      expect(`${m.heading} ${m.headingTail}`.toLowerCase()).toBe(expected.toLowerCase());
      expect(m.heading).toBe(`EXHIBIT ${e.label}`);
      expect(m.title).toBe(e.title);
      expect(m.paragraph).toBe(2 + e.number);
      const html = flat(renderTemplate("cover", { covers: [m] }, court));
      expect(html).toContain(`Provenance summary — see Decl. ¶ ${2 + e.number}`);
      expect(html).not.toMatch(/none scaled away|every row shown/);
    });
  }

  it("says each capture fact the record lacks is not recorded, and gives those a capture records", () => {
    const { its, plan, c } = build();
    const bare = coverModel(c, plan.find((e) => e.itemIds[0] === "evidence/b/store.png")!, its);
    expect(bare.sources[0]!.notRecorded).toBe("tool, browser, operating system, egress IP, logged-in account, HTTP response");
    const cap = coverModel(c, plan.find((e) => e.itemIds[0]!.includes("capture-1"))!, its);
    expect(cap.sources[0]!.facts.map((f) => `${f.label}: ${f.value}`)).toEqual([
      "Tool: exhibits 0.1.0",
      "Browser: Chromium 131.0.1",
      "Operating system: linux 6.1",
      "HTTP response: 200 OK",
      "First hashed: at capture, 2026-03-12 19:03:10 UTC (capture.json records each file's SHA-256)",
    ]);
    expect(cap.sources[0]!.notRecorded).toBe("egress IP, logged-in account");
  });
});

describe("evidence map", () => {
  it("has a row per defendant in Schedule A order holding its exhibits of the plan, with Bates and declaration ¶", () => {
    const { c, plan } = build();
    const rows = evidenceMapRows(c, plan, true);
    expect(rows.map((r) => [r.number, r.name])).toEqual([
      [1, "Bravo Store"],
      [2, "Alpha Store"],
    ]);
    const listed = rows.flatMap((r) => r.exhibits.filter((e) => e.role === "listed").map((e) => e.label));
    expect(listed.sort()).toEqual(plan.map((e) => e.label).sort());
    for (const r of rows)
      for (const x of r.exhibits) {
        const e = plan.find((p) => p.label === x.label)!;
        expect(e.defendantId).toBe(r.defendantId);
        expect(x.bates).toBe(`${e.bates.first}–${e.bates.last}`);
        expect(x.paragraph).toBe(2 + e.number);
      }
  });

  it("shows each defendant's chain: a link's ends by exhibit and the Bates number of the item's first page; what is missing", () => {
    const { c, plan } = build();
    const chains: DefendantChain[] = [
      {
        defendantId: "b",
        links: [
          {
            from: { itemId: "evidence/b/banner.png", step: "found", what: "URL" },
            to: { itemId: "evidence/b/store.png", step: "listing", what: "URL" },
            by: "same domain b.example in both URLs",
            established: true,
            shared: ["domain:b.example"],
          },
        ],
        missing: [{ from: "listing", to: "test-buy", itemId: "evidence/b/store.png", why: "the case holds no test buy of this defendant" }],
      },
    ];
    const rows = evidenceMapRows(c, plan, true, chains);
    const cite = (id: string) => {
      const e = plan.find((x) => x.itemIds.includes(id))!;
      const page = e.pages.findIndex((p) => p.kind !== "cover" && p.itemId === id);
      return `Ex. ${e.label} at T${String(e.bates.firstNumber + page).padStart(6, "0")}`;
    };
    expect(pinCite(c, plan, "evidence/b/store.png")).toBe(cite("evidence/b/store.png"));
    expect(pinCite(c, plan, "evidence/nowhere.png")).toBeUndefined();
    const b = rows.find((r) => r.defendantId === "b")!;
    expect(b.links).toEqual([
      {
        link: "found → listing",
        from: `${cite("evidence/b/banner.png")} (URL)`,
        to: `${cite("evidence/b/store.png")} (URL)`,
        by: "same domain b.example in both URLs",
        established: true,
      },
    ]);
    expect(b.missing).toEqual([
      { link: "listing → test buy", at: cite("evidence/b/store.png"), why: "the case holds no test buy of this defendant" },
    ]);
    // A defendant the chains do not name has no chain rows; the exhibit rows are as before.
    expect(rows.find((r) => r.defendantId === "a")!.links).toBeUndefined();
    expect(rows.map((r) => r.exhibits)).toEqual(evidenceMapRows(c, plan, true).map((r) => r.exhibits));
    const table = parseCsv(evidenceMapCsv(rows));
    const csv = [table.header, ...table.rows.map((r) => r.cells)];
    expect(csv[0]!.slice(0, 7)).toEqual(["Schedule A No.", "Defendant", "Exhibit", "Title", "Bates range", "Decl. ¶", "Listed"]);
    expect(csv[0]!.slice(7)).toEqual(["Link", "From", "To", "How established", "Established"]);
    const chainRows = csv.slice(1).filter((r) => r[7]);
    expect(chainRows.map((r) => [r[0], r[7], r[11]])).toEqual([
      ["1", "found → listing", "yes"],
      ["1", "listing → test buy", "missing"],
    ]);
    expect(evidenceMapChainLines(rows).map((g) => [g.heading, g.lines.length])).toEqual([["1. Bravo Store", 2]]);
  });
});

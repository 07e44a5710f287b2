/**
 * What goes under seal (src/plan/sealing.ts) and how the public tree names defendants (src/plan/identities.ts): pure.
 */
import { describe, expect, it } from "vitest";
import type { CaseConfig } from "../../src/model/case.js";
import type { EvidenceItem } from "../../src/model/evidence.js";
import {
  identityMask,
  identityTargets,
  planExhibits,
  planSealing,
  publicCase,
  twinExhibits,
  unknownSealedItems,
} from "../../src/plan/index.js";
import { config, screenshot } from "../helpers/items.js";

const defendants: CaseConfig["defendants"] = [
  {
    id: "doe-01",
    name: "GlintJewel",
    aliases: ["glintjewel", "Glint Jewel Official"],
    platform: "Amazon",
    sellerId: "SFQRDFX",
    storeUrl: "https://www.amazon.com/sp?seller=SFQRDFX",
  },
  { id: "doe-02", name: "Studline Outlet", aliases: [], platform: "Own website", storeUrl: "https://studline-outlet.example/" },
];

function sealedCase(over: Partial<CaseConfig["sealing"]> = {}): CaseConfig {
  return config({ defendants, sealing: { legend: "provisional", identities: true, items: [], ...over } });
}

const item = (id: string, over: Partial<EvidenceItem>): EvidenceItem => ({ ...screenshot(id, 800), ...over });

function exhibitsOf(c: CaseConfig, items: EvidenceItem[]) {
  const exhibits = planExhibits(c, items);
  return { exhibits, byId: new Map(items.map((i) => [i.id, i])) };
}

describe("identityTargets", () => {
  it("lists every name, alias, seller ID and store URL, and a store's own domain but not a marketplace's", () => {
    expect(identityTargets(sealedCase())).toEqual(
      [
        "GlintJewel",
        "glintjewel",
        "Glint Jewel Official",
        "SFQRDFX",
        "https://www.amazon.com/sp?seller=SFQRDFX",
        "Studline Outlet",
        "https://studline-outlet.example/",
        "studline-outlet.example",
      ].sort(),
    );
    expect(identityTargets(sealedCase()).some((t) => /^(www\.)?amazon\.com$/.test(t))).toBe(false);
  });

  it("is empty when the case does not seal identities", () => {
    expect(identityTargets(sealedCase({ identities: false }))).toEqual([]);
  });
});

describe("identityMask and publicCase", () => {
  it("puts each defendant's Doe designation in place of its identities, across case and separators", () => {
    const mask = identityMask(sealedCase());
    expect(mask("Amazon listing by GlintJewel")).toBe("Amazon listing by Doe No. 1 (Schedule A)");
    expect(mask("seller glint-jewel-official, id sfqrdfx")).toBe("seller Doe No. 1 (Schedule A), id Doe No. 1 (Schedule A)");
    expect(mask("see https://studline-outlet.example/ and STUDLINE-OUTLET.EXAMPLE")).toBe(
      // A literal is its letters and digits: the URL's closing slash stays.
      "see Doe No. 2 (Schedule A)/ and Doe No. 2 (Schedule A)",
    );
    // A longer word that merely contains a value is not it.
    expect(mask("GlintJewelry")).toBe("GlintJewelry");
    expect(identityMask(sealedCase({ identities: false }))("GlintJewel")).toBe("GlintJewel");
  });

  it("names defendants by their Doe designation and drops what identifies them", () => {
    const shown = publicCase(sealedCase());
    expect(shown.defendants).toEqual([
      { id: "doe-01", name: "Doe No. 1 (Schedule A)", aliases: [], platform: "Amazon" },
      { id: "doe-02", name: "Doe No. 2 (Schedule A)", aliases: [], platform: "Own website" },
    ]);
    const wide = sealedCase();
    wide.scheduleA = { publicColumns: ["number", "alias", "name", "platform", "sellerId", "storeUrl"] };
    expect(publicCase(wide).scheduleA.publicColumns).toEqual(["number", "platform"]);
  });
});

describe("planSealing and twinExhibits", () => {
  const items = [
    item("evidence/doe-01/01-listing.png", { kind: "listing", defendantId: "doe-01", title: "Amazon listing by GlintJewel" }),
    item("evidence/doe-01/02-letter.pdf", { kind: "document", defendantId: "doe-01", title: "Letter", media: "pdf" }),
    item("evidence/registration.png", { kind: "document", defendantId: undefined, title: "Registration certificate" }),
    item("evidence/doe-02/01-page.png", { kind: "screenshot", defendantId: "doe-02", title: "Studline Outlet product page" }),
  ];

  it("seals exhibits that identify a seller, keeps documents and case-wide exhibits public, and always writes twins", () => {
    const c = sealedCase();
    const { exhibits, byId } = exhibitsOf(c, items);
    const plan = planSealing(c, exhibits, byId, () => false);
    const where = Object.fromEntries(exhibits.map((e) => [e.title, plan.placement.get(e.label)]));
    expect(where).toEqual({
      "Registration certificate": "public",
      "Amazon listing by GlintJewel": "sealed",
      Letter: "public",
      "Studline Outlet product page": "sealed",
    });
    expect(plan.twins).toBe(true);
    expect(plan.why.get(exhibits.find((e) => e.title === "Studline Outlet product page")!.label)).toBe("identifies a seller");
  });

  it("without identity sealing: one tree unless something differs or is forced under seal", () => {
    const c = sealedCase({ identities: false });
    const { exhibits, byId } = exhibitsOf(c, items);
    expect(planSealing(c, exhibits, byId, () => false).twins).toBe(false);
    const differs = planSealing(c, exhibits, byId, (e) => e.title === "Letter");
    expect([...differs.placement.values()]).toEqual(["public", "public", "both", "public"]);
    expect(differs.twins).toBe(true);
    const forced = planSealing(sealedCase({ identities: false, items: ["./evidence/registration.png"] }), exhibits, byId, () => false);
    expect(forced.placement.get(exhibits[0]!.label)).toBe("sealed");
    expect(forced.why.get(exhibits[0]!.label)).toBe("sealing.items");
    const sidecar = items.map((it) => (it.title === "Letter" ? { ...it, sealed: true } : it));
    const bySidecar = planSealing(c, planExhibits(c, sidecar), new Map(sidecar.map((i) => [i.id, i])), () => false);
    expect(bySidecar.why.get(exhibits.find((e) => e.title === "Letter")!.label)).toBe("sealed: true");
  });

  it("names sealing.items that are no evidence file", () => {
    expect(unknownSealedItems(sealedCase({ items: ["evidence/doe-01/01-listing.png", "evidence/nope.png"] }), items)).toEqual([
      "evidence/nope.png",
    ]);
  });

  it("gives each tree its exhibits with the plan's Bates numbers: the sealed tree a subset, the public one slip sheets", () => {
    const c = sealedCase();
    const { exhibits, byId } = exhibitsOf(c, items);
    const plan = planSealing(c, exhibits, byId, () => false);
    const sealed = twinExhibits(c, exhibits, plan, "sealed");
    expect(sealed.map((e) => e.title)).toEqual(["Amazon listing by GlintJewel", "Studline Outlet product page"]);
    expect(sealed.map((e) => e.bates)).toEqual(exhibits.filter((e) => plan.placement.get(e.label) === "sealed").map((e) => e.bates));
    const pub = twinExhibits(c, exhibits, plan, "public");
    expect(pub.map((e) => e.bates)).toEqual(exhibits.map((e) => e.bates));
    const slip = pub.find((e) => e.filedUnderSeal)!;
    expect(slip.pages).toHaveLength(1);
    expect(slip.filedUnderSeal).toEqual({ pages: exhibits[1]!.pages.length });
    expect(slip.title).toBe("Filed under seal: Amazon listing by Doe No. 1 (Schedule A)");
    expect(slip.defendantName).toBe("Doe No. 1 (Schedule A)");
    expect(slip.fileName).toBe("002 Doe No. 1 (Schedule A) - Filed under seal - Amazon listing by Doe No. 1 (Schedule A).pdf");
    for (const e of pub) expect(`${e.title} ${e.fileName} ${e.defendantName ?? ""}`).not.toMatch(/glint|studline/i);
    expect(twinExhibits(c, exhibits, plan, "single")).toEqual(exhibits);
  });
});

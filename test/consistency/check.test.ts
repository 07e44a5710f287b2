import { describe, expect, it } from "vitest";
import { checkCase } from "../../src/consistency/index.js";
import { planExhibits } from "../../src/plan/index.js";
import type { EvidenceItem } from "../../src/model/evidence.js";
import { config, screenshot } from "../helpers/items.js";

const purchase = (id: string, state: string, status = "Shipped"): EvidenceItem => ({
  ...screenshot(id, 1),
  kind: "purchase",
  media: "purchases-csv",
  payload: {
    type: "purchases",
    orders: [
      {
        source: "generic-csv",
        orderId: "A-1",
        lines: [],
        amounts: [],
        details: [],
        origin: "x",
        status,
        shipTo: { city: "Chicago", state },
      },
    ],
  },
});

const cfg = config({
  marks: [{ id: "m", name: "MARK", registration: "9,999,999", goodsClass: [25] }],
  check: { forumState: "IL", pagesPerAlias: 5 },
  defendants: [
    { id: "a", name: "Alpha", aliases: [], location: "Shenzhen, China" },
    { id: "b", name: "Bravo", aliases: [] },
  ],
});

function findings(items: EvidenceItem[]) {
  const report = checkCase(
    cfg,
    items,
    planExhibits(cfg, items, new Map(items.filter((i) => i.payload.type === "purchases").map((i) => [i.id, 1]))),
  );
  const of = (d: string, c: string) => report.defendants.find((x) => x.id === d)!.findings.find((f) => f.check === c)!;
  return { report, of };
}

describe("check", () => {
  it("passes a complete defendant: listing with a mark, test buy shipped to the forum state, location, within budget", () => {
    const { of } = findings([
      screenshot("evidence/a/l.png", 500, { kind: "listing", marks: ["m"] }),
      purchase("evidence/a/p.csv", "IL"),
      screenshot("evidence/b/x.png", 100),
    ]);
    for (const c of ["has-evidence", "listing-shows-mark", "forum-test-buy", "seller-location", "page-budget"])
      expect(of("a", c).level, c).toBe("ok");
  });

  it("warns on each completeness gap, naming what is missing", () => {
    const { of, report } = findings([
      screenshot("evidence/a/l.png", 20000, { kind: "listing" }),
      purchase("evidence/a/p.csv", "WI"),
      screenshot("evidence/b/x.png", 100),
    ]);
    expect(of("a", "listing-shows-mark")).toMatchObject({ level: "warning", message: expect.stringMatching(/records an asserted mark/) });
    expect(of("a", "forum-test-buy")).toMatchObject({
      level: "warning",
      message: expect.stringMatching(/no completed order shipped to IL \(orders: A-1 → WI\)/),
    });
    expect(of("a", "page-budget").level).toBe("warning");
    expect(of("b", "seller-location").level).toBe("warning");
    expect(report.ok).toBe(true);
  });

  it("does not count a cancelled order as a test buy", () => {
    expect(
      findings([purchase("evidence/a/p.csv", "IL", "Cancelled"), screenshot("evidence/b/x.png", 1)]).of("a", "forum-test-buy").level,
    ).toBe("warning");
  });

  it("errors when a defendant has no evidence, or evidence belongs to no defendant", () => {
    const { report, of } = findings([
      screenshot("evidence/a/l.png", 100, { marks: ["m"] }),
      screenshot("evidence/loose.png", 100, { defendantId: undefined }),
    ]);
    expect(of("b", "has-evidence").level).toBe("error");
    expect(report.general.find((f) => f.check === "items-belong")).toMatchObject({
      level: "error",
      message: expect.stringMatching(/evidence\/loose\.png/),
    });
    expect(report.ok).toBe(false);
  });

  it("warns about a declared mark no evidence shows", () => {
    expect(
      findings([screenshot("evidence/a/l.png", 100), screenshot("evidence/b/x.png", 1)]).report.general.some(
        (f) => f.check === "marks-used" && f.level === "warning",
      ),
    ).toBe(true);
  });

  it("warns when case.yaml sets a court profile for another court than the caption names", () => {
    const sdny = {
      ...cfg,
      court: "sdny" as const,
      caption: { ...cfg.caption, court: "United States District Court for the Northern District of Illinois" },
    };
    const warned = checkCase(sdny, [], []).general.find((f) => f.check === "court-profile");
    expect(warned?.level).toBe("warning");
    expect(warned?.message).toContain(
      "court: sdny, but the caption names United States District Court for the Northern District of Illinois",
    );
    const generic = { ...sdny, court: "federal" as const };
    expect(checkCase(generic, [], []).general.some((f) => f.check === "court-profile")).toBe(false);
  });

  it("asks for the judge's initials an S.D.N.Y. docket number carries, and never guesses them", () => {
    const court = "United States District Court for the Southern District of New York";
    const bare = { ...cfg, court: "sdny" as const, caption: { ...cfg.caption, court, caseNumber: "1:26-cv-01873" } };
    const warned = checkCase(bare, [], []).general.filter((f) => f.check === "court-profile");
    expect(warned.map((f) => f.message)).toEqual([expect.stringContaining("'1:26-cv-01873' has no judge's initials")]);
    const docketed = { ...bare, caption: { ...bare.caption, caseNumber: "1:26-cv-01873 (MTO)" } };
    expect(checkCase(docketed, [], []).general.some((f) => f.check === "court-profile")).toBe(false);
  });
});

import { describe, expect, it } from "vitest";
import { planExhibits, paginateItem, compareNatural } from "../../src/plan/index.js";
import { config, pdfDoc, screenshot } from "../helpers/items.js";

describe("planExhibits", () => {
  const items = [
    screenshot("evidence/a/10-late.png", 1000),
    screenshot("evidence/a/2-early.png", 1000),
    pdfDoc("evidence/b/receipt.pdf", 3),
    screenshot("evidence/registrations.png", 500, { defendantId: undefined }),
  ];

  it("orders case-wide evidence first, then defendants in case.yaml order, then natural path order", () => {
    const plan = planExhibits(config(), items);
    expect(plan.map((e) => e.itemIds[0])).toEqual([
      "evidence/registrations.png",
      "evidence/b/receipt.pdf",
      "evidence/a/2-early.png",
      "evidence/a/10-late.png",
    ]);
    expect(plan.map((e) => e.label)).toEqual(["1", "2", "3", "4"]);
  });

  it("is stable: the same items in any input order give the same plan", () => {
    const a = planExhibits(config(), items);
    const b = planExhibits(config(), [...items].reverse());
    expect(b).toEqual(a);
  });

  it("groups the files of one case.yaml entry into one exhibit, in the entry's order, placed by its first file", () => {
    const grouped = [
      screenshot("evidence/a/1-x.png", 100),
      screenshot("evidence/a/4-photo-b.png", 100, { entryIndex: 0, title: "Photos" }),
      screenshot("evidence/a/3-photo-a.png", 100, { entryIndex: 0, title: "Photos" }),
      screenshot("evidence/a/9-z.png", 100),
    ];
    const plan = planExhibits(config(), grouped);
    expect(plan.map((e) => e.itemIds)).toEqual([
      ["evidence/a/1-x.png"],
      ["evidence/a/4-photo-b.png", "evidence/a/3-photo-a.png"],
      ["evidence/a/9-z.png"],
    ]);
    expect(plan[1].title).toBe("Photos");
  });

  it("gives gapless Bates ranges across the whole bundle, cover sheet included", () => {
    const plan = planExhibits(config(), items);
    expect(plan[0].bates.first).toBe("T000001");
    for (let i = 1; i < plan.length; i++) expect(plan[i].bates.firstNumber).toBe(plan[i - 1].bates.lastNumber + 1);
    for (const e of plan) {
      expect(e.pages[0].kind).toBe("cover");
      expect(e.bates.lastNumber - e.bates.firstNumber + 1).toBe(e.pages.length);
    }
    expect(plan.find((e) => e.itemIds[0].endsWith("receipt.pdf"))?.pages).toHaveLength(4);
  });

  it("labels with letters past Z", () => {
    const many = Array.from({ length: 30 }, (_, i) => screenshot(`evidence/a/${i}.png`, 100));
    const plan = planExhibits(config({ labels: { style: "letters", start: 1, prefix: "" } }), many);
    expect(plan.slice(24, 28).map((e) => e.label)).toEqual(["Y", "Z", "AA", "AB"]);
    expect(plan[26].fileName.startsWith("AA Alpha Store - ")).toBe(true);
  });

  it("names files '<number> <defendant> - <title>.pdf' with safe characters", () => {
    const plan = planExhibits(config(), [screenshot("evidence/a/x.png", 100, { title: 'Listing: "Rock/Stud" shoes?' })]);
    expect(plan[0].fileName).toBe("001 Alpha Store - Listing Rock Stud shoes.pdf");
  });
});

describe("paginateItem", () => {
  it("splits a tall screenshot into bands that cover every row exactly once, without upscaling", () => {
    const pages = paginateItem(screenshot("evidence/a/tall.png", 7074));
    const bands = pages.map((p) => (p.kind === "image" ? p.rows : undefined));
    expect(bands[0]?.from).toBe(0);
    for (let i = 1; i < bands.length; i++) expect(bands[i]?.from).toBe(bands[i - 1]?.to);
    expect(bands[bands.length - 1]?.to).toBe(7074);
    for (const p of pages) if (p.kind === "image") expect(p.placement.width / 1280).toBeLessThanOrEqual(0.75);
  });

  it("never scales a narrow screenshot above 96 dpi and keeps a short one on one page", () => {
    const [p] = paginateItem(
      screenshot("evidence/a/small.png", 300, { payload: { type: "image", width: 400, height: 300, orientation: 1 } }),
    );
    expect(p.kind === "image" && p.placement.width).toBe(300);
  });

  it("fits a photo on one page, swapping sides for EXIF orientations 5–8", () => {
    const photo = screenshot("evidence/a/p.jpg", 1200, {
      kind: "photo",
      media: "jpeg",
      payload: { type: "image", width: 1600, height: 1200, orientation: 6 },
    });
    const pages = paginateItem(photo);
    expect(pages).toHaveLength(1);
    const p = pages[0];
    expect(p.kind === "image" && p.placement.height > p.placement.width).toBe(true);
  });

  it("carries each PDF page onto its own page, landscape pages on landscape paper", () => {
    const doc = pdfDoc("evidence/a/d.pdf", 2, {
      payload: {
        type: "pdf",
        pages: [
          { width: 612, height: 792, rotate: 0 },
          { width: 792, height: 612, rotate: 0 },
        ],
      },
    });
    const pages = paginateItem(doc);
    expect(pages.map((p) => p.size)).toEqual([
      [612, 792],
      [792, 612],
    ]);
  });
});

describe("compareNatural", () => {
  it("sorts numbers by value and text by code point, independent of locale", () => {
    expect(["10-b", "2-a", "1-c", "B", "a"].sort(compareNatural)).toEqual(["1-c", "2-a", "10-b", "B", "a"]);
  });
});

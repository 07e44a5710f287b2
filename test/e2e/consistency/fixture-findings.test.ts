/**
 * Issue 20: the fixture's planted contradictions, each reported with its stable id, class and pin cites — by `check`
 * (records, text layers, photos) and by `build` (which also reads the words in images by OCR: the label's tracking
 * number, the product page's "ships from"). An acknowledgement in case.yaml keeps the finding with its reason and
 * stops it warning. A consistent variant of the fixture (its data fixed) reports none of them.
 */
import { readFileSync, writeFileSync } from "node:fs";
import sharp from "sharp";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import type { CheckReport } from "../../../src/consistency/index.js";
import type { ConsistencyFinding } from "../../../src/model/consistency.js";
import { copyFixture, tempDir } from "../../helpers/cli.js";
import { runBuild, runCheck } from "../../helpers/commands.js";

const CHECK_CLASSES = ["duplicate-scene", "received-before-order", "device-time-zone", "shipping-method", "purchase-without-payment"];
const OCR_CLASSES = ["tracking-mismatch", "ships-from"];

let findings: ConsistencyFinding[];
let buildLog: string;
let consistentLog: string;
let consistentFindings: ConsistencyFinding[];

const checkJson = async (caseDir: string, out?: string) =>
  JSON.parse((await runCheck(caseDir, { json: true, ...(out ? { out } : {}) })).stdout) as CheckReport;
let afterBuild: ConsistencyFinding[];
const edit = (file: string, from: string | RegExp, to: string) => {
  const text = readFileSync(file, "utf8");
  expect(text).toMatch(from);
  writeFileSync(file, text.replace(from, to));
};

/** The fixture with its data made consistent: what each planted contradiction rests on, corrected. */
async function consistentVariant(): Promise<string> {
  const dir = copyFixture();
  const ev = join(dir, "evidence");
  const dm = join(ev, "kpg/06-instagram-dm/kpgboutique_17841400000000001");
  // The seller's chat photo shows a product shot of its own, not the investigator's later box-label scene.
  const photo = join(dm, "photos/17900000000000001.jpg");
  const stripes = Buffer.from(
    '<svg xmlns="http://www.w3.org/2000/svg" width="720" height="540"><rect width="720" height="540" fill="#e8e0d0"/>' +
      '<circle cx="360" cy="270" r="180" fill="#7a1f2b"/><rect x="0" y="480" width="720" height="60" fill="#222"/></svg>',
  );
  writeFileSync(photo, await sharp(stripes).jpeg({ quality: 90 }).toBuffer());
  const csv = join(ev, "kpg/03-test-buy/Retail.OrderHistory.1.csv");
  edit(csv, "AMZN_US(TBA318840021577)", "AMZN_US(TBA318822046000)"); // the label's tracking number
  edit(csv, /"std-us-non-prime","Renata Delgado 2735/, '"prime-us-standard","Renata Delgado 2735'); // the receipt's Prime
  // The devices on the declarant's clock: the receipt saved, the photos taken in Chicago time.
  edit(join(ev, "kpg/03-test-buy/03-order-receipt.pdf.meta.yaml"), "2026-03-16T11:12:40-07:00", "2026-03-16T11:12:40-05:00");
  for (const [photo, at] of [
    ["04-received-shoe.jpg", "2026-03-20T16:05:31-05:00"],
    ["05-received-box.jpg", "2026-03-20T16:07:48-05:00"],
  ])
    writeFileSync(
      join(ev, `kpg/03-test-buy/${photo}.meta.yaml`),
      `${readFileSync(join(ev, `kpg/03-test-buy/${photo}.meta.yaml`), "utf8")}capturedAt: ${at}\n`,
    );
  // (The receipt's print header, 11:12 AM, is its device's clock: saved at 11:12 Chicago time, it agrees.)
  edit(join(dir, "case.yaml"), "location: unknown (domain registered privately)", "location: Chicago, Illinois, United States");
  edit(join(ev, "studline/02-website-checkout.png.meta.yaml"), "kind: purchase", "kind: screenshot");
  return dir;
}

beforeAll(async () => {
  const caseDir = copyFixture();
  findings = (await checkJson(caseDir)).consistency ?? [];
  const out = tempDir();
  const built = await runBuild({ caseDir, out });
  expect(built.code, built.stderr).toBe(0);
  buildLog = built.stderr;
  afterBuild = (await checkJson(caseDir, out)).consistency ?? [];
  const fixed = await consistentVariant();
  consistentFindings = (await checkJson(fixed)).consistency ?? [];
  const again = await runBuild({ caseDir: fixed, out: tempDir() });
  expect(again.code, again.stderr).toBe(0);
  consistentLog = again.stderr;
}, 600_000);

describe("the fixture's contradictions", () => {
  for (const check of CHECK_CLASSES)
    it(`check reports ${check}, with its id and each item's pin cite`, () => {
      const f = findings.find((x) => x.check === check);
      expect(f, check).toBeDefined();
      expect(f!.id).toMatch(new RegExp(`^${check}:(kpg|studline):[0-9a-f]{8}$`));
      for (const it of f!.items) expect(it.cite, `${check} ${it.itemId}`).toMatch(/^Ex\. \d+ at VAL\d{6}$/);
      expect(f!.opponent.length).toBeGreaterThan(40);
    });

  it("names the values: the Prime receipt against the non-Prime order, the Pacific clocks against Chicago", () => {
    expect(findings.find((x) => x.check === "shipping-method")!.message).toContain(
      'non-Prime shipping (Shipping Option "std-us-non-prime")',
    );
    const zones = findings.find((x) => x.check === "device-time-zone")!;
    expect(zones.items.map((i) => i.itemId).sort()).toEqual([
      "evidence/kpg/03-test-buy/03-order-receipt.pdf",
      "evidence/kpg/03-test-buy/04-received-shoe.jpg",
      "evidence/kpg/03-test-buy/05-received-box.jpg",
    ]);
    expect(zones.message).toContain("UTC−07:00");
  });

  for (const check of OCR_CLASSES)
    it(`build reports ${check} from the words it reads in images`, () => {
      expect(buildLog).toMatch(new RegExp(`warning \\(${check}:(kpg|studline):[0-9a-f]{8}, (identity|circumstances), warning\\)`));
    });

  it("check, after a build, reports them too from the words that build read (it never runs OCR itself)", () => {
    for (const check of OCR_CLASSES) expect(afterBuild.map((f) => f.check)).toContain(check);
    expect(findings.map((f) => f.check)).not.toContain("tracking-mismatch"); // before any build: not read yet
    // Every word mark the fixture's pages claim is read on them (ROCKSTUD by OCR): nothing claimed goes unshown.
    expect(afterBuild.filter((f) => f.check.startsWith("mark-")).map((f) => f.id)).toEqual([]);
  });

  it("reads the label's tracking number against the order's", () => {
    expect(buildLog).toMatch(/TBA318822046000.*TBA318840021577/);
  });

  it("keeps an acknowledged finding with its reason and stops it warning; an acknowledgement of nothing is said", async () => {
    const caseDir = copyFixture();
    const id = findings.find((x) => x.check === "shipping-method")!.id;
    const yaml = readFileSync(join(caseDir, "case.yaml"), "utf8");
    writeFileSync(
      join(caseDir, "case.yaml"),
      `${yaml}\nacknowledge:\n  - { finding: ${id}, reason: "Amazon prints Prime on every receipt of a Prime member" }\n` +
        '  - { finding: "shipping-method:kpg:00000000", reason: "stale" }\n',
    );
    const report = await checkJson(caseDir);
    const f = report.consistency!.find((x) => x.id === id)!;
    expect(f.acknowledged).toBe("Amazon prints Prime on every receipt of a Prime member");
    expect(report.warnings).toBe((await checkJson(copyFixture())).warnings); // one silenced, one stale said
    expect(report.general.some((g) => g.check === "acknowledge" && g.message.includes("shipping-method:kpg:00000000"))).toBe(true);
  });

  it("reports none of them for the consistent variant (check and build)", () => {
    expect(consistentFindings.map((f) => f.id)).toEqual([]);
    for (const check of [...CHECK_CLASSES, ...OCR_CLASSES]) expect(consistentLog).not.toContain(`warning (${check}:`);
  });
});

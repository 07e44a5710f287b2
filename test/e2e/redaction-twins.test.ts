/**
 * FRCP 5.2 twins end to end: a card number, an SSN and a birth date seeded into a DM export, an .eml and a
 * purchases CSV never appear in any text extracted from any PDF under public/, and do appear under sealed/.
 * Both twins carry the same labels and Bates numbers and pass verify.
 */
import { execFileSync } from "node:child_process";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import sharp from "sharp";
import { beforeAll, describe, expect, it } from "vitest";
import { build, type BuildResult } from "../../src/commands/build.js";
import { hashTree, tempDir } from "../helpers/cli.js";
import { runVerify } from "../helpers/commands.js";

const CARD = "4111 1111 1111 1111";
const SSN = "123-45-6789";
const DOB = "07/23/1981";
const MINOR = "Tobias Quill";

let result: BuildResult;
let caseDir: string;

function meta(s: string): string {
  return Buffer.from(s, "utf8").toString("latin1"); // Meta's mojibake: every UTF-8 byte as its own code point
}

beforeAll(async () => {
  caseDir = join(tempDir(), "seeded");
  const dm = join(caseDir, "evidence/shop/dm/shopowner_100200300");
  mkdirSync(dm, { recursive: true });
  mkdirSync(join(caseDir, "evidence/shop/buy"), { recursive: true });
  writeFileSync(
    join(caseDir, "case.yaml"),
    `id: seeded
caption: { court: United States District Court for the Northern District of Illinois,
  caseNumber: "1:26-cv-09999", plaintiffs: [Brand Co.], defendants: Shop, shortTitle: Brand v. Shop }
timeZone: America/Chicago
bates: { prefix: SEED, start: 1, digits: 6 }
redaction: { minors: ["${MINOR}"] }
defendants: [{ id: shop, name: Shop Owner Store }]
`,
  );
  const messages = [
    { sender_name: meta("Shop Owner ✨"), timestamp_ms: 1773166000000, content: meta(`pay me directly: card ${CARD} works`) },
    {
      sender_name: "Buyer",
      timestamp_ms: 1773166100000,
      content: meta(`ok, my SSN is ${SSN} and I was born on ${DOB} — my son ${MINOR} will sign 🙂`),
    },
    {
      sender_name: meta("Shop Owner ✨"),
      timestamp_ms: 1773166200000,
      share: { link: "https://www.amazon.com/dp/B0HIDDEN01", share_text: "Classic Screw Bracelet" },
    },
  ].reverse();
  writeFileSync(
    join(dm, "message_1.json"),
    JSON.stringify(
      {
        participants: [{ name: meta("Shop Owner ✨") }, { name: "Buyer" }],
        title: meta("Shop Owner ✨"),
        thread_path: "inbox/shopowner_100200300",
        messages,
      },
      null,
      2,
    ),
  );
  writeFileSync(
    join(caseDir, "evidence/shop/buy/confirmation.eml"),
    [
      "From: Orders <orders@shop.example>",
      "To: buyer@example.net",
      "Subject: Your order 5501",
      "Date: Tue, 10 Mar 2026 18:00:00 +0000",
      "Message-ID: <5501@shop.example>",
      "MIME-Version: 1.0",
      "Content-Type: text/plain; charset=UTF-8",
      "",
      `Order 5501 paid with card ${CARD}.`,
      `Customer SSN on file: ${SSN}. Date of birth: ${DOB}.`,
      "Ships to CHICAGO, IL.",
      "",
    ].join("\r\n"),
  );
  writeFileSync(
    join(caseDir, "evidence/shop/buy/purchases.csv"),
    "\ufefforder id,date,seller,item,quantity,unit price,currency,ship-to city,ship-to state,payment\r\n" +
      `5501,2026-03-10T18:00:00Z,Shop Owner Store,"Studded pumps (buyer DOB ${DOB}, SSN ${SSN})",1,89.99,USD,Chicago,IL,Visa ${CARD}\r\n`,
  );
  // A screenshot with a region to burn out: a red 200×120 image, region over its top-left corner.
  const png = await sharp({ create: { width: 200, height: 120, channels: 3, background: "#d01010" } })
    .png()
    .toBuffer();
  writeFileSync(join(caseDir, "evidence/shop/profile.png"), png);
  writeFileSync(
    join(caseDir, "evidence/shop/profile.png.meta.yaml"),
    'redact:\n  - { x: 10, y: 20, width: 50, height: 30, reason: investigator\'s account name, basis: "Protective Order, Dkt. 31" }\n',
  );
  result = await build({ cwd: tempDir(), caseDir, out: "out", env: { ...process.env, SOURCE_DATE_EPOCH: "1776000000" } });
});

const squash = (s: string) => s.replace(/\s+/g, "");
function allText(dir: string): string {
  return Object.keys(hashTree(dir))
    .filter((p) => p.endsWith(".pdf"))
    .map((p) => execFileSync("pdftotext", [join(dir, p), "-"], { encoding: "utf8" }))
    .join("\n");
}
const seeded = [squash(CARD), SSN, "123456789", DOB, MINOR];

describe("public and sealed twins", () => {
  it("writes both twins with the same exhibit labels and Bates ranges", () => {
    expect(result.trees.map((t) => t.twin)).toEqual(["public", "sealed"]);
    const [pub, sealed] = result.trees.map((t) => t.manifest);
    expect(pub.twin).toBe("public");
    expect(sealed.twin).toBe("sealed");
    expect(pub.exhibits.map((e) => [e.label, e.bates])).toEqual(sealed.exhibits.map((e) => [e.label, e.bates]));
    expect(pub.redactions).toBeGreaterThanOrEqual(7);
  });

  it("never lets the seeded card number, SSN, birth date or minor's name into any public PDF's text", () => {
    const text = squash(allText(join(result.bundleDir, "public")));
    expect(text.length).toBeGreaterThan(500);
    for (const s of seeded) expect(text, s).not.toContain(squash(s));
    // What Rule 5.2 allows stays: last four digits, the birth year, initials.
    expect(text).toContain("XXXXXXXXXXXX1111");
    expect(text).toContain("XXX-XX-6789");
    expect(text).toContain("XX/XX/1981");
    expect(text).toContain("T.Q.");
    // Forum-state evidence stays visible.
    expect(text).toMatch(/Chicago,IL/i);
  });

  it("keeps the seeded values, highlighted, in the sealed twin", () => {
    const text = squash(allText(join(result.bundleDir, "sealed")));
    for (const s of [squash(CARD), SSN, DOB, squash(MINOR)]) expect(text, s).toContain(squash(s));
    expect(text).toContain("FILEDUNDERSEAL");
  });

  it("shows the hidden link in full in both twins", () => {
    for (const t of ["public", "sealed"]) expect(allText(join(result.bundleDir, t))).toContain("https://www.amazon.com/dp/B0HIDDEN01");
  });

  it("writes a redaction log naming exhibit, Bates page, item, place, layer, rule and basis, without the removed text", () => {
    const log = readFileSync(join(result.bundleDir, "public/redaction-log.csv"), "utf8");
    expect(log.split("\n")[0]).toBe("no.,exhibit,bates,item,place,layer,rule,basis");
    expect(log).toMatch(
      /,SEED\d{6},evidence\/shop\/buy\/confirmation\.eml,email body,email-body,financial-account,Fed\. R\. Civ\. P\. 5\.2\(a\)\(4\)/,
    );
    expect(log).toMatch(/message M00002,text,ssn-tin,Fed\. R\. Civ\. P\. 5\.2\(a\)\(1\)/);
    expect(log).toMatch(/birth-date,Fed\. R\. Civ\. P\. 5\.2\(a\)\(2\)/);
    expect(log).toMatch(/minor-name,Fed\. R\. Civ\. P\. 5\.2\(a\)\(3\)/);
    // Every row is on a page of its own exhibit.
    const m = result.trees.find((t) => t.twin === "public")!.manifest;
    for (const row of log.trim().split("\n").slice(1)) {
      const [, label, bates] = row.split(",");
      const e = m.exhibits.find((x) => x.label === label)!;
      for (const page of bates!.split("–")) expect(page >= e.bates.first && page <= e.bates.last, row).toBe(true);
    }
    for (const s of seeded) expect(squash(log)).not.toContain(squash(s));
    expect(readFileSync(join(result.bundleDir, "sealed/redaction-log.csv"), "utf8")).toBe(log);
  });

  it("verifies each twin, and both from the parent folder", async () => {
    for (const t of ["public", "sealed"]) expect((await runVerify(join(result.bundleDir, t))).code).toBe(0);
    const both = await runVerify(result.bundleDir);
    expect(both.code, both.stdout).toBe(0);
    expect(both.stdout.match(/All 18 checks passed/g)).toHaveLength(2);
  });

  it("passes qpdf --check on every PDF of both twins", () => {
    for (const p of Object.keys(hashTree(result.bundleDir)).filter((f) => f.endsWith(".pdf"))) {
      expect(execFileSync("qpdf", ["--check", join(result.bundleDir, p)], { encoding: "utf8" }), p).toContain(
        "No syntax or stream encoding errors",
      );
    }
  });

  it("burns pixel regions into the public image (no pixel of the original under the box) and keeps the sealed image intact", async () => {
    const extract = async (twin: string) => {
      const m = result.trees.find((t) => t.twin === twin)!.manifest;
      const e = m.exhibits.find((x) => x.sources.some((src) => src.path.endsWith("profile.png")))!;
      const dir = tempDir();
      execFileSync("pdfimages", ["-png", join(result.bundleDir, twin, e.file.path), join(dir, "img")]);
      const { data, info } = await sharp(join(dir, "img-000.png")).raw().toBuffer({ resolveWithObject: true });
      const at = (x: number, y: number) => [
        ...data.subarray((y * info.width + x) * info.channels, (y * info.width + x) * info.channels + 3),
      ];
      return { at, width: info.width, height: info.height };
    };
    const pub = await extract("public");
    expect([pub.width, pub.height]).toEqual([200, 120]);
    for (const [x, y] of [
      [10, 20],
      [59, 49],
      [35, 35],
    ])
      expect(pub.at(x, y)).toEqual([0, 0, 0]);
    for (const [x, y] of [
      [9, 20],
      [60, 49],
      [150, 100],
    ])
      expect(pub.at(x, y)).toEqual([0xd0, 0x10, 0x10]);
    const sealed = await extract("sealed");
    expect(sealed.at(35, 35)).toEqual([0xd0, 0x10, 0x10]);
    const log = readFileSync(join(result.bundleDir, "public/redaction-log.csv"), "utf8");
    const row = log.split("\n").find((l) => l.includes("profile.png"));
    expect(row).toMatch(/,SEED\d{6},evidence\/shop\/profile\.png,"region 1 \(x 10, y 20, 50×30 px\) — investigator's account name",/);
    expect(row).toMatch(/,image-region,region,"Protective Order, Dkt\. 31"$/);
  });
});

/**
 * Every script renders: a case whose chat, e-mail, purchase record, cover sheet and defendant carry Chinese,
 * Japanese, Korean, Arabic, Hebrew, Thai, Devanagari, Cyrillic, combining marks and emoji ZWJ sequences builds,
 * and the text layer of each document's page holds every character of its source, message by message and field
 * by field. A character no font draws (a private-use code point) fails the build naming the file, the message
 * and the character (exit 3); a script whose fonts fontconfig cannot see fails it naming the package (exit 5).
 */
import { execFileSync } from "node:child_process";
import { mkdirSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import sharp from "sharp";
import { beforeAll, describe, expect, it } from "vitest";
import { runCli, tempDir } from "../helpers/cli.js";
import { runBuild } from "../helpers/commands.js";
import { readPrintedText } from "../../src/pdf/index.js";

const CASE_ID = "every-script";
const SCRIPTS = {
  chinese: "你好，这个包还有货吗？深圳市星光贸易有限公司",
  japanese: "こんにちは、在庫はありますか？カタカナ・ひらがな",
  korean: "안녕하세요, 재고 있나요? 서울특별시",
  arabic: "مرحبا، هل الحقيبة متوفرة؟ شكرا",
  hebrew: "שלום, האם התיק זמין? תודה",
  thai: "สวัสดีครับ กระเป๋ายังมีอยู่ไหม",
  devanagari: "नमस्ते, क्या बैग उपलब्ध है? धन्यवाद",
  cyrillic: "Здравствуйте, сумка в наличии? Спасибо",
  combining: "Cafe\u0301 man\u0303ana Zo\u0308e\u0301 a\u0323\u0302 q\u0307\u0323",
  emoji: "👩\u200d👩\u200d👧 👍🏽 🏳️\u200d🌈 🇨🇳 ❤️ 1️⃣",
};
const ALL = Object.values(SCRIPTS);
const TITLE = "Listing 深圳 東京 서울 مرحبا שלום ไทย हिन्दी Москва é 👩‍👩‍👧";
const SELLER = "深圳市星光贸易有限公司";
const ITEM = "가방 กระเป๋า बैग 👜 Sac à main";
const SUBJECT = "订单确认 — تأكيد الطلب — 注文確認";
const FROM_NAME = "星光ストア";

const CASE_YAML = `id: ${CASE_ID}
caption:
  court: United States District Court for the Northern District of Illinois
  caseNumber: "1:26-cv-07777"
  plaintiffs: [Lumiere Maison SA]
  defendants: The Partnerships and Unincorporated Associations Identified on Schedule A
  shortTitle: Lumiere Maison SA v. Schedule A
timeZone: America/Chicago
bates:
  prefix: LUM
marks:
  - id: screw
    name: SCREW LOVE
    registration: "9,876,543"
    goodsClass: [14]
defendants:
  - id: xingguang
    name: ${SELLER} (Xingguang Trading)
    platform: Shopwell
    sellerId: XG0001
    location: Shenzhen, China
`;

const chatLine = (day: number, minute: number, sender: string, text: string) =>
  `[${String(day).padStart(2, "0")}/03/26, 09:${String(minute).padStart(2, "0")}:00] ${sender}: ${text}`;
const chat = (messages: string[]) => messages.map((m, i) => chatLine(10, i, i % 2 ? "深圳星光" : "Dana Whitlock", m)).join("\n") + "\n";

const eml = `Date: Sat, 25 Oct 2025 20:27:44 +0000
From: =?UTF-8?B?${Buffer.from(FROM_NAME).toString("base64")}?= <orders@shop.example>
To: dana@example.com
Subject: =?UTF-8?B?${Buffer.from(SUBJECT).toString("base64")}?=
Message-ID: <every-script-1@shop.example>
MIME-Version: 1.0
Content-Type: text/plain; charset=utf-8
Content-Transfer-Encoding: 8bit

${ALL.join("\n")}
`;

const purchases =
  "Order ID,Date,Seller,Item,Quantity,Unit Price,Currency,Ship-To City,Ship-To State,Payment\n" +
  `XG-1001,2026-03-11 10:00,${SELLER},${ITEM},1,25.00,USD,Chicago,IL,PayPal\n`;

/** The case: a listing (its title on the cover), the chat of `messages`, and unless `chatOnly` the e-mail and the purchase record. */
async function makeCase(messages: string[], title = TITLE, chatOnly = false): Promise<string> {
  const dir = join(tempDir("exhibits-scripts-"), "case");
  const ev = join(dir, "evidence", "xingguang");
  mkdirSync(ev, { recursive: true });
  writeFileSync(join(dir, "case.yaml"), CASE_YAML);
  const png = await sharp({ create: { width: 600, height: 400, channels: 3, background: "#d9e4f2" } })
    .png()
    .toBuffer();
  writeFileSync(join(ev, "01-listing.png"), png);
  writeFileSync(join(ev, "01-listing.png.meta.yaml"), `title: "${title}"\nkind: listing\nmarks: [screw]\n`);
  writeFileSync(join(ev, "02-chat.txt"), chat(messages));
  if (chatOnly) return dir;
  writeFileSync(join(ev, "03-order.eml"), eml);
  writeFileSync(join(ev, "04-purchases.csv"), purchases);
  return dir;
}

/** A string's characters as the comparison sees them: compatibility-decomposed, lower case, no spaces or format characters. */
const chars = (s: string) =>
  new Set([...s.normalize("NFKD").toLowerCase().normalize("NFKD")].filter((c) => !/[\s\p{Cf}\p{Default_Ignorable_Code_Point}]/u.test(c)));
const missingFrom = (source: string, page: string) => {
  const have = chars(page);
  return [...chars(source)].filter((c) => !have.has(c));
};

let out: string;
let exhibits: string[];
/** The text layer of each page of exhibit `n` (1-based), by pdftotext. */
const pages = (n: number) => execFileSync("pdftotext", [exhibits[n - 1]!, "-"], { encoding: "utf8" }).split("\f");

beforeAll(async () => {
  const dir = await makeCase([...ALL, ALL.join(" ")]);
  out = join(tempDir(), "out");
  const r = await runBuild({ caseDir: dir, out, cache: false, quiet: true });
  expect(r.code, r.stderr).toBe(0);
  const exDir = join(out, CASE_ID, "exhibits");
  exhibits = readdirSync(exDir)
    .sort()
    .map((f) => join(exDir, f));
}, 240_000);

describe("a case in every script", () => {
  it("builds four exhibits: the listing, the chat, the e-mail and the purchase record", () => {
    expect(exhibits).toHaveLength(4);
  });

  it("has each chat message's every character in the text layer of the page that shows it", () => {
    const text = pages(2);
    const messages = [...ALL, ALL.join(" ")];
    messages.forEach((message, i) => {
      const ref = `M${String(i + 1).padStart(5, "0")}`;
      const page = text.find((p) => p.includes(ref));
      expect(page, ref).toBeDefined();
      expect(missingFrom(message, page!), `${ref}: ${message}`).toEqual([]);
    });
  });

  it("has the e-mail's sender, subject and body, the purchase's seller and item, in their pages' text layers", () => {
    const email = pages(3).join("\n");
    for (const field of [FROM_NAME, SUBJECT, ...ALL]) expect(missingFrom(field, email), field).toEqual([]);
    const purchase = pages(4).join("\n");
    for (const field of [SELLER, ITEM]) expect(missingFrom(field, purchase), field).toEqual([]);
  });

  it("has the cover sheet's title and the defendant's name in the cover's text layer", () => {
    const cover = pages(1)[0]!;
    expect(missingFrom(TITLE, cover)).toEqual([]);
    expect(missingFrom(SELLER, cover)).toEqual([]);
  });

  it("draws the scripts as glyphs, not boxes: no .notdef glyph in any exhibit, each script in a font that has it", async () => {
    for (const file of exhibits) expect((await readPrintedText(readFileSync(file))).notdef, file).toEqual([]);
    const fonts = exhibits.map((f) => execFileSync("pdffonts", [f], { encoding: "utf8" })).join("\n");
    for (const face of ["NotoSansThai", "NotoSansDevanagari"]) expect(fonts).toContain(face);
    expect(fonts).toMatch(/Type 3/); // Noto CJK (CFF outlines) and the colour emoji are written as Type 3 fonts
  });
});

describe("a character no font draws", () => {
  it("fails the build naming the file, the message and U+E000 (exit 3)", async () => {
    const dir = await makeCase(["hello", `the price is \uE000 25`, "ok"]);
    const r = await runBuild({ caseDir: dir, out: join(tempDir(), "out"), cache: false, quiet: true });
    expect(r.code, r.stderr).toBe(3);
    expect(r.stderr).toMatch(/evidence\/xingguang\/02-chat\.txt \(field message M00002\)/);
    expect(r.stderr).toContain("U+E000 (private use)");
    expect(r.stderr).not.toMatch(/\n\s+at /); // no stack trace
  });

  it("fails the build naming the evidence file and the cover sheet's field when it is in an exhibit's title (exit 3)", async () => {
    const dir = await makeCase(["hello"], "Listing \u{F0001} of the store");
    const r = await runBuild({ caseDir: dir, out: join(tempDir(), "out"), cache: false, quiet: true });
    expect(r.code, r.stderr).toBe(3);
    expect(r.stderr).toContain(
      "evidence/xingguang/01-listing.png (field title on the cover sheet of Exhibit 1): U+F0001 (private use) cannot be printed",
    );
  });

  it("fails the build naming the package when fontconfig sees no font for a script (exit 5)", async () => {
    // Chromium and fc-list both read FONTCONFIG_FILE: a machine with only the templates' Liberation fonts.
    const conf = join(tempDir(), "fonts.conf");
    writeFileSync(
      conf,
      `<?xml version="1.0"?>\n<!DOCTYPE fontconfig SYSTEM "fonts.dtd">\n<fontconfig>\n` +
        `<dir>/usr/share/fonts/truetype/liberation</dir>\n<cachedir>${join(tempDir(), "fc-cache")}</cachedir>\n</fontconfig>\n`,
    );
    {
      const caseDir = await makeCase(["hello", SCRIPTS.thai], TITLE, true);
      const r = runCli(["build", caseDir, "--out", join(tempDir(), "out"), "--no-cache", "--quiet"], { env: { FONTCONFIG_FILE: conf } });
      expect(r.code, r.stderr).toBe(5);
      expect(r.stderr).toMatch(
        new RegExp(
          String.raw`U\+0E[0-9A-F]{2} \S+ \(Thai script\) in \S*evidence\/xingguang\/02-chat\.txt \(field message M00002\): ` +
            String.raw`install fonts-noto-core \(sudo apt-get install fonts-noto-core\)`,
        ),
      );
    }
  });
});

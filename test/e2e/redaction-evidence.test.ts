/**
 * Redaction that does not eat evidence, end to end, with `redaction.streetAddresses` on: the table of tracking numbers,
 * order ids, ASINs, PayPal transaction ids and TBA shipment ids, written into a WhatsApp chat, an e-mail and a purchases
 * CSV, is in the text of the public twin's PDFs character for character; card numbers and street lines beside them are
 * not (and are in the sealed twin). A chat holding only identifiers is not a redacted item, so the public twin keeps
 * its native; its transcript counts the encryption notice as a system line, not as a message.
 */
import { execFileSync } from "node:child_process";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { build, type BuildResult } from "../../src/commands/build.js";
import { hashTree, tempDir } from "../helpers/cli.js";
import { EVIDENCE_IDENTIFIERS } from "../helpers/identifiers.js";

const CARD = "4111 1111 1111 1111";
const STREET = "2417 N Halsted St Apt 3";
const IDS = EVIDENCE_IDENTIFIERS.map((i) => i.value);

let result: BuildResult;

beforeAll(async () => {
  const caseDir = join(tempDir(), "evidence-ids");
  mkdirSync(join(caseDir, "evidence/shop/buy"), { recursive: true });
  writeFileSync(
    join(caseDir, "case.yaml"),
    `id: evidence-ids
court: federal
caption: { court: United States District Court for the Northern District of Illinois,
  caseNumber: "1:26-cv-09998", plaintiffs: [Brand Co.], defendants: Shop, shortTitle: Brand v. Shop }
timeZone: America/Chicago
bates: { prefix: IDS, start: 1, digits: 6 }
redaction: { streetAddresses: true }
defendants: [{ id: shop, name: Shop Owner Store }]
`,
  );
  const chat = [
    "[10/03/26, 09:14:02] Shop Owner: \u200eMessages and calls are end-to-end encrypted. Only people in this chat can read them.",
    "[10/03/26, 09:20:11] Dana Whitlock: Which carriers do you use?",
    ...IDS.map((id, i) => `[10/03/26, 09:${String(21 + i).padStart(2, "0")}:00] Shop Owner: your parcel: ${id}`),
  ];
  writeFileSync(join(caseDir, "evidence/shop/chat.txt"), `${chat.join("\r\n")}\r\n`);
  writeFileSync(
    join(caseDir, "evidence/shop/buy/confirmation.eml"),
    [
      "From: Orders <orders@shop.example>",
      `To: Dana Whitlock, ${STREET}, Chicago <dana@example.net>`,
      "Subject: Your order 5501 has shipped",
      "Date: Tue, 10 Mar 2026 18:00:00 +0000",
      "Message-ID: <5501@shop.example>",
      "MIME-Version: 1.0",
      "Content-Type: text/plain; charset=UTF-8",
      "",
      `Order 5501 paid with card ${CARD}.`,
      "Ship to:",
      "Dana Whitlock",
      STREET,
      "CHICAGO, IL 60614",
      "",
      ...IDS.map((id) => `Shipment reference: ${id}`),
      "",
    ].join("\r\n"),
  );
  const q = (s: string) => `"${s.replace(/"/g, '""')}"`;
  writeFileSync(
    join(caseDir, "evidence/shop/buy/purchases.csv"),
    "order id,date,seller,item,quantity,unit price,currency,ship-to street,ship-to city,ship-to state,payment,tracking,note\r\n" +
      [
        "5501",
        "2026-03-10T18:00:00Z",
        "Shop Owner Store",
        "Studded pumps",
        "1",
        "89.99",
        "USD",
        q(STREET),
        "Chicago",
        "IL",
        q(`Visa ${CARD}`),
        "UPS 1Z4E8V270312345678",
        q(IDS.join(" ; ")),
      ].join(",") +
      "\r\n",
  );
  result = await build({ cwd: tempDir(), caseDir, out: "out", env: { ...process.env, SOURCE_DATE_EPOCH: "1776000000" } });
}, 300_000);

const squash = (s: string) => s.replace(/\s+/g, "");
const pdfs = (twin: string) => Object.keys(hashTree(join(result.bundleDir, twin))).filter((p) => p.endsWith(".pdf"));
const textOf = (twin: string, p: string, ...opts: string[]) =>
  execFileSync("pdftotext", [...opts, join(result.bundleDir, twin, p), "-"], { encoding: "utf8" });
const exhibitOf = (twin: string, source: string) =>
  result.trees.find((t) => t.twin === twin)!.manifest.exhibits.find((e) => e.sources.some((s) => s.path.endsWith(source)))!;

describe("the public twin keeps evidence identifiers", () => {
  it("shows every identifier of the table, unchanged, in the chat, the e-mail and the purchase summary", () => {
    expect(result.trees.map((t) => t.twin)).toEqual(["public", "sealed"]);
    for (const source of ["chat.txt", "confirmation.eml", "purchases.csv"]) {
      // As laid out: pdftotext's reading order would join a line ending in "-" to the next without its hyphen.
      const text = squash(textOf("public", exhibitOf("public", source).file.path, "-layout"));
      for (const id of IDS) expect(text, `${id} in ${source}`).toContain(squash(id));
    }
  });

  it("still masks the card number and the street lines, and keeps city and state", () => {
    const text = squash(
      pdfs("public")
        .map((p) => textOf("public", p))
        .join("\n"),
    );
    expect(text).not.toContain(squash(CARD));
    expect(text).toContain("XXXXXXXXXXXX1111");
    expect(text).not.toContain("Halsted");
    // The public face says [REDACTED], never the rule: "Ship to: Dana Whitlock [REDACTED] CHICAGO, IL 60614".
    expect(text).toContain("DanaWhitlock[REDACTED]CHICAGO,IL60614");
    expect(text).not.toMatch(/streetaddressredacted|street-address/i);
    expect(text).toMatch(/CHICAGO,IL60614/);
    const sealed = squash(
      pdfs("sealed")
        .map((p) => textOf("sealed", p))
        .join("\n"),
    );
    expect(sealed).toContain(squash(STREET));
    expect(sealed).toContain(squash(CARD));
  });

  it("logs the street lines of the e-mail header and body and of the purchase record", () => {
    const log = readFileSync(join(result.bundleDir, "public/redaction-log.csv"), "utf8");
    // `streetAddresses: true` names no basis: the log leaves the blank for counsel, never "5.2".
    expect(log).toMatch(/confirmation\.eml,header To,email-header,street-address,\[basis: for counsel to state\]/);
    expect(log).toMatch(/confirmation\.eml,email body,email-body,street-address,\[basis: for counsel to state\]/);
    expect(log).toMatch(/purchases\.csv,order 5501 ship-to street,text,street-address,\[basis: for counsel to state\]/);
    expect(log).not.toMatch(/chat\.txt/);
  });

  it("keeps the native of the chat, which nothing was redacted from, and withholds the e-mail's", () => {
    const chat = exhibitOf("public", "chat.txt");
    expect(execFileSync("pdfdetach", ["-list", join(result.bundleDir, "public", chat.file.path)], { encoding: "utf8" })).toMatch(
      /^1 embedded files\n1: shop_chat\.txt/,
    );
    const mail = exhibitOf("public", "confirmation.eml");
    expect(execFileSync("pdfdetach", ["-list", join(result.bundleDir, "public", mail.file.path)], { encoding: "utf8" })).toMatch(
      /^0 embedded files/,
    );
  });

  it("counts the encryption notice as a system line, not a message, on the cover and in the transcript heading", () => {
    const text = textOf("public", exhibitOf("public", "chat.txt").file.path).replace(/\s+/g, " ");
    const tally = `${IDS.length + 1} messages and 1 system line`;
    expect(text).toContain(`a chronological transcript of ${tally} on`);
    expect(text).toContain(`${tally}, in chronological order`);
  });
});

/**
 * Strict shapes at intake: a CSV row whose field count differs from its header is refused (file, line, expected and
 * seen counts) in every CSV format; every format is recognised by its content whatever the file is called; text that
 * is not UTF-8, empty files and header-only exports are refused with their own message naming the format; a chat's
 * system lines are kept and labelled, but not counted as messages.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import sharp from "sharp";
import { describe, expect, it } from "vitest";
import { loadCase } from "../../src/case/index.js";
import { chatWordsOf, messageTally } from "../../src/intake/formats/index.js";
import { firstInvalidUtf8 } from "../../src/intake/formats/shared/text.js";
import { intakeEvidence } from "../../src/intake/index.js";
import type { EvidenceItem } from "../../src/model/evidence.js";
import { InvalidInputErrors } from "../../src/util/errors.js";
import { caseWithFiles } from "../helpers/case-files.js";

const EXPORTS = join(import.meta.dirname, "../fixtures/exports");
const fixture = (rel: string) => readFileSync(join(EXPORTS, rel));

const CASE = `id: t
caption: { court: C, caseNumber: "1", plaintiffs: [P], defendants: D, shortTitle: P v. D }
timeZone: America/Chicago
bates: { prefix: T, start: 1, digits: 6 }
marks: [{ id: m, name: M, registration: "9,999,999", goodsClass: 25 }]
defendants: [{ id: d1, name: Shop }]
`;

const caseWith = (files: Record<string, Buffer | string>) => caseWithFiles(CASE, files);

async function items(files: Record<string, Buffer | string>): Promise<EvidenceItem[]> {
  return (await intakeEvidence(await loadCase(caseWith(files)))).items;
}

/** An item's payload as JSON, the case folder's place on this machine (which its origins name) taken out. */
async function payloadOf(files: Record<string, Buffer | string>): Promise<{ item: EvidenceItem; json: string }> {
  const dir = caseWith(files);
  const [item] = (await intakeEvidence(await loadCase(dir))).items;
  const json = JSON.stringify(item.payload, (_k, v: unknown) => (typeof v === "bigint" ? String(v) : v)).replaceAll(dir, "<case>");
  return { item, json };
}

/** The problems intake reports for these files, one per line. */
async function problems(files: Record<string, Buffer | string>): Promise<string> {
  const err = await intakeEvidence(await loadCase(caseWith(files))).catch((e: unknown) => e);
  expect(err).toBeInstanceOf(InvalidInputErrors);
  return (err as Error).message;
}

const CSV_FIXTURES = [
  ["Amazon Retail.OrderHistory CSV", "amazon/Retail.OrderHistory.1.csv"],
  ["PayPal activity CSV", "paypal/activity_en.csv"],
  ["purchases CSV", "generic/purchases.csv"],
  ["Message CSV export", "chat.csv"],
] as const;

/** The fixture's lines (CRLF or LF kept as they are), for editing one row. */
const linesOf = (rel: string) =>
  fixture(rel)
    .toString("utf8")
    .split(/(?<=\n)/);

describe("CSV rows have the header's shape", () => {
  it.each(CSV_FIXTURES)("a %s row with one field too many is refused, naming file, line and both counts", async (name, rel) => {
    const lines = linesOf(rel);
    const header = lines[0].split(",").length;
    lines[1] = lines[1].replace(",", ",extra,");
    const text = await problems({ "evidence/d1/export.csv": lines.join("") });
    expect(text).toContain(`evidence/d1/export.csv:2`);
    expect(text).toContain(`this row of a${/^[AEIOU]/i.test(name) ? "n" : ""} ${name} has ${header + 1} fields`);
    expect(text).toContain(`expected ${header}, saw ${header + 1}`);
  });

  it.each(CSV_FIXTURES)("a %s row with a field missing is refused too", async (name, rel) => {
    const lines = linesOf(rel);
    const header = lines[0].split(",").length;
    const last = lines.length - 1;
    lines[last] = lines[last].replace(/,(?=[^,]*$)/, "");
    const text = await problems({ "evidence/d1/export.csv": lines.join("") });
    expect(text).toMatch(new RegExp(`evidence/d1/export\\.csv:\\d+: this row of .*${name}.*expected ${header}, saw ${header - 1}`));
  });

  it("refuses the issue's Amazon example: a product name cut by a comma never becomes a gift message", async () => {
    const lines = linesOf("amazon/Retail.OrderHistory.1.csv");
    // The product name saved without its quotes: its comma splits it, and its rest would be read as the Gift Message.
    lines[1] = lines[1].replace('"Luxury Logo Tote Bag - Brown Monogram Canvas"', "Luxury Logo Tote Bag, Brown Monogram Canvas");
    expect(lines[1]).not.toBe(linesOf("amazon/Retail.OrderHistory.1.csv")[1]);
    const text = await problems({ "evidence/d1/Retail.OrderHistory.1.csv": lines.join("") });
    expect(text).toMatch(/Retail\.OrderHistory\.1\.csv:2: .*has 29 fields where its header \(line 1\) has 28/);
  });

  it("leaves out rows whose every field is blank (spreadsheets leave them behind)", async () => {
    const csv = fixture("generic/purchases.csv").toString("utf8");
    const header = csv.split("\n")[0].split(",").length;
    const read = await payloadOf({ "evidence/d1/buy.csv": `${csv.trimEnd()}\n${",".repeat(header - 1)}\n,,\n` });
    const plain = await payloadOf({ "evidence/d1/buy.csv": csv });
    expect(read.json).toBe(plain.json);
  });

  it.each(CSV_FIXTURES)("a %s with a header and no rows says so, naming the format", async (name, rel) => {
    const header = linesOf(rel)[0];
    const text = await problems({ "evidence/d1/export.csv": header });
    expect(text).toContain(`evidence/d1/export.csv:1: a${/^[AEIOU]/i.test(name) ? "n" : ""} ${name} with a header and no rows`);
  });
});

describe("formats are recognised by content, whatever the file's name", () => {
  const SINGLE = [
    "amazon/Retail.OrderHistory.1.csv",
    "amazon/Retail.OrderHistory.2.csv",
    "paypal/activity_en.csv",
    "paypal/activity_de.csv",
    "generic/purchases.csv",
    "generic/purchases.json",
    "whatsapp/android-us.txt",
    "whatsapp/ios.txt",
    "email/amazon-order.eml",
    "chat.csv",
  ];

  it.each(SINGLE)("%s renamed to export.dat is read the same", async (rel) => {
    const name = rel.split("/").pop()!;
    const original = await payloadOf({ [`evidence/d1/${name}`]: fixture(rel) });
    const renamed = await payloadOf({ "evidence/d1/export.dat": fixture(rel) });
    expect(renamed.item.media).toBe(original.item.media);
    expect(renamed.item.kind).toBe(original.item.kind);
    expect(renamed.json).toBe(original.json.replaceAll(name, "export.dat"));
  });

  it("reads a lone Meta message file, whatever its name, as its thread folder's message_1.json is read", async () => {
    const message = fixture("instagram/inbox/kpgboutique_1234567890/message_2.json");
    const inFolder = await payloadOf({ "evidence/d1/kpgboutique_1234567890/message_1.json": message });
    for (const name of ["export.dat", "kpg-dm.json", "message.json"]) {
      const lone = await payloadOf({ [`evidence/d1/${name}`]: message });
      expect(lone.item.media).toBe("meta-thread");
      expect(lone.json).toBe(inFolder.json.replaceAll("message_1.json", name));
    }
  });

  it("reads a message_1.json lying loose in a defendant's folder alone: the screenshot beside it stays its own exhibit", async () => {
    const shot = await sharp({ create: { width: 40, height: 30, channels: 3, background: "#c33" } })
      .png()
      .toBuffer();
    const read = await items({
      "evidence/d1/message_1.json": fixture("instagram/inbox/kpgboutique_1234567890/message_1.json"),
      "evidence/d1/listing.png": shot,
    });
    expect(read.map((i) => [i.id, i.media, i.related ?? []])).toEqual([
      ["evidence/d1/message_1.json", "meta-thread", []],
      ["evidence/d1/listing.png", "png", []],
    ]);
  });
});

describe("text that is not UTF-8, empty files and empty exports have their own message", () => {
  it("names the byte and line where a WhatsApp export stops being UTF-8, and the format", async () => {
    const text = fixture("whatsapp/ios.txt");
    const at = text.indexOf("Hello");
    const bad = Buffer.concat([text.subarray(0, at), Buffer.from([0xe4]), text.subarray(at)]);
    expect(firstInvalidUtf8(bad)).toBe(at);
    const line = text.subarray(0, at).toString("latin1").split("\n").length;
    const message = await problems({ "evidence/d1/_chat.txt": bad });
    expect(message).toContain(
      `evidence/d1/_chat.txt:${line}: a WhatsApp export, but not valid UTF-8 text at byte ${at + 1}: the byte 0xE4`,
    );
  });

  it("refuses a Latin-1 PayPal download the same way (never read with the bad bytes replaced)", async () => {
    const latin1 = Buffer.from(fixture("paypal/activity_de.csv").toString("utf8"), "latin1");
    expect(await problems({ "evidence/d1/Download.CSV": latin1 })).toMatch(
      /Download\.CSV:1: a PayPal activity CSV, but not valid UTF-8 text at byte \d+/,
    );
  });

  it("recognises a UTF-16 export and asks for UTF-8", async () => {
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(fixture("whatsapp/android-us.txt").toString("utf8"), "utf16le")]);
    expect(await problems({ "evidence/d1/chat.txt": utf16 })).toContain(
      "evidence/d1/chat.txt:1: a WhatsApp export saved as UTF-16 text (it starts with a UTF-16 byte-order mark)",
    );
  });

  it("says a WhatsApp export holding only the encryption notice has no messages", async () => {
    const notice = fixture("whatsapp/ios.txt").toString("utf8").split("\n")[0];
    const message = await problems({ "evidence/d1/_chat.txt": `${notice}\n` });
    expect(message).toContain('evidence/d1/_chat.txt: a WhatsApp export with no messages: only 1 system line (line 1: "Messages and calls');
    expect(message).not.toContain("unsupported file");
  });

  it("says a zero-byte _chat.txt beside its media is an empty WhatsApp export, not an unsupported file", async () => {
    const message = await problems({ "evidence/d1/_chat.txt": "", "evidence/d1/00000042-PHOTO-2026-03-10-09-20-11.jpg.txt": "" });
    expect(message).toContain("evidence/d1/_chat.txt: a WhatsApp export with no messages: the file is empty (0 bytes)");
    expect(message).not.toMatch(/_chat\.txt: unsupported file/);
  });

  it("says what an empty file is by its name, or that it is empty", async () => {
    const message = await problems({
      "evidence/d1/Retail.OrderHistory.1.csv": "\ufeff\r\n",
      "evidence/d1/thread_2/message_1.json": "",
      "evidence/d1/shot.png": "",
      "evidence/d1/notes.dat": "  \n",
    });
    expect(message).toContain(
      "Retail.OrderHistory.1.csv: an Amazon Retail.OrderHistory CSV with no orders: the file is empty (5 bytes of white",
    );
    expect(message).toContain(
      "message_1.json: an Instagram export or Facebook Messenger export with no messages: the file is empty (0 bytes)",
    );
    expect(message).toContain("shot.png: a PNG with nothing in it: the file is empty (0 bytes)");
    expect(message).toContain("notes.dat: the file is empty (3 bytes of white space and nothing else): there is nothing to read");
  });

  it("says a Meta thread and a purchases JSON with nothing in them are empty, naming the format", async () => {
    const message = await problems({
      "evidence/d1/thread_1/message_1.json": JSON.stringify({ participants: [{ name: "A" }], messages: [] }),
      "evidence/d1/orders.json": '{ "orders": [] }',
    });
    expect(message).toContain("thread_1/message_1.json: an Instagram export with no messages; there is no message to show");
    expect(message).toContain("orders.json: a purchases JSON with no orders");
  });
});

describe("system lines are kept and labelled, not counted as messages", () => {
  it("counts the WhatsApp encryption notice and group notices apart from the messages", async () => {
    const [item] = await items({ "evidence/d1/_chat.txt": fixture("whatsapp/android-us.txt") });
    if (item.payload.type !== "conversation") throw new Error("expected a conversation");
    const { messages } = item.payload.conversation;
    const system = messages.filter((m) => m.system);
    expect(system[0]).toMatchObject({ sender: "", text: expect.stringMatching(/^Messages and calls are end-to-end encrypted/) });
    expect(system.map((m) => m.text)).toContain('Renée Wójtowicz created group "Lumière resellers"');
    const tally = messageTally(item.payload.conversation);
    expect(tally).toBe(`${messages.length - system.length} messages and ${system.length} system lines`);
    // The cover sheet's words count the same way.
    const pages = [{}] as unknown as Parameters<ReturnType<typeof chatWordsOf>["transformation"]>[1];
    expect(chatWordsOf("whatsapp").transformation(item, pages)).toContain(`a chronological transcript of ${tally} on 1 page`);
  });
});

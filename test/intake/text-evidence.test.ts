/**
 * Text evidence is checked to be text (issue 23): a chat, purchase export or email whose bytes are not text in their
 * declared or detected encoding is refused naming the file, the first bad byte and its line, never rendered with the
 * bad bytes replaced; binary data past the 64 KiB a format is recognised by included. case.yaml and sidecars must be
 * UTF-8. Real exports still read: UTF-8 with a BOM and CRLF, tabs and form feeds, ISO-8859-1 and Shift_JIS email
 * parts, quoted-printable and base64 parts.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { loadCase } from "../../src/case/index.js";
import { parseEml } from "../../src/intake/formats/eml/parse.js";
import { intakeEvidence } from "../../src/intake/index.js";
import type { EvidenceItem } from "../../src/model/evidence.js";
import { InvalidInputError, InvalidInputErrors } from "../../src/util/errors.js";
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

const caseWith = (files: Record<string, Buffer | string>, caseYaml: Buffer | string = CASE) => caseWithFiles(caseYaml, files);

async function items(files: Record<string, Buffer | string>): Promise<EvidenceItem[]> {
  return (await intakeEvidence(await loadCase(caseWith(files)))).items;
}

/** The problems intake reports for these files, one per line. */
async function problems(files: Record<string, Buffer | string>): Promise<string> {
  const err = await intakeEvidence(await loadCase(caseWith(files))).catch((e: unknown) => e);
  expect(err).toBeInstanceOf(InvalidInputErrors);
  return (err as Error).message;
}

/** `text` with `insert` put at its byte `at`; the 1-based line that byte is on. */
function spliced(text: Buffer, at: number, insert: number[]): { data: Buffer; line: number } {
  const data = Buffer.concat([text.subarray(0, at), Buffer.from(insert), text.subarray(at)]);
  return { data, line: text.subarray(0, at).toString("latin1").split("\n").length };
}

/** A WhatsApp export longer than 64 KiB (so its end is past what sniffing sees): the iOS fixture's lines repeated. */
function longChat(): Buffer {
  const text = fixture("whatsapp/ios.txt");
  const copies: Buffer[] = [];
  let bytes = 0;
  while (bytes < 100_000) {
    copies.push(text);
    bytes += text.length;
  }
  return Buffer.concat(copies);
}

describe("chats and purchase exports hold text, not binary data", () => {
  it("refuses a NUL byte past the first 64 KiB of a WhatsApp export, naming its byte and line", async () => {
    const chat = longChat();
    const at = chat.lastIndexOf("Hello");
    expect(at).toBeGreaterThan(65536);
    const { data, line } = spliced(chat, at, [0x00, 0x00, 0x00]);
    expect(await problems({ "evidence/d1/_chat.txt": data })).toContain(
      `evidence/d1/_chat.txt:${line}: a WhatsApp export, but not text at byte ${at + 1}: it holds a NUL byte there`,
    );
  });

  it("refuses control characters (valid UTF-8, but binary): a header line followed by garbage is no transcript", async () => {
    const header = Buffer.from("06/03/2017, 00:45 - Kai: hello\n");
    const garbage = Buffer.alloc(5000);
    for (let i = 0; i < garbage.length; i++) garbage[i] = 0x20 + ((i * 7919) % 95);
    garbage[37] = 0x1b; // ESC: the first control character
    garbage[99] = 0x01;
    const message = await problems({ "evidence/d1/dms/chat.txt": Buffer.concat([header, garbage]) });
    expect(message).toContain(
      `evidence/d1/dms/chat.txt:2: a WhatsApp export, but not text at byte ${header.length + 38}: it holds the control character 0x1B`,
    );
    expect(message.split("\n")).toHaveLength(1);
  });

  it("refuses a binary Instagram thread file and a control character in an Amazon CSV", async () => {
    const thread = fixture("instagram/inbox/kpgboutique_1234567890/message_1.json");
    const at = thread.indexOf('"content"');
    const { data, line } = spliced(thread, at, [0x07]);
    const message = await problems({
      "evidence/d1/inbox/kpgboutique_1234567890/message_1.json": data,
      "evidence/d1/inbox/kpgboutique_1234567890/message_2.json": fixture("instagram/inbox/kpgboutique_1234567890/message_2.json"),
    });
    expect(message).toMatch(
      new RegExp(`message_1\\.json:${line}: an Instagram[^,]*, but not text at byte ${at + 1}: it holds the control character 0x07`),
    );

    const csv = fixture("amazon/Retail.OrderHistory.1.csv");
    const bell = csv.indexOf("\n") + 5;
    const bad = spliced(csv, bell, [0x7f]);
    expect(await problems({ "evidence/d1/Retail.OrderHistory.1.csv": bad.data })).toContain(
      `Retail.OrderHistory.1.csv:2: an Amazon Retail.OrderHistory CSV, but not text at byte ${bell + 1}: ` +
        "it holds the control character 0x7F",
    );
  });

  it("reads real text: a BOM, CRLF line ends, tabs and a form feed", async () => {
    const chat = fixture("whatsapp/ios.txt").toString("utf8");
    const withTabs = `\uFEFF${chat.replace("Hello", "Hello\tthere\f")}`;
    const [item] = await items({ "evidence/d1/_chat.txt": withTabs });
    expect(item?.payload.type).toBe("conversation");
    expect(JSON.stringify(item?.payload)).toContain("Hello\\tthere");
  });
});

const crlf = (s: string) => s.replace(/\r?\n/g, "\r\n");
const HEAD = crlf(`From: "Amazon.com" <auto-confirm@amazon.com>
To: buyer@example.com
Subject: Ordered: "Tote"
Date: Sat, 25 Oct 2025 20:27:44 +0000
MIME-Version: 1.0
`);

/** A one-part email: `headers` (after HEAD) and a body of raw bytes. */
function email(headers: string, body: Buffer | string): Buffer {
  return Buffer.concat([Buffer.from(`${HEAD}${crlf(headers)}\r\n`, "latin1"), Buffer.from(body)]);
}

async function emailError(bytes: Buffer): Promise<string> {
  const e = await parseEml(bytes, "receipt.eml").catch((x: unknown) => x);
  expect(e).toBeInstanceOf(InvalidInputError);
  return (e as Error).message;
}

describe("an email's text is text in the charset it declares", () => {
  it("refuses an 8-bit UTF-8 part with a bad byte, naming the byte of the file and its line", async () => {
    const body = Buffer.concat([Buffer.from("Order total: $42\r\nItem: caf"), Buffer.from([0xe9]), Buffer.from(" tote\r\n")]);
    const bytes = email("Content-Type: text/plain; charset=utf-8\nContent-Transfer-Encoding: 8bit\n", body);
    const at = bytes.indexOf(0xe9);
    const line = bytes.subarray(0, at).toString("latin1").split("\n").length;
    expect(await emailError(bytes)).toBe(
      `receipt.eml:${line}: its text/plain part (part 1 of the message, 8bit, charset utf-8) is not text at byte ${at + 1} of the file: ` +
        "the byte 0xE9 is not utf-8 text. The email is damaged, or declares the wrong charset; it is not read with the bad bytes " +
        "replaced (save the original message again from the mail program)",
    );
  });

  it("decodes quoted-printable and base64 before the charset, and names the byte in the decoded part", async () => {
    const qp = email(
      "Content-Type: text/html; charset=UTF-8\nContent-Transfer-Encoding: quoted-printable\n",
      "<p>Total =E2=82=AC42 =FF</p>\r\n",
    );
    expect(await emailError(qp)).toContain(
      "its text/html part (part 1 of the message, quoted-printable, charset UTF-8) is not text at byte 16 of its content decoded " +
        "from quoted-printable: the byte 0xFF is not UTF-8 text",
    );
    const noise = Buffer.alloc(3000);
    for (let i = 0; i < noise.length; i++) noise[i] = (i * 2654435761) >>> 24;
    const b64 = email(
      "Content-Type: text/plain\nContent-Transfer-Encoding: base64\n",
      crlf(noise.toString("base64").replace(/.{76}/g, "$&\n")),
    );
    const undeclared = "the byte 0x[0-9A-F]{2} is not UTF-8 text \\(the part declares no charset\\)";
    expect(await emailError(b64)).toMatch(
      new RegExp(
        "its text/plain part \\(part 1 of the message, base64\\) is not text at byte \\d+ of its content decoded from base64: " +
          `(${undeclared}|a NUL byte)`,
      ),
    );
  });

  it("reads a part in a single-byte charset as valid (ISO-8859-1 is text by definition), and a valid Shift_JIS part", async () => {
    const latin = email(
      "Content-Type: text/plain; charset=iso-8859-1\nContent-Transfer-Encoding: 8bit\n",
      Buffer.from("Caf\xe9 tote, total 42\r\n", "latin1"),
    );
    expect((await parseEml(latin, "receipt.eml")).text).toBe("Café tote, total 42");
    const sjis = email(
      "Content-Type: text/plain; charset=shift_jis\nContent-Transfer-Encoding: 8bit\n",
      Buffer.from([0x82, 0xa0, 0x0d, 0x0a]),
    );
    expect((await parseEml(sjis, "receipt.eml")).text).toBe("あ");
    // A lead byte followed by a byte no Shift_JIS character has: found by halving, at the part's second byte pair.
    const badSjis = email(
      "Content-Type: text/plain; charset=shift_jis\nContent-Transfer-Encoding: base64\n",
      Buffer.from([0x82, 0xa0, 0x82, 0x20, 0x41]).toString("base64"),
    );
    expect(await emailError(badSjis)).toContain(
      "is not text at byte 3 of its content decoded from base64: the byte 0x82 is not shift_jis text",
    );
  });

  it("refuses a raw 8-bit byte that is not UTF-8 in the header block, and a NUL in a body with no transfer encoding", async () => {
    const header = Buffer.from(`${HEAD.replace('"Tote"', '"Caf\u00e9"')}\r\nThanks\r\n`, "latin1");
    const at = header.indexOf(0xe9);
    expect(await emailError(header)).toContain(
      `receipt.eml:3: header block is not text at byte ${at + 1}: it holds the byte 0xE9, which starts no UTF-8 character there`,
    );
    const nul = email("Content-Type: text/plain; charset=us-ascii\n", "Total: 42\r\n\0\0\0\r\n");
    const offset = nul.indexOf(0);
    expect(await emailError(nul)).toContain(
      `receipt.eml:9: its text/plain part (part 1 of the message, 8bit, charset us-ascii) is not text at byte ${offset + 1}`,
    );
  });

  it("leaves attachments alone (listed with their hash, never rendered as text), and reads the Amazon fixture", async () => {
    const boundary = "b1";
    const binary = Buffer.from([0, 1, 2, 0xff, 0xfe, 0x80]).toString("base64");
    const mixed = email(
      `Content-Type: multipart/mixed; boundary="${boundary}"\n`,
      crlf(`--${boundary}
Content-Type: text/plain; charset=utf-8

Thanks for your order.
--${boundary}
Content-Type: text/plain; name="dump.txt"
Content-Disposition: attachment; filename="dump.txt"
Content-Transfer-Encoding: base64

${binary}
--${boundary}--
`),
    );
    const r = await parseEml(mixed, "receipt.eml");
    expect(r.text).toBe("Thanks for your order.");
    expect(r.attachments.map((a) => [a.filename, a.bytes])).toEqual([["dump.txt", 6]]);
    expect((await parseEml(fixture("email/amazon-order.eml"), "amazon-order.eml")).subject).toMatch(/^Ordered:/);
  });
});

describe("case.yaml and sidecars are UTF-8", () => {
  it("refuses case.yaml with a Latin-1 byte, naming its line and offset", async () => {
    const yaml = Buffer.concat([Buffer.from(CASE.replace("name: Shop", "name: Caf")), Buffer.from("\n")]);
    const at = yaml.indexOf("Caf") + 3;
    const bad = Buffer.concat([yaml.subarray(0, at), Buffer.from([0xe9]), yaml.subarray(at)]);
    const err = await loadCase(caseWith({}, bad)).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(InvalidInputError);
    expect((err as Error).message).toContain(`case.yaml:6: is not UTF-8 text (byte 0xe9 at offset ${at}); save the file as UTF-8`);
  });

  it("refuses a sidecar with a Latin-1 byte", async () => {
    const chat = fixture("whatsapp/ios.txt");
    const sidecar = Buffer.concat([Buffer.from("title: Caf"), Buffer.from([0xe9]), Buffer.from(" chat\n")]);
    expect(await problems({ "evidence/d1/_chat.txt": chat, "evidence/d1/_chat.txt.meta.yaml": sidecar })).toContain(
      "evidence/d1/_chat.txt.meta.yaml:1: is not UTF-8 text (byte 0xe9 at offset 10); save the file as UTF-8",
    );
  });
});

import { readFileSync } from "node:fs";
import { join } from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { looksLikeChatCsv, parseChatCsv, type ChatCsvOptions } from "../../../src/intake/formats/chat-csv/parse.js";
import { InvalidInputError } from "../../../src/util/errors.js";
import { errorOf } from "../../helpers/errors.js";

const FIXTURE = readFileSync(join(import.meta.dirname, "../../fixtures/exports/chat.csv"), "utf8");
const base: ChatCsvOptions = {
  timeZone: "America/Chicago",
  displayPath: "evidence/d1/chat.csv",
  resolveAttachment: (name) => (name === "IMG_0042.jpg" ? "evidence/d1/IMG_0042.jpg" : undefined),
};
const parse = (text: string, o: Partial<ChatCsvOptions> = {}) => parseChatCsv(text, { ...base, ...o });

describe("parseChatCsv on the fixture (BOM, CRLF, quoted newlines, extra column)", () => {
  const c = parse(FIXTURE);

  it("reads every row, in order, with refs and line origins", () => {
    expect(c.platform).toBe("csv");
    expect(c.title).toBe("");
    expect(c.messages.map((m) => [m.ref, m.origin])).toEqual([
      ["M00001", "line 2"],
      ["M00002", "line 3"],
      ["M00003", "line 5"],
    ]);
  });

  it("converts zoned times to UTC and reads zone-less times in the case zone, saying so", () => {
    expect(c.messages.map((m) => m.at)).toEqual(["2026-03-12T19:05:31Z", "2026-03-12T19:06:10Z", "2026-03-12T19:07:00Z"]);
    expect(c.timeNote).toBe("times without a zone read as America/Chicago; times with an offset converted to UTC");
  });

  it("keeps quoted commas, quotes and newlines (CRLF inside a field becomes LF)", () => {
    expect(c.messages[0].text).toBe("Hi, is the Lumière tote authentic?");
    expect(c.messages[1].text).toBe("Yes 100%\nsee photo: https://img.example.org/p/1.jpg");
    expect(c.messages[2].text).toBe('She said "original" twice');
  });

  it("reads links, attachments and participants", () => {
    expect(c.messages[1].links).toEqual([{ url: "https://img.example.org/p/1.jpg" }]);
    expect(c.messages[1].attachments).toEqual([{ kind: "photo", name: "IMG_0042.jpg", path: "evidence/d1/IMG_0042.jpg" }]);
    expect(c.participants).toEqual(["Dana Whitlock", "KPG Boutique"]);
    expect(c.messages[0]).toMatchObject({ sender: "Dana Whitlock", system: false, reactions: [], notes: [], attachments: [] });
  });
});

describe("parseChatCsv, other shapes", () => {
  it("matches header names in any case and order; the attachment column is optional", () => {
    const c = parse("TEXT;Sender;TimeStamp\nhello;A;2026-03-12T10:00:00Z\n");
    expect(c.messages).toEqual([
      {
        ref: "M00001",
        at: "2026-03-12T10:00:00Z",
        sender: "A",
        system: false,
        text: "hello",
        links: [],
        attachments: [],
        reactions: [],
        notes: [],
        origin: "line 2",
      },
    ]);
    expect(c.timeNote).toBe("every time carries its own UTC offset");
  });

  it("sorts rows by time, keeping file order for equal times", () => {
    const c = parse("timestamp,sender,text\n2026-03-12 10:05,A,second\n2026-03-12 10:00,B,first\n2026-03-12 10:05,A,third\n");
    expect(c.messages.map((m) => [m.ref, m.text, m.origin])).toEqual([
      ["M00001", "first", "line 3"],
      ["M00002", "second", "line 2"],
      ["M00003", "third", "line 4"],
    ]);
    expect(c.participants).toEqual(["A", "B"]);
  });

  it("reads several attachments in one cell, and an empty sender as a system line", () => {
    const c = parse('timestamp,sender,text,attachment\n2026-03-12 10:00,,joined,\n2026-03-12 10:01,A,,"VID_1.mp4; voice.opus"\n');
    expect(c.messages[0]).toMatchObject({ system: true, sender: "", text: "joined" });
    expect(c.messages[1].attachments).toEqual([
      { kind: "video", name: "VID_1.mp4" },
      { kind: "audio", name: "voice.opus" },
    ]);
    expect(c.messages[1].text).toBeUndefined();
  });

  it("accepts seconds, fractions and numeric offsets", () => {
    const c = parse("timestamp,sender,text\n2026-03-12T10:00:00.250+01:00,A,x\n2026-03-12 10:00:07,A,y\n", { timeZone: "Europe/Berlin" });
    expect(c.messages.map((m) => m.at)).toEqual(["2026-03-12T09:00:00.250Z", "2026-03-12T09:00:07Z"]);
  });
});

describe("parseChatCsv errors name the line and the column", () => {
  it("a missing column", () => {
    const e = errorOf(() => parse("\uFEFFwhen,sender,text\n2026-03-12 10:00,A,x\n"));
    expect(e.location).toEqual({ file: "evidence/d1/chat.csv", line: 1 });
    expect(e.problem).toMatch(/^no timestamp column: expected a header row with the columns timestamp, sender, text/);
  });

  it("a bad timestamp", () => {
    const e = errorOf(() => parse('timestamp,sender,text\n2026-03-12 10:00,A,"two\nlines"\n12/03/2026 10:00,A,x\n'));
    expect(e.location).toEqual({ file: "evidence/d1/chat.csv", line: 4, column: 1, field: "timestamp" });
    expect(e.message).toContain("evidence/d1/chat.csv:4:1 (field timestamp)");
    expect(e.problem).toMatch(/expected an ISO 8601 time/);
  });

  it("an impossible date, an empty timestamp, a skipped hour", () => {
    expect(errorOf(() => parse("sender,timestamp,text\nA,2026-02-30 10:00,x\n")).location).toMatchObject({ line: 2, column: 2 });
    expect(errorOf(() => parse("timestamp,sender,text\n2026-02-30T10:00:00Z,A,x\n")).problem).toMatch(/expected an ISO 8601 time/);
    expect(errorOf(() => parse("timestamp,sender,text\n,A,x\n")).problem).toMatch(/the timestamp is empty/);
    expect(errorOf(() => parse("timestamp,sender,text\n2026-03-08 02:30,A,x\n")).problem).toMatch(
      /not a real date and time in America\/Chicago/,
    );
  });

  it("an unclosed quote becomes an InvalidInputError with the line", () => {
    const e = errorOf(() => parse('timestamp,sender,text\n2026-03-12 10:00,A,"open\n'));
    expect(e.location).toEqual({ file: "evidence/d1/chat.csv", line: 2 });
    expect(e.problem).toMatch(/never closed/);
  });

  it("an empty file and an unknown zone", () => {
    expect(errorOf(() => parse("")).location.line).toBe(1);
    expect(errorOf(() => parse(FIXTURE, { timeZone: "Nowhere/Special" })).problem).toMatch(/unknown time zone/);
  });
});

describe("looksLikeChatCsv", () => {
  it("needs timestamp, sender and text in the header", () => {
    expect(looksLikeChatCsv(FIXTURE)).toBe(true);
    expect(looksLikeChatCsv('"timestamp";"sender";"text"\n')).toBe(true);
    expect(looksLikeChatCsv("sep=;\ntimestamp;sender;text\n")).toBe(true);
    expect(looksLikeChatCsv("timestamp,sender,message\n")).toBe(false);
    expect(looksLikeChatCsv("[12/03/26, 14:05:31] A: b")).toBe(false);
    expect(looksLikeChatCsv("")).toBe(false);
  });
});

describe("parseChatCsv never fails with anything but InvalidInputError", () => {
  const check = (text: string) => {
    try {
      const c = parse(text);
      const times = c.messages.map((m) => m.at);
      expect([...times].sort()).toEqual(times);
    } catch (e) {
      if (!(e instanceof InvalidInputError)) throw e;
    }
  };

  it("on arbitrary text", () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string(),
          fc.string({ unit: "binary" }),
          fc.uint8Array({ maxLength: 300 }).map((b) => Buffer.from(b).toString("utf8")),
        ),
        check,
      ),
      { numRuns: 300 },
    );
  });

  const cell = fc.oneof(
    fc.string(),
    fc.constantFrom(
      "2026-03-12 10:00",
      "2026-03-12T10:00:00Z",
      "2026-13-01 10:00",
      "2026-03-12T25:00:00+01:00",
      "2026-03-08 02:30",
      "",
      '"',
      "IMG_1.jpg",
    ),
    fc.date({ noInvalidDate: true }).map((d) => d.toISOString()),
  );
  const quote = (s: string) => (/[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);

  it("on random rows under a valid header", () => {
    fc.assert(
      fc.property(
        fc.shuffledSubarray(["timestamp", "sender", "text", "attachment", "extra"], { minLength: 2 }),
        fc.array(fc.array(cell, { maxLength: 6 }), { maxLength: 8 }),
        fc.constantFrom("\n", "\r\n"),
        fc.boolean(),
        (header, rows, eol, bom) => check(`${bom ? "\uFEFF" : ""}${[header, ...rows].map((r) => r.map(quote).join(",")).join(eol)}${eol}`),
      ),
      { numRuns: 300 },
    );
  });

  it("on the fixture with random edits", () => {
    fc.assert(
      fc.property(fc.nat(), fc.nat({ max: 10 }), fc.string({ unit: "binary", maxLength: 3 }), (p, len, insert) => {
        const at = p % FIXTURE.length;
        check(FIXTURE.slice(0, at) + insert + FIXTURE.slice(at + len));
      }),
      { numRuns: 300 },
    );
  });
});

import { readFileSync } from "node:fs";
import { join } from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { looksLikeWhatsApp, parseWhatsApp, type WhatsAppOptions } from "../../../src/intake/formats/whatsapp/parse.js";
import { InvalidInputError } from "../../../src/util/errors.js";
import { errorOf } from "../../helpers/errors.js";

const DIR = join(import.meta.dirname, "../../fixtures/exports/whatsapp");
const read = (name: string) => readFileSync(join(DIR, name), "utf8");

const base: WhatsAppOptions = {
  timeZone: "UTC",
  displayPath: "evidence/d1/chat.txt",
  resolveAttachment: (name) => (name.includes("PHOTO") || name.startsWith("IMG-") ? `evidence/d1/media/${name}` : undefined),
};
const parse = (text: string, o: Partial<WhatsAppOptions> = {}) => parseWhatsApp(text, { ...base, ...o });

describe("every line variant of DOMAIN.md §8.2", () => {
  const cases: { name: string; text: string; timeZone: string; at: string; sender: string; body: string; order: string }[] = [
    {
      name: "Android 24 h",
      text: "06/03/2017, 00:45 - Dana Whitlock: text",
      timeZone: "Europe/London",
      at: "2017-03-06T00:45:00Z",
      sender: "Dana Whitlock",
      body: "text",
      order: "dmy",
    },
    {
      name: "US m/d/yy with U+202F before PM",
      text: "12/31/25, 11:59\u202FPM - Dana Whitlock: text",
      timeZone: "America/New_York",
      at: "2026-01-01T04:59:00Z",
      sender: "Dana Whitlock",
      body: "text",
      order: "mdy",
    },
    {
      name: "US m/d/yy with U+00A0 before AM",
      text: "12/31/25, 9:05\u00A0AM - Dana Whitlock: text",
      timeZone: "America/Chicago",
      at: "2025-12-31T15:05:00Z",
      sender: "Dana Whitlock",
      body: "text",
      order: "mdy",
    },
    {
      name: "iOS with LRM and CRLF",
      text: "\u200E[14/03/26, 09:05:31] Dana Whitlock: text\r\n",
      timeZone: "Europe/Paris",
      at: "2026-03-14T08:05:31Z",
      sender: "Dana Whitlock",
      body: "text",
      order: "dmy",
    },
    {
      name: "p.m.",
      text: "3/6/18, 1:55 p.m. - a: m",
      timeZone: "America/Bogota",
      at: "2018-06-03T18:55:00Z",
      sender: "a",
      body: "m",
      order: "dmy",
    },
    {
      name: "dashes and dotted time",
      text: "03-06-2018, 01.55 PM - a: m",
      timeZone: "Asia/Kolkata",
      at: "2018-06-03T08:25:00Z",
      sender: "a",
      body: "m",
      order: "dmy",
    },
    {
      name: "dots, no comma, colon separator",
      text: "13.06.18 21.25.15: a: m",
      timeZone: "Europe/Berlin",
      at: "2018-06-13T19:25:15Z",
      sender: "a",
      body: "m",
      order: "dmy",
    },
    {
      name: "bracketed dotted m.d.yy",
      text: "[06.13.18 21:25:15] a: m",
      timeZone: "UTC",
      at: "2018-06-13T21:25:15Z",
      sender: "a",
      body: "m",
      order: "mdy",
    },
    {
      name: "Finnish 'klo'",
      text: "13.6.2018 klo 21.25.15 - a: m",
      timeZone: "Europe/Helsinki",
      at: "2018-06-13T18:25:15Z",
      sender: "a",
      body: "m",
      order: "dmy",
    },
    {
      name: "spaced dots with a final dot",
      text: "13. 6. 2018. 21:25:15 a: m",
      timeZone: "Europe/Belgrade",
      at: "2018-06-13T19:25:15Z",
      sender: "a",
      body: "m",
      order: "dmy",
    },
    {
      name: "bracketed 'p. m.'",
      text: "[3/6/18 1:55:00 p. m.] a: m",
      timeZone: "UTC",
      at: "2018-06-03T13:55:00Z",
      sender: "a",
      body: "m",
      order: "dmy",
    },
    {
      name: "bracketed y/m/d",
      text: "[2018/06/13, 21:25:15] a: m",
      timeZone: "Asia/Tokyo",
      at: "2018-06-13T12:25:15Z",
      sender: "a",
      body: "m",
      order: "ymd",
    },
    {
      name: "ISO-like date with 12 h time",
      text: "2016-04-15, 3:04 PM - a: m",
      timeZone: "America/Los_Angeles",
      at: "2016-04-15T22:04:00Z",
      sender: "a",
      body: "m",
      order: "ymd",
    },
  ];
  for (const c of cases) {
    it(`${c.name}: ${JSON.stringify(c.text)}`, () => {
      const conv = parse(c.text, { timeZone: c.timeZone });
      expect(conv.messages).toHaveLength(1);
      expect(conv.messages[0]).toMatchObject({ ref: "M00001", at: c.at, sender: c.sender, text: c.body, system: false, origin: "line 1" });
      expect(conv.dateOrder).toBe(c.order);
      expect(looksLikeWhatsApp(c.text)).toBe(true);
    });
  }

  it("12 AM is midnight and 12 PM is noon", () => {
    const c = parse("3/13/26, 12:30 AM - a: night\n3/13/26, 12:30 PM - a: noon");
    expect(c.messages.map((m) => m.at)).toEqual(["2026-03-13T00:30:00Z", "2026-03-13T12:30:00Z"]);
  });
});

describe("the iOS fixture (CRLF, LRM, bracketed d/m/y)", () => {
  const c = parse(read("ios.txt"), { timeZone: "America/Chicago" });

  it("reads the zone-less times in the given zone and says so", () => {
    expect(c.platform).toBe("whatsapp");
    expect(c.timeNote).toMatch(/^WhatsApp export has no time zone; times read as America\/Chicago/);
    expect(c.dateOrder).toBe("dmy");
    expect(c.timeNote).toContain("line 8 has 13");
    expect(c.messages[0].at).toBe("2026-03-10T14:14:02Z"); // CDT, UTC−5
    expect(c.messages).toHaveLength(11);
    expect(c.messages.map((m) => m.ref)).toEqual(Array.from({ length: 11 }, (_, i) => `M${String(i + 1).padStart(5, "0")}`));
  });

  it("treats iOS notices written under the chat's name as system lines", () => {
    expect(c.messages.slice(0, 3)).toMatchObject([
      {
        system: true,
        sender: "",
        text: "Messages and calls are end-to-end encrypted. Only people in this chat can read, listen to, or share them.",
      },
      { system: true, sender: "", text: "Renée Wójtowicz created group “Lumière resellers”" },
      { system: true, sender: "", text: "Renée Wójtowicz added Dana Whitlock" },
    ]);
    expect(c.participants).toEqual(["Renée Wójtowicz", "+1 (312) 555-0142", "Dana Whitlock"]);
  });

  it("joins continuation lines", () => {
    expect(c.messages[3]).toMatchObject({ text: "Hello! New stock of Lumière totes today\nPrices below, DM for bulk", origin: "line 4" });
  });

  it("reads <attached: …> with the case path, and a phone number as the sender", () => {
    expect(c.messages[4]).toMatchObject({
      origin: "line 6",
      attachments: [
        { kind: "photo", name: "00000042-PHOTO-2026-03-10-09-16-40.jpg", path: "evidence/d1/media/00000042-PHOTO-2026-03-10-09-16-40.jpg" },
      ],
    });
    expect(c.messages[4].text).toBeUndefined();
    expect(c.messages[10].attachments).toEqual([{ kind: "audio", name: "00000043-AUDIO-2026-03-13-18-06-00.opus" }]);
    expect(c.messages[5]).toMatchObject({
      sender: "+1 (312) 555-0142",
      text: "how much for 10? https://www.amazon.com/dp/B0EXAMPLE01.",
      links: [{ url: "https://www.amazon.com/dp/B0EXAMPLE01" }],
    });
  });

  it("notes edited, deleted, omitted media and missed calls", () => {
    expect(c.messages[6]).toMatchObject({
      text: "$35 each, pay at https://pay.example.net/c/7781",
      notes: ["edited"],
      links: [{ url: "https://pay.example.net/c/7781" }],
    });
    expect(c.messages[7]).toMatchObject({ sender: "Dana Whitlock", notes: ["deleted"] });
    expect(c.messages[7].text).toBeUndefined();
    expect(c.messages[8]).toMatchObject({ notes: ["media omitted"] });
    expect(c.messages[9]).toMatchObject({ notes: ["missed voice call"] });
  });

  it("leaves no invisible marks or CRs in names and text", () => {
    for (const m of c.messages) expect(`${m.sender}${m.text ?? ""}`).not.toMatch(/[\u200E\u200F\u202A-\u202E\r]/);
  });
});

describe("the Android US fixture (m/d/yy, U+202F, LF)", () => {
  const c = parse(read("android-us.txt"), { timeZone: "America/Chicago" });

  it("decides m/d/y from a day above 12 and converts times", () => {
    expect(c.dateOrder).toBe("mdy");
    expect(c.messages[0].at).toBe("2026-03-10T14:14:00Z");
    expect(c.messages.find((m) => m.text === "still up?")?.at).toBe("2026-03-13T05:30:00Z");
  });

  it("reads system lines without a name", () => {
    expect(c.messages.slice(0, 3)).toMatchObject([
      { system: true, sender: "", text: expect.stringMatching(/^Messages and calls are end-to-end encrypted/) },
      { system: true, sender: "", text: 'Renée Wójtowicz created group "Lumière resellers"' },
      { system: true, sender: "", text: "Renée Wójtowicz added you" },
    ]);
    expect(c.messages[12]).toMatchObject({
      system: true,
      sender: "",
      text: 'Dana Whitlock changed the subject from "Lumière resellers" to "Deals: spring"',
    });
  });

  it("keeps multi-line messages with their blank lines", () => {
    expect(c.messages[3].text).toBe("Hello! New stock\nsecond line of the message\n\nfourth line after a blank line");
  });

  it("reads '(file attached)' with its caption on the next line", () => {
    expect(c.messages[4]).toMatchObject({
      attachments: [{ kind: "photo", name: "IMG-20260310-WA0001.jpg", path: "evidence/d1/media/IMG-20260310-WA0001.jpg" }],
      text: "Lumière tote, black",
      origin: "line 8",
    });
    expect(c.messages[11].attachments).toEqual([{ kind: "audio", name: "PTT-20260313-WA0002.opus" }]);
  });

  it("notes <Media omitted>, deleted and edited messages", () => {
    expect(c.messages[6]).toMatchObject({ sender: "Dana Whitlock", notes: ["media omitted"] });
    expect(c.messages[6].text).toBeUndefined();
    expect(c.messages[8]).toMatchObject({ text: "$35 each", notes: ["edited"] });
    expect(c.messages[9].notes).toEqual(["deleted"]);
    expect(c.messages[10].notes).toEqual(["deleted"]);
  });

  it("strips the U+202A/U+202C marks around phone numbers", () => {
    expect(c.messages[5].sender).toBe("+1 (312) 555-0142");
    expect(c.participants).toEqual(["Renée Wójtowicz", "+1 (312) 555-0142", "Dana Whitlock"]);
  });
});

describe("attachments and markers", () => {
  it("reads localised Android attachment lines", () => {
    const lines = [
      ["12/03/2026 14:05 - Renée: IMG-20260312-WA0003.jpg (arquivo anexado)", "photo", "IMG-20260312-WA0003.jpg"],
      ["14.03.2026 14:05 - Kemal: VID-20260314-WA0004.mp4 (dosya ekte)", "video", "VID-20260314-WA0004.mp4"],
      ["14.03.26, 14:05 - Jonas: DOC-20260314-WA0005.pdf (Datei angehängt)", "file", "DOC-20260314-WA0005.pdf"],
      ["14/3/26, 14:05 - Lucía: PTT-20260314-WA0006.opus (archivo adjunto)", "audio", "PTT-20260314-WA0006.opus"],
      ["14/03/2026, 14:05 - Ana: Rechnung März 2026.pdf (file attached)", "file", "Rechnung März 2026.pdf"],
    ] as const;
    for (const [line, kind, name] of lines) {
      const m = parse(line).messages[0];
      expect(m.attachments.map(({ kind, name }) => ({ kind, name }))).toEqual([{ kind, name }]);
      expect(m.text).toBeUndefined();
    }
  });

  it("reads iOS video, sticker and GIF attachments, and a caption after the attachment", () => {
    const c = parse(
      [
        "[14/03/26, 10:00:00] a: \u200E<attached: 00000044-VIDEO-2026-03-14-10-00-00.mp4>",
        "[14/03/26, 10:00:01] a: \u200E<attached: 00000045-STICKER-2026-03-14-10-00-01.webp>",
        "[14/03/26, 10:00:02] a: \u200E<attached: 00000046-GIF-2026-03-14-10-00-02.mp4>",
        "[14/03/26, 10:00:03] a: \u200E<attached: 00000047-PHOTO-2026-03-14-10-00-03.jpg>",
        "the one on the left",
      ].join("\r\n"),
    );
    expect(c.messages.map((m) => m.attachments[0].kind)).toEqual(["video", "sticker", "gif", "photo"]);
    expect(c.messages[3]).toMatchObject({ system: false, sender: "a", text: "the one on the left" });
  });

  it("reads lower-case <media omitted>, a missed video call, and 'You deleted this message'", () => {
    const c = parse(
      "14/03/26, 10:00 - a: <media omitted>\n14/03/26, 10:01 - a: Missed video call\n14/03/26, 10:02 - a: You deleted this message",
    );
    expect(c.messages.map((m) => m.notes)).toEqual([["media omitted"], ["missed video call"], ["deleted"]]);
    expect(c.messages.map((m) => m.text)).toEqual([undefined, undefined, undefined]);
  });

  it("keeps ordinary text that merely mentions these words", () => {
    const c = parse("14/03/26, 10:00 - a: I left the bag at the shop\n14/03/26, 10:01 - a: the image omitted the logo");
    expect(c.messages.map((m) => [m.system, m.text, m.notes])).toEqual([
      [false, "I left the bag at the shop", []],
      [false, "the image omitted the logo", []],
    ]);
  });

  it("keeps an empty message as a message without text", () => {
    const c = parse("03/02/17, 18:42 - Luke: \n03/02/17, 18:43 - Luke:");
    expect(c.messages.map((m) => [m.sender, m.system, m.text])).toEqual([
      ["Luke", false, undefined],
      ["Luke", false, undefined],
    ]);
  });
});

describe("day/month order, decided per file", () => {
  it("a first field above 12 means d/m", () => {
    const c = parse("03/04/26, 10:00 - A: x\n15/04/26, 10:00 - A: y");
    expect(c.dateOrder).toBe("dmy");
    expect(c.messages[0].at).toBe("2026-04-03T10:00:00Z");
  });

  it("a second field above 12 means m/d", () => {
    const c = parse("04/03/26, 10:00 - A: x\n04/15/26, 10:00 - A: y");
    expect(c.dateOrder).toBe("mdy");
    expect(c.messages[0].at).toBe("2026-04-03T10:00:00Z");
  });

  it("a 4-digit year first means y/m/d", () => {
    const c = parse("2026-04-03, 10:00 - A: x\n2026-04-05, 10:00 - A: y");
    expect(c.dateOrder).toBe("ymd");
    expect(c.timeNote).toContain("4-digit year first");
  });

  it("with nothing above 12, the order that keeps messages chronological wins (m/d)", () => {
    const c = parse("1/2/26, 10:00 - A: a\n1/3/26, 10:00 - A: b\n2/1/26, 10:00 - A: c");
    expect(c.dateOrder).toBe("mdy");
    expect(c.messages.map((m) => m.text)).toEqual(["a", "b", "c"]);
    expect(c.messages[2].at).toBe("2026-02-01T10:00:00Z");
    expect(c.timeNote).toMatch(/keeps the messages in time order/);
  });

  it("with nothing above 12, the order that keeps messages chronological wins (d/m)", () => {
    const c = parse("2/1/26, 10:00 - A: a\n3/1/26, 10:00 - A: b\n1/2/26, 10:00 - A: c");
    expect(c.dateOrder).toBe("dmy");
    expect(c.messages[2].at).toBe("2026-02-01T10:00:00Z");
  });

  it("defaults to d/m when nothing settles it, and says so", () => {
    const c = parse("05/06/26, 10:00 - A: x");
    expect(c.dateOrder).toBe("dmy");
    expect(c.messages[0].at).toBe("2026-06-05T10:00:00Z");
    expect(c.timeNote).toMatch(/by default/);
  });

  it("the dateOrder option overrides detection", () => {
    const c = parse("05/06/26, 10:00 - A: x", { dateOrder: "mdy" });
    expect(c.dateOrder).toBe("mdy");
    expect(c.messages[0].at).toBe("2026-05-06T10:00:00Z");
    expect(c.timeNote).toContain("as given");
  });

  it("a forced order that makes a month 13 is an error naming the line", () => {
    const e = errorOf(() => parse("05/06/26, 10:00 - A: x\n13/06/26, 10:00 - A: y", { dateOrder: "mdy" }));
    expect(e.location).toEqual({ file: "evidence/d1/chat.txt", line: 2 });
    expect(e.problem).toMatch(/there is no month 13/);
  });

  it("conflicting dates in one file are an error on the line that does not fit", () => {
    const e = errorOf(() => parse("13/01/26, 10:00 - A: x\n01/13/26, 10:00 - A: y"));
    expect(e.location.line).toBe(2);
    expect(e.problem).toMatch(/month 13/);
  });
});

describe("structure", () => {
  it("sorts an out-of-order line into place, keeping its line number", () => {
    const c = parse("14/03/26, 10:05 - a: second\n14/03/26, 10:00 - a: first\n14/03/26, 10:06 - a: third");
    expect(c.messages.map((m) => [m.ref, m.text, m.origin])).toEqual([
      ["M00001", "first", "line 2"],
      ["M00002", "second", "line 1"],
      ["M00003", "third", "line 3"],
    ]);
  });

  it("skips leading blank lines and counts lines from the top", () => {
    const c = parse("\n\r\n\u200E\n[14/03/26, 10:00:00] a: x");
    expect(c.messages[0].origin).toBe("line 4");
  });

  it("a line in another header style is part of the previous message", () => {
    const c = parse("14/03/26, 10:00 - a: quoting:\n[14/03/26, 09:00:00] b: old\n14/03/26, 10:01 - b: ok");
    expect(c.messages).toHaveLength(2);
    expect(c.messages[0].text).toBe("quoting:\n[14/03/26, 09:00:00] b: old");
  });

  it("DST: the repeated hour reads as its first occurrence", () => {
    const c = parse("11/01/26, 01:30 - a: x", { timeZone: "America/Chicago", dateOrder: "mdy" });
    expect(c.messages[0].at).toBe("2026-11-01T06:30:00Z");
    expect(parse("25/10/26, 02:30 - a: x", { timeZone: "Europe/Berlin" }).messages[0].at).toBe("2026-10-25T00:30:00Z");
  });
});

describe("errors", () => {
  it("a file that is not a WhatsApp export", () => {
    const e = errorOf(() => parse("Hello,\nthis is a note\n[14/03/26, 10:00:00] a: x"));
    expect(e.location).toEqual({ file: "evidence/d1/chat.txt", line: 1 });
    expect(e.problem).toBe(
      "not a WhatsApp chat export: expected lines like '[12/03/2026, 14:05:31] Name: text' or '3/12/26, 2:05 PM - Name: text'",
    );
  });

  it("an empty file", () => {
    expect(errorOf(() => parse("")).location.line).toBe(1);
    expect(errorOf(() => parse("\n \n")).problem).toMatch(/not a WhatsApp chat export/);
  });

  it("an impossible hour, minute or PM hour names its line", () => {
    const e = errorOf(() => parse("14/03/26, 10:00 - a: x\nmore text\n14/03/26, 25:10 - a: y"));
    expect(e.location).toEqual({ file: "evidence/d1/chat.txt", line: 3 });
    expect(e.problem).toMatch(/impossible date or time '14\/03\/26, 25:10 -'.*there is no hour 25/);
    expect(errorOf(() => parse("14/03/26, 10:61 - a: x")).problem).toMatch(/no minute 61/);
    expect(errorOf(() => parse("3/14/26, 13:05 PM - a: x")).problem).toMatch(/no hour 13 PM/);
    expect(errorOf(() => parse("30/02/26, 10:00 - a: x")).problem).toMatch(/no day 30 in month 2/);
    expect(errorOf(() => parse("30/02/126, 10:00 - a: x")).problem).toMatch(/2 or 4 digits/);
    expect(errorOf(() => parse("[0000/01/01, 10:00:00] a: x")).problem).toMatch(/no year 0/);
  });

  it("a time the clocks skipped in the given zone", () => {
    const e = errorOf(() => parse("3/8/26, 2:30 AM - a: x", { timeZone: "America/Chicago", dateOrder: "mdy" }));
    expect(e.location.line).toBe(1);
    expect(e.problem).toMatch(/does not exist in America\/Chicago/);
  });

  it("an unknown time zone", () => {
    expect(errorOf(() => parse("14/03/26, 10:00 - a: x", { timeZone: "Mars/Olympus" })).problem).toMatch(
      /unknown time zone 'Mars\/Olympus'/,
    );
  });
});

describe("looksLikeWhatsApp", () => {
  it("accepts the fixtures and rejects other text", () => {
    expect(looksLikeWhatsApp(read("ios.txt"))).toBe(true);
    expect(looksLikeWhatsApp(read("android-us.txt"))).toBe(true);
    expect(looksLikeWhatsApp("timestamp,sender,text\n2026-03-12 14:05,a,b")).toBe(false);
    expect(looksLikeWhatsApp('{"participants": [], "messages": []}')).toBe(false);
    expect(looksLikeWhatsApp("2016-04-15 10:00:00 server started")).toBe(false);
    expect(looksLikeWhatsApp("")).toBe(false);
  });
});

// ---------------------------------------------------------------------------------------------------------
// Properties

function outcome(text: string, o: Partial<WhatsAppOptions> = {}) {
  try {
    const c = parse(text, o);
    const times = c.messages.map((m) => m.at);
    expect([...times].sort()).toEqual(times);
    for (const [i, m] of c.messages.entries()) expect(m.ref).toBe(`M${String(i + 1).padStart(5, "0")}`);
    for (const t of times) expect(t).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/);
    return c;
  } catch (e) {
    if (!(e instanceof InvalidInputError)) throw e;
    return e;
  }
}

const two = (n: number) => String(n).padStart(2, "0");

describe("parseWhatsApp never fails with anything but InvalidInputError", () => {
  it("on arbitrary text", () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string(),
          fc.string({ unit: "binary" }),
          fc.uint8Array({ maxLength: 300 }).map((b) => Buffer.from(b).toString("utf8")),
        ),
        fc.constantFrom<WhatsAppOptions["dateOrder"]>(undefined, "dmy", "mdy", "ymd"),
        (text, dateOrder) => void outcome(text, { dateOrder }),
      ),
      { numRuns: 400 },
    );
  });

  const field = fc.oneof(
    fc.integer({ min: 0, max: 40 }).map(String),
    fc.integer({ min: 0, max: 9999 }).map(String),
    fc.integer({ min: 0, max: 99 }).map(two),
  );
  const headerLine = fc
    .record({
      open: fc.boolean(),
      a: field,
      b: field,
      c: field,
      ds: fc.constantFrom("/", "-", ".", ". "),
      comma: fc.constantFrom(",", "", "."),
      word: fc.constantFrom("", "klo ", "um "),
      h: fc.integer({ min: 0, max: 30 }),
      mi: fc.integer({ min: 0, max: 70 }),
      s: fc.option(fc.integer({ min: 0, max: 70 })),
      ts: fc.constantFrom(":", "."),
      ap: fc.constantFrom("", " AM", " PM", "\u202Fp.m.", " a. m."),
      sep: fc.constantFrom(" - ", ": ", " ", "] "),
      lrm: fc.constantFrom("", "\u200E", "\uFEFF"),
      rest: fc.oneof(
        fc.string(),
        fc.tuple(fc.string(), fc.string()).map(([n, t]) => `${n}: ${t}`),
        fc.constantFrom(
          "a: <attached: 0001-PHOTO-x.jpg>",
          "a: IMG-1.jpg (file attached)",
          "a: <Media omitted>",
          "a: \u200Eimage omitted",
          "a: x <This message was edited>",
          "a: Missed voice call",
          "a:",
        ),
      ),
    })
    .map(
      (r) =>
        `${r.lrm}${r.open ? "[" : ""}${r.a}${r.ds}${r.b}${r.ds}${r.c}${r.comma} ` +
        `${r.word}${two(r.h)}${r.ts}${two(r.mi)}${r.s === null ? "" : `${r.ts}${two(r.s)}`}${r.ap}${r.sep}${r.rest}`,
    );
  const line = fc.oneof(
    { weight: 3, arbitrary: headerLine },
    { weight: 1, arbitrary: fc.string() },
    { weight: 1, arbitrary: fc.constant("") },
  );

  it("on header-like lines built from random parts", () => {
    fc.assert(
      fc.property(
        fc.array(line, { minLength: 1, maxLength: 8 }),
        fc.constantFrom("\n", "\r\n"),
        fc.constantFrom<WhatsAppOptions["dateOrder"]>(undefined, "dmy", "mdy", "ymd"),
        (lines, eol, dateOrder) => void outcome(lines.join(eol), { dateOrder, timeZone: "America/Chicago" }),
      ),
      { numRuns: 400 },
    );
  });

  it("on the fixtures with random edits", () => {
    const texts = [read("ios.txt"), read("android-us.txt")];
    fc.assert(
      fc.property(fc.constantFrom(0, 1), fc.nat(), fc.nat(), fc.string({ unit: "binary", maxLength: 4 }), (which, p, q, insert) => {
        const t = texts[which];
        const at = p % t.length;
        const to = Math.min(t.length, at + (q % 20));
        void outcome(t.slice(0, at) + insert + t.slice(to), { timeZone: "Europe/Berlin" });
      }),
      { numRuns: 400 },
    );
  });
});

describe("parseWhatsApp reads back what a phone would write", () => {
  const styles = {
    android24: {
      order: "dmy",
      eol: "\n",
      line: (d: Date, who: string, text: string) =>
        `${two(d.getUTCDate())}/${two(d.getUTCMonth() + 1)}/${d.getUTCFullYear()}, ${two(d.getUTCHours())}:${two(d.getUTCMinutes())} - ` +
        `${who}: ${text}`,
    },
    us12: {
      order: "mdy",
      eol: "\n",
      line: (d: Date, who: string, text: string) =>
        `${d.getUTCMonth() + 1}/${d.getUTCDate()}/${two(d.getUTCFullYear() % 100)}, ` +
        `${d.getUTCHours() % 12 || 12}:${two(d.getUTCMinutes())}\u202F${d.getUTCHours() < 12 ? "AM" : "PM"} - ${who}: ${text}`,
    },
    ios: {
      order: "dmy",
      eol: "\r\n",
      line: (d: Date, who: string, text: string) =>
        `\u200E[${two(d.getUTCDate())}/${two(d.getUTCMonth() + 1)}/${two(d.getUTCFullYear() % 100)}, ` +
        `${two(d.getUTCHours())}:${two(d.getUTCMinutes())}:${two(d.getUTCSeconds())}] ${who}: ${text}`,
    },
    dotted: {
      order: "dmy",
      eol: "\n",
      line: (d: Date, who: string, text: string) =>
        `${two(d.getUTCDate())}.${two(d.getUTCMonth() + 1)}.${two(d.getUTCFullYear() % 100)} ` +
        `${two(d.getUTCHours())}.${two(d.getUTCMinutes())}.${two(d.getUTCSeconds())}: ${who}: ${text}`,
    },
  } as const;
  const sender = fc.constantFrom("Dana Whitlock", "Renée Wójtowicz", "\u202A+1 (312) 555-0142\u202C", "KPG Boutique ✨");
  const word = fc.stringMatching(/^[A-Za-z0-9àéü?!,.'-]{1,8}$/);
  const text = fc.array(word, { minLength: 1, maxLength: 6 }).map((w) => w.join(" "));
  const msg = fc.record({
    t: fc.integer({ min: Date.UTC(2010, 0, 1) / 1000, max: Date.UTC(2030, 0, 1) / 1000 }),
    who: sender,
    text,
    more: fc.option(text),
  });

  it("times, senders, texts and the detected order", () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...(Object.keys(styles) as (keyof typeof styles)[])),
        fc.array(msg, { minLength: 1, maxLength: 12 }),
        (styleName, raw) => {
          const style = styles[styleName];
          const keepSeconds = styleName === "ios" || styleName === "dotted";
          const msgs = raw.map((m) => ({ ...m, t: keepSeconds ? m.t : m.t - (m.t % 60) })).sort((x, y) => x.t - y.t);
          const file =
            msgs
              .map((m) => style.line(new Date(m.t * 1000), m.who, m.more === null ? m.text : `${m.text}${style.eol}${m.more}`))
              .join(style.eol) + style.eol;
          // With no day above 12, m/d/y text is truly ambiguous (d/m/y is the default): then the order is given.
          const settled = msgs.some((m) => new Date(m.t * 1000).getUTCDate() > 12);
          const c = parse(file, settled || style.order === "dmy" ? {} : { dateOrder: style.order });
          expect(c.dateOrder).toBe(style.order);
          expect(c.messages.map((m) => m.at)).toEqual(msgs.map((m) => new Date(m.t * 1000).toISOString().replace(".000Z", "Z")));
          expect(c.messages.map((m) => m.sender)).toEqual(msgs.map((m) => m.who.replace(/[\u202A\u202C]/g, "")));
          expect(c.messages.map((m) => m.text)).toEqual(msgs.map((m) => (m.more === null ? m.text : `${m.text}\n${m.more}`)));
        },
      ),
      { numRuns: 300 },
    );
  });
});

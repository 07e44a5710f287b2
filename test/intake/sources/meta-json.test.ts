import { readFileSync } from "node:fs";
import { join } from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  fixMetaMojibake,
  looksLikeMetaThread,
  parseMetaThread,
  type MetaThreadOptions,
} from "../../../src/intake/formats/meta-thread/parse.js";
import { jsonProblem } from "../../../src/intake/formats/meta-thread/json-problem.js";
import { InvalidInputError } from "../../../src/util/errors.js";
import { errorOf } from "../../helpers/errors.js";

const DIR = join(import.meta.dirname, "../../fixtures/exports/instagram/inbox/kpgboutique_1234567890");
const PHOTO = "your_instagram_activity/messages/inbox/kpgboutique_1234567890/photos/481516234_1.jpg";

const opts: MetaThreadOptions = {
  platform: "instagram",
  displayPath: (name) => `evidence/d1/ig/${name}`,
  resolveMedia: (uri) => (uri === PHOTO ? `evidence/d1/ig/${uri}` : undefined),
};

const fixture = (name: string) => ({ name, text: readFileSync(join(DIR, name), "utf8") });
/** Given newest file last on purpose: the parser must order by N, not by argument order. */
const thread = () => parseMetaThread([fixture("message_2.json"), fixture("message_1.json")], opts);

/** Meta's own way of writing a string: every UTF-8 byte as one \u00XX code point. */
const mojibake = (s: string) => Buffer.from(s, "utf8").toString("latin1");

function oneFile(messages: unknown[], extra: Record<string, unknown> = {}): { name: string; text: string }[] {
  return [
    {
      name: "message_1.json",
      text: JSON.stringify({ participants: [{ name: "A" }, { name: "B" }], messages, title: "A and B", ...extra }, null, 2),
    },
  ];
}

describe("fixMetaMojibake", () => {
  it("repairs the examples of DOMAIN.md §8.1", () => {
    expect(fixMetaMojibake("\u00f0\u009f\u0099\u0084poser")).toBe("🙄poser");
    expect(fixMetaMojibake("\u00e2\u009d\u00a4\u00ef\u00b8\u008f")).toBe("❤️");
    expect(fixMetaMojibake("Micha\u00c5\u0082 W\u00c3\u00b3jcicki")).toBe("Michał Wójcicki");
  });

  it("leaves strings that are not mojibake alone", () => {
    expect(fixMetaMojibake("caf\u00e9")).toBe("café");
    expect(fixMetaMojibake("plain ascii")).toBe("plain ascii");
    expect(fixMetaMojibake("already fine 😍 Łódź")).toBe("already fine 😍 Łódź");
    expect(fixMetaMojibake("")).toBe("");
  });

  it("round-trips any text Meta would have mangled", () => {
    fc.assert(fc.property(fc.string({ unit: "grapheme", maxLength: 30 }), (s) => fixMetaMojibake(mojibake(s)) === s));
  });
});

describe("parseMetaThread on the Instagram fixture (two files, newest first)", () => {
  it("merges message_1 and message_2 in chronological order with refs and origins", () => {
    const c = thread();
    expect(c.messages).toHaveLength(12);
    expect(c.messages.map((m) => m.ref)).toEqual(Array.from({ length: 12 }, (_, i) => `M${String(i + 1).padStart(5, "0")}`));
    const times = c.messages.map((m) => m.at);
    expect([...times].sort()).toEqual(times);
    expect(c.messages[0]).toMatchObject({ at: "2026-03-12T12:00:00Z", origin: "message_2.json #6" });
    expect(c.messages[5]).toMatchObject({ at: "2026-03-12T12:04:00Z", origin: "message_2.json #1" });
    expect(c.messages[6]).toMatchObject({ at: "2026-03-12T13:00:00Z", origin: "message_1.json #6" });
    expect(c.messages[11]).toMatchObject({ at: "2026-03-12T13:05:00Z", origin: "message_1.json #1" });
  });

  it("gives the same result whatever order the files are passed in", () => {
    const other = parseMetaThread([fixture("message_1.json"), fixture("message_2.json")], opts);
    expect(other).toEqual(thread());
  });

  it("keeps messages with equal timestamps in their true order (reverse of the newest-first export)", () => {
    const texts = thread()
      .messages.filter((m) => m.at === "2026-03-12T12:04:00Z")
      .map((m) => m.text);
    expect(texts).toEqual(["ok", "sending now"]);
  });

  it("repairs mojibake in title, participants, senders, content and reactions", () => {
    const c = thread();
    expect(c.title).toBe("KPG Boutique ✨ orders");
    expect(c.participants).toEqual(["Michał Zieliński", "Renée Wójtowicz", "Dana Whitlock"]);
    expect(c.messages[1].text).toBe("Hi! Do you still have the Lumière tote in black?");
    expect(c.messages[2]).toMatchObject({
      sender: "Renée Wójtowicz",
      text: "Yes 😍 last two pieces",
      reactions: [{ reaction: "❤️", actor: "Dana Whitlock" }],
    });
    expect(c.messages[11]).toMatchObject({ text: "🙄poser", reactions: [{ reaction: "😂", actor: "Michał Zieliński" }] });
    expect(c.messages[10].text).toBe("café au lait at noon?");
  });

  it("records the thread path and platform", () => {
    const c = thread();
    expect(c.platform).toBe("instagram");
    expect(c.threadPath).toBe("inbox/kpgboutique_1234567890");
  });

  it("shows the hidden share link with its label, plus every URL in the text without trailing punctuation", () => {
    const m = thread().messages[3];
    expect(m.links).toEqual([
      { url: "https://www.amazon.com/dp/B0EXAMPLE01", label: "Lumière Tote — black" },
      { url: "https://pay.example.net/c/7781?ref=ig" },
    ]);
    expect(m.text).toBe("Cheaper if you pay here (https://pay.example.net/c/7781?ref=ig).");
  });

  it("lists attachments with the case path when the file was exported, and without when not", () => {
    const c = thread();
    expect(c.messages[6].attachments).toEqual([{ kind: "photo", name: PHOTO, path: `evidence/d1/ig/${PHOTO}` }]);
    expect(c.messages[6].text).toBeUndefined();
    expect(c.messages[7].attachments).toEqual([
      { kind: "video", name: "your_instagram_activity/messages/inbox/kpgboutique_1234567890/videos/99887766_2.mp4" },
    ]);
    expect(c.messages[7].attachments[0]).not.toHaveProperty("path");
  });

  it('keeps "You sent an attachment." as text', () => {
    expect(thread().messages[7]).toMatchObject({ text: "You sent an attachment.", system: false, sender: "Dana Whitlock" });
  });

  it("notes unsent messages and call lengths", () => {
    const c = thread();
    expect(c.messages[8]).toMatchObject({ sender: "Renée Wójtowicz", notes: ["unsent"] });
    expect(c.messages[9].notes).toEqual(["call 00:05:12"]);
  });

  it("marks a clear group event as a system line", () => {
    expect(thread().messages[0]).toMatchObject({ system: true, sender: "", text: "Renée Wójtowicz created the group." });
    expect(thread().messages.filter((m) => m.system)).toHaveLength(1);
  });
});

describe("parseMetaThread, other message shapes", () => {
  it("reads Messenger attachments: files, gifs, sticker, audio", () => {
    const c = parseMetaThread(
      oneFile([
        { sender_name: "B", timestamp_ms: 2000, sticker: { uri: "messages/stickers_used/39178562_1.png" } },
        {
          sender_name: "A",
          timestamp_ms: 1000,
          files: [{ uri: "messages/inbox/ab_1/files/invoice.pdf", creation_timestamp: 1 }],
          gifs: [{ uri: "messages/inbox/ab_1/gifs/x.gif" }],
          audio_files: [{ uri: "messages/inbox/ab_1/audio/voice.mp4" }],
        },
      ]),
      { ...opts, platform: "messenger", resolveMedia: (u) => (u.endsWith(".pdf") ? "evidence/invoice.pdf" : undefined) },
    );
    expect(c.platform).toBe("messenger");
    expect(c.messages[0].attachments).toEqual([
      { kind: "audio", name: "messages/inbox/ab_1/audio/voice.mp4" },
      { kind: "file", name: "messages/inbox/ab_1/files/invoice.pdf", path: "evidence/invoice.pdf" },
      { kind: "gif", name: "messages/inbox/ab_1/gifs/x.gif" },
    ]);
    expect(c.messages[1].attachments).toEqual([{ kind: "sticker", name: "messages/stickers_used/39178562_1.png" }]);
  });

  it("notes taken-down and geoblocked messages, and older Subscribe lines are system lines", () => {
    const c = parseMetaThread(
      oneFile([
        { sender_name: "A", timestamp_ms: 3000, content: "A added B to the group.", type: "Subscribe" },
        { sender_name: "B", timestamp_ms: 2000, content: "x", is_taken_down: true, is_geoblocked_for_viewer: true },
        { sender_name: "A", timestamp_ms: 1000, content: "Liked a message", type: "Generic" },
      ]),
      opts,
    );
    expect(c.messages[0]).toMatchObject({ system: false, sender: "A", text: "Liked a message" });
    expect(c.messages[1].notes).toEqual(["taken down", "geoblocked"]);
    expect(c.messages[2]).toMatchObject({ system: true, sender: "", text: "A added B to the group." });
  });

  it("does not repeat a URL that is both the share link and in the text, and labels profile shares", () => {
    const c = parseMetaThread(
      oneFile([
        {
          sender_name: "A",
          timestamp_ms: 1000,
          content: "see https://www.instagram.com/kpgboutique, or https://www.instagram.com/kpgboutique!",
          share: {
            link: "https://www.instagram.com/kpgboutique",
            profile_share_name: mojibake("KPG ✨"),
            profile_share_username: "kpgboutique",
          },
        },
      ]),
      opts,
    );
    expect(c.messages[0].links).toEqual([{ url: "https://www.instagram.com/kpgboutique", label: "KPG ✨" }]);
  });

  it("repairs mojibake in share fields and attachment names", () => {
    const c = parseMetaThread(
      oneFile([
        {
          sender_name: "A",
          timestamp_ms: 1,
          share: { link: "https://example.com/p", share_text: mojibake("Größe 38 👜") },
          photos: [{ uri: mojibake("photos/Größe.jpg") }],
        },
      ]),
      opts,
    );
    expect(c.messages[0].links).toEqual([{ url: "https://example.com/p", label: "Größe 38 👜" }]);
    expect(c.messages[0].attachments[0].name).toBe("photos/Größe.jpg");
  });

  it("takes participants from the senders when the file has none, and an empty title when none", () => {
    const c = parseMetaThread(
      [{ name: "message_1.json", text: JSON.stringify({ messages: [{ sender_name: "Z", timestamp_ms: 5 }] }) }],
      opts,
    );
    expect(c.participants).toEqual(["Z"]);
    expect(c.title).toBe("");
    expect(c.threadPath).toBeUndefined();
  });

  it("accepts a UTF-8 BOM and an empty thread", () => {
    const c = parseMetaThread([{ name: "message_1.json", text: `\uFEFF${JSON.stringify({ participants: [], messages: [] })}` }], opts);
    expect(c.messages).toEqual([]);
  });

  it("orders message_10 after message_2", () => {
    const file = (n: number, ts: number) => ({
      name: `message_${n}.json`,
      text: JSON.stringify({ participants: [], messages: [{ sender_name: "A", timestamp_ms: ts, content: `in ${n}` }] }),
    });
    const c = parseMetaThread([file(10, 1000), file(2, 1000), file(1, 1000)], opts);
    expect(c.messages.map((m) => m.text)).toEqual(["in 10", "in 2", "in 1"]);
  });
});

describe("parseMetaThread errors name the file and the field", () => {
  it("invalid JSON, with line and column", () => {
    const e = errorOf(() =>
      parseMetaThread([{ name: "message_1.json", text: '{\n  "participants": [],\n  "messages": [\n    {"a": 1,}\n  ]\n}' }], opts),
    );
    expect(e.location).toEqual({ file: "evidence/d1/ig/message_1.json", line: 4, column: 13 });
    expect(e.message).toContain("evidence/d1/ig/message_1.json:4:13");
    expect(e.message).toContain("not valid JSON");
    expect(e.message).toContain("property name");
  });

  it("a file that ends too early", () => {
    const e = errorOf(() => parseMetaThread([{ name: "message_1.json", text: '{"participants": [], "messages": [' }], opts));
    expect(e.location.line).toBe(1);
    expect(e.problem).toMatch(/ends too early/);
  });

  it("a root that is not an object", () => {
    const e = errorOf(() => parseMetaThread([{ name: "message_1.json", text: "[1, 2]" }], opts));
    expect(e.problem).toMatch(/expected a JSON object with "participants" and "messages"/);
  });

  it("a missing messages array", () => {
    const e = errorOf(() => parseMetaThread([{ name: "message_3.json", text: '{"participants": []}' }], opts));
    expect(e.location).toEqual({ file: "evidence/d1/ig/message_3.json", field: "messages" });
    expect(e.problem).toMatch(/missing "messages" array/);
  });

  it("messages that is not an array", () => {
    const e = errorOf(() => parseMetaThread([{ name: "message_1.json", text: '{"messages": {"a": 1}}' }], opts));
    expect(e.problem).toBe("expected an array of messages, got an object");
  });

  it("a message without a numeric timestamp_ms", () => {
    const ok = { sender_name: "A", timestamp_ms: 1 };
    const e = errorOf(() => parseMetaThread(oneFile([ok, ok, ok, { sender_name: "A", timestamp_ms: "1773316800000" }]), opts));
    expect(e.location).toEqual({ file: "evidence/d1/ig/message_1.json", field: "messages[3].timestamp_ms" });
    expect(e.message).toContain("(field messages[3].timestamp_ms)");
    expect(e.problem).toMatch(/expected the time as a number of milliseconds/);
    expect(errorOf(() => parseMetaThread(oneFile([{ sender_name: "A" }]), opts)).problem).toMatch(/the field is missing/);
    expect(errorOf(() => parseMetaThread(oneFile([{ timestamp_ms: 1e300 }]), opts)).location.field).toBe("messages[0].timestamp_ms");
  });

  it("wrong types in known fields", () => {
    const cases: [unknown, string][] = [
      [{ timestamp_ms: 1, content: 5 }, "messages[0].content"],
      [{ timestamp_ms: 1, sender_name: ["x"] }, "messages[0].sender_name"],
      [{ timestamp_ms: 1, photos: {} }, "messages[0].photos"],
      [{ timestamp_ms: 1, photos: [{}] }, "messages[0].photos[0].uri"],
      [{ timestamp_ms: 1, reactions: [{ reaction: "x" }] }, "messages[0].reactions[0].actor"],
      [{ timestamp_ms: 1, share: "https://x" }, "messages[0].share"],
      [{ timestamp_ms: 1, share: { link: 7 } }, "messages[0].share.link"],
      [{ timestamp_ms: 1, is_unsent: "yes" }, "messages[0].is_unsent"],
      [{ timestamp_ms: 1, call_duration: "5" }, "messages[0].call_duration"],
      [7, "messages[0]"],
    ];
    for (const [m, field] of cases) expect(errorOf(() => parseMetaThread(oneFile([m]), opts)).location.field).toBe(field);
    expect(
      errorOf(() => parseMetaThread([{ name: "message_1.json", text: '{"messages": [], "participants": [{"name": 1}]}' }], opts)).location
        .field,
    ).toBe("participants[0].name");
    expect(errorOf(() => parseMetaThread([{ name: "message_1.json", text: '{"messages": [], "title": 1}' }], opts)).location.field).toBe(
      "title",
    );
  });

  it("no files at all", () => {
    expect(errorOf(() => parseMetaThread([], opts)).problem).toMatch(/no message_N.json files/);
  });
});

describe("jsonProblem", () => {
  it("agrees with JSON.parse on what is valid", () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.json(),
          fc.string(),
          fc.json().map((j) => j.slice(0, -1)),
          fc.json().map((j) => `${j},`),
        ),
        (text) => {
          let valid = true;
          try {
            JSON.parse(text);
          } catch {
            valid = false;
          }
          expect(jsonProblem(text) === undefined).toBe(valid);
        },
      ),
      { numRuns: 500 },
    );
  });
});

describe("looksLikeMetaThread", () => {
  it("recognises the fixture and rejects other files", () => {
    expect(looksLikeMetaThread(fixture("message_1.json").text)).toBe(true);
    expect(looksLikeMetaThread(`\uFEFF{"participants":[],"messages":[]}`)).toBe(true);
    expect(looksLikeMetaThread('{"orders": []}')).toBe(false);
    expect(looksLikeMetaThread("[12/03/26, 14:05:31] A: b")).toBe(false);
    expect(looksLikeMetaThread("timestamp,sender,text\n")).toBe(false);
  });
});

describe("parseMetaThread never fails with anything but InvalidInputError", () => {
  const check = (files: { name: string; text: string }[]) => {
    try {
      const c = parseMetaThread(files, opts);
      expect(Array.isArray(c.messages)).toBe(true);
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
          fc.uint8Array({ maxLength: 200 }).map((b) => Buffer.from(b).toString("utf8")),
        ),
        (text) => check([{ name: "message_1.json", text }]),
      ),
      { numRuns: 300 },
    );
  });

  it("on arbitrary JSON values", () => {
    fc.assert(
      fc.property(fc.jsonValue(), (v) => check([{ name: "message_1.json", text: JSON.stringify(v) }])),
      { numRuns: 300 },
    );
  });

  const anyValue = fc.oneof(fc.jsonValue({ maxDepth: 2 }), fc.constant(undefined));
  const message = fc.record(
    {
      sender_name: fc.oneof(fc.string(), anyValue),
      timestamp_ms: fc.oneof(fc.integer({ min: 0, max: 2e12 }), fc.double(), anyValue),
      content: fc.oneof(
        fc.string({ unit: "binary" }),
        fc.string().map((s) => `${s} https://example.com/${s}`),
        anyValue,
      ),
      share: fc.oneof(
        fc.record({ link: fc.oneof(fc.webUrl(), anyValue), share_text: fc.oneof(fc.string(), anyValue) }, { requiredKeys: [] }),
        anyValue,
      ),
      photos: fc.oneof(fc.array(fc.record({ uri: fc.oneof(fc.string(), anyValue) })), anyValue),
      sticker: fc.oneof(fc.record({ uri: fc.string() }), anyValue),
      reactions: fc.oneof(fc.array(fc.record({ reaction: fc.string(), actor: fc.oneof(fc.string(), anyValue) })), anyValue),
      call_duration: fc.oneof(fc.nat(), fc.double(), anyValue),
      is_unsent: fc.oneof(fc.boolean(), anyValue),
      type: fc.oneof(fc.constantFrom("Generic", "Share", "Call", "Subscribe", "Unsubscribe"), anyValue),
    },
    { requiredKeys: [] },
  );

  it("on structured messages with random field types", () => {
    fc.assert(
      fc.property(fc.array(message, { maxLength: 6 }), fc.array(message, { maxLength: 3 }), (a, b) =>
        check([
          { name: "message_1.json", text: JSON.stringify({ participants: [{ name: "A" }], messages: a, title: "t" }) },
          { name: "message_2.json", text: JSON.stringify({ participants: [{ name: "B" }], messages: b, thread_path: "inbox/x_1" }) },
        ]),
      ),
      { numRuns: 300 },
    );
  });

  it("on the fixture with a random cut or a random character changed", () => {
    const text = fixture("message_1.json").text;
    fc.assert(
      fc.property(fc.nat({ max: text.length - 1 }), fc.nat({ max: text.length }), fc.string({ maxLength: 3 }), (at, cut, insert) => {
        check([{ name: "message_1.json", text: text.slice(0, at) + insert + text.slice(at + 1) }, fixture("message_2.json")]);
        check([{ name: "message_1.json", text: text.slice(0, cut) }]);
      }),
      { numRuns: 300 },
    );
  });
});

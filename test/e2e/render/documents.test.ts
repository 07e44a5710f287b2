/**
 * Rendered evidence is printed many documents to a Chromium print, and each document gets exactly the pages it has
 * when printed alone, found through the named destinations Chromium writes (how the prints are grouped:
 * test/render/documents.test.ts).
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openBrowser, type BrowserSession } from "../../../src/browser/index.js";
import { renderDocuments, MESSAGES_PER_BATCH } from "../../../src/render/index.js";
import type { RenderedDocument } from "../../../src/model/rendered.js";
import type { Twin } from "../../../src/model/twin.js";
import { renderedBatchFacts } from "../../../src/pdf/index.js";
import { Redactor } from "../../../src/redact/index.js";
import type { EvidenceItem } from "../../../src/model/evidence.js";
import sharp from "sharp";
import { config, screenshot } from "../../helpers/items.js";

describe("renderDocuments", () => {
  let browser: BrowserSession;
  let work: string;
  beforeAll(async () => {
    browser = await openBrowser();
    work = mkdtempSync(join(tmpdir(), "exhibits-docs-test-"));
  });
  afterAll(async () => {
    await browser?.close();
  });

  const chat = (id: string, messages: number): EvidenceItem =>
    ({
      ...screenshot(id, 1),
      kind: "message-log",
      media: "whatsapp",
      payload: {
        type: "conversation",
        conversation: {
          platform: "whatsapp",
          title: `Chat ${id}`,
          participants: ["Bench Buyer", "Seller"],
          messages: Array.from({ length: messages }, (_, i) => ({
            ref: `M${String(i + 1).padStart(5, "0")}`,
            at: new Date(Date.UTC(2026, 0, 1, 0, i)).toISOString(),
            sender: i % 2 ? "Seller" : "Bench Buyer",
            system: false,
            text: `Message ${i + 1} of thread ${id}: ${"is the bag still available ".repeat(1 + (i % 5))}`,
            links: [],
            attachments: [],
            reactions: [],
            notes: [],
            origin: `line ${i + 1}`,
          })),
        },
      },
    }) as EvidenceItem;
  const render = (items: EvidenceItem[]) =>
    renderDocuments(
      {
        printer: browser,
        config: config(),
        redactor: new Redactor(config().redaction),
        workDir: mkdtempSync(join(work, "render-")),
        batchFacts: renderedBatchFacts,
        thumbnail: async () => undefined,
      },
      items,
    );
  const pageText = (doc: RenderedDocument, page: number, twin: Twin = "single") => {
    let skip = page;
    for (const r of doc.printed[twin]!) {
      if (skip < r.count)
        return execFileSync("pdftotext", ["-f", String(r.first + skip + 1), "-l", String(r.first + skip + 1), "-layout", r.file, "-"], {
          encoding: "utf8",
        });
      skip -= r.count;
    }
    throw new Error(`no page ${page}`);
  };

  it("prints documents together, each with the pages it has alone, starting where it should", { timeout: 120_000 }, async () => {
    const sizes = [3, 40, 2 * MESSAGES_PER_BATCH + 100, 1, 120, 7, 60, 2, 15, 9];
    const items = sizes.map((n, i) => chat(`evidence/doe-${i}/chat.txt`, n));
    const together = await render(items);
    const files = new Set([...together.values()].flatMap((d) => d.printed.single!.map((r) => r.file)));
    expect(files.size).toBeLessThan(sizes.length); // several documents per print
    for (const item of items) {
      const doc = together.get(item.id)!;
      const alone = (await render([item])).get(item.id)!;
      expect({ id: item.id, pages: doc.pages.single }).toEqual({ id: item.id, pages: alone.pages.single });
      expect(doc.planned).toBe(alone.planned);
      // Its first page opens its own heading; its last page ends with its own last message.
      expect(pageText(doc, 0)).toContain(`Chat ${item.id}`);
      const n = (item.payload as { conversation: { messages: unknown[] } }).conversation.messages.length;
      expect(pageText(doc, doc.planned - 1)).toContain(`Message ${n} of thread ${item.id}`);
    }
    // A long thread is printed in pieces of MESSAGES_PER_BATCH messages, each starting a page.
    expect(together.get(items[2]!.id)!.printed.single).toHaveLength(3);
  });

  it("shows a chat photo's thumbnail, asked for once, when its piece is printed", { timeout: 60_000 }, async () => {
    const item = chat("evidence/p/chat.txt", 3);
    const conversation = (item.payload as { conversation: { messages: { attachments: unknown[] }[] } }).conversation;
    conversation.messages[1]!.attachments = [{ kind: "photo", name: "bag.png", path: "evidence/p/bag.png" }];
    const png = await sharp({ create: { width: 40, height: 30, channels: 3, background: "#c0392b" } })
      .png()
      .toBuffer();
    let asked = 0;
    const docs = await renderDocuments(
      {
        printer: browser,
        config: config(),
        redactor: new Redactor(config().redaction),
        workDir: mkdtempSync(join(work, "render-")),
        batchFacts: renderedBatchFacts,
        thumbnail: async () => (asked++, `data:image/png;base64,${png.toString("base64")}`),
      },
      [item],
    );
    const range = docs.get(item.id)!.printed.single![0]!;
    const images = execFileSync(
      "pdfimages",
      ["-list", "-f", String(range.first + 1), "-l", String(range.first + range.count), range.file],
      { encoding: "utf8" },
    );
    expect(images.split("\n").filter((l) => /^\s*\d+\s+\d+\s+image/.test(l))).toHaveLength(1);
    expect(asked).toBe(1);
  });

  it("gives the same digests when printed again (renders are pure functions of the evidence)", { timeout: 60_000 }, async () => {
    const items = [chat("evidence/a/chat.txt", 5), chat("evidence/b/chat.txt", 30)];
    const first = await render(items);
    const second = await render(items);
    expect([...second.values()].map((d) => d.digest)).toEqual([...first.values()].map((d) => d.digest));
  });

  it("finds the page each redaction landed on, in each twin, from its anchor (the redaction log's Bates page)", {
    timeout: 120_000,
  }, async () => {
    // Two threads in one print, each long enough for several pages and, the second, two pieces; cards in some messages.
    const withCards = (id: string, n: number, at: number[]) => {
      const item = chat(id, n);
      const messages = (item.payload as { conversation: { messages: { text: string }[] } }).conversation.messages;
      for (const i of at) messages[i]!.text = `pay by card 4111 1111 1111 ${String(1000 + i)} — message ${i + 1}`;
      return item;
    };
    const items = [withCards("evidence/a/chat.txt", 90, [2, 60, 88]), withCards("evidence/b/chat.txt", MESSAGES_PER_BATCH + 40, [5, 270])];
    const redactor = new Redactor(config().redaction);
    const docs = await renderDocuments(
      {
        printer: browser,
        config: config(),
        redactor,
        workDir: mkdtempSync(join(work, "render-")),
        batchFacts: renderedBatchFacts,
        thumbnail: async () => undefined,
      },
      items,
    );
    expect(redactor.log).toHaveLength(5);
    const pagesSeen = new Set<number>();
    for (const e of redactor.log) {
      const doc = docs.get(e.item)!;
      for (const twin of ["public", "sealed"] as const) {
        const page = doc.marks?.[twin]?.[e.mark!];
        expect(page, `${e.item} ${e.place} ${twin}`).toBeDefined();
        const text = pageText(doc, page!, twin).replace(/\s+/g, " ");
        const n = Number(e.place.replace(/^message M0*/, ""));
        // The page holds that message's redacted card, as this twin shows it.
        expect(text).toContain(twin === "public" ? `XXXX XXXX XXXX ${1000 + n - 1}` : `4111 1111 1111 ${1000 + n - 1}`);
        pagesSeen.add(page!);
      }
    }
    expect(pagesSeen.size).toBeGreaterThan(2); // the redactions are on different pages, not all on the first
  });
});

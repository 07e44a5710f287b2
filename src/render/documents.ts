/**
 * Rendered evidence: message threads, purchase records and emails become pages through HTML templates and
 * Chromium, before planning (the plan needs their page counts). Many documents are printed at once (one
 * Chromium print costs about as much for one page as for thirty): each starts a new page, and the build
 * finds where each starts from the named destinations Chromium writes. Transcripts are cut into pieces of
 * MESSAGES_PER_BATCH messages, so no print holds a whole long thread. When redaction changed an item's
 * text, the public and sealed twins are rendered separately; the plan takes the larger page count and the
 * shorter twin gets blank alignment pages, so Bates numbers agree.
 */
import { writeFile } from "../util/fs.js";
import { join } from "node:path";
import { sha256Bytes } from "../util/hash.js";
import type { Printer } from "../browser/index.js";
import type { CaseConfig } from "../model/case.js";
import type { EvidenceItem } from "../model/evidence.js";
import type { Conversation } from "../model/conversation.js";
import { purchaseWordsOf } from "../intake/formats/index.js";
import type { AttachmentBurn, TextRedactor } from "../model/redaction.js";
import type { RenderedBatchFacts } from "../pdf/index.js";
import { emailModel, purchasesModel, transcriptModel, type MessageModel } from "./document-models.js";
import { printPieces, type DocumentPiece } from "./document-batches.js";
import { partsFor } from "./text-parts.js";
import type { Twin } from "../model/twin.js";
import type { RenderedDocument } from "../model/rendered.js";

export const MESSAGES_PER_BATCH = 250;

export interface DocumentRenderContext {
  printer: Printer;
  config: CaseConfig;
  redactor: TextRedactor;
  workDir: string;
  /** Page count, document starts and page digests of a printed PDF (kept in the build cache). */
  batchFacts(pdf: Uint8Array): Promise<RenderedBatchFacts>;
  /** Preview of an attachment (case-relative path) as a data: URI, or undefined; with `burn`, its regions blacked out. */
  thumbnail(path: string, burn?: AttachmentBurn): Promise<string | undefined>;
  /** What to burn out of the public twin's preview of each chat photo, by its path (commands/attachment-hunt.ts). */
  burns?: ReadonlyMap<string, AttachmentBurn>;
  /**
   * What a preview depends on besides its image (the maker's settings and version). With it, a print kept from
   * an earlier build is recalled by its pieces' data and their images' digests, without templating it again.
   */
  thumbnailIdentity?: string;
}

/**
 * The burns of the photos shown in one chat, by path; each region is logged against the chat (once, however many
 * messages show the photo), naming the photo and the message that sent it.
 */
function burnsOf(item: EvidenceItem, conversation: Conversation, ctx: DocumentRenderContext): Map<string, AttachmentBurn> {
  const out = new Map<string, AttachmentBurn>();
  for (const m of conversation.messages)
    for (const a of m.attachments) {
      const burn = a.path && a.kind === "photo" ? ctx.burns?.get(a.path) : undefined;
      if (!burn || out.has(a.path!)) continue;
      out.set(a.path!, burn);
      for (const [i, r] of burn.regions.entries())
        ctx.redactor.record({
          item: item.id,
          place:
            `photo ${a.path!.split("/").pop()} sent in message ${m.ref}, ${r.layer === "ocr" ? "found in the image's OCR words, " : ""}` +
            `region ${i + 1} (x ${r.x}, y ${r.y}, ${r.width}×${r.height} px)${r.reason ? ` — ${r.reason}` : ""}`,
          layer: r.layer === "ocr" ? "ocr" : "image-region",
          rule: r.rule ?? "region",
          ...(r.basis ? { basis: r.basis } : {}),
        });
    }
  return out;
}

/** Turn every {segments} object of a model into the parts one twin shows. */
function forVariant<T>(model: T, twin: Twin): unknown {
  const walk = (v: unknown): unknown => {
    if (v === null || typeof v !== "object") return v;
    if (Array.isArray(v)) return v.map(walk);
    if ("segments" in v && Array.isArray((v as { segments: unknown }).segments)) return partsFor((v as { segments: never }).segments, twin);
    return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, walk(x)]));
  };
  return walk(model);
}

export async function renderDocuments(ctx: DocumentRenderContext, items: readonly EvidenceItem[]): Promise<Map<string, RenderedDocument>> {
  let fileNo = 0;
  const write = async (pdf: Uint8Array) => {
    const path = join(ctx.workDir, `documents-${String(++fileNo).padStart(6, "0")}.pdf`);
    await writeFile(path, pdf);
    return path;
  };

  // Models first, in item order (redaction is recorded as they are made, so its log keeps a stable order);
  // then each twin of each model becomes one piece (a transcript, one per MESSAGES_PER_BATCH messages).
  const pieces: (DocumentPiece & { doc: number; twin: Twin })[] = [];
  const docs: RenderedDocument[] = [];
  for (const item of items) {
    const p = item.payload;
    if (p.type !== "conversation" && p.type !== "purchases" && p.type !== "email") continue;
    const model =
      p.type === "conversation"
        ? transcriptModel(item, p.conversation, ctx.config, ctx.redactor, new Map())
        : p.type === "purchases"
          ? purchasesModel(item, p.orders, ctx.config, ctx.redactor, purchaseWordsOf(item.media).summary)
          : emailModel(item, p.email, ctx.config, ctx.redactor);
    // A photo in the chat with something burned out of its picture makes twins, as a redacted text does.
    const burned = p.type === "conversation" ? burnsOf(item, p.conversation, ctx) : new Map<string, AttachmentBurn>();
    const redacted = model.redacted || burned.size > 0;
    const doc = docs.push({ itemId: item.id, redacted, printed: {}, pages: {}, planned: 0, digest: "" }) - 1;
    for (const twin of redacted ? (["public", "sealed"] as const) : (["single"] as const)) {
      const common = { twin, redacted };
      const burnFor = (path: string) => (twin === "public" ? burned.get(path) : undefined);
      const name = (n: number) => `${item.id}\0${twin}\0${n}`;
      if (model.kind === "transcript") {
        const v = forVariant(model, twin) as Omit<typeof model, "messages"> & { messages: MessageModel[] };
        const total = v.messages.length;
        for (let from = 0; from < Math.max(total, 1); from += MESSAGES_PER_BATCH) {
          const batch = v.messages.slice(from, from + MESSAGES_PER_BATCH);
          const photos = batch.reduce((n, m) => n + m.attachments.filter((a) => a.path && a.kind === "photo").length, 0);
          // A print is kept by what it shows: the piece's data, and the digests of the images its thumbnails are
          // made from (an image not among the item's files leaves the piece without a key: it is laid out anew).
          const photoPaths = batch.flatMap((m) => m.attachments.flatMap((a) => (a.path && a.kind === "photo" ? [a.path] : [])));
          const photoDigests = photoPaths.map((path) => item.related?.find((r) => r.path === path)?.sha256);
          const source =
            ctx.thumbnailIdentity !== undefined && photoDigests.every((d) => d !== undefined)
              ? {
                  ...v,
                  ...common,
                  messages: batch,
                  first: from === 0,
                  total,
                  thumbnails: [ctx.thumbnailIdentity, photoDigests, photoPaths.map((path) => burnFor(path) ?? null)],
                }
              : undefined;
          // Thumbnails are made when the piece is printed, into a copy: they are dropped once it is printed.
          const data = async () => {
            const messages = [];
            for (const m of batch) {
              const attachments = [];
              for (const a of m.attachments)
                attachments.push(a.path && a.kind === "photo" ? { ...a, thumbnail: await ctx.thumbnail(a.path, burnFor(a.path)) } : a);
              messages.push({ ...m, attachments });
            }
            return { ...v, ...common, messages, first: from === 0, total };
          };
          const shows = { ...v, messages: batch };
          const file = item.source.path;
          pieces.push({
            doc,
            twin,
            template: "transcript",
            name: name(from),
            weight: batch.length + 10 * photos,
            data,
            source,
            file,
            shows,
          });
        }
      } else {
        const weight = model.kind === "purchases" ? model.orders.reduce((n, o) => n + 6 + o.lines.length + o.amounts.length, 0) : 30;
        const shown = { ...(forVariant(model, twin) as object), ...common };
        const file = item.source.path;
        pieces.push({ doc, twin, template: model.kind, name: name(0), weight, data: async () => shown, source: shown, file, shows: shown });
      }
    }
  }

  const printed = await printPieces(pieces, { printer: ctx.printer, facts: ctx.batchFacts, write });
  const digests = docs.map(() => [] as string[]);
  pieces.forEach((piece, i) => {
    const doc = docs[piece.doc]!;
    const { file, first, count, pageDigests, anchors } = printed[i]!;
    const before = doc.pages[piece.twin] ?? 0;
    const prefix = `${piece.twin}-`;
    for (const [name, page] of Object.entries(anchors))
      if (name.startsWith(prefix)) ((doc.marks ??= {})[piece.twin] ??= {})[name.slice(prefix.length)] = before + page;
    (doc.printed[piece.twin] ??= []).push({ file, first, count });
    doc.pages[piece.twin] = (doc.pages[piece.twin] ?? 0) + count;
    doc.planned = Math.max(doc.planned, doc.pages[piece.twin]!);
    digests[piece.doc]!.push(`${piece.twin}:${pageDigests.join(",")}`);
  });
  for (const [d, doc] of docs.entries()) doc.digest = sha256Bytes(digests[d]!.join("\n"));
  return new Map(docs.map((d) => [d.itemId, d]));
}

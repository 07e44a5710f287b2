/**
 * Stage 2 (intake), shared by the formats of one family: the sentences a cover sheet and the certification say of
 * an image, a chat export or a purchase export, filled with each format's own names. A format may write its own
 * words instead; these only spare the families repeating themselves.
 */
import { THUMBNAIL_MAX_SIDE } from "../../../images/thumbnail.js";
import type { EvidenceKind } from "../../../model/case.js";
import type { Conversation } from "../../../model/conversation.js";
import type { EvidenceItem } from "../../../model/evidence.js";
import type { ChatWords, FormatWords, PurchaseWords } from "../format.js";

/** "1 page", "3 pages". */
export const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;

/**
 * How many messages a chat holds, as the cover and the transcript heading say it: system lines (an encryption
 * notice, "X created group") are shown in the transcript but are not messages, so they are counted apart.
 * "42 messages", "42 messages and 1 system line".
 */
export function messageTally(c: Conversation): string {
  const system = c.messages.filter((m) => m.system).length;
  const messages = plural(c.messages.length - system, "message");
  return system === 0 ? messages : `${messages} and ${plural(system, "system line")}`;
}

/** The cover's note of the other files an item is made of (listed with their hashes beneath): " + 2 related files". */
export function relatedNote(item: EvidenceItem): string {
  const n = item.related?.length ?? 0;
  return n ? ` + ${plural(n, "related file")}` : "";
}

type Payload = EvidenceItem["payload"];

/** The item's payload, which its format decides: anything else is a bug, not an input problem. */
export function payloadOf<T extends Payload["type"]>(item: EvidenceItem, type: T): Extract<Payload, { type: T }> {
  if (item.payload.type !== type) throw new Error(`${item.id}: a ${item.media} item holds ${item.payload.type}, not ${type}`);
  return item.payload as Extract<Payload, { type: T }>;
}

/** Why a rendered export is not a copy, by the kind of record it is. */
export const TRANSCRIPT_REASON = "the message export is rendered as a transcript";
export const SUMMARY_REASON = "the order records are rendered as a purchase summary";

/** A rendered export's derived-item reason: a message log becomes a transcript, purchase records a summary. */
export function renderedReason(kind: EvidenceKind): string | undefined {
  return kind === "message-log" ? TRANSCRIPT_REASON : kind === "purchase" ? SUMMARY_REASON : undefined;
}

/** A tall image cut into pages: how its rows are shown. */
const rows = (dpi: string) => `consecutive pixel rows at ${dpi} dpi`;

/** Images: "PNG, 1280 × 8450 px"; `codec` says how the pixels went into the PDF. */
export function imageWords(w: { name: string; codec: string }): FormatWords {
  return {
    cover(item) {
      const p = payloadOf(item, "image");
      return `${w.name}, ${p.width} × ${p.height} px`;
    },
    transformation(item, pages) {
      const p = payloadOf(item, "image");
      const first = pages[0];
      if (item.capture && pages.length > 0 && first?.kind === "image") {
        const dpi = (72 / (first.placement.width / p.width)).toFixed(0);
        const split = pages.length > 1 ? `split into ${pages.length} pages of ${rows(dpi)}` : `fitted to one page at ${dpi} dpi`;
        return (
          `Full-page screenshot of ${p.width} × ${p.height} px taken by the capture tool, ${split}; ${w.codec}. ` +
          "An invisible text layer from the page's DOM lies over the pixels where each line of text appears."
        );
      }
      if (pages.length > 1 && first?.kind === "image") {
        const dpi = (72 / (first.placement.width / (p.orientation >= 5 ? p.height : p.width))).toFixed(0);
        return `Full-page image of ${p.width} × ${p.height} px split into ${pages.length} pages of ${rows(dpi)}; ${w.codec}.`;
      }
      const rotated = p.orientation !== 1 ? "; EXIF orientation applied" : "";
      return `Image of ${p.width} × ${p.height} px fitted to one page; ${w.codec}${rotated}.`;
    },
    certification: {
      name: w.name,
      messageLog: `the platform's own message export (${w.name})`,
      purchase: `a screenshot of the order page (${w.name})`,
      derived: () => undefined,
    },
  };
}

/**
 * A chat platform: `name` is the platform as the cover names its export ("WhatsApp" → "WhatsApp export"),
 * `exportedBy` how the certification says the log was exported.
 */
export function chatWords(w: { name: string; transcriptHeading: string; title: string; exportedBy: string }): ChatWords {
  const name = `${w.name} export`;
  return {
    transcriptHeading: w.transcriptHeading,
    title: w.title,
    cover: (item) => `${name}${relatedNote(item)}`,
    transformation(item, pages) {
      const c = payloadOf(item, "conversation").conversation;
      const transcript = `a chronological transcript of ${messageTally(c)} on ${plural(pages.length, "page")}`;
      const photos = c.messages.some((m) => m.attachments.some((a) => a.kind === "photo" && a.path));
      return (
        `${name} parsed and rendered as ${transcript}: ` +
        "each message with its reference number, sender, time in UTC and case zone, text, links and attached images; " +
        `${c.timeNote ?? "times from the export (UTC)"}. The export file is the original; the transcript is a derivative.` +
        (photos
          ? ` Photos sent in the chat are shown as previews scaled to at most ${THUMBNAIL_MAX_SIDE} px on a side and ` +
            "re-encoded as JPEG; the photo files, listed with their digests, are the originals."
          : "")
      );
    },
    certification: {
      name,
      messageLog: w.exportedBy,
      purchase: `the platform's order-history export (${name})`,
      derived: renderedReason,
    },
  };
}

const AS_EXPORTED = "amounts as exported; the export file is the original.";

/** A purchase export: `name` is how the cover names it, `summary` how the purchase summary's heading does. */
export function purchaseWords(w: { name: string; summary: string }): PurchaseWords {
  return {
    summary: w.summary,
    cover: (item) => `${w.name}${relatedNote(item)}`,
    transformation(item, pages) {
      const orders = payloadOf(item, "purchases").orders;
      const summary = `a summary of ${plural(orders.length, "order")} on ${plural(pages.length, "page")}`;
      return `Purchase records (${w.name}) parsed and rendered as ${summary}; ${AS_EXPORTED}`;
    },
    certification: {
      name: w.name,
      messageLog: `the platform's own message export (${w.name})`,
      purchase: `the platform's order-history export (${w.name})`,
      derived: renderedReason,
    },
  };
}

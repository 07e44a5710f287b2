/**
 * Stage 2 (intake): the evidence formats, as one ordered list (like vite's plugin list). A file's format is the
 * first in this order whose sniffer claims its content, never its extension; so the order is the sniffing priority
 * (binary signatures first, then text formats from the most to the least specific). Adding a format is a folder
 * under formats/ and one line here.
 *
 * Each line imports its format where it is listed (a top-level await), so the line is the whole registration; a
 * format never imports this file (that would be an import cycle through an await).
 *
 * The one sanctioned cross-stage import: render/ (cover sheets, transcript and purchase-summary headings) and
 * appendices/ (the certification) import this file, and nothing else from intake, for the words of a format.
 */
import { INPUT_BYTES } from "../../util/input-bounds.js";
import type { ChatWords, EvidenceFormat, FormatWords, PurchaseWords, SniffInput } from "./format.js";

export const FORMATS = [
  (await import("./png/index.js")).png,
  (await import("./jpeg/index.js")).jpeg,
  (await import("./webp/index.js")).webp,
  (await import("./pdf/index.js")).pdf,
  (await import("./meta-thread/index.js")).metaThread,
  (await import("./purchases-json/index.js")).purchasesJson,
  (await import("./eml/index.js")).eml,
  (await import("./amazon-orders/index.js")).amazonOrders,
  (await import("./paypal-activity/index.js")).paypalActivity,
  (await import("./chat-csv/index.js")).chatCsv,
  (await import("./purchases-csv/index.js")).purchasesCsv,
  (await import("./whatsapp/index.js")).whatsapp,
] as const satisfies readonly EvidenceFormat[];

/** A format of the registry (with its literal media type). */
export type RegisteredFormat = (typeof FORMATS)[number];
type Format = RegisteredFormat;

/** Every format's media type: what items record as `media`. */
export type MediaType = Format["media"];
export const MEDIA_TYPES: readonly MediaType[] = FORMATS.map((f) => f.media);

type PlatformsOf<F> = F extends { family: "chat"; platforms: infer W } ? keyof W & string : never;
/** Every platform a chat format's exports come from: what conversations record as `platform`. */
export type ChatPlatform = PlatformsOf<Format>;
export const CHAT_PLATFORMS: readonly ChatPlatform[] = FORMATS.flatMap((f) =>
  f.family === "chat" ? (Object.keys(f.platforms) as ChatPlatform[]) : [],
);

type SourcesOf<F> = F extends { family: "purchases"; orderSource: infer S } ? S : never;
/** What the orders of each purchase-record format record as their source. */
export type PurchaseSource = SourcesOf<Format>;
export const PURCHASE_SOURCES: readonly PurchaseSource[] = FORMATS.flatMap((f) => (f.family === "purchases" ? [f.orderSource] : []));

const byMedia = new Map<string, EvidenceFormat>(FORMATS.map((f) => [f.media, f]));

/** The format of a media type. */
export function formatOf(media: MediaType): Format {
  const format = byMedia.get(media);
  if (!format) throw new Error(`no evidence format '${media}'`);
  return format as Format;
}

/** The format a file's content is, in the registry's order; undefined when it is none of them. */
export function sniffFormat(data: Buffer): Format | undefined {
  let text: string | null | undefined = null;
  const input: SniffInput = {
    head: data.subarray(0, 1024),
    get text() {
      if (text === null) {
        const head = utf16Head(data) ?? data.subarray(0, 65536).toString("utf8");
        text = head.includes("\u0000") ? undefined : head;
      }
      return text;
    },
  };
  return FORMATS.find((f) => f.sniff(input));
}

/** The start of a file that opens with a UTF-16 byte-order mark, decoded: its format is recognised, and its reader refuses it. */
function utf16Head(data: Buffer): string | undefined {
  const le = data[0] === 0xff && data[1] === 0xfe;
  if (!le && !(data[0] === 0xfe && data[1] === 0xff)) return undefined;
  const end = Math.min(data.length, 65536);
  const head = Buffer.from(data.subarray(2, end - (end % 2)));
  if (!le) head.swap16();
  return head.toString("utf16le");
}

const FAMILY_BYTES: Record<EvidenceFormat["family"], number> = {
  image: INPUT_BYTES.image,
  pdf: INPUT_BYTES.pdf,
  chat: INPUT_BYTES.text,
  purchases: INPUT_BYTES.text,
  email: INPUT_BYTES.email,
};

/** The largest file of a format read: its own bound, else its family's. */
export function maxBytesOf(format: EvidenceFormat): number {
  return format.maxBytes ?? FAMILY_BYTES[format.family];
}

/** The words of an item's format; a chat format's are its platform's. */
export function wordsOf(media: MediaType, platform?: ChatPlatform): FormatWords {
  const format: EvidenceFormat = formatOf(media);
  if (format.family !== "chat") return format.words;
  return chatWordsIn(format.platforms, platform);
}

/** The words of a chat platform (transcript heading, default title, cover and certification words). */
export function chatWordsOf(platform: ChatPlatform): ChatWords {
  for (const f of FORMATS as readonly EvidenceFormat[]) {
    if (f.family === "chat" && Object.hasOwn(f.platforms, platform)) return f.platforms[platform];
  }
  throw new Error(`no chat format of platform '${platform}'`);
}

/** The words of a purchase-record format (the purchase summary's heading). */
export function purchaseWordsOf(media: MediaType): PurchaseWords {
  const format: EvidenceFormat = formatOf(media);
  if (format.family !== "purchases") throw new Error(`'${media}' is not a purchase-record format`);
  return format.words;
}

function chatWordsIn(platforms: { readonly [platform: string]: ChatWords }, platform: string | undefined): ChatWords {
  if (platform === undefined || !Object.hasOwn(platforms, platform)) throw new Error(`no words for chat platform '${platform}'`);
  return platforms[platform];
}

export type { CertificationWords, ChatWords, EvidenceFormat, FormatWords, PurchaseWords } from "./format.js";
export { messageTally } from "./shared/words.js";

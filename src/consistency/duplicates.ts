/**
 * Stage 5, consistency: the same scene in two items (check "duplicate-scene", class chronology). Pure: the perceptual
 * hashes (images/dhash.ts) are computed, and cached by file SHA-256, by the caller.
 *
 * Photos are compared: camera photos, photos of goods received, and photos sent in chats. Page captures (listings,
 * screenshots, checkout pages) are not: two pages drawn from one marketplace template share their layout, and a 64-bit
 * dHash sees layout only, so different listings of one marketplace come out a few bits apart (measured on the generated
 * Schedule A case: distance 0 between different defendants' listings). An exact copy of a capture is the SHA-256's
 * to find, not this check's.
 */
import type { EvidenceItem } from "../model/evidence.js";
import type { ConsistencyFinding, FindingItem, FindingSeverity } from "../model/consistency.js";
import { DHASH_BITS, hashWords, wordsDistance } from "../images/dhash.js";
import { sha256Bytes } from "../util/hash.js";
import { formatInZone, formatUtc } from "../util/time.js";

/**
 * The most bits two 64-bit hashes may differ in and still show one scene. Measured on the fixture: re-encoding,
 * scaling, colour shifts and 5 % crops of its photos move a hash by at most 8 bits; the planted pair (a chat photo and
 * the goods-received photo) lies 2 bits apart; the nearest two different fixture images 21 bits (the shoe photo and
 * the chat photo).
 */
export const SCENE_THRESHOLD = 10;

/** "chat-photo": a photo attached to a chat message; otherwise the item's own kind. */
export type FingerprintKind = EvidenceItem["kind"] | "chat-photo";

export interface ImageFingerprint {
  /** The item the image belongs to (a chat's photo belongs to the chat's item). */
  itemId: string;
  /** The image's case path. */
  file: string;
  /** Its dHash (images/dhash.ts), hex. */
  hash: string;
  kind: FingerprintKind;
  /** UTC ISO: when the photo was taken, or, for a chat photo, when its message was sent. */
  capturedAt?: string;
  defendantId?: string;
  /** The item depicts goods received from a test buy (see depictsReceivedGoods). */
  received?: boolean;
  /** A chat photo: who sent it (the export's display name), the message's reference, and whether the sender is the
   *  investigator who made the export (the item's capturedBy). */
  sentBy?: string;
  messageRef?: string;
  sentByInvestigator?: boolean;
  /** The test buy the item belongs to: its case.yaml entry, or its folder (see testBuyOf). */
  testBuy?: string;
}

export interface ScenePair {
  /** The earlier of the two (by capturedAt; unknown times last), then the later. */
  a: ImageFingerprint;
  b: ImageFingerprint;
  distance: number;
}

const TEST_BUY_FOLDER = /(^|[-_ ])(test[-_ ]?buy|test[-_ ]?purchase|purchase|order)s?($|[-_ ])/i;

/** Which test buy an item belongs to: its case.yaml entry when it has one, else its folder when that is a test-buy folder. */
export function testBuyOf(item: EvidenceItem): string | undefined {
  if (item.entryIndex !== undefined) return `evidence[${item.entryIndex}]`;
  const folder = item.id.split("#")[0]!.split("/").slice(0, -1);
  return folder.length > 0 && TEST_BUY_FOLDER.test(folder.at(-1)!) ? folder.join("/") : undefined;
}

/** An item that depicts goods received: it says so (sidecar `received`), or it is a photo in a test buy's folder. */
export function depictsReceivedGoods(item: EvidenceItem): boolean {
  if (item.payload.type !== "image") return false;
  if (item.received) return true;
  const folder = item.id.split("#")[0]!.split("/").slice(0, -1);
  return item.kind === "photo" && folder.some((f) => TEST_BUY_FOLDER.test(f));
}

/** Whether a chat sender is the investigator named in the item's capturedBy: they share a surname-like word. */
function isInvestigator(sender: string, capturedBy: string | undefined): boolean {
  if (!capturedBy) return false;
  const words = (s: string) => new Set((s.toLowerCase().match(/\p{L}{3,}/gu) ?? []).filter((w) => w.length >= 3));
  const mine = words(capturedBy.replace(/\(.*?\)/g, ""));
  return [...words(sender)].some((w) => mine.has(w));
}

/**
 * The fingerprints of the case's photos: image items that are photos or depict goods received, and every photo
 * attached to a chat message (found in the case). `hashOf(casePath)` gives the file's dHash, or undefined when there is
 * none (not hashed, or not decodable): that image is left out.
 */
export function imageFingerprints(items: readonly EvidenceItem[], hashOf: (file: string) => string | undefined): ImageFingerprint[] {
  const out: ImageFingerprint[] = [];
  for (const it of items) {
    const base = { itemId: it.id, ...(it.defendantId ? { defendantId: it.defendantId } : {}) };
    const testBuy = testBuyOf(it);
    if (it.payload.type === "image" && (it.kind === "photo" || depictsReceivedGoods(it))) {
      const hash = hashOf(it.source.path);
      if (!hash) continue;
      out.push({
        ...base,
        file: it.source.path,
        hash,
        kind: it.kind,
        ...(it.capturedAt ? { capturedAt: it.capturedAt } : {}),
        ...(depictsReceivedGoods(it) ? { received: true } : {}),
        ...(testBuy ? { testBuy } : {}),
      });
    }
    if (it.payload.type !== "conversation") continue;
    for (const m of it.payload.conversation.messages)
      for (const a of m.attachments) {
        const hash = a.kind === "photo" && a.path ? hashOf(a.path) : undefined;
        if (!hash || !a.path) continue;
        out.push({
          ...base,
          file: a.path,
          hash,
          kind: "chat-photo",
          capturedAt: m.at,
          sentBy: m.sender,
          messageRef: m.ref,
          sentByInvestigator: isInvestigator(m.sender, it.capturedBy),
        });
      }
  }
  return out;
}

const earlier = (x: ImageFingerprint, y: ImageFingerprint): boolean =>
  x.capturedAt !== undefined && (y.capturedAt === undefined || Date.parse(x.capturedAt) <= Date.parse(y.capturedAt));

/** Pairs of images in different items whose hashes differ in at most `threshold` bits, in a stable order. */
export function nearIdenticalPairs(prints: readonly ImageFingerprint[], threshold = SCENE_THRESHOLD): ScenePair[] {
  const words = prints.map((p) => hashWords(p.hash));
  const pairs: ScenePair[] = [];
  for (let i = 0; i < prints.length; i++)
    for (let j = i + 1; j < prints.length; j++) {
      const [p, q] = [prints[i]!, prints[j]!];
      if (p.itemId === q.itemId) continue;
      const distance = wordsDistance(words[i]!, words[j]!);
      if (distance > threshold) continue;
      const [a, b] = earlier(p, q) || (!earlier(q, p) && p.file < q.file) ? [p, q] : [q, p];
      pairs.push({ a, b, distance });
    }
  return pairs.sort((x, y) => (x.a.file + x.b.file < y.a.file + y.b.file ? -1 : x.a.file + x.b.file > y.a.file + y.b.file ? 1 : 0));
}

/** A stable finding id: "<check>:<defendant or case>:<8 hex of the SHA-256 of the parts>". */
export function stableFindingId(check: string, defendantId: string | undefined, parts: readonly string[]): string {
  return `${check}:${defendantId ?? "case"}:${sha256Bytes(parts.join("\n")).slice("sha256:".length, "sha256:".length + 8)}`;
}

export interface SceneOptions {
  /** The case's time zone, for the times a message names (UTC when absent). */
  timeZone?: string;
  threshold?: number;
}

export function describeTime(at: string | undefined, timeZone: string | undefined): string {
  if (!at) return "at a time not recorded";
  return timeZone ? formatInZone(at, timeZone) : formatUtc(at);
}

/** How one image is named in a message: "the photo sent by X in the chat (M00006, …)" or "photo <file> (taken …)". */
export function describeImage(p: ImageFingerprint, timeZone: string | undefined): string {
  const when = describeTime(p.capturedAt, timeZone);
  if (p.kind === "chat-photo")
    return `the photo ${p.file} sent by ${p.sentBy || "an unnamed sender"} in ${p.itemId} (${p.messageRef ?? "message"}, ${when})`;
  return `${p.received ? "the goods-received photo" : "the photo"} ${p.file} (${p.capturedAt ? "taken " : ""}${when})`;
}

/** A chat photo sent by someone other than the investigator, before a goods-received photo of the same scene. */
export function sentBeforeReceived(pair: ScenePair): boolean {
  const { a, b } = pair;
  return a.kind === "chat-photo" && !a.sentByInvestigator && b.received === true && earlier(a, b) && a.capturedAt !== b.capturedAt;
}

function severityOf(pair: ScenePair): FindingSeverity {
  const { a, b } = pair;
  if (sentBeforeReceived(pair)) return "error";
  if (a.received && b.received && a.testBuy !== b.testBuy) return "error"; // one photo offered for two test buys
  if ((a.kind === "chat-photo" && a.sentByInvestigator) || (b.kind === "chat-photo" && b.sentByInvestigator)) return "note";
  return "warning";
}

function opponentOf(pair: ScenePair): string {
  const { a, b } = pair;
  if (sentBeforeReceived(pair))
    return (
      `The picture of the "goods received" existed before they were received: ${a.sentBy || "the sender"} sent the same scene ` +
      "in the chat first. The photo, and with it the test buy it is said to document, was staged or is misdated."
    );
  if (a.received && b.received && a.testBuy !== b.testBuy)
    return "One photograph is offered as the goods received from two different test buys; at least one of them is not what it claims.";
  return (
    "The same picture appears as two separate pieces of evidence; the declaration must say which is the original " +
    "and why both are offered."
  );
}

/** The findings of near-identical photos in different items (check "duplicate-scene"). */
export function duplicateSceneFindings(prints: readonly ImageFingerprint[], opts: SceneOptions = {}): ConsistencyFinding[] {
  return nearIdenticalPairs(prints, opts.threshold).map((pair) => {
    const { a, b, distance } = pair;
    const defendantId = a.defendantId ?? b.defendantId;
    const item = (p: ImageFingerprint): FindingItem => ({
      itemId: p.itemId,
      file: p.file,
      what: p.kind === "chat-photo" ? `photo in message ${p.messageRef ?? "?"} sent by ${p.sentBy || "?"}` : "photograph",
    });
    return {
      id: stableFindingId("duplicate-scene", defendantId, [a.file, b.file]),
      check: "duplicate-scene",
      class: "chronology",
      severity: severityOf(pair),
      ...(defendantId ? { defendantId } : {}),
      items: [item(a), item(b)],
      message:
        `${capitalise(describeImage(a, opts.timeZone))} and ${describeImage(b, opts.timeZone)} are near-identical pictures ` +
        `of one scene: their perceptual hashes differ in ${distance} of ${DHASH_BITS} bits ` +
        `(${opts.threshold ?? SCENE_THRESHOLD} or fewer is taken as one scene).`,
      opponent: opponentOf(pair),
    };
  });
}

const capitalise = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

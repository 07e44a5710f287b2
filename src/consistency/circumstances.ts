/**
 * Stage 5, consistency: the circumstances of the evidence that an opponent would set against it (issue 20) — a
 * shipping method the records disagree on, capture devices set to another zone than the declarant's, a "ships from
 * the US" statement against a foreign-seller case, a purchase exhibit with no record of a completed payment. Pure:
 * the items, the plan and each item's text (DOM text, OCR words, a PDF's text layer, readings) come in.
 */
import type { CaseConfig } from "../model/case.js";
import type { ConsistencyFinding } from "../model/consistency.js";
import type { EvidenceItem } from "../model/evidence.js";
import type { PlannedExhibit } from "../model/exhibit.js";
import { offsetMinutes } from "../util/time.js";
import { finding } from "./finding-id.js";

export interface CircumstanceInputs {
  config: CaseConfig;
  items: readonly EvidenceItem[];
  exhibits: readonly PlannedExhibit[];
  /** Each item's text, as far as it is known (items without text are simply not searched). */
  texts: ReadonlyMap<string, string>;
}

export function circumstanceFindings(i: CircumstanceInputs): ConsistencyFinding[] {
  return [...shippingMethods(i), ...deviceZones(i), ...shipsFrom(i), ...purchasesWithoutPayment(i)];
}

type Speed = "Prime" | "non-Prime";

/** What a text or an order field says of the shipping method: Prime or not (other wordings are not compared). */
function speedOf(text: string): Speed | undefined {
  if (/non[- ]?prime/i.test(text)) return "non-Prime";
  if (/\bPrime (?:Delivery|Shipping)\b|\bprime[-_](?:us|ship)/i.test(text)) return "Prime";
  return undefined;
}

/** The order records and the texts that name the same order id, each with the shipping method it states. */
function shippingMethods({ items, texts }: CircumstanceInputs): ConsistencyFinding[] {
  const out: ConsistencyFinding[] = [];
  for (const item of items) {
    if (item.payload.type !== "purchases") continue;
    for (const order of item.payload.orders) {
      const field = order.details.find((d) => /shipping (?:option|speed|method)|ship method/i.test(d.label));
      const recorded = field ? speedOf(field.value) : undefined;
      if (!recorded || !field) continue;
      for (const other of items) {
        const text = other.id === item.id ? undefined : texts.get(other.id);
        if (!text?.includes(order.orderId)) continue;
        const stated = speedOf(text);
        if (!stated || stated === recorded) continue;
        out.push(
          finding({
            check: "shipping-method",
            class: "circumstances",
            severity: "warning",
            defendantId: item.defendantId,
            key: [order.orderId, item.id, other.id],
            items: [
              { itemId: item.id, what: `order ${order.orderId}, ${field.label}: ${field.value}` },
              { itemId: other.id, what: `states ${stated === "Prime" ? "Prime delivery" : "non-Prime shipping"} for the order` },
            ],
            message:
              `Order ${order.orderId}: the order record says ${recorded} shipping (${field.label} "${field.value}"), ` +
              `but ${other.source.path} states ${stated} for the same order.`,
            opponent:
              "The records of the one test purchase disagree on how it was shipped: either one of them is not a record of that " +
              "order, or the receipt was made or altered afterwards.",
          }),
        );
      }
    }
  }
  return out;
}

const two = (n: number) => String(n).padStart(2, "0");
const hhmm = (minutes: number) => `UTC${minutes < 0 ? "−" : "+"}${two(Math.floor(Math.abs(minutes) / 60))}:${two(Math.abs(minutes) % 60)}`;

/** "-07:00" → -420. */
function minutesOf(offset: string): number | undefined {
  const m = /^([+-])(\d{2}):?(\d{2})$/.exec(offset);
  return m ? (m[1] === "-" ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3])) : undefined;
}

/**
 * Items whose capture device wrote its time with another UTC offset than the case's zone had then (where the
 * declarant signs): one finding per defendant, naming each item and offset. A print header's clock counts as the
 * device's when it reads the capture time in another zone ("3/16/26, 11:12 AM" on a page saved at 18:12 UTC).
 */
function deviceZones({ config, items, texts }: CircumstanceInputs): ConsistencyFinding[] {
  const byDefendant = new Map<string, { item: EvidenceItem; offset: number; how: string }[]>();
  for (const item of items) {
    if (!item.capturedAt) continue;
    const at = Date.parse(item.capturedAt);
    const expected = offsetMinutes(config.timeZone, at);
    const recorded = item.capturedAtOffset ? minutesOf(item.capturedAtOffset) : undefined;
    const how =
      recorded !== undefined && recorded !== expected
        ? item.capturedAtSource === "exif"
          ? "the camera's EXIF time"
          : "the time typed in its sidecar"
        : undefined;
    const header = how ? undefined : printHeaderOffset(texts.get(item.id), at);
    const offset = how ? recorded! : header;
    if (offset === undefined || offset === expected) continue;
    const key = item.defendantId ?? "";
    byDefendant.set(key, [...(byDefendant.get(key) ?? []), { item, offset, how: how ?? "the clock in its print header" }]);
  }
  const place = config.certification?.signedAt ?? config.declaration?.signedAt;
  const where = place ? [place.city, place.state].filter(Boolean).join(", ") : `the case's zone (${config.timeZone})`;
  return [...byDefendant].map(([defendantId, found]) =>
    finding({
      check: "device-time-zone",
      class: "circumstances",
      severity: "warning",
      defendantId: defendantId || undefined,
      key: found.map((f) => f.item.id),
      items: found.map((f) => ({ itemId: f.item.id, what: `${f.how}: ${hhmm(f.offset)}` })),
      message:
        `${found.length === 1 ? "One capture device was" : `${found.length} captures' devices were`} set to another zone than ` +
        `${where} (${config.timeZone}): ${found.map((f) => `${f.item.source.path} (${f.how}, ${hhmm(f.offset)})`).join("; ")}.`,
      opponent:
        "The declarant signs in one place, but the devices that made these records kept another zone's time: who made them, " +
        "where, and on which clock?",
    }),
  );
}

/** The UTC offset a browser's print header implies ("3/16/26, 11:12 AM" at the top of a saved page), if it reads one. */
export function printHeaderOffset(text: string | undefined, capturedMs: number): number | undefined {
  const m = /^\s*(\d{1,2})\/(\d{1,2})\/(\d{2}),\s+(\d{1,2}):(\d{2})\s*([AP]M)/m.exec(text?.slice(0, 400) ?? "");
  if (!m) return undefined;
  const hour = (Number(m[4]) % 12) + (m[6] === "PM" ? 12 : 0);
  const local = Date.UTC(2000 + Number(m[3]), Number(m[1]) - 1, Number(m[2]), hour, Number(m[5]));
  const minutes = Math.round((local - capturedMs) / 60_000 / 15) * 15;
  // A header printed within minutes of the capture: its clock is the device's; anything else says nothing.
  return Math.abs(local - capturedMs - minutes * 60_000) <= 5 * 60_000 && Math.abs(minutes) <= 14 * 60 ? minutes : undefined;
}

const SELLER_PAGES = new Set(["listing", "screenshot", "purchase"]);
const SHIPS_FROM_US = /ships? from (?:our |a |the )?(?:US|U\.S\.|USA|United States)\b[^.\n]{0,40}/i;
const INTERNATIONAL = /\binternational\b[^.\n]{0,40}/i;

const offers = (found: { item: EvidenceItem; words: string }[]) => found.map((s) => `${s.item.source.path} offers "${s.words}"`).join("; ");

/** A defendant's own page saying it ships from the United States, when where the seller is is not shown to be there. */
function shipsFrom({ config, items, texts }: CircumstanceInputs): ConsistencyFinding[] {
  const out: ConsistencyFinding[] = [];
  for (const d of config.defendants) {
    // The seller's own pages (listings, storefronts, checkouts), not what others say of it in a chat or a log.
    const own = items.filter((i) => i.defendantId === d.id && SELLER_PAGES.has(i.kind));
    const said = own.flatMap((i) => {
      const m = SHIPS_FROM_US.exec(texts.get(i.id) ?? "");
      return m ? [{ item: i, words: m[0].trim() }] : [];
    });
    if (said.length === 0) continue;
    const location = d.location ?? "not stated";
    if (/\b(?:US|U\.S\.|USA|United States|Illinois)\b/i.test(location)) continue;
    const abroad = own.flatMap((i) => {
      const m = INTERNATIONAL.exec(texts.get(i.id) ?? "");
      return m ? [{ item: i, words: m[0].trim() }] : [];
    });
    out.push(
      finding({
        check: "ships-from",
        class: "circumstances",
        severity: "warning",
        defendantId: d.id,
        key: said.map((s) => s.item.id),
        items: [
          ...said.map((s) => ({ itemId: s.item.id, what: `"${s.words}"` })),
          ...abroad.map((s) => ({ itemId: s.item.id, what: `"${s.words}"` })),
        ],
        message:
          `${d.name}: ${said.map((s) => `${s.item.source.path} says "${s.words}"`).join("; ")}; the seller's location in ` +
          `case.yaml is ${location}${abroad.length ? `, and ${offers(abroad)}` : ""}.`,
        opponent:
          "The seller's own page says it ships from the United States: that cuts against a foreign seller hiding offshore (the " +
          "premise of an ex parte asset freeze) unless other evidence shows where it is.",
      }),
    );
  }
  return out;
}

/** A purchase exhibit none of whose records is an order record or a receipt e-mail: no completed payment is shown. */
function purchasesWithoutPayment({ items, exhibits }: CircumstanceInputs): ConsistencyFinding[] {
  const byId = new Map(items.map((i) => [i.id, i]));
  return exhibits.flatMap((e) => {
    const its = e.itemIds.map((id) => byId.get(id)).filter((i): i is EvidenceItem => i !== undefined);
    if (!its.some((i) => i.kind === "purchase")) return [];
    if (its.some((i) => i.payload.type === "purchases" || i.payload.type === "email")) return [];
    return [
      finding({
        check: "purchase-without-payment",
        class: "circumstances",
        severity: "warning",
        defendantId: e.defendantId,
        key: e.itemIds,
        items: its.map((i) => ({ itemId: i.id, what: `${i.kind} (${i.media})` })),
        message:
          `Ex. ${e.label} ("${e.title}") is a purchase exhibit, but none of its records is an order record or a receipt e-mail ` +
          "showing a completed payment.",
        opponent: "A checkout page before payment shows an offer to ship to the forum, not a sale into it: where is the completed order?",
      }),
    ];
  });
}

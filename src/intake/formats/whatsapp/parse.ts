/**
 * Stage 2 (intake), format whatsapp: the parser of WhatsApp "Export chat" text (`_chat.txt`, "WhatsApp Chat with
 * X.txt") → a chronological Conversation.
 * DOMAIN.md §8.2 lists the line formats (Android, iOS and localised variants), the invisible marks WhatsApp
 * writes, and why the file has no time zone. The day/month order is decided once per file.
 */
import type { ChatAttachment, ChatMessage, Conversation } from "../../../model/conversation.js";
import { InvalidInputError } from "../../../util/errors.js";
import { localTimeInZoneConverter, type LocalDateTime } from "../../../util/time.js";
import { attachmentKind, findUrls } from "../shared/text-links.js";
import { inChronologicalOrder } from "../shared/chat-order.js";
import { attachmentPath } from "../shared/attachments.js";
import type { Resolved } from "../format.js";

export type DateOrder = "dmy" | "mdy" | "ymd";

export interface WhatsAppOptions {
  /** IANA zone the exporting phone was set to (the file does not say). */
  timeZone: string;
  /** Force the order of the date fields instead of detecting it. */
  dateOrder?: DateOrder;
  /** How to name the file in errors. */
  displayPath: string;
  /** Attachment file name → case-relative path, or undefined when the file is not in the case. */
  resolveAttachment: (name: string) => Resolved;
}

const NOT_WHATSAPP =
  "not a WhatsApp chat export: expected lines like '[12/03/2026, 14:05:31] Name: text' or '3/12/26, 2:05 PM - Name: text'";

/** Bidi marks, isolates and the BOM that WhatsApp sprinkles over its exports. */
const INVISIBLE = /[\u200E\u200F\u202A-\u202E\u2066-\u2069\uFEFF]/;
const INVISIBLE_G = /[\u200E\u200F\u202A-\u202E\u2066-\u2069\uFEFF]/g;

/**
 * One message header, matched on a line whose invisible marks are removed and whose U+202F / U+00A0 are spaces.
 * Date: three numbers with "/", "-" or "." (optionally followed by a space, as in "13. 6. 2018."); an optional word
 * before the time ("klo", "um", "à"); time with ":" or "."; optional AM/PM in any of "PM", "p.m.", "p. m.";
 * then "] ", " - ", ": " or a plain space before the rest of the line.
 */
const HEADER = new RegExp(
  String.raw`^(?<open>\[)?(?<a>\d{1,4})(?<ds>[-/.]) ?(?<b>\d{1,4})\k<ds> ?(?<c>\d{1,4})\.?,? +` +
    String.raw`(?:[^\d\s[\]]{1,6} +)?(?<h>\d{1,2})(?<ts>[.:])(?<mi>\d{2})` +
    String.raw`(?:\k<ts>(?<s>\d{2}))?(?: ?(?<ap>[aApP])\.? ?[mM]\.?)?(?<sep>\] ?| -(?: |$)|: | )(?<rest>.*)$`,
);

interface Header {
  line: number; // 1-based
  raw: string; // the line without CR
  head: string; // the matched date/time part, for errors
  sig: string;
  a: string;
  b: string;
  c: string;
  hour: number;
  minute: number;
  second: number;
  ampm?: "am" | "pm";
  restFrom: number; // index in `norm` where the rest starts
  norm: string;
}

/** Cheap check: the first non-empty line is a WhatsApp message header. */
export function looksLikeWhatsApp(text: string): boolean {
  const lines = text.slice(0, 4096).split(/\r?\n/);
  for (const line of lines) {
    if (normalise(line).trim() === "") continue;
    const h = matchHeader(line, 1);
    if (!h) return false;
    const sepKind = sepKindOf(h.sig);
    return sepKind === "]" || sepKind === "-" || sepKind === ":" || h.norm.slice(h.restFrom).includes(": ");
  }
  return false;
}

export function parseWhatsApp(text: string, opts: WhatsAppOptions): Conversation {
  const file = opts.displayPath;
  const toUtc = localTimeInZoneConverter(opts.timeZone);
  if (!toUtc) {
    throw new InvalidInputError(
      { file },
      `unknown time zone '${opts.timeZone}': expected an IANA zone name such as America/Chicago (WhatsApp exports have no zone, so one ` +
        `must be given)`,
    );
  }
  const lines = text.split("\n").map((l) => (l.endsWith("\r") ? l.slice(0, -1) : l));

  // Pass 1: headers and the lines that continue them.
  type Block = { header: Header; more: string[] };
  const blocks: Block[] = [];
  let sig: string | undefined;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    const h = matchHeader(line, i + 1);
    if (sig === undefined) {
      if (line.replace(INVISIBLE_G, "").trim() === "") continue;
      if (!h) throw new InvalidInputError({ file, line: 1 }, NOT_WHATSAPP);
      sig = h.sig;
    }
    if (h && h.sig === sig) blocks.push({ header: h, more: [] });
    else blocks[blocks.length - 1].more.push(line);
  }
  if (blocks.length === 0) throw new InvalidInputError({ file, line: 1 }, `${NOT_WHATSAPP} (the file is empty)`);

  // Pass 2: the date order, once for the whole file.
  const { order, note } = decideOrder(
    blocks.map((b) => b.header),
    opts.dateOrder,
  );

  // Pass 3: messages.
  const parsed: Omit<ChatMessage, "ref">[] = blocks.map(({ header, more }) => readBlock(header, more, order, opts, toUtc));
  const { messages, senders: participants } = inChronologicalOrder(parsed);

  return {
    platform: "whatsapp",
    title: "",
    participants,
    timeNote: `WhatsApp export has no time zone; times read as ${opts.timeZone}; ${note}`,
    dateOrder: order,
    messages,
  };
}

// ---------------------------------------------------------------------------------------------------------

/** Remove invisible marks and turn U+202F / U+00A0 into spaces (header matching works on this form). */
function normalise(line: string): string {
  return line.replace(INVISIBLE_G, "").replace(/[\u202F\u00A0]/g, " ");
}

/** Index in the raw line of the k-th character that normalise() kept. */
function rawIndex(raw: string, k: number): number {
  let kept = 0;
  for (let i = 0; i < raw.length; i++) {
    if (INVISIBLE.test(raw[i])) continue;
    if (kept === k) return i;
    kept++;
  }
  return raw.length;
}

function matchHeader(raw: string, line: number): Header | undefined {
  // Cheap reject before normalising: a header starts with a digit or "[" (after invisible marks).
  if (!/^[\u200E\u200F\u202A-\u202E\u2066-\u2069\uFEFF]*[[0-9]/.test(raw)) return undefined;
  const norm = normalise(raw);
  const m = HEADER.exec(norm);
  if (!m?.groups) return undefined;
  const g = m.groups;
  const open = g.open !== undefined;
  const sepKind = g.sep.startsWith("]") ? "]" : g.sep.startsWith(" -") ? "-" : g.sep === ": " ? ":" : " ";
  if (open !== (sepKind === "]")) return undefined;
  const restFrom = norm.length - g.rest.length;
  return {
    line,
    raw,
    head: norm.slice(0, restFrom).trim(),
    sig: `${open ? "[" : ""}|${g.ds}|${sepKind}|${g.a.length === 4 ? "Y" : ""}`,
    a: g.a,
    b: g.b,
    c: g.c,
    hour: Number(g.h),
    minute: Number(g.mi),
    second: g.s === undefined ? 0 : Number(g.s),
    ampm: g.ap === undefined ? undefined : g.ap.toLowerCase() === "a" ? "am" : "pm",
    restFrom,
    norm,
  };
}

function sepKindOf(sig: string): string {
  return sig.split("|")[2];
}

const ORDER_NAME: Record<DateOrder, string> = { dmy: "day/month/year", mdy: "month/day/year", ymd: "year/month/day" };

function decideOrder(headers: Header[], forced: DateOrder | undefined): { order: DateOrder; note: string } {
  if (forced) return { order: forced, note: `date order ${ORDER_NAME[forced]} as given` };
  const yearFirst = headers.find((h) => h.a.length === 4);
  if (yearFirst) return { order: "ymd", note: `date order ${ORDER_NAME.ymd} (4-digit year first, line ${yearFirst.line})` };
  const dayFirst = headers.filter((h) => Number(h.a) > 12 && Number(h.b) <= 12);
  const monthFirst = headers.filter((h) => Number(h.b) > 12 && Number(h.a) <= 12);
  if (dayFirst.length > 0 || monthFirst.length > 0) {
    const order: DateOrder =
      dayFirst.length > monthFirst.length || (dayFirst.length === monthFirst.length && dayFirst[0].line < monthFirst[0].line)
        ? "dmy"
        : "mdy";
    const evidence = order === "dmy" ? dayFirst[0] : monthFirst[0];
    const big = order === "dmy" ? evidence.a : evidence.b;
    return {
      order,
      note:
        `date order ${ORDER_NAME[order]} (line ${evidence.line} has ${Number(big)} as the ${order === "dmy" ? "first" : "second"} ` +
        `field, so it is the day)`,
    };
  }
  // Nothing above 12: pick the order that keeps the messages in time order.
  const disorder = (order: DateOrder) => {
    let n = 0;
    let prev = -Infinity;
    for (const h of headers) {
      const f = fields(h, order);
      const key = ((((f.year * 13 + f.month) * 32 + f.day) * 24 + h24(h)) * 60 + h.minute) * 60 + h.second;
      if (Number.isFinite(key) && key < prev) n++;
      if (Number.isFinite(key)) prev = key;
    }
    return n;
  };
  const dmy = disorder("dmy");
  const mdy = disorder("mdy");
  if (mdy < dmy) {
    return {
      order: "mdy",
      note: `date order ${ORDER_NAME.mdy}: no date has a field above 12, and only this order keeps the messages in time order`,
    };
  }
  if (dmy < mdy) {
    return {
      order: "dmy",
      note: `date order ${ORDER_NAME.dmy}: no date has a field above 12, and only this order keeps the messages in time order`,
    };
  }
  return {
    order: "dmy",
    note:
      `date order ${ORDER_NAME.dmy} by default: no date has a field above 12 and either order keeps the messages in time order, so ` +
      `check it (or set the date order)`,
  };
}

function h24(h: Header): number {
  if (!h.ampm) return h.hour;
  return (h.hour % 12) + (h.ampm === "pm" ? 12 : 0);
}

function fields(h: Header, order: DateOrder): { year: number; month: number; day: number; yearText: string } {
  const [y, mo, d] = order === "ymd" ? [h.a, h.b, h.c] : order === "dmy" ? [h.c, h.b, h.a] : [h.c, h.a, h.b];
  const year = y.length === 2 ? 2000 + Number(y) : y.length === 4 ? Number(y) : Number.NaN;
  return { year, month: Number(mo), day: Number(d), yearText: y };
}

function readBlock(
  h: Header,
  more: string[],
  order: DateOrder,
  opts: WhatsAppOptions,
  toUtc: (t: LocalDateTime) => string | undefined,
): Omit<ChatMessage, "ref"> {
  const file = opts.displayPath;
  const bad = (why: string) =>
    new InvalidInputError({ file, line: h.line }, `impossible date or time '${h.head}' (read as ${ORDER_NAME[order]}): ${why}`);
  const f = fields(h, order);
  if (Number.isNaN(f.year)) throw bad(`the year '${f.yearText}' must have 2 or 4 digits`);
  if (f.year < 1) throw bad("there is no year 0");
  if (f.month < 1 || f.month > 12) throw bad(`there is no month ${f.month}`);
  const daysIn = new Date(Date.UTC(f.year, f.month, 0)).getUTCDate();
  if (f.day < 1 || f.day > daysIn) throw bad(`there is no day ${f.day} in month ${f.month} of ${f.year}`);
  if (h.ampm ? h.hour > 12 : h.hour > 23) throw bad(`there is no hour ${h.hour}${h.ampm ? ` ${h.ampm.toUpperCase()}` : ""}`);
  if (h.minute > 59) throw bad(`there is no minute ${h.minute}`);
  if (h.second > 59) throw bad(`there is no second ${h.second}`);
  const local = { year: f.year, month: f.month, day: f.day, hour: h24(h), minute: h.minute, second: h.second };
  const at = toUtc(local);
  if (at === undefined) {
    const p2 = (n: number) => String(n).padStart(2, "0");
    throw new InvalidInputError(
      { file, line: h.line },
      `${f.year}-${p2(f.month)}-${p2(f.day)} ${p2(local.hour)}:${p2(local.minute)} does not exist in ${opts.timeZone} (the clocks ` +
        `skipped that hour): check that the time zone is the one the phone was set to`,
    );
  }

  // Sender and text.
  const rest = h.norm.slice(h.restFrom);
  let sender = "";
  let system = false;
  let textRaw: string;
  const split = rest.indexOf(": ");
  const nameOnly = split === -1 && rest.endsWith(":") && !rest.slice(0, -1).includes(":");
  if (split === -1 && !nameOnly) {
    system = true;
    textRaw = h.raw.slice(rawIndex(h.raw, h.restFrom));
  } else {
    const name = (nameOnly ? rest.slice(0, -1) : rest.slice(0, split)).trim();
    if (SYSTEM_IN_NAME.test(name) || name === "") {
      system = true;
      textRaw = h.raw.slice(rawIndex(h.raw, h.restFrom));
    } else {
      sender = name;
      textRaw = nameOnly ? "" : h.raw.slice(rawIndex(h.raw, h.restFrom + split + 1) + 1);
    }
  }
  // iOS marks its own lines (system notices, attachments, "image omitted") with an invisible LRM before the text.
  const marked = /^[ \u00A0\u202F]*[\u200E\u200F]/.test(textRaw);
  let body = [textRaw, ...more].map((l) => l.replace(INVISIBLE_G, "")).join("\n");
  const oneLine = body.trim();
  const weak =
    marked &&
    !oneLine.includes("\n") &&
    !/<attached:/i.test(oneLine) &&
    !IOS_OMITTED.test(oneLine) &&
    !DELETED.test(oneLine) &&
    WEAK_SYSTEM.test(oneLine);
  if (!system && (STRONG_SYSTEM.test(body) || weak)) {
    system = true;
    sender = "";
  }

  const attachments: ChatAttachment[] = [];
  const notes: string[] = [];
  const attach = (name: string) => {
    const path = attachmentPath(opts.resolveAttachment, name, file, h.line);
    attachments.push(path === undefined ? { kind: attachmentKind(name), name } : { kind: attachmentKind(name), name, path });
  };
  body = body.replace(/<attached: ?([^<>\n]+?) ?>/g, (_, name: string) => {
    attach(name.trim());
    return "";
  });
  body = body.replace(ANDROID_ATTACHED, (_, name: string) => {
    attach(name.trim());
    return "";
  });
  if (MEDIA_OMITTED.test(body)) {
    notes.push("media omitted");
    body = body.replace(MEDIA_OMITTED_G, "");
  } else if (marked && IOS_OMITTED.test(body.trim())) {
    notes.push("media omitted");
    body = "";
  }
  if (DELETED.test(body.trim())) {
    notes.push("deleted");
    body = "";
  }
  if (EDITED.test(body)) {
    notes.push("edited");
    body = body.replace(EDITED_G, "");
  }
  const missed = MISSED_CALL.exec(body.trim());
  if (missed) {
    notes.push(`missed ${missed[1].toLowerCase()} call`);
    body = "";
  }
  body = body.replace(/^\s+|\s+$/g, "");

  const msg: Omit<ChatMessage, "ref"> = {
    at,
    sender,
    system,
    links: findUrls(body).map((url) => ({ url })),
    attachments,
    reactions: [],
    notes,
    origin: `line ${h.line}`,
  };
  if (body !== "") msg.text = body;
  return msg;
}

/** A "Name" part that is really a system notice with a colon later in it (`X changed the subject to "a: b"`). */
const SYSTEM_IN_NAME = new RegExp(
  String.raw`(?:^|\s)(?:created (?:the |this )?group|changed (?:the subject|the group|this group|their phone number|to \+|the settings)|` +
    String.raw`added |removed |joined using|security code|(?:is|are) now an admin|` +
    String.raw`no longer an admin|deleted this group|turned (?:on|off) disappearing|pinned a message)`,
  "i",
);
/** Notices that are system lines even when a name comes first (iOS writes the chat name as the sender). */
const STRONG_SYSTEM = /^(?:Messages and calls are end-to-end encrypted|Messages to this group are now secured with end-to-end encryption)/;
/** iOS notices, trusted only when WhatsApp marked the text with an invisible LRM. */
const WEAK_SYSTEM = new RegExp(
  String.raw`^(?:.* )?(?:created (?:the |this )?group|added|removed|left|joined using this group's invite link|` +
    String.raw`changed (?:the subject|this group's icon|the group description|the group|their phone number|to)|` +
    String.raw`security code .*changed|is now an admin|are now an admin|no longer an admin|deleted this group's icon|` +
    String.raw`turned (?:on|off) disappearing messages)\b.*$`,
  "i",
);

const ATTACHED_WORDS = [
  "file attached",
  "arquivo anexado",
  "dosya ekte",
  "Datei angehängt",
  "archivo adjunto",
  "fichier joint",
  "file allegato",
  "bestand bijgevoegd",
];
const ANDROID_ATTACHED = new RegExp(`^([^\\n]+?) \\((?:${ATTACHED_WORDS.join("|")})\\)[ \\t]*$`, "gim");
const MEDIA_WORDS = "Media omitted|Medien ausgeschlossen|Multimedia omitido|Mídia oculta|Médias omis|Media weggelaten|Medya dahil edilmedi";
const MEDIA_OMITTED = new RegExp(`<(?:${MEDIA_WORDS})>`, "i");
const MEDIA_OMITTED_G = new RegExp(`<(?:${MEDIA_WORDS})>`, "gi");
const IOS_OMITTED = /^(?:.* )?(?:image|video|audio|sticker|GIF|document|Contact card) omitted$/is;
const DELETED = /^(?:This message was deleted|You deleted this message)\.?$/i;
const EDITED = /<This message was edited>/i;
const EDITED_G = /[ \t]*<This message was edited>/gi;
const MISSED_CALL = /^Missed (voice|video|group voice|group video) call\b[^\n]*$/i;

/**
 * Stage 2 (intake), format chat-csv: the parser of a generic chat log as CSV → Conversation, for platforms with no
 * export of their own (a seller's chat on a marketplace copied into a sheet, for example). Header columns:
 * timestamp, sender, text and optionally attachment, in any order and case; other columns are ignored. A row with
 * an empty sender is a system line (shown, labelled, not counted as a message).
 * Timestamps are ISO 8601 with a zone, or "YYYY-MM-DD HH:MM[:SS]" read as local time in the case's zone.
 */
import type { ChatAttachment, ChatMessage, Conversation } from "../../../model/conversation.js";
import { InvalidInputError } from "../../../util/errors.js";
import { CsvError, columnIndex, parseCsv, shapedRows } from "../../../util/csv.js";
import { localTimeInZoneConverter, parseIsoInstant } from "../../../util/time.js";
import { attachmentKind, findUrls } from "../shared/text-links.js";
import { inChronologicalOrder } from "../shared/chat-order.js";
import { attachmentPath } from "../shared/attachments.js";
import type { Resolved } from "../format.js";
import { withArticle } from "../shared/text.js";

/** The platform as the format's words name it ("Message CSV export"). */
export const CHAT_CSV_NAME = "Message CSV";

export interface ChatCsvOptions {
  timeZone: string;
  displayPath: string;
  resolveAttachment: (name: string) => Resolved;
}

const HEADER_HELP = "expected a header row with the columns timestamp, sender, text (and optionally attachment)";

/** Cheap check: the header row names timestamp, sender and text columns. */
export function looksLikeChatCsv(text: string): boolean {
  let body = text.slice(0, 4096).replace(/^\uFEFF/, "");
  body = body.replace(/^sep=.\r?\n/, "").replace(/^\s*\n/, "");
  const first = body.split(/\r?\n/)[0] ?? "";
  const delimiter = [",", ";", "\t"].map((d) => [d, first.split(d).length] as const).sort((a, b) => b[1] - a[1])[0][0];
  const cells = first.split(delimiter).map((c) => c.trim().replace(/^"(.*)"$/, "$1"));
  return columnIndex(cells, "timestamp") !== -1 && columnIndex(cells, "sender") !== -1 && columnIndex(cells, "text") !== -1;
}

export function parseChatCsv(text: string, opts: ChatCsvOptions): Conversation {
  const file = opts.displayPath;
  const toUtc = localTimeInZoneConverter(opts.timeZone);
  if (!toUtc) {
    throw new InvalidInputError({ file }, `unknown time zone '${opts.timeZone}': expected an IANA zone name such as America/Chicago`);
  }
  let table: ReturnType<typeof parseCsv>;
  try {
    table = parseCsv(text);
  } catch (e) {
    if (e instanceof CsvError)
      throw new InvalidInputError({ file, line: e.line }, `${e.message} (${HEADER_HELP}, then one row per message)`);
    throw e;
  }
  const headerLine = table.headerLine;
  const col = {
    timestamp: columnIndex(table.header, "timestamp"),
    sender: columnIndex(table.header, "sender"),
    text: columnIndex(table.header, "text"),
    attachment: columnIndex(table.header, "attachment"),
  };
  const missing = (["timestamp", "sender", "text"] as const).filter((k) => col[k] === -1);
  if (missing.length > 0) {
    throw new InvalidInputError(
      { file, line: headerLine },
      `no ${missing.join(", ")} column: ${HEADER_HELP}; the header has ${table.header.map((h) => JSON.stringify(h)).join(", ")}`,
    );
  }

  let localTimes = false;
  const rows = shapedRows(table, file, withArticle(`${CHAT_CSV_NAME} export`));
  const parsed = rows.map((row, i) => {
    const cell = (c: number) => (c >= 0 && c < row.cells.length ? row.cells[c] : "");
    const stamp = cell(col.timestamp).trim();
    const where = { file, line: row.line, column: col.timestamp + 1, field: table.header[col.timestamp] };
    if (stamp === "")
      throw new InvalidInputError(where, "the timestamp is empty: expected e.g. 2026-03-12T14:05:31-05:00 or 2026-03-12 14:05");
    let at = parseIsoInstant(stamp);
    if (at === undefined) {
      const m = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2}))?$/.exec(stamp);
      if (!m) {
        throw new InvalidInputError(
          where,
          `expected an ISO 8601 time with a zone (2026-03-12T14:05:31-05:00, …Z) or a local time 'YYYY-MM-DD HH:MM[:SS]' (read as ` +
            `${opts.timeZone}), got ${JSON.stringify(stamp)}`,
        );
      }
      at = toUtc({ year: +m[1], month: +m[2], day: +m[3], hour: +m[4], minute: +m[5], second: m[6] ? +m[6] : 0 });
      if (at === undefined) {
        throw new InvalidInputError(
          where,
          `${JSON.stringify(stamp)} is not a real date and time in ${opts.timeZone} (a month above 12, a day past the month's end, an ` +
            `hour above 23, or an hour the clocks skipped)`,
        );
      }
      localTimes = true;
    }
    const sender = cell(col.sender).trim();
    const body = cell(col.text)
      .replace(/\r\n?/g, "\n")
      .replace(/^\s+|\s+$/g, "");
    const attachments: ChatAttachment[] = [];
    for (const name of cell(col.attachment)
      .split(/[;|\n]/)
      .map((s) => s.trim())
      .filter((s) => s !== "")) {
      const path = attachmentPath(opts.resolveAttachment, name, opts.displayPath, row.line);
      attachments.push(path === undefined ? { kind: attachmentKind(name), name } : { kind: attachmentKind(name), name, path });
    }
    const msg: Omit<ChatMessage, "ref"> = {
      at,
      sender,
      system: sender === "",
      links: findUrls(body).map((url) => ({ url })),
      attachments,
      reactions: [],
      notes: [],
      origin: `line ${row.line}`,
    };
    if (body !== "") msg.text = body;
    return { msg, i };
  });

  const { messages, senders: participants } = inChronologicalOrder(parsed.map(({ msg }) => msg));

  return {
    platform: "csv",
    title: "",
    participants,
    timeNote: localTimes
      ? `times without a zone read as ${opts.timeZone}; times with an offset converted to UTC`
      : "every time carries its own UTC offset",
    messages,
  };
}

/**
 * Stage 2 (intake), shared by the chat formats: what every message-log reader does last: put messages in
 * chronological order (stable: equal times keep the order they were read in), number them M00001, M00002, … and
 * list the senders in the order they first appear in the file; then refuse a log with no message in it.
 * System lines (WhatsApp's encryption notice, "X created group", Meta's "X named the group") are kept and numbered
 * like messages, but are not messages: a log of system lines only is an empty export.
 */
import type { ChatMessage, Conversation } from "../../../model/conversation.js";
import type { Problems } from "../../problems.js";
import type { FormatReading, SourceFile } from "../format.js";
import { plural } from "./words.js";

/** Characters in one message (a transcript prints every one). */
export const MAX_MESSAGE_CHARS = 100_000;
/** Messages in one transcript. */
export const MAX_MESSAGES = 100_000;

export function messageRef(index: number): string {
  return `M${String(index + 1).padStart(5, "0")}`;
}

export function inChronologicalOrder(read: readonly Omit<ChatMessage, "ref">[]): { messages: ChatMessage[]; senders: string[] } {
  const sorted = read.map((m, i) => ({ m, i })).sort((x, y) => (x.m.at < y.m.at ? -1 : x.m.at > y.m.at ? 1 : x.i - y.i));
  const senders: string[] = [];
  for (const m of read) if (!m.system && m.sender !== "" && !senders.includes(m.sender)) senders.push(m.sender);
  return { messages: sorted.map(({ m }, i) => ({ ref: messageRef(i), ...m })), senders };
}

/**
 * The reading of a chat export, or undefined (with the problem reported) when it holds no message: nothing, or only
 * system lines. `what` is the format with its article ("a WhatsApp export").
 */
export function conversationReading(
  conversation: Conversation,
  file: SourceFile,
  what: string,
  problems: Problems,
): FormatReading | undefined {
  const long = conversation.messages.find((m) => (m.text?.length ?? 0) > MAX_MESSAGE_CHARS);
  if (long) {
    const size = `${long.text!.length.toLocaleString("en-US")} characters`;
    problems.add(
      { file: file.shown },
      `${long.origin}: a message of ${size}, over the ${MAX_MESSAGE_CHARS.toLocaleString("en-US")}-character bound`,
    );
    return undefined;
  }
  if (conversation.messages.length > MAX_MESSAGES) {
    const count = conversation.messages.length.toLocaleString("en-US");
    problems.add(
      { file: file.shown },
      `${what} of ${count} messages, over the ${MAX_MESSAGES.toLocaleString("en-US")}-message bound of one transcript`,
    );
    return undefined;
  }
  if (conversation.messages.some((m) => !m.system)) return { payload: { type: "conversation", conversation } };
  const system = conversation.messages;
  const first = system[0];
  const shown = first?.text && first.text.length > 60 ? `${first.text.slice(0, 57)}…` : first?.text;
  const only = first ? `: only ${plural(system.length, "system line")} (${first.origin}${shown ? `: "${shown}"` : ""})` : "";
  problems.add(
    { file: file.shown },
    `${what} with no messages${only}; there is no message to show (export the chat again, or remove the file)`,
  );
  return undefined;
}

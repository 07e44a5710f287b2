/**
 * Stage 2 (intake), shared by the chat formats: what every message-log reader does last: put messages in
 * chronological order (stable: equal times keep the order they were read in), number them M00001, M00002, … and
 * list the senders in the order they first appear in the file.
 */
import type { ChatMessage } from "../../../model/conversation.js";

export function messageRef(index: number): string {
  return `M${String(index + 1).padStart(5, "0")}`;
}

export function inChronologicalOrder(read: readonly Omit<ChatMessage, "ref">[]): { messages: ChatMessage[]; senders: string[] } {
  const sorted = read.map((m, i) => ({ m, i })).sort((x, y) => (x.m.at < y.m.at ? -1 : x.m.at > y.m.at ? 1 : x.i - y.i));
  const senders: string[] = [];
  for (const m of read) if (!m.system && m.sender !== "" && !senders.includes(m.sender)) senders.push(m.sender);
  return { messages: sorted.map(({ m }, i) => ({ ref: messageRef(i), ...m })), senders };
}

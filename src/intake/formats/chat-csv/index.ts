/** Stage 2 (intake), format: a generic chat log as CSV (timestamp, sender, text columns), by its header. */
import type { ChatFormat } from "../format.js";
import { chatWords } from "../shared/words.js";
import { looksLikeChatCsv, parseChatCsv } from "./parse.js";

export const chatCsv: ChatFormat<"chat-csv", "csv"> = {
  media: "chat-csv",
  family: "chat",
  kind: "message-log",
  sniff: ({ text }) => text !== undefined && looksLikeChatCsv(text),
  async read({ files: [file], meta, timeZone, resolve }, problems) {
    const options = { timeZone: meta.timeZone ?? timeZone, displayPath: file.shown, resolveAttachment: resolve };
    const conversation = await problems.attempt(() => parseChatCsv(file.data.toString("utf8"), options));
    return conversation && { payload: { type: "conversation", conversation } };
  },
  platforms: {
    csv: chatWords({
      name: "Message CSV",
      transcriptHeading: "Message log",
      title: "Messages",
      exportedBy: "the platform's own message export (Message CSV export)",
    }),
  },
};

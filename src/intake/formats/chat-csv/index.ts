/** Stage 2 (intake), format: a generic chat log as CSV (timestamp, sender, text columns), by its header. */
import { INPUT_BYTES } from "../../../util/input-bounds.js";
import type { ChatFormat } from "../format.js";
import { conversationReading } from "../shared/chat-order.js";
import { utf8Text, withArticle } from "../shared/text.js";
import { chatWords } from "../shared/words.js";
import { CHAT_CSV_NAME, looksLikeChatCsv, parseChatCsv } from "./parse.js";

const words = chatWords({
  name: CHAT_CSV_NAME,
  transcriptHeading: "Message log",
  title: "Messages",
  exportedBy: `a message log in CSV form (${CHAT_CSV_NAME} export; which program wrote it is not recorded)`,
});
const WHAT = withArticle(words.certification.name);

export const chatCsv: ChatFormat<"chat-csv", "csv"> = {
  media: "chat-csv",
  family: "chat",
  kind: "message-log",
  sniff: ({ text }) => text !== undefined && looksLikeChatCsv(text),
  async read({ files: [file], meta, timeZone, resolve }, problems) {
    const options = { timeZone: meta.timeZone ?? timeZone, displayPath: file.shown, resolveAttachment: resolve };
    const conversation = await problems.attempt(() => parseChatCsv(utf8Text(file, WHAT), options));
    return conversation && conversationReading(conversation, file, WHAT, problems);
  },
  maxBytes: INPUT_BYTES.text,
  platforms: { csv: words },
};

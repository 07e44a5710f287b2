/** Stage 2 (intake), format: WhatsApp "Export chat" text (_chat.txt), recognised by its first message header. */
import { INPUT_BYTES } from "../../../util/input-bounds.js";
import type { ChatFormat } from "../format.js";
import { conversationReading } from "../shared/chat-order.js";
import { utf8Text, withArticle } from "../shared/text.js";
import { chatWords } from "../shared/words.js";
import { looksLikeWhatsApp, parseWhatsApp } from "./parse.js";

const words = chatWords({
  name: "WhatsApp",
  transcriptHeading: "WhatsApp chat",
  title: "WhatsApp chat",
  exportedBy: `WhatsApp's "Export chat" function`,
});
const WHAT = withArticle(words.certification.name);

export const whatsapp: ChatFormat<"whatsapp", "whatsapp"> = {
  media: "whatsapp",
  family: "chat",
  kind: "message-log",
  sniff: ({ text }) => text !== undefined && looksLikeWhatsApp(text),
  maxBytes: INPUT_BYTES.text,
  names: /\.txt$/i,
  async read({ files: [file], meta, timeZone, resolve }, problems) {
    const zone = meta.timeZone ?? timeZone;
    const options = { timeZone: zone, dateOrder: meta.dateOrder, displayPath: file.shown, resolveAttachment: resolve };
    const conversation = await problems.attempt(() => parseWhatsApp(utf8Text(file, WHAT), options));
    return conversation && conversationReading(conversation, file, WHAT, problems);
  },
  platforms: { whatsapp: words },
};

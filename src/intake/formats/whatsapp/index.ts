/** Stage 2 (intake), format: WhatsApp "Export chat" text (_chat.txt), recognised by its first message header. */
import type { ChatFormat } from "../format.js";
import { chatWords } from "../shared/words.js";
import { looksLikeWhatsApp, parseWhatsApp } from "./parse.js";

export const whatsapp: ChatFormat<"whatsapp", "whatsapp"> = {
  media: "whatsapp",
  family: "chat",
  kind: "message-log",
  sniff: ({ text }) => text !== undefined && looksLikeWhatsApp(text),
  async read({ files: [file], meta, timeZone, resolve }, problems) {
    const zone = meta.timeZone ?? timeZone;
    const options = { timeZone: zone, dateOrder: meta.dateOrder, displayPath: file.shown, resolveAttachment: resolve };
    const conversation = await problems.attempt(() => parseWhatsApp(file.data.toString("utf8"), options));
    return conversation && { payload: { type: "conversation", conversation } };
  },
  platforms: {
    whatsapp: chatWords({
      name: "WhatsApp",
      transcriptHeading: "WhatsApp chat",
      title: "WhatsApp chat",
      exportedBy: `WhatsApp's "Export chat" function`,
    }),
  },
};

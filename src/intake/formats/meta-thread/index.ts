/**
 * Stage 2 (intake), format: Instagram and Messenger threads from Meta's "Download your information" export, a
 * folder of message_N.json files (recognised by their "participants" and "messages") and the thread's media. Which
 * platform a thread comes from is the metadata's `platform`, else the export's folder names (Messenger exports sit
 * under a messenger/facebook folder): the JSON is the same for both.
 */
import { posix } from "node:path";
import type { ChatFormat } from "../format.js";
import { chatWords } from "../shared/words.js";
import { threadFolder } from "./folder.js";
import { looksLikeMetaThread, parseMetaThread } from "./parse.js";

const DYI = `the platform's "Download your information" export in JSON format`;

export const metaThread: ChatFormat<"meta-thread", "instagram" | "messenger"> = {
  media: "meta-thread",
  family: "chat",
  kind: "message-log",
  sniff: ({ text }) => text !== undefined && looksLikeMetaThread(text),
  folder: threadFolder,
  async read({ files, folder, meta, resolve }, problems) {
    const platform = meta.platform ?? (/messenger|facebook/i.test(folder ?? "") ? "messenger" : "instagram");
    const dir = posix.dirname(files[0].shown);
    const thread = files.map((f) => ({ name: posix.basename(f.rel), text: f.data.toString("utf8") }));
    const options = { platform, displayPath: (name: string) => `${dir}/${name}`, resolveMedia: resolve };
    const conversation = await problems.attempt(() => parseMetaThread(thread, options));
    return conversation && { payload: { type: "conversation", conversation } };
  },
  platforms: {
    instagram: chatWords({
      name: "Instagram",
      transcriptHeading: "Instagram direct messages",
      title: "Instagram messages",
      exportedBy: `${DYI} (Instagram export)`,
    }),
    messenger: chatWords({
      name: "Facebook Messenger",
      transcriptHeading: "Facebook Messenger",
      title: "Messenger messages",
      exportedBy: `${DYI} (Facebook Messenger export)`,
    }),
  },
};

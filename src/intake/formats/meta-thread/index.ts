/**
 * Stage 2 (intake), format: Instagram and Messenger threads from Meta's "Download your information" export, a
 * folder of message_N.json files (recognised by their "participants" and "messages") and the thread's media. Which
 * platform a thread comes from is the metadata's `platform`, else the export's folder names (Messenger exports sit
 * under a messenger/facebook folder): the JSON is the same for both.
 */
import { INPUT_BYTES } from "../../../util/input-bounds.js";
import { posix } from "node:path";
import type { ChatFormat } from "../format.js";
import { conversationReading } from "../shared/chat-order.js";
import { utf8Text, withArticle } from "../shared/text.js";
import { chatWords } from "../shared/words.js";
import { threadFolder } from "./folder.js";
import { looksLikeMetaThread, parseMetaThread } from "./parse.js";

const DYI = `the platform's "Download your information" export in JSON format`;

export const metaThread: ChatFormat<"meta-thread", "instagram" | "messenger"> = {
  media: "meta-thread",
  family: "chat",
  kind: "message-log",
  sniff: ({ text }) => text !== undefined && looksLikeMetaThread(text),
  maxBytes: INPUT_BYTES.json,
  folder: threadFolder,
  names: /(?:^|\/)message_\d+\.json$/i,
  async read({ files, folder, meta, resolve }, problems) {
    // A lone message file (not in a thread folder, or named otherwise) is read the same: its folder is the export's.
    const where = folder ?? files[0].rel;
    const platform = meta.platform ?? (/messenger|facebook/i.test(where) ? "messenger" : "instagram");
    const what = withArticle(metaThread.platforms[platform].certification.name);
    const dir = posix.dirname(files[0].shown);
    const options = {
      platform,
      displayPath: (name: string) => `${dir}/${name}`,
      resolveMedia: (uri: string) => {
        const r = resolve(uri);
        return typeof r === "string" ? r : undefined;
      },
    };
    const conversation = await problems.attempt(() => {
      const thread = files.map((f) => ({ name: posix.basename(f.rel), text: utf8Text(f, what) }));
      return parseMetaThread(thread, options);
    });
    return conversation && conversationReading(conversation, files[0], what, problems);
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

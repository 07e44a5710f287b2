/**
 * Stage 2 (intake), format meta-thread: a Meta ("Download your information") thread is a folder holding
 * message_1.json, message_2.json, … plus the thread's photos/, videos/, audio/. The whole folder is one item; the
 * messages name their media by export-relative URIs, found here among the folder's files.
 */
import { posix } from "node:path";
import type { FolderRule } from "../format.js";

const MESSAGE_FILE = /^message_(\d+)\.json$/;
const number = (name: string) => Number(MESSAGE_FILE.exec(name)![1]);

export const threadFolder: FolderRule = {
  marks: (name) => MESSAGE_FILE.test(name),
  compare: (a, b) => number(a) - number(b),
  resolve(uri, folder, files) {
    const threadName = posix.basename(folder);
    const parts = uri.replace(/\\/g, "/").split("/").filter(Boolean);
    const at = parts.lastIndexOf(threadName);
    const candidates = at >= 0 ? [parts.slice(at + 1).join("/")] : [];
    for (let k = Math.min(parts.length, 3); k >= 1; k--) candidates.push(parts.slice(-k).join("/"));
    for (const rest of candidates) {
      const rel = `${folder}/${rest}`;
      if (files.has(rel)) return rel;
    }
    return undefined;
  },
};

/**
 * Stage 2 (intake), format meta-thread: the parser of the Instagram / Messenger thread export ("Download your
 * information", JSON): `message_1.json`, `message_2.json`, … of one thread → a chronological Conversation. See
 * DOMAIN.md §8.1 for the format and its quirks: newest-first files, every UTF-8 byte written as its own \u00XX
 * escape (mojibake), hidden links in `share.link`.
 */
import { checkJsonDepth } from "../shared/json-depth.js";
import type { ChatAttachment, ChatLink, ChatMessage, Conversation } from "../../../model/conversation.js";
import { InvalidInputError } from "../../../util/errors.js";
import { toUtcIso } from "../../../util/time.js";
import { findUrls } from "../shared/text-links.js";
import { messageRef } from "../shared/chat-order.js";
import { jsonProblem, lineColumn } from "./json-problem.js";

export interface MetaThreadOptions {
  platform: "instagram" | "messenger";
  /** How to name a file in errors (e.g. its path in the case folder). */
  displayPath: (name: string) => string;
  /** Export-relative media URI → case-relative path, or undefined when the file is not in the case. */
  resolveMedia: (uri: string) => string | undefined;
}

const WHAT = "a Meta (Instagram/Messenger) message_N.json thread file";

/** Cheap check: a JSON object whose first keys include "participants" and "messages". */
export function looksLikeMetaThread(text: string): boolean {
  const head = text.slice(0, 65536).replace(/^\uFEFF/, "");
  return /^\s*\{/.test(head) && /"participants"\s*:/.test(head) && /"messages"\s*:/.test(head);
}

/**
 * Repair Meta mojibake: the export writes each UTF-8 byte as its own code point U+0000–U+00FF. A string made only of
 * such code points that decodes as valid UTF-8 is decoded; anything else ("café" written correctly, emoji already
 * fine) is kept as it is.
 */
export function fixMetaMojibake(s: string): string {
  let high = false;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c > 0xff) return s;
    if (c > 0x7f) high = true;
  }
  if (!high) return s;
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(Buffer.from(s, "latin1"));
  } catch {
    return s;
  }
}

interface Raw {
  file: string; // name as given
  shown: string; // displayPath(name)
  index: number; // 0-based in the file's messages array
  fileOrder: number; // position of the file after sorting by N
  value: Record<string, unknown>;
  ms: number;
}

export function parseMetaThread(files: { name: string; text: string }[], opts: MetaThreadOptions): Conversation {
  if (files.length === 0) {
    throw new InvalidInputError({ file: opts.displayPath("message_1.json") }, `no message_N.json files were given: expected ${WHAT}`);
  }
  const sorted = [...files].sort((a, b) => fileNumber(a.name) - fileNumber(b.name) || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));

  let title: string | undefined;
  let threadPath: string | undefined;
  const participants: string[] = [];
  const raws: Raw[] = [];

  sorted.forEach((f, fileOrder) => {
    const shown = opts.displayPath(f.name);
    const root = parseJson(f.text, shown);
    if (typeof root !== "object" || root === null || Array.isArray(root)) {
      throw new InvalidInputError(
        { file: shown },
        `expected a JSON object with "participants" and "messages" (${WHAT}), got ${describe(root)}`,
      );
    }
    const obj = root as Record<string, unknown>;
    const at = (field: string) => ({ file: shown, field });

    if (obj.title !== undefined) {
      const t = str(obj.title, at("title"));
      if (title === undefined) title = fixMetaMojibake(t);
    }
    if (obj.thread_path !== undefined) {
      const p = str(obj.thread_path, at("thread_path"));
      if (threadPath === undefined) threadPath = fixMetaMojibake(p);
    }
    if (obj.participants !== undefined) {
      arr(obj.participants, at("participants")).forEach((p, i) => {
        const o = object(p, at(`participants[${i}]`));
        const name = fixMetaMojibake(str(o.name, at(`participants[${i}].name`)));
        if (!participants.includes(name)) participants.push(name);
      });
    }
    if (!Array.isArray(obj.messages)) {
      throw new InvalidInputError(
        at("messages"),
        obj.messages === undefined
          ? `missing "messages" array: expected ${WHAT}`
          : `expected an array of messages, got ${describe(obj.messages)}`,
      );
    }
    obj.messages.forEach((m, index) => {
      const value = object(m, at(`messages[${index}]`));
      const ms = value.timestamp_ms;
      if (typeof ms !== "number" || !Number.isFinite(ms) || ms < 0 || ms > 8.64e15) {
        throw new InvalidInputError(
          at(`messages[${index}].timestamp_ms`),
          `expected the time as a number of milliseconds since 1970 (e.g. 1741792531000), got ${describe(ms)}`,
        );
      }
      raws.push({ file: f.name, shown, index, fileOrder, value, ms });
    });
  });

  // Each file is newest-first and message_1 holds the newest messages, so the concatenation reversed is oldest-first;
  // a stable sort on the time then keeps equal timestamps in their true (export) order.
  raws.reverse();
  raws.sort((a, b) => a.ms - b.ms);

  const messages = raws.map((r, i) => readMessage(r, i, opts));
  if (participants.length === 0) {
    for (const m of messages) if (!m.system && m.sender && !participants.includes(m.sender)) participants.push(m.sender);
  }
  const conv: Conversation = { platform: opts.platform, title: title ?? "", participants, messages };
  if (threadPath !== undefined) conv.threadPath = threadPath;
  conv.timeNote = "Meta export times are UTC (timestamp_ms)";
  return conv;
}

const ATTACHMENT_KEYS: [string, ChatAttachment["kind"]][] = [
  ["photos", "photo"],
  ["videos", "video"],
  ["audio_files", "audio"],
  ["files", "file"],
  ["gifs", "gif"],
];

const SYSTEM_VERBS = new RegExp(
  String.raw`^(?:created the group|added .+ to the group|removed .+ from the group|left the group|` +
    String.raw`named the group\b.*|changed the group (?:photo|name)\b.*|` +
    String.raw`changed the theme\b.*|set (?:the|your|his|her|their) nickname\b.*|set the emoji\b.*|` +
    String.raw`changed the chat theme\b.*|started sharing video|joined the (?:group|video chat|call)\b.*)\.?$`,
);

function readMessage(r: Raw, i: number, opts: MetaThreadOptions): ChatMessage {
  const m = r.value;
  const base = `messages[${r.index}]`;
  const at = (field: string) => ({ file: r.shown, field: `${base}.${field}` });
  const optStr = (key: string): string | undefined =>
    m[key] === undefined || m[key] === null ? undefined : fixMetaMojibake(str(m[key], at(key)));

  const sender = optStr("sender_name") ?? "";
  const content = optStr("content");
  const type = optStr("type");

  const links: ChatLink[] = [];
  const addLink = (url: string, label?: string) => {
    if (links.some((l) => l.url === url)) return;
    links.push(label ? { url, label } : { url });
  };
  if (m.share !== undefined && m.share !== null) {
    const share = object(m.share, at("share"));
    const s = (key: string) =>
      share[key] === undefined || share[key] === null ? undefined : fixMetaMojibake(str(share[key], at(`share.${key}`)));
    const link = s("link");
    const shareText = s("share_text");
    const label = [shareText, s("original_content_owner"), s("profile_share_name"), s("profile_share_username")].find(
      (x) => x !== undefined && x.trim() !== "",
    );
    if (link && link.trim() !== "") addLink(link.trim(), label);
    if (shareText) for (const u of findUrls(shareText)) addLink(u);
  }
  if (content) for (const u of findUrls(content)) addLink(u);

  const attachments: ChatAttachment[] = [];
  const addAttachment = (kind: ChatAttachment["kind"], rawUri: string) => {
    const name = fixMetaMojibake(rawUri);
    const path = opts.resolveMedia(name) ?? (name !== rawUri ? opts.resolveMedia(rawUri) : undefined);
    attachments.push(path === undefined ? { kind, name } : { kind, name, path });
  };
  for (const [key, kind] of ATTACHMENT_KEYS) {
    if (m[key] === undefined || m[key] === null) continue;
    arr(m[key], at(key)).forEach((a, j) => {
      const o = object(a, at(`${key}[${j}]`));
      addAttachment(kind, str(o.uri, at(`${key}[${j}].uri`)));
    });
  }
  if (m.sticker !== undefined && m.sticker !== null) {
    const o = object(m.sticker, at("sticker"));
    addAttachment("sticker", str(o.uri, at("sticker.uri")));
  }

  const reactions: { reaction: string; actor: string }[] = [];
  if (m.reactions !== undefined && m.reactions !== null) {
    arr(m.reactions, at("reactions")).forEach((x, j) => {
      const o = object(x, at(`reactions[${j}]`));
      reactions.push({
        reaction: fixMetaMojibake(str(o.reaction, at(`reactions[${j}].reaction`))),
        actor: fixMetaMojibake(str(o.actor, at(`reactions[${j}].actor`))),
      });
    });
  }

  const notes: string[] = [];
  const flag = (key: string) => {
    const v = m[key];
    if (v === undefined || v === null) return false;
    if (typeof v !== "boolean") throw new InvalidInputError(at(key), `expected true or false, got ${describe(v)}`);
    return v;
  };
  if (flag("is_unsent") || flag("is_unsent_image_by_messenger_kid_parent")) notes.push("unsent");
  if (flag("is_taken_down")) notes.push("taken down");
  if (m.call_duration !== undefined && m.call_duration !== null) {
    const d = m.call_duration;
    if (typeof d !== "number" || !Number.isFinite(d) || d < 0) {
      throw new InvalidInputError(at("call_duration"), `expected the call length in seconds, got ${describe(d)}`);
    }
    notes.push(`call ${hms(d)}`);
  }
  if (flag("is_geoblocked_for_viewer")) notes.push("geoblocked");

  const system =
    type === "Subscribe" ||
    type === "Unsubscribe" ||
    (content !== undefined && sender !== "" && content.startsWith(`${sender} `) && SYSTEM_VERBS.test(content.slice(sender.length + 1)));

  const msg: ChatMessage = {
    ref: messageRef(i),
    at: toUtcIso(new Date(r.ms).toISOString()),
    sender: system ? "" : sender,
    system,
    links,
    attachments,
    reactions,
    notes,
    origin: `${baseName(r.file)} #${r.index + 1}`,
  };
  if (content !== undefined && content !== "") msg.text = content;
  return msg;
}

function hms(seconds: number): string {
  const s = Math.round(seconds);
  const two = (n: number) => String(n).padStart(2, "0");
  return `${two(Math.floor(s / 3600))}:${two(Math.floor((s % 3600) / 60))}:${two(s % 60)}`;
}

function baseName(name: string): string {
  return name.split(/[\\/]/).pop() ?? name;
}

function fileNumber(name: string): number {
  const m = /message_(\d+)\.json$/i.exec(baseName(name));
  return m ? Number(m[1]) : Number.MAX_SAFE_INTEGER;
}

// ---- typed access with errors that name the file and the field ----

type Loc = { file: string; field: string };

function str(v: unknown, loc: Loc): string {
  if (typeof v !== "string") throw new InvalidInputError(loc, `expected a string, got ${describe(v)}`);
  return v;
}

function arr(v: unknown, loc: Loc): unknown[] {
  if (!Array.isArray(v)) throw new InvalidInputError(loc, `expected an array, got ${describe(v)}`);
  return v;
}

function object(v: unknown, loc: Loc): Record<string, unknown> {
  if (typeof v !== "object" || v === null || Array.isArray(v)) throw new InvalidInputError(loc, `expected an object, got ${describe(v)}`);
  return v as Record<string, unknown>;
}

function describe(v: unknown): string {
  if (v === undefined) return "nothing (the field is missing)";
  if (v === null) return "null";
  if (Array.isArray(v)) return "an array";
  if (typeof v === "object") return "an object";
  if (typeof v === "string") return `the string ${JSON.stringify(v.length > 40 ? `${v.slice(0, 40)}…` : v)}`;
  return `${typeof v} ${String(v)}`;
}

// ---- JSON with a useful syntax-error location ----

function parseJson(text: string, shown: string): unknown {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  checkJsonDepth(body, shown, WHAT);
  try {
    return JSON.parse(body);
  } catch (e) {
    const problem = jsonProblem(body);
    if (problem) {
      const { line, column } = lineColumn(body, problem.offset);
      throw new InvalidInputError({ file: shown, line, column }, `not valid JSON: ${problem.expected} (expected ${WHAT})`);
    }
    const reason = e instanceof Error ? e.message.replace(/, ".*$/s, "") : String(e);
    throw new InvalidInputError({ file: shown }, `not valid JSON: ${reason} (expected ${WHAT})`);
  }
}

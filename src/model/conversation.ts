/** A message thread from a platform export (Instagram/Messenger JSON, WhatsApp .txt, generic CSV). */

/**
 * The platforms chat exports come from: those of the chat formats in the registry (intake/formats/index.ts, which
 * also exports them as CHAT_PLATFORMS). A new chat format's platforms are added here by the registry.
 */
export type ChatPlatform = import("../intake/formats/index.js").ChatPlatform;

export interface ChatAttachment {
  kind: "photo" | "video" | "audio" | "file" | "sticker" | "gif";
  /** File name or export-relative URI as the export wrote it. */
  name: string;
  /** POSIX path relative to the case folder when the file exists in the case; absent when not exported. */
  path?: string;
}

export interface ChatLink {
  url: string;
  /** Text the platform showed with the link (share_text, profile name…). */
  label?: string;
}

export interface ChatMessage {
  /** Reference number, unique in the thread, in chronological order: "M00001". Assigned by the parser. */
  ref: string;
  /** UTC ISO-8601 ("2026-03-01T18:04:05Z"). */
  at: string;
  /** Display name as exported ("" for system lines). */
  sender: string;
  system: boolean;
  text?: string;
  /** Every link: shared links and every URL found in the text, in full. */
  links: ChatLink[];
  attachments: ChatAttachment[];
  reactions: { reaction: string; actor: string }[];
  /** Plain notes: "unsent", "deleted", "edited", "call 00:05:12", "media omitted". */
  notes: string[];
  /** 1-based line (WhatsApp/CSV) or "message_2.json #14" where the message was read. */
  origin: string;
}

export interface Conversation {
  platform: ChatPlatform;
  title: string;
  participants: string[];
  /** Meta thread_path ("inbox/kpgboutique_1234567890"), when exported. */
  threadPath?: string;
  /** How times were read, e.g. "WhatsApp export has no zone; read as America/Chicago". */
  timeNote?: string;
  /** For WhatsApp: the date order detected or forced. */
  dateOrder?: "dmy" | "mdy" | "ymd";
  /** Chronological. */
  messages: ChatMessage[];
}

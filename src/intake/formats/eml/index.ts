/** Stage 2 (intake), format: e-mail receipts (RFC 5322 .eml), recognised by their header block. */
import { INPUT_BYTES } from "../../../util/input-bounds.js";
import type { EmailFormat } from "../format.js";
import { payloadOf, plural, relatedNote, TRANSCRIPT_REASON } from "../shared/words.js";
import { looksLikeEml, parseEml } from "./parse.js";

const EMAIL_PAGES = "the email (.eml) is rendered as pages showing its headers, text and a list of its attachments";

export const eml: EmailFormat<"eml"> = {
  media: "eml",
  family: "email",
  kind: "purchase",
  sniff: ({ text }) => text !== undefined && looksLikeEml(text),
  maxBytes: INPUT_BYTES.email,
  names: /\.eml$/i,
  async read({ files: [file] }, problems) {
    const email = await problems.attempt(() => parseEml(file.data, file.shown));
    return email && { payload: { type: "email", email } };
  },
  words: {
    cover: (item) => `email (.eml)${relatedNote(item)}`,
    transformation: (item, pages) => {
      payloadOf(item, "email");
      return (
        `Email (RFC 5322 .eml) rendered on ${plural(pages.length, "page")}: authentication headers, the text body, ` +
        "and a list of attachments with their SHA-256; the .eml file is the original."
      );
    },
    certification: {
      name: "email (.eml)",
      messageLog: "the platform's own message export (email (.eml))",
      purchase: "the email receipt saved as an .eml file with all of its headers",
      derived: (kind) => (kind === "message-log" ? TRANSCRIPT_REASON : EMAIL_PAGES),
    },
  },
};

/** Stage 2 (intake), format: PDF documents, recognised by the %PDF- header; their pages are carried in unchanged. */
import { INPUT_BYTES } from "../../../util/input-bounds.js";
import type { PdfFormat } from "../format.js";
import { payloadOf, plural } from "../shared/words.js";
import { readPdf } from "./read.js";

export const pdf: PdfFormat<"pdf"> = {
  media: "pdf",
  family: "pdf",
  kind: "document",
  // PDF readers accept the header anywhere in the first 1024 bytes.
  sniff: ({ head }) => head.subarray(0, 1024).toString("latin1").includes("%PDF-"),
  maxBytes: INPUT_BYTES.pdf,
  names: /\.pdf$/i,
  read: readPdf,
  words: {
    cover: (item) => `PDF, ${plural(payloadOf(item, "pdf").pages.length, "page")}`,
    transformation(item, pages) {
      const p = payloadOf(item, "pdf");
      const scaled = pages.some((pg) => {
        if (pg.kind !== "pdf-page") return false;
        const source = p.pages[pg.pageIndex];
        return pg.placement.width < (pg.rotate % 180 ? source.height : source.width) - 0.01;
      });
      const fit = scaled ? ", scaled down to keep the stamp margins clear" : "";
      const repaired = p.repair
        ? ` The file is damaged: qpdf read it only by repairing it (${p.repair}); the original is attached unchanged.`
        : "";
      return `PDF document of ${plural(p.pages.length, "page")}; each page carried in unchanged as vector content${fit}.${repaired}`;
    },
    certification: {
      name: "PDF",
      messageLog: "the platform's own message export (PDF)",
      purchase: "a printout of the order page to PDF",
      derived: () => undefined,
    },
  },
};

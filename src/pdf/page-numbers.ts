/**
 * Page numbers of a filed paper, at the bottom centre of each page inside the bottom margin (DOMAIN.md §2.7): drawn
 * after layout, so an appendix laid out in pieces is numbered through ("Page 7 of 9" on the first page of its
 * second piece). Times-Roman under a fixed resource name, so the bytes never vary.
 */
import { PDFName, StandardFontEmbedder, StandardFonts, type PDFDocument } from "pdf-lib";
import { flateStream } from "./flate.js";
import { num } from "./operators.js";

const TIMES = StandardFontEmbedder.for(StandardFonts.TimesRoman as never);
const FONT = PDFName.of("ExhPageNoF1");

export interface PageNumbering {
  /** With {n} and {total}. */
  format: string;
  /** The number of this piece's first page. */
  first: number;
  total: number;
  /** Points; the baseline sits at half the bottom margin. */
  bottomMargin: number;
  size: number;
}

export function numberPages(doc: PDFDocument, p: PageNumbering): void {
  const context = doc.context;
  const font = context.register(context.obj({ Type: "Font", Subtype: "Type1", BaseFont: "Times-Roman", Encoding: "WinAnsiEncoding" }));
  doc.getPages().forEach((page, i) => {
    const text = p.format.replace("{n}", String(p.first + i)).replace("{total}", String(p.total));
    const width = TIMES.widthOfTextAtSize(text, p.size);
    const x = (page.getWidth() - width) / 2;
    const y = p.bottomMargin / 2 - p.size / 3;
    const hex = TIMES.encodeText(text).toString();
    page.node.wrapContentStreams(context.register(context.stream("q\n")), context.register(context.stream("\nQ\n")));
    page.node.setFontDictionary(FONT, font);
    page.node.addContentStream(
      context.register(flateStream(context, `q 0 0 0 rg BT ${FONT.toString()} ${num(p.size)} Tf ${num(x)} ${num(y)} Td ${hex} Tj ET Q`)),
    );
  });
}

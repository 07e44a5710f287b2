/**
 * Page stamps, drawn in the bottom band that layout keeps empty: exhibit label with "page x of y" (left),
 * provenance footer (short source hash, capture time; above it), Bates number (right, bold), and on a sealed item
 * the sealing legend (bold, centred, above the provenance line).
 * Fonts are the standard Helvetica pair under fixed resource names, so output bytes never vary.
 */
import { PDFName, StandardFontEmbedder, StandardFonts, type PDFContext, type PDFPage, type PDFRef } from "pdf-lib";
import { MARGIN } from "../plan/layout.js";
import { num } from "./operators.js";
import { flateStream } from "./flate.js";

const REGULAR = StandardFontEmbedder.for(StandardFonts.Helvetica as never);
const BOLD = StandardFontEmbedder.for(StandardFonts.HelveticaBold as never);
export const STAMP_FONT_REGULAR = PDFName.of("ExhStampF1");
export const STAMP_FONT_BOLD = PDFName.of("ExhStampF2");

export interface StampFonts {
  regular: PDFRef;
  bold: PDFRef;
}

export function registerStampFonts(context: PDFContext): StampFonts {
  const font = (base: string) =>
    context.register(context.obj({ Type: "Font", Subtype: "Type1", BaseFont: base, Encoding: "WinAnsiEncoding" }));
  return { regular: font("Helvetica"), bold: font("Helvetica-Bold") };
}

export interface StampText {
  label: string;
  provenance: string;
  bates: string;
  /** The sealing legend, on every page of a sealed item. */
  legend?: string;
}

/** The legend's size and baseline in the footer band (content starts 54 pt up: layout's bottom margin). */
export const LEGEND_SIZE = 8;
export const LEGEND_Y = 43;

/** Replace characters Helvetica's WinAnsi encoding lacks, so a stamp can never fail to draw. */
function winAnsi(s: string): string {
  return s.normalize("NFKD").replace(/[^\x20-\x7e\u2013\u2014\u2026\u00b7\u00d7]/g, "?");
}

function textOp(font: PDFName, embedder: StandardFontEmbedder, size: number, x: number, y: number, text: string): string {
  const hex = embedder.encodeText(winAnsi(text)).toString();
  return `BT ${font.toString()} ${num(size)} Tf ${num(x)} ${num(y)} Td ${hex} Tj ET`;
}

/** Content-stream operators for the stamps of one page of the given size. */
export function stampOperators(pageWidth: number, t: StampText): string {
  const right = pageWidth - MARGIN.side;
  const batesSize = 10;
  const batesWidth = BOLD.widthOfTextAtSize(winAnsi(t.bates), batesSize);
  return [
    "q 0 0 0 rg",
    textOp(STAMP_FONT_BOLD, BOLD, batesSize, right - batesWidth, 20, t.bates),
    textOp(STAMP_FONT_REGULAR, REGULAR, 8.5, MARGIN.side, 20, t.label),
    "0.25 0.25 0.25 rg",
    textOp(STAMP_FONT_REGULAR, REGULAR, 7, MARGIN.side, 33, fitProvenance(t.provenance, 7, right - MARGIN.side)),
    ...(t.legend ? [legendOp(t.legend, pageWidth)] : []),
    "Q",
  ].join("\n");
}

function fit(text: string, size: number, width: number, font = REGULAR): string {
  let s = winAnsi(text);
  while (s.length > 1 && font.widthOfTextAtSize(s, size) > width) s = s.slice(0, -2) + "…";
  return s;
}

/**
 * The provenance line made to fit: a URL leading it ("https://… · captured … · SHA-256 …") is shortened in its middle,
 * so the host, the end of the path and the capture time after it always show; anything else is cut at its end.
 */
export function fitProvenance(text: string, size: number, width: number): string {
  const s = winAnsi(text);
  const cut = s.indexOf(" · ");
  if (!/^https?:\/\//.test(s) || cut < 0 || REGULAR.widthOfTextAtSize(s, size) <= width) return fit(s, size, width);
  const url = s.slice(0, cut);
  const rest = s.slice(cut);
  const room = width - REGULAR.widthOfTextAtSize(rest, size);
  if (room < REGULAR.widthOfTextAtSize("https://x…x", size)) return fit(s, size, width);
  // Keep two thirds of what fits for the URL's start (the host), one third for its end (the path's last segment).
  let shown = url;
  for (let k = url.length - 1; k > 2 && REGULAR.widthOfTextAtSize(shown, size) > room; k--) {
    const start = Math.ceil((2 * k) / 3);
    shown = `${url.slice(0, start)}...${url.slice(url.length - (k - start))}`;
  }
  return fit(shown + rest, size, width);
}

/** The legend centred across the footer band, in black bold (the schema keeps it short enough to fit whole). */
function legendOp(legend: string, pageWidth: number): string {
  const text = fit(legend, LEGEND_SIZE, pageWidth - 2 * MARGIN.side, BOLD);
  const width = BOLD.widthOfTextAtSize(text, LEGEND_SIZE);
  return ["0 0 0 rg", textOp(STAMP_FONT_BOLD, BOLD, LEGEND_SIZE, (pageWidth - width) / 2, LEGEND_Y, text)].join("\n");
}

/** Add the stamp to a page, wrapping its existing content in q/Q so its graphics state cannot leak into ours. */
export function stampPage(context: PDFContext, page: PDFPage, fonts: StampFonts, t: StampText, wrapExisting: boolean): void {
  const node = page.node;
  if (wrapExisting) node.wrapContentStreams(context.register(context.stream("q\n")), context.register(context.stream("\nQ\n")));
  node.setFontDictionary(STAMP_FONT_REGULAR, fonts.regular);
  node.setFontDictionary(STAMP_FONT_BOLD, fonts.bold);
  node.addContentStream(context.register(flateStream(context, stampOperators(page.getWidth(), t))));
}

/** Two centred lines of text (blank alignment pages). Uses the regular stamp font resource. */
export function centredText(pageWidth: number, y: number, line1: string, line2: string): string {
  const w1 = REGULAR.widthOfTextAtSize(winAnsi(line1), 12);
  const w2 = REGULAR.widthOfTextAtSize(winAnsi(line2), 9);
  return [
    "q 0.3 0.3 0.3 rg",
    textOp(STAMP_FONT_REGULAR, REGULAR, 12, (pageWidth - w1) / 2, y, line1),
    textOp(STAMP_FONT_REGULAR, REGULAR, 9, (pageWidth - w2) / 2, y - 16, line2),
    "Q",
  ].join("\n");
}

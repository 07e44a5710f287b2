/**
 * Word hits: which words of one page a target covers, and the boxes to burn. Every word layer goes through here
 * (OCR words of an image, a capture's DOM words, a carried-in PDF's text layer), so a value is found the same way
 * whatever it was read from. The words are joined into lines of text (one space between words, a line break
 * between lines), the finder runs over that text and over the same words joined by spaces alone (so a value a
 * regular expression would only find on one line is found when it is broken over two), and every word a find
 * touches is hit whole: a find covering part of a word removes the word.
 *
 * Pure: boxes are in whatever units the words are (pixels of an image, PDF points of a page), origin top-left.
 */

/** One word of a page, in reading order. `line`, when the reader knew it (pdftotext, tesseract), groups words into lines. */
export interface PageWord {
  text: string;
  x: number;
  y: number;
  width: number;
  height: number;
  line?: number;
}

/** A rectangle on the page, in the words' units, origin top-left. */
export interface HitBox {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** Finds targets in a text: spans as UTF-16 offsets (LiteralSet.find, or the redaction rules' find). */
export type Finder = (text: string) => readonly { start: number; end: number }[];

export interface WordHits {
  /** Indices (into the words given) of every word a find touches, ascending. */
  words: number[];
  /** One box per run of consecutive hit words on a line: the union of their boxes, padded. */
  boxes: HitBox[];
}

/** The page as text: each word's span in it, and the words of each line (indices, in order). */
export interface PageText {
  /** Words joined by one space, lines by "\n". */
  text: string;
  spans: ({ start: number; end: number } | undefined)[];
  lines: number[][];
}

/** Words group into lines by `line` when every word has one, else by close vertical centres of consecutive words. */
export function linesOf(words: readonly PageWord[]): number[][] {
  const lines: number[][] = [];
  const known = words.length > 0 && words.every((w) => w.line !== undefined);
  let current: number[] = [];
  let centre = 0;
  let height = 0;
  for (const [i, w] of words.entries()) {
    const c = w.y + w.height / 2;
    const same = known
      ? current.length > 0 && words[current[0]!]!.line === w.line
      : current.length > 0 && Math.abs(c - centre) <= 0.5 * Math.max(1, Math.min(height, w.height));
    if (!same) {
      if (current.length > 0) lines.push(current);
      current = [];
      centre = c;
      height = w.height;
    }
    current.push(i);
    // The line's centre and height: the mean of its words so far (a tall first glyph does not set them alone).
    const n = current.length;
    centre += (c - centre) / n;
    height += (w.height - height) / n;
  }
  if (current.length > 0) lines.push(current);
  return lines;
}

export function pageText(words: readonly PageWord[]): PageText {
  const lines = linesOf(words);
  const spans: PageText["spans"] = words.map(() => undefined);
  let text = "";
  for (const [k, line] of lines.entries()) {
    if (k > 0) text += "\n";
    let first = true;
    for (const i of line) {
      const t = words[i]!.text;
      if (t.trim() === "") continue;
      if (!first) text += " ";
      first = false;
      spans[i] = { start: text.length, end: text.length + t.length };
      text += t;
    }
  }
  return { text, spans, lines };
}

export function wordHits(words: readonly PageWord[], find: Finder, pad = 1): WordHits {
  const { text, spans, lines } = pageText(words);
  if (text === "") return { words: [], boxes: [] };
  // "\n" and " " are one character each: the finds in both texts are offsets of the same words.
  const finds = [...find(text), ...find(text.replace(/\n/g, " "))];
  const hit = spans.map((s) => s !== undefined && finds.some((f) => f.start < s.end && f.end > s.start && f.end > f.start));
  const boxes: HitBox[] = [];
  for (const line of lines) {
    let run: number[] = [];
    const flush = () => {
      if (run.length > 0) boxes.push(padded(union(run.map((i) => words[i]!)), pad));
      run = [];
    };
    for (const i of line) {
      if (hit[i]) run.push(i);
      else if (spans[i] !== undefined) flush(); // a blank word does not break a run
    }
    flush();
  }
  return { words: hit.flatMap((h, i) => (h ? [i] : [])), boxes };
}

function union(boxes: readonly HitBox[]): HitBox {
  const x0 = Math.min(...boxes.map((b) => b.x));
  const y0 = Math.min(...boxes.map((b) => b.y));
  const x1 = Math.max(...boxes.map((b) => b.x + b.width));
  const y1 = Math.max(...boxes.map((b) => b.y + b.height));
  return { x: x0, y: y0, width: x1 - x0, height: y1 - y0 };
}

function padded(b: HitBox, pad: number): HitBox {
  return { x: b.x - pad, y: b.y - pad, width: b.width + 2 * pad, height: b.height + 2 * pad };
}

/**
 * Whether a word lies mostly under a box (half its area or more): a word a burned box hides. A hit word is wholly
 * under its box; a neighbour only touches the padding.
 */
export function covered(word: HitBox, boxes: readonly HitBox[]): boolean {
  const area = Math.max(1e-9, word.width * word.height);
  return boxes.some((b) => {
    const w = Math.min(word.x + word.width, b.x + b.width) - Math.max(word.x, b.x);
    const h = Math.min(word.y + word.height, b.y + b.height) - Math.max(word.y, b.y);
    return w > 0 && h > 0 && (w * h) / area >= 0.5;
  });
}

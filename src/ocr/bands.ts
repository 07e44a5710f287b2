/**
 * Tall pages are recognised in bands, in parallel. A band boundary is put on a blank row near its nominal place
 * when there is one (a screenshot has many: no word crosses it); otherwise the two bands overlap and each keeps
 * only the words whose vertical centre lies on its side of the boundary, so a word cut by one band's edge is read
 * whole by the other and appears once. Bands with no ink at all are not recognised.
 */
import type { GreyRaster } from "../model/image.js";
import type { OcrWord } from "../model/ocr.js";

export interface Band {
  /** Rows recognised: [from, to). */
  from: number;
  to: number;
  /** Rows whose words this band keeps (by vertical centre): [ownFrom, ownTo). */
  ownFrom: number;
  ownTo: number;
}

/** A row is blank when its darkest and lightest pixels differ by at most this. */
const FLAT = 12;

export function isFlatRow(r: GreyRaster, y: number): boolean {
  const row = r.data.subarray(y * r.width, (y + 1) * r.width);
  let lo = 255;
  let hi = 0;
  for (const v of row) {
    if (v < lo) lo = v;
    if (v > hi) hi = v;
    if (hi - lo > FLAT) return false;
  }
  return true;
}

/**
 * Bands of about `rows` rows each. `search` rows either side of a nominal boundary are looked at for a blank row;
 * without one, the bands overlap by `overlap` rows either side of it.
 */
export function planBands(r: GreyRaster, rows: number, search: number, overlap: number): Band[] {
  const bounds: { at: number; flat: boolean }[] = [];
  let last = 0;
  while (r.height - last > rows + search) {
    const nominal = last + rows;
    let cut: number | undefined;
    for (let d = 0; d <= search && cut === undefined; d++) {
      if (isFlatRow(r, nominal - d)) cut = nominal - d;
      else if (isFlatRow(r, nominal + d)) cut = nominal + d;
    }
    bounds.push({ at: cut ?? nominal, flat: cut !== undefined });
    last = cut ?? nominal;
  }
  const bands: Band[] = [];
  for (let i = 0; i <= bounds.length; i++) {
    const start = i === 0 ? { at: 0, flat: true } : bounds[i - 1]!;
    const end = i === bounds.length ? { at: r.height, flat: true } : bounds[i]!;
    bands.push({
      from: start.flat ? start.at : Math.max(0, start.at - overlap),
      to: end.flat ? end.at : Math.min(r.height, end.at + overlap),
      ownFrom: start.at,
      ownTo: end.at,
    });
  }
  return bands.filter((b) => !blank(r, b));
}

function blank(r: GreyRaster, b: Band): boolean {
  for (let y = b.from; y < b.to; y++) if (!isFlatRow(r, y)) return false;
  return true;
}

/** The words of every band, each kept by the one band that owns its vertical centre, in reading order of bands. */
export function mergeBands(results: readonly { band: Band; words: readonly OcrWord[] }[]): OcrWord[] {
  const out: OcrWord[] = [];
  for (const { band, words } of results) {
    for (const w of words) {
      const centre = w.y + w.height / 2;
      if (centre >= band.ownFrom && centre < band.ownTo) out.push(w);
    }
  }
  return out;
}

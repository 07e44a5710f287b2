/** Content-stream text for the few drawing operations we need, with fixed number formatting (determinism). */

export function num(n: number): string {
  if (Number.isInteger(n)) return String(n);
  const s = n.toFixed(4).replace(/0+$/, "").replace(/\.$/, "");
  return s === "-0" ? "0" : s;
}

export type Matrix = readonly [number, number, number, number, number, number];

export function cm(m: Matrix): string {
  return `${m.map(num).join(" ")} cm`;
}

export function rectClip(x: number, y: number, w: number, h: number): string {
  return `${num(x)} ${num(y)} ${num(w)} ${num(h)} re W n`;
}

/** Matrix mapping the unit square of an image stored `w`×`h` to a box, applying EXIF orientation 1–8. */
export function orientedImageMatrix(orientation: number, x: number, y: number, W: number, H: number): Matrix {
  switch (orientation) {
    case 2:
      return [-W, 0, 0, H, x + W, y];
    case 3:
      return [-W, 0, 0, -H, x + W, y + H];
    case 4:
      return [W, 0, 0, -H, x, y + H];
    case 5:
      return [0, -H, -W, 0, x + W, y + H];
    case 6:
      return [0, -H, W, 0, x, y + H];
    case 7:
      return [0, H, W, 0, x, y];
    case 8:
      return [0, H, -W, 0, x + W, y];
    default:
      return [W, 0, 0, H, x, y];
  }
}

/** Matrix placing a form XObject of a page (content in 0..w × 0..h) into a box, applying /Rotate. */
export function rotatedPageMatrix(rotate: number, s: number, x: number, y: number, W: number, H: number): Matrix {
  switch (rotate) {
    case 90:
      return [0, -s, s, 0, x, y + H];
    case 180:
      return [-s, 0, 0, -s, x + W, y + H];
    case 270:
      return [0, s, -s, 0, x + W, y];
    default:
      return [s, 0, 0, s, x, y];
  }
}

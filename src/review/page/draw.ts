/// <reference lib="dom" />
/**
 * Drawing a redaction box on the shown image with the mouse (browser code): mousedown starts it, mousemove sizes it,
 * mouseup ends it. Positions are taken from the image's box on screen and scaled to the image's natural pixels (the
 * pixels the build burns), clamped inside the image.
 */
import type { RedactBox } from "../types.js";

export type Box = Pick<RedactBox, "x" | "y" | "width" | "height">;

/** Screen position → image pixel, inside the image. */
function toImage(img: HTMLImageElement, clientX: number, clientY: number): { x: number; y: number } {
  const r = img.getBoundingClientRect();
  const sx = img.naturalWidth / r.width;
  const sy = img.naturalHeight / r.height;
  const x = Math.min(Math.max((clientX - r.left) * sx, 0), img.naturalWidth);
  const y = Math.min(Math.max((clientY - r.top) * sy, 0), img.naturalHeight);
  return { x: Math.round(x), y: Math.round(y) };
}

/** Place a box element over the image for a box in image pixels. */
export function placeBox(el: HTMLElement, img: HTMLImageElement, b: Box): void {
  const s = img.clientWidth / img.naturalWidth;
  el.style.left = `${b.x * s}px`;
  el.style.top = `${b.y * s}px`;
  el.style.width = `${b.width * s}px`;
  el.style.height = `${b.height * s}px`;
}

/** Let the user draw on `wrap` (holding `img` and the `layer` of boxes); `done` gets each finished box. */
export function enableDrawing(wrap: HTMLElement, img: HTMLImageElement, layer: HTMLElement, done: (b: Box) => void): void {
  let start: { x: number; y: number } | undefined;
  let el: HTMLElement | undefined;
  const boxTo = (e: MouseEvent): Box => {
    const p = toImage(img, e.clientX, e.clientY);
    const s = start!;
    return { x: Math.min(s.x, p.x), y: Math.min(s.y, p.y), width: Math.abs(p.x - s.x), height: Math.abs(p.y - s.y) };
  };
  wrap.addEventListener("mousedown", (e) => {
    if (e.button !== 0 || !img.naturalWidth) return;
    e.preventDefault();
    start = toImage(img, e.clientX, e.clientY);
    layer.querySelector(".drawing")?.remove();
    el = document.createElement("div");
    el.className = "box drawing";
    layer.append(el);
    placeBox(el, img, { ...start, width: 0, height: 0 });
  });
  window.addEventListener("mousemove", (e) => {
    if (start && el) placeBox(el, img, boxTo(e));
  });
  window.addEventListener("mouseup", (e) => {
    if (!start || !el) return;
    const b = boxTo(e);
    start = undefined;
    if (b.width < 2 || b.height < 2) {
      el.remove();
      el = undefined;
      return;
    }
    placeBox(el, img, b);
    done(b);
  });
}

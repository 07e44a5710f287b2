/**
 * Runs inside the captured page: every visible line of text with its box, in page coordinates (the
 * screenshot's pixels, since captures use a device scale of 1). Words of one text node that share a line
 * become one box, which keeps each word's left and right edge (relative to the box) so that the text
 * layer can place every word exactly. Text that is hidden, transparent, or clipped away by an ancestor's overflow is left out,
 * so the invisible layer in the exhibit holds what a reader could see, where they saw it.
 *
 * Kept free of imports and closures: puppeteer serialises this function into the page.
 */
export function collectVisibleText(
  limit: number,
): { x: number; y: number; width: number; height: number; text: string; words: number[] }[] {
  type Rect = { l: number; t: number; r: number; b: number };
  const sx = window.scrollX;
  const sy = window.scrollY;
  const out: { x: number; y: number; width: number; height: number; text: string; words: number[] }[] = [];
  const clips = new Map<Element, Rect | null>();
  const styleOk = new Map<Element, boolean>();
  const skipTags = new Set(["SCRIPT", "STYLE", "NOSCRIPT", "TEMPLATE", "TEXTAREA", "SELECT", "OPTION", "svg"]);

  const visible = (el: Element): boolean => {
    const known = styleOk.get(el);
    if (known !== undefined) return known;
    const cs = getComputedStyle(el);
    let ok = cs.visibility !== "hidden" && cs.visibility !== "collapse" && cs.display !== "none" && Number(cs.opacity) > 0.05;
    if (ok && cs.color) {
      const m = /rgba?\(([^)]+)\)/.exec(cs.color);
      if (m) {
        const parts = m[1]!.split(/[ ,/]+/).filter(Boolean);
        if (parts.length === 4 && Number(parts[3]) < 0.05) ok = false;
      }
    }
    styleOk.set(el, ok);
    return ok;
  };
  // The rectangle an element's overflow lets through (page coordinates), intersected with its ancestors'.
  const clipOf = (el: Element | null): Rect | null => {
    if (!el || el === document.documentElement) return null;
    const known = clips.get(el);
    if (known !== undefined) return known;
    let rect = clipOf(el.parentElement);
    const cs = getComputedStyle(el);
    if (cs.position === "fixed") rect = null; // fixed boxes escape their ancestors' scrolling clips
    if (cs.overflowX !== "visible" || cs.overflowY !== "visible") {
      const b = el.getBoundingClientRect();
      const own = { l: b.left + sx, t: b.top + sy, r: b.right + sx, b: b.bottom + sy };
      rect = rect
        ? { l: Math.max(rect.l, own.l), t: Math.max(rect.t, own.t), r: Math.min(rect.r, own.r), b: Math.min(rect.b, own.b) }
        : own;
    }
    clips.set(el, rect);
    return rect;
  };
  const elementVisible = (el: Element): boolean => {
    for (let e: Element | null = el; e; e = e.parentElement) if (!visible(e)) return false;
    return true;
  };

  const walker = document.createTreeWalker(document.body ?? document.documentElement, NodeFilter.SHOW_TEXT);
  const range = document.createRange();
  for (let node = walker.nextNode(); node && out.length < limit; node = walker.nextNode()) {
    const value = node.nodeValue ?? "";
    if (!/\S/.test(value)) continue;
    const parent = node.parentElement;
    if (!parent || skipTags.has(parent.tagName) || parent.closest("script,style,noscript,template,svg")) continue;
    if (!elementVisible(parent)) continue;
    const clip = clipOf(parent);
    type Run = { l: number; t: number; r: number; b: number; words: string[]; edges: number[] };
    let run: Run | null = null;
    const round = (v: number) => Math.round(v * 100) / 100;
    const flush = () => {
      if (run && run.r - run.l >= 1 && run.b - run.t >= 1) {
        const l = run.l;
        out.push({
          x: round(l),
          y: round(run.t),
          width: round(run.r - l),
          height: round(run.b - run.t),
          text: run.words.join(" "),
          words: run.edges.map((e) => round(e - l)),
        });
      }
      run = null;
    };
    const words = /\S+/g;
    for (let m = words.exec(value); m; m = words.exec(value)) {
      range.setStart(node, m.index);
      range.setEnd(node, m.index + m[0].length);
      const rects = range.getClientRects();
      if (rects.length === 0) continue;
      const r0 = rects[0]!;
      const last = rects[rects.length - 1]!;
      // A word broken across lines (hyphenation, narrow boxes) is placed on its first line.
      const b = rects.length > 1 && Math.abs(last.top - r0.top) > 1 ? r0 : range.getBoundingClientRect();
      const box = { l: b.left + sx, t: b.top + sy, r: b.right + sx, b: b.bottom + sy };
      if (box.r - box.l < 0.5 || box.b - box.t < 0.5) continue;
      if (clip) {
        const cy = (box.t + box.b) / 2;
        const cx = (box.l + box.r) / 2;
        if (cy < clip.t || cy > clip.b || cx < clip.l || cx > clip.r) {
          flush();
          continue;
        }
      }
      if (run !== null) {
        const r: Run = run;
        const sameLine = Math.abs(r.t - box.t) < 1.5 && Math.abs(r.b - box.b) < 1.5 && box.l >= r.r - 1;
        if (sameLine) {
          r.r = box.r;
          r.words.push(m[0]);
          r.edges.push(box.l, box.r);
          continue;
        }
        flush();
      }
      run = { ...box, words: [m[0]], edges: [box.l, box.r] };
    }
    flush();
  }
  return out;
}

/**
 * Runs inside the page: scroll down a viewport at a time to the bottom (which may grow as content loads),
 * so lazy content is requested, then back to the top. Returns the furthest offset reached.
 */
export async function scrollThrough(maxHeight: number, stepDelayMs: number, budgetMs: number): Promise<number> {
  const started = Date.now();
  const step = Math.max(200, window.innerHeight - 50);
  // Two animation frames after each scroll: lazy loaders (IntersectionObserver, scroll handlers) run in the
  // rendering steps, so a busy machine slows the scroll down instead of skipping content.
  const frames = () => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(() => r(null))));
  let y = 0;
  for (;;) {
    const bottom = Math.min(document.documentElement.scrollHeight, maxHeight);
    if (y + window.innerHeight >= bottom || Date.now() - started > budgetMs) break;
    y = Math.min(y + step, bottom - window.innerHeight);
    window.scrollTo(0, y);
    await frames();
    await new Promise((r) => setTimeout(r, stepDelayMs));
  }
  await frames();
  window.scrollTo(0, 0);
  await frames();
  return y + window.innerHeight;
}

/** Runs inside the page: how many elements a selector matches, or -1 when it is not valid CSS. */
export function countMatches(selector: string): number {
  try {
    return document.querySelectorAll(selector).length;
  } catch {
    return -1;
  }
}

/** Runs inside the page: click the first element a selector matches (1), none matched (0), invalid CSS (-1). */
export function clickFirst(selector: string): number {
  let el: Element | null;
  try {
    el = document.querySelector(selector);
  } catch {
    return -1;
  }
  if (!el) return 0;
  (el as HTMLElement).click();
  return 1;
}

/** Runs inside the page: hide every match of each selector, element by element (for pages whose CSP refuses style tags). */
export function hideAll(selectors: string[]): void {
  for (const sel of selectors)
    document.querySelectorAll<HTMLElement>(sel).forEach((el) => {
      el.style.setProperty("display", "none", "important");
    });
}

/** Runs inside the page: wait (bounded) for images to finish and web fonts to be ready. fonts.ready never
 * resolves on a page whose load never ends, hence the race. */
export async function imagesAndFonts(budgetMs: number): Promise<void> {
  const until = Date.now() + budgetMs;
  const imgs = Array.from(document.images).filter((i) => !i.complete);
  while (imgs.some((i) => !i.complete) && Date.now() < until) await new Promise((r) => setTimeout(r, 50));
  const left = Math.max(0, until - Date.now());
  await Promise.race([document.fonts ? document.fonts.ready : Promise.resolve(), new Promise((r) => setTimeout(r, left))]);
}

/** Runs inside the page: the laid-out document size in CSS pixels. */
export function pageSize(): { width: number; height: number } {
  return {
    width: Math.max(document.documentElement.scrollWidth, document.body ? document.body.scrollWidth : 0, window.innerWidth),
    height: Math.max(document.documentElement.scrollHeight, document.body ? document.body.scrollHeight : 0, window.innerHeight),
  };
}

/**
 * Run one of page-text.ts's functions inside a live page. The function travels as source text; when the
 * code runs under a transpiler that wraps functions in a `__name(...)` helper (tsx/esbuild keepNames),
 * that helper does not exist in the page, so the call is wrapped in a scope that defines it. Nothing is
 * added to the page's own globals.
 */
import type { Page } from "puppeteer-core";

export async function inPage<A extends unknown[], R>(page: Page, fn: (...args: A) => R | Promise<R>, ...args: A): Promise<Awaited<R>> {
  const call = `(() => { const __name = (f) => f; return (${fn.toString()})(...${JSON.stringify(args)}); })()`;
  return (await page.evaluate(call)) as Awaited<R>;
}

/**
 * A page held still for its capture: once it has settled, its scripts are stopped (Emulation.setScriptExecutionDisabled:
 * no timer, event handler or animation frame of the page's runs any more; the tool's own calls still do), so that the
 * screenshot, the text, the MHTML and the DOM, taken one after another, are of one state of one document, and the
 * record's address and title are that state's. A page that changes its address or its content every few milliseconds
 * is captured as it stood at that point, which the record states (settle.scriptsStoppedAtMs).
 *
 * What scripts cannot be stopped from doing is watched: a MutationObserver in a world of the tool's own (the page
 * cannot see or disturb it) counts every change to the document after the stop (a document still being parsed,
 * a callback already queued), and the address is read again at the end.
 */
import type { CDPSession } from "puppeteer-core";

export interface StillPage {
  /** ms after the navigation began when the scripts were stopped. */
  atMs: number;
  /** The document's address and title at the stop. */
  url: string;
  title: string;
  /** The document's address now, and how many changes its content has had since the stop. */
  since(): Promise<{ url: string; changes: number }>;
}

const WATCH = `(() => {
  let n = 0;
  const o = new MutationObserver((records) => { n += records.length; });
  o.observe(document, { subtree: true, childList: true, attributes: true, characterData: true });
  globalThis.__exhibitsSince = () => ({ url: location.href, changes: n + o.takeRecords().length });
  return { url: location.href, title: document.title };
})()`;

/** Stop the page's scripts and start watching it; `cdp` is a session of the page's own. */
export async function holdStill(cdp: CDPSession, atMs: number): Promise<StillPage> {
  await cdp.send("Emulation.setScriptExecutionDisabled", { value: true });
  const { frameTree } = (await cdp.send("Page.getFrameTree")) as { frameTree: { frame: { id: string } } };
  const { executionContextId } = (await cdp.send("Page.createIsolatedWorld", {
    frameId: frameTree.frame.id,
    worldName: "exhibits-still",
  })) as { executionContextId: number };
  const evaluate = async <T>(expression: string): Promise<T> => {
    const r = (await cdp.send("Runtime.evaluate", { contextId: executionContextId, expression, returnByValue: true })) as {
      result: { value?: unknown };
      exceptionDetails?: { text?: string };
    };
    if (r.exceptionDetails) throw new Error(`the page could not be read: ${r.exceptionDetails.text ?? "an exception"}`);
    return r.result.value as T;
  };
  const at = await evaluate<{ url: string; title: string }>(WATCH);
  return {
    atMs,
    url: at.url,
    title: at.title,
    since: () => evaluate<{ url: string; changes: number }>("globalThis.__exhibitsSince()"),
  };
}

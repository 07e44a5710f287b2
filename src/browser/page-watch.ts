/**
 * What a live page does on its own while it is captured, watched and answered from outside the page (the page's
 * scripts are not changed): each JavaScript dialog is answered at once (alert, confirm and prompt dismissed; a
 * "leave this page?" beforeunload dialog accepted, so nothing is held open); each pop-up window is closed; and the
 * main frame's navigations are either held or followed.
 *
 * Holding is done by request interception (CDP Fetch, main-frame document requests only), not by Page.stopLoading:
 * a navigation request the page starts is failed as "aborted" before it reaches the network, so no other document can
 * replace the one being captured, however fast the server answers (stopLoading races the new document's commit, and
 * an aborted navigation shows no error page). Without --follow-navigation the hold starts at once: only the requested
 * URL and its HTTP redirects load, and the first document is the one captured. With it, navigations are followed
 * (each one a hop) until the page stays on one document; the hold starts there. Either way the document captured is
 * identified by its loader id, and `sameDocument` tells whether it is still the one in the frame.
 *
 * The same interception guards addresses (address-guard.ts): every request of the page's own target (the main frame's
 * navigations and their HTTP redirects, its subresources, the frames it holds, the first request of a cross-site frame)
 * is paused before it leaves and refused when its host is or resolves to a refused address. What it does not see:
 * requests made inside a cross-site frame once that frame runs in its own process, by workers, by pop-up windows
 * before they are closed, and connections opened without a request (preconnect, WebSocket, WebRTC).
 *
 * Everything recorded is bounded: the first RECORDED of each kind are kept in full (texts and URLs cut), and every
 * one is counted.
 */
import type { BrowserContext, CDPSession, Page, Target } from "puppeteer-core";
import type { DialogRecord, PageNavigation, PopupRecord, RefusedRequest } from "../model/capture.js";
import type { Refusal } from "./address-guard.js";

/** How many dialogs, pop-ups and navigations are recorded in full; the rest are counted. */
export const RECORDED = 50;
const TEXT_LIMIT = 500;
const URL_LIMIT = 2000;

const HOW: Record<string, PageNavigation["how"]> = {
  scriptInitiated: "script",
  metaTagRefresh: "meta refresh",
  httpHeaderRefresh: "Refresh header",
  anchorClick: "link",
  formSubmissionGet: "form",
  formSubmissionPost: "form",
  reload: "reload",
};

export interface PageWatch {
  /** Milliseconds since the watch began (just before the browser is sent to the URL). */
  now(): number;
  /** From now on, every main-frame navigation is held. */
  hold(): void;
  /** Main-frame documents committed so far (cross-document navigations), in order. */
  commits(): number;
  /** The load event has fired for the document now in the main frame. */
  loaded(): boolean;
  /** A main-frame navigation was let through and has not ended (committed or failed) yet. */
  navigating(): boolean;
  /** Every main-frame navigation is being held now (from the start without --follow-navigation). */
  holding(): boolean;
  /**
   * Requests refused for their address: `main`, the first main-frame navigation or redirect refused (the capture fails
   * with it); `others`, subresources and frames refused (the first RECORDED), and how many in all.
   */
  refused(): { main?: RefusedRequest; count: number; recorded: RefusedRequest[] };
  /** The loader id of the document now in the main frame (it names the response that brought the document). */
  documentId(): Promise<string>;
  dialogs(): { count: number; recorded: DialogRecord[] };
  popups(): { count: number; closed: number; recorded: PopupRecord[] };
  navigations(): { count: number; recorded: PageNavigation[] };
  stop(): void;
}

const cut = (s: string, n: number) => (s.length > n ? `${s.slice(0, n)}…` : s);

/**
 * Start watching a fresh page. `cdp`: a session of the page's own (Network enabled); `browserCdp`: the browser-level
 * session, shared by every capture of the browser, with target discovery on (it reports and closes pop-ups).
 */
export async function watchPage(
  page: Page,
  context: BrowserContext,
  cdp: CDPSession,
  browserCdp: CDPSession,
  follow: boolean,
  guard: { check(url: string): Promise<Refusal | undefined> },
): Promise<PageWatch> {
  const t0 = Date.now();
  const now = () => Date.now() - t0;
  const { frameTree } = (await cdp.send("Page.getFrameTree")) as { frameTree: { frame: { id: string } } };
  const mainFrame = frameTree.frame.id;
  let held = !follow;
  let initial: string | undefined; // the network id of the requested URL's navigation (its redirects share it)
  let commits = 0;
  let loaded = false;
  let currentUrl = "";
  const inFlight = new Set<string>();
  const dialogs: DialogRecord[] = [];
  const popups: PopupRecord[] = [];
  const navigations: PageNavigation[] = [];
  const count = { dialogs: 0, popups: 0, closed: 0, navigations: 0 };
  const requested = new Map<string, PageNavigation["how"]>(); // URL → how the page asked for it
  const byNetworkId = new Map<string, PageNavigation>();

  const onDialog = (d: import("puppeteer-core").Dialog) => {
    const type = d.type();
    const accept = type === "beforeunload";
    count.dialogs++;
    if (dialogs.length < RECORDED)
      dialogs.push({ type, text: cut(d.message(), TEXT_LIMIT), atMs: now(), answer: accept ? "accepted" : "dismissed" });
    (accept ? d.accept() : d.dismiss()).catch(() => undefined); // the page may be gone already
  };
  page.on("dialog", onDialog);

  // Pop-ups: each window the page opens is recorded with the URL it was given (Page.windowOpen), and closed.
  let opened = 0;
  const onWindowOpen = (e: { url: string }) => {
    opened++;
    if (popups.length < RECORDED) popups.push({ url: cut(e.url, URL_LIMIT), atMs: now() });
  };
  type TargetInfo = { targetId: string; type: string; browserContextId?: string; openerId?: string };
  // Counted when the browser announces the window. Closed once puppeteer has made a page of it, which takes the window's
  // renderer answering: closed any earlier, while the browser is still making it, the opener's window.open() can wait
  // for ever, and this page with it. Its dialogs are answered meanwhile (dialog-guard.ts).
  const onTarget = ({ targetInfo: t }: { targetInfo: TargetInfo }) => {
    if (t.type !== "page" || t.targetId === mainFrame) return;
    if (t.openerId !== mainFrame && (!context.id || t.browserContextId !== context.id)) return;
    count.popups++;
  };
  const onPopupTarget = (target: Target) => {
    if (target.type() !== "page") return;
    target
      .page()
      .then(async (p) => {
        if (!p || p === page) return;
        await p.close({ runBeforeUnload: false });
        count.closed++;
      })
      .catch(() => undefined); // the context is closed at the end of the capture in any case
  };
  context.on("targetcreated", onPopupTarget);
  cdp.on("Page.windowOpen", onWindowOpen);
  browserCdp.on("Target.targetCreated", onTarget);

  const onRequested = (e: { frameId: string; reason: string; url: string; disposition: string }) => {
    if (e.frameId === mainFrame && e.disposition === "currentTab") requested.set(e.url, HOW[e.reason] ?? "other");
  };
  const onNavigated = (e: { frame: { id: string; parentId?: string; loaderId: string; url: string } }) => {
    if (e.frame.id !== mainFrame) return;
    commits++;
    loaded = false;
    currentUrl = e.frame.url;
    inFlight.delete(e.frame.loaderId);
  };
  const onWithin = (e: { frameId: string; url: string }) => {
    if (e.frameId === mainFrame) note({ url: cut(e.url, URL_LIMIT), atMs: now(), how: "within the document", outcome: "same-document" });
  };
  const onLoad = () => {
    loaded = true;
  };
  const ended = (e: { requestId: string }) => inFlight.delete(e.requestId);
  const onResponse = (e: { requestId: string; type: string; response: { status: number } }) => {
    const n = byNetworkId.get(e.requestId);
    if (n && e.type === "Document") n.status = e.response.status;
  };
  const note = (n: PageNavigation) => {
    count.navigations++;
    if (navigations.length < RECORDED) navigations.push(n);
  };

  type Paused = { requestId: string; frameId: string; resourceType: string; networkId?: string; request: { url: string } };
  let mainRefused: RefusedRequest | undefined;
  const refusedOthers: RefusedRequest[] = [];
  let refusedCount = 0;
  // Let a request go on, unless its address is refused: then it is failed before it leaves, and recorded.
  const guarded = async (e: Paused, main: boolean) => {
    const refusal = await guard.check(e.request.url);
    if (!refusal) {
      await cdp.send("Fetch.continueRequest", { requestId: e.requestId }).catch(() => undefined);
      return;
    }
    const r: RefusedRequest = { url: cut(e.request.url, URL_LIMIT), atMs: now(), ...refusal };
    if (main) mainRefused ??= r;
    else {
      refusedCount++;
      if (refusedOthers.length < RECORDED) refusedOthers.push(r);
    }
    await cdp.send("Fetch.failRequest", { requestId: e.requestId, errorReason: "BlockedByClient" }).catch(() => undefined);
  };
  const onPaused = (e: Paused) => {
    const main = e.frameId === mainFrame && e.resourceType === "Document";
    if (!main) {
      void guarded(e, false);
      return;
    }
    if (initial === undefined) initial = e.networkId;
    // The requested URL's own navigation, its HTTP redirects (one network id), a followed navigation's redirects.
    if (e.networkId === initial || (e.networkId && byNetworkId.has(e.networkId))) {
      void guarded(e, true);
      return;
    }
    const n: PageNavigation = {
      url: cut(e.request.url, URL_LIMIT),
      atMs: now(),
      how: requested.get(e.request.url) ?? "other",
      outcome: held ? "held" : "followed",
      ...(!held && currentUrl ? { from: cut(currentUrl, URL_LIMIT) } : {}),
    };
    note(n);
    if (held) {
      // "Aborted" ends a navigation without an error page: the document being captured stays as it is. Held, it never
      // leaves, so its address needs no judging.
      cdp.send("Fetch.failRequest", { requestId: e.requestId, errorReason: "Aborted" }).catch(() => undefined);
      return;
    }
    if (e.networkId) {
      inFlight.add(e.networkId);
      byNetworkId.set(e.networkId, n);
    }
    void guarded(e, true);
  };

  // Every page-session event watched, detached together by stop() (the first is attached above, with the pop-ups).
  const listeners: [string, (e: never) => void][] = [
    ["Page.windowOpen", onWindowOpen],
    ["Page.frameRequestedNavigation", onRequested],
    ["Page.frameNavigated", onNavigated],
    ["Page.navigatedWithinDocument", onWithin],
    ["Page.loadEventFired", onLoad],
    ["Network.loadingFailed", ended],
    ["Network.loadingFinished", ended],
    ["Network.responseReceived", onResponse],
    ["Fetch.requestPaused", onPaused],
  ];
  for (const [event, fn] of listeners.slice(1)) cdp.on(event as never, fn as never);
  await cdp.send("Page.enable");
  await cdp.send("Fetch.enable", { patterns: [{ urlPattern: "*", requestStage: "Request" }] });

  return {
    now,
    hold: () => {
      held = true;
    },
    commits: () => commits,
    loaded: () => loaded,
    navigating: () => inFlight.size > 0,
    holding: () => held,
    refused: () => ({
      ...(mainRefused ? { main: { ...mainRefused } } : {}),
      count: refusedCount,
      recorded: refusedOthers.map((r) => ({ ...r })),
    }),
    documentId: async () => {
      const tree = (await cdp.send("Page.getFrameTree")) as { frameTree: { frame: { loaderId: string } } };
      return tree.frameTree.frame.loaderId;
    },
    dialogs: () => ({ count: count.dialogs, recorded: dialogs.map((d) => ({ ...d })) }),
    popups: () => ({ count: Math.max(count.popups, opened), closed: count.closed, recorded: popups.map((p) => ({ ...p })) }),
    navigations: () => ({ count: count.navigations, recorded: navigations.map((n) => ({ ...n })) }),
    stop: () => {
      page.off("dialog", onDialog);
      browserCdp.off("Target.targetCreated", onTarget);
      context.off("targetcreated", onPopupTarget);
      for (const [event, fn] of listeners) cdp.off(event as never, fn as never);
    },
  };
}

/**
 * Live captures: what `exhibits capture` asks of the browser, what it gets back, and the record it writes
 * beside the files (capture.json). The record is the acquisition-time account of who, when and how; build
 * reads it, never rewrites it.
 */

import type { Digest } from "./digest.js";

export const CAPTURE_FORMAT = "exhibits-capture/1";
export const CAPTURE_RECORD_FILE = "capture.json";
/** The RFC 3161 reply stamping capture.json, written at capture time when the case names a TSA. */
export const CAPTURE_TIMESTAMP_FILE = "capture.json.tsr";
export const CAPTURE_FILES = {
  screenshot: "screenshot.png",
  banner: "screenshot-banner.png",
  mhtml: "page.mhtml",
  html: "dom.html",
  text: "text.json",
} as const;

export interface Viewport {
  width: number;
  height: number;
}

/** Capture settings given on the command line (they override case.yaml's; selectors add to them). */
export interface CaptureFlags {
  viewport?: Viewport;
  userAgent?: string;
  hide: string[];
  click: string[];
  navigationSeconds?: number;
  settleSeconds?: number;
  maxHeight?: number;
  /** Capture the document the page ends on after navigating itself, not the first one (--follow-navigation). */
  followNavigation?: boolean;
  /** Loopback, private and carrier-NAT addresses may be requested (--allow-private); link-local ones never. */
  allowPrivate?: boolean;
}

/** How one page is to be captured (case settings, site rules, flags and the CSV row, merged). */
export interface PageCaptureSettings {
  viewport: Viewport;
  /** Undefined: the browser's own user agent with "HeadlessChrome" replaced by "Chrome". */
  userAgent?: string;
  /** CSS selectors whose elements are hidden before the screenshot (cookie banners, chat widgets). */
  hide: string[];
  /** CSS selectors clicked, in order, before the screenshot (e.g. "Read more"). */
  click: string[];
  /** Bound on navigation (until the document is parsed), ms. */
  navigationTimeoutMs: number;
  /** Bound on waiting for the load event and for the network to go quiet, each time it is awaited, ms. */
  settleTimeoutMs: number;
  /** Quiet period that counts as "the network went quiet", ms. */
  quietMs: number;
  /** Screenshots stop at this many CSS pixels; taller pages are recorded as truncated. */
  maxHeight: number;
  /** Follow the page's own navigations and capture the document it stays on; else the first document is held. */
  followNavigation: boolean;
  /**
   * Loopback, private and carrier-NAT addresses may be requested (--allow-private); link-local and cloud-metadata
   * addresses never are (browser/address-guard.ts).
   */
  allowPrivate: boolean;
}

/** One line of visible text on the captured page, in CSS pixels from the page's top-left (screenshot pixels). */
export interface TextBox {
  x: number;
  y: number;
  width: number;
  height: number;
  text: string;
  /** Left and right edge of each word of `text` (split at spaces), relative to x: [l0, r0, l1, r1, …]. */
  words?: number[];
}

export interface TextLayer {
  format: "exhibits-text/1";
  /** Size of the screenshot the boxes are placed on, in pixels. */
  width: number;
  height: number;
  boxes: TextBox[];
}

export interface RedirectHop {
  url: string;
  status: number;
  location?: string;
}

export interface TlsSummary {
  protocol?: string;
  subject: string;
  issuer: string;
  subjectAlternativeNames: string[];
  validFrom: string;
  validTo: string;
  /** SHA-256 of the leaf certificate's DER, colon-separated hex (as browsers show it). */
  sha256Fingerprint?: string;
  /** Set when the chain did not validate and the capture went ahead because the key was trusted explicitly. */
  trustedByPin?: boolean;
}

/** How the page settled before the screenshot: each bound reached is said, never hidden. */
export interface SettleOutcome {
  loadEvent: boolean;
  networkQuiet: boolean;
  /** Requests still open when the time bound ended the wait. */
  pending: string[];
  scrolledTo: number;
  notes: string[];
  /**
   * When the page's scripts were stopped (ms after the navigation began), after it settled and before the screenshot:
   * the screenshot, text, MHTML and DOM are taken of the page as it stood then. Absent in records made before scripts
   * were stopped.
   */
  scriptsStoppedAtMs?: number;
}

/** A JavaScript dialog the page opened, and how the capture answered it (times: ms after the navigation began). */
export interface DialogRecord {
  type: "alert" | "confirm" | "prompt" | "beforeunload";
  /** The dialog's text, cut at 500 characters (Chromium gives a beforeunload dialog no text of the page's). */
  text: string;
  atMs: number;
  /** alert, confirm and prompt are dismissed (confirm answers false, prompt null); beforeunload is accepted. */
  answer: "dismissed" | "accepted";
}

/** A window the page opened (window.open, a link or form with a target): the capture closes every one. */
export interface PopupRecord {
  /** The URL as the page gave it (cut at 2,000 characters); "" or "about:blank" when it gave none. */
  url: string;
  atMs: number;
}

/** A navigation of the main frame the page started itself (after the requested URL and its HTTP redirects). */
export interface PageNavigation {
  /** Where to (cut at 2,000 characters). */
  url: string;
  atMs: number;
  how: "script" | "meta refresh" | "Refresh header" | "link" | "form" | "reload" | "within the document" | "other";
  /**
   * held: stopped before it left the document captured (that document stayed); followed: its document was loaded
   * (--follow-navigation; a hop); same-document: the URL changed without a new document (history API, #fragment).
   */
  outcome: "held" | "followed" | "same-document";
  /** A followed navigation: the URL of the document it left, and the HTTP status of the document it reached. */
  from?: string;
  status?: number;
}

/** A request refused before it left, for the address its host is or resolved to (browser/address-guard.ts). */
export interface RefusedRequest {
  /** The URL (cut at 2,000 characters). */
  url: string;
  atMs: number;
  /** The host as the URL names it, the address it is or resolved to, and the range that refused it. */
  host: string;
  address: string;
  range: string;
}

/** What the page did on its own while it was captured, each kind bounded: the first 50 recorded, all counted. */
export interface PageBehaviour {
  dialogs: { count: number; recorded: DialogRecord[] };
  /** count: windows the page opened; closed: how many of them the browser confirmed closed before the capture ended. */
  popups: { count: number; closed: number; recorded: PopupRecord[] };
  /** follow: --follow-navigation was in effect (navigations before the hold were followed). */
  navigations: { follow: boolean; count: number; recorded: PageNavigation[] };
  /** Subresources and frames refused for their address (a refused main-frame navigation fails the capture instead). */
  refused: { count: number; recorded: RefusedRequest[] };
}

/** How the page was reached and when: what the browser saw, and what capture.json records of it. */
export interface PageFacts {
  requestedUrl: string;
  /** The address of the document captured, as it stood when the page's scripts were stopped (the MHTML's own). */
  finalUrl: string;
  /**
   * The URL the document's HTTP response was for, when the page changed its address within the document afterwards
   * (history API; a change of #fragment alone does not count): status and headers are that response's. Absent when
   * it is finalUrl.
   */
  responseUrl?: string;
  redirects: RedirectHop[];
  status: number;
  statusText: string;
  headers: Record<string, string>;
  remoteAddress?: string;
  tls?: TlsSummary;
  title: string;
  startedAt: string;
  endedAt: string;
}

/** What the browser hands back for one successful capture (files are written by capture/). */
export interface LivePage extends PageFacts {
  browser: string;
  userAgent: string;
  viewport: Viewport;
  settle: SettleOutcome;
  hidden: { selector: string; count: number }[];
  clicked: { selector: string; clicked: boolean }[];
  page: { width: number; height: number };
  truncated: boolean;
  behaviour: PageBehaviour;
  screenshot: Uint8Array;
  mhtml: string;
  html: string;
  text: TextLayer;
}

export const CAPTURE_FAILURES = [
  "invalid-url",
  "unreachable",
  "tls",
  "http-status",
  "download",
  "timeout",
  "browser",
  "input",
  "storage",
  "navigation",
  "refused-address",
] as const;
export type CaptureFailureReason = (typeof CAPTURE_FAILURES)[number];

export interface WrittenFile {
  bytes: number;
  sha256: Digest;
}

/** The result of one requested capture, as printed (--json) and appended to the case's capture-log.jsonl. */
export interface CaptureOutcome {
  url: string;
  defendant?: string;
  ok: boolean;
  reason?: CaptureFailureReason;
  message?: string;
  status?: number;
  finalUrl?: string;
  /** The capture folder, relative to the case folder (successes only). */
  folder?: string;
  /** SHA-256 of the capture.json written (successes only): it hashes every other file in the folder. */
  record?: Digest;
  attempts: number;
  startedAt?: string;
  endedAt?: string;
  /** Where the request came from (CSV file and line, or command-line argument). */
  source?: string;
  notes?: string[];
  /** RFC 3161 stamp of capture.json taken at capture time, or why there is none. */
  timestamp?: { tsa?: string; genTime?: string; error?: string };
}

/** capture.json: written last into the capture folder, describing every other file in it. */
export interface CaptureRecord extends PageFacts {
  format: typeof CAPTURE_FORMAT;
  defendant: string;
  marks: string[];
  note?: string;
  operator: string;
  /** Where the operator's name came from: the --operator flag, EXHIBITS_OPERATOR, or the OS account. */
  operatorSource: "flag" | "environment" | "os-account";
  host: { name: string; platform: string; release: string };
  tool: string;
  browser: { name: string; version: string; userAgent: string; viewport: Viewport };
  settings: {
    hide: string[];
    click: string[];
    navigationTimeoutMs: number;
    settleTimeoutMs: number;
    maxHeight: number;
    /** Absent in records made before the setting existed (those captures held no navigation and followed none). */
    followNavigation?: boolean;
    /** --allow-private was given. Absent in records made before addresses were judged. */
    allowPrivate?: boolean;
  };
  settle: SettleOutcome;
  /**
   * What the page did on its own: dialogs answered, pop-ups closed, navigations held or followed. Absent in records made
   * before they were recorded: such a record says nothing of them either way.
   */
  dialogs?: PageBehaviour["dialogs"];
  popups?: PageBehaviour["popups"];
  navigations?: PageBehaviour["navigations"];
  /** Requests of the page refused for their address. Absent in records made before addresses were judged. */
  refused?: PageBehaviour["refused"];
  hidden: { selector: string; count: number }[];
  clicked: { selector: string; clicked: boolean }[];
  page: { width: number; height: number; truncated: boolean };
  /** The screenshot the exhibit shows: the banner copy when one was made, else the clean screenshot. */
  exhibitImage: typeof CAPTURE_FILES.screenshot | typeof CAPTURE_FILES.banner;
  /** Height in pixels of the banner added above the page in the banner copy (0 without one). */
  bannerHeight: number;
  files: Record<string, WrittenFile>;
}

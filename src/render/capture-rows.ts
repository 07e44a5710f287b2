/**
 * Cover-sheet rows for a live capture: how the page was reached and captured, from its capture.json. Where its natives
 * are (`beside`: kept beside the exhibit in the bundle's natives/ folder, the court taking no PDF with embedded files;
 * else attached to the PDF) is said as the build does it.
 */
import { CAPTURE_FILES, type CaptureRecord } from "../model/capture.js";
import type { EvidenceItem } from "../model/evidence.js";
import { hexOf } from "../util/hash.js";
import { formatUtc } from "../util/time.js";

export interface CoverRow {
  label: string;
  value: string;
  mono?: boolean;
}

const n = (x: number) => x.toLocaleString("en-US");

export function captureRows(item: EvidenceItem, beside = false): CoverRow[] {
  const cap = item.capture;
  if (!cap) return [];
  const r: CaptureRecord = cap.record;
  const rows: CoverRow[] = [];
  // The response's URL ends the chain of redirects; the page may have changed its address after it (responseUrl).
  const answered = r.responseUrl ?? r.finalUrl;
  if (r.requestedUrl !== answered || r.redirects.length) {
    rows.push({ label: "Requested URL", value: r.requestedUrl, mono: true });
    rows.push({
      label: "Redirects",
      value: [...r.redirects.map((h) => `${h.status} ${h.url}`), `${r.status} ${answered}`].join(" → "),
      mono: true,
    });
  }
  if (r.responseUrl)
    rows.push({
      label: "Address changed",
      value:
        `the page changed its address within the document after it arrived: the HTTP status and headers recorded are of the ` +
        `response for ${r.responseUrl}; the address when captured was ${r.finalUrl}`,
    });
  if (r.tls) {
    const t = r.tls;
    rows.push({
      label: "TLS certificate",
      value:
        `${t.protocol ? `${t.protocol}; ` : ""}subject ${t.subject}; issued by ${t.issuer}; valid ${formatUtc(t.validFrom)} to ` +
        `${formatUtc(t.validTo)}${t.sha256Fingerprint ? `; SHA-256 ${t.sha256Fingerprint}` : ""}` +
        `${t.trustedByPin ? "; chain not validated, accepted by the operator's explicit trust of this key (--trust-cert)" : ""}`,
    });
  }
  rows.push({ label: "Page title", value: r.title || "(none)" });
  if (cap.timestamp)
    rows.push({
      label: "RFC 3161 timestamp",
      value:
        `capture.json stamped at capture time by ${cap.timestamp.tsa}, genTime ${formatUtc(cap.timestamp.genTime)} ` +
        `(capture.json.tsr, ${beside ? "kept beside this exhibit in the bundle's natives/ folder" : "attached"})`,
    });
  rows.push({
    label: "Window",
    value: `${r.browser.viewport.width} × ${r.browser.viewport.height} px; user agent: ${r.browser.userAgent}`,
  });
  const how: string[] = [`page ${n(r.page.width)} × ${n(r.page.height)} px, scrolled to the end to load lazy content`];
  const hidden = r.hidden.filter((h) => h.count > 0);
  if (hidden.length) how.push(`hidden before the screenshot: ${hidden.map((h) => `${h.selector} (${h.count})`).join(", ")}`);
  const clicked = r.clicked.filter((c) => c.clicked);
  if (clicked.length) how.push(`clicked: ${clicked.map((c) => c.selector).join(", ")}`);
  how.push(r.settle.networkQuiet ? "network quiet before the screenshot" : "network still busy when the time bound ended the wait");
  if (r.settle.scriptsStoppedAtMs !== undefined)
    how.push(
      `the page's scripts stopped at ${secs(r.settle.scriptsStoppedAtMs)}, before the screenshot: the screenshot, text, MHTML ` +
        `and DOM are of the page as it stood then`,
    );
  if (r.page.truncated) how.push(`screenshot stops at ${n(r.settings.maxHeight)} px of ${n(r.page.height)}`);
  rows.push({ label: "Capture", value: how.join("; ") + (r.settle.notes.length ? `. Notes: ${r.settle.notes.join("; ")}.` : ".") });
  rows.push(...behaviourRows(r));
  const mhtml = item.related?.find((f) => f.path === `${cap.folder}/${CAPTURE_FILES.mhtml}`);
  if (mhtml)
    rows.push({
      label: "Native archive",
      value:
        `${CAPTURE_FILES.mhtml} (MHTML snapshot, ${n(mhtml.bytes)} bytes, SHA-256 ${hexOf(mhtml.sha256)}), ` +
        (beside ? "kept beside this exhibit in the bundle's natives/ folder, not embedded in this PDF" : "attached to this PDF"),
      mono: false,
    });
  if (r.bannerHeight > 0) {
    const clean = item.related?.find((f) => f.path === `${cap.folder}/${CAPTURE_FILES.screenshot}`);
    rows.push({
      label: "Banner",
      value:
        `the pages show a copy with a ${r.bannerHeight} px strip added above the page stating the URL and capture time; no page ` +
        `pixel is covered. Clean screenshot: ${CAPTURE_FILES.screenshot}${clean ? `, SHA-256 ${hexOf(clean.sha256)}` : ""}`,
    });
  }
  return rows;
}

/** How many of a bounded list the cover names; the rest are counted, and all are in capture.json. */
const NAMED = 5;
const secs = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
const more = (named: number, count: number) => (count > named ? `; ${n(count - named)} more in capture.json` : "");

/**
 * What the page did on its own while it was captured, as capture.json records it: the dialogs the tool answered and
 * the windows it closed (neither is in the screenshot), and the navigations it held or followed. Nothing is said for a
 * record made before these were recorded.
 */
export function behaviourRows(r: CaptureRecord): CoverRow[] {
  const rows: CoverRow[] = [];
  const d = r.dialogs;
  if (d && d.count > 0) {
    const named = d.recorded.slice(0, NAMED).map((x) => `${x.type}${x.text ? ` "${x.text}"` : ""} at ${secs(x.atMs)}`);
    rows.push({
      label: "Dialogs",
      value:
        `the page opened ${n(d.count)} dialog${d.count === 1 ? "" : "s"}, answered by the tool as each opened (alert, confirm and ` +
        `prompt dismissed; a leave-page dialog accepted) and not shown in the screenshot: ${named.join("; ")}` +
        more(named.length, d.count),
    });
  }
  const p = r.popups;
  if (p && p.count > 0) {
    const named = p.recorded.slice(0, NAMED).map((x) => `${x.url} at ${secs(x.atMs)}`);
    rows.push({
      label: "Pop-up windows",
      value:
        `the page opened ${n(p.count)} window${p.count === 1 ? "" : "s"}; the tool closed ${n(p.closed)} of them, ` +
        `each once the browser had made it, and captured none ` +
        `(any dialog a pop-up opened was answered by the tool and is not recorded here): ` +
        `${named.join("; ")}${more(named.length, p.count)}`,
      mono: false,
    });
  }
  const v = r.navigations;
  const left = v?.recorded.filter((x) => x.outcome !== "same-document") ?? [];
  if (v && left.length > 0) {
    const followed = left.filter((x) => x.outcome === "followed");
    const held = left.filter((x) => x.outcome === "held");
    const parts: string[] = [];
    const hop = (x: (typeof left)[number]) => `${x.how} to ${x.url}${x.status ? ` (${x.status})` : ""} at ${secs(x.atMs)}`;
    if (followed.length) parts.push(`followed (--follow-navigation): ${followed.map(hop).join(" → ")}`);
    if (held.length)
      parts.push(`held, the page kept on the document captured: ${held.map((x) => `${x.how} to ${x.url} at ${secs(x.atMs)}`).join("; ")}`);
    rows.push({ label: "Page navigations", value: parts.join("; ") + more(v.recorded.length, v.count) });
  }
  const f = r.refused;
  if (f && f.count > 0) {
    const named = f.recorded.slice(0, NAMED).map((x) => `${x.url} (${x.address}, ${x.range}) at ${secs(x.atMs)}`);
    rows.push({
      label: "Refused requests",
      value:
        `the tool refused ${n(f.count)} request${f.count === 1 ? "" : "s"} of the page for ${f.count === 1 ? "its" : "their"} ` +
        `address before ${f.count === 1 ? "it" : "they"} left (nothing was requested from those addresses): ` +
        `${named.join("; ")}${more(named.length, f.count)}`,
    });
  }
  return rows;
}

/** What the cover says of a file no hash was recorded for at acquisition. */
const HASHED_ON_INTAKE = "not at acquisition (no hash recorded then); on intake by exhibits: see the custody log's first 'ingested' entry";

/**
 * The capture facts a screenshot declaration needs (DOMAIN.md §3.3), each from the record or said to be not recorded:
 * tool, browser, operating system, egress IP, logged-in account, HTTP response, and when the file was first hashed.
 * A web page (a capture, or an item with a URL) is asked all of them; another item (a photo, an export, an email) the
 * ones that apply to it. `recorded` are the facts the records give; `missing` names the others, in that order.
 */
export function captureFacts(item: EvidenceItem): { recorded: CoverRow[]; missing: string[] } {
  const r = item.capture?.record;
  const web = r !== undefined || item.url !== undefined || item.kind === "listing" || item.kind === "screenshot";
  const facts: [string, string | undefined][] = [
    ["Tool", r?.tool],
    ...(web ? ([["Browser", r ? `${r.browser.name} ${r.browser.version}` : undefined]] as [string, string | undefined][]) : []),
    ["Operating system", r ? `${r.host.platform} ${r.host.release}` : undefined],
    ...(web ? ([["Egress IP", undefined]] as [string, string | undefined][]) : []),
    ["Logged-in account", undefined],
    ...(web
      ? ([
          [
            "HTTP response",
            r ? `${r.status}${r.statusText ? ` ${r.statusText}` : ""}${r.remoteAddress ? ` from ${r.remoteAddress}` : ""}` : undefined,
          ],
        ] as [string, string | undefined][])
      : []),
    ["First hashed", r ? `at capture, ${formatUtc(r.endedAt)} (capture.json records each file's SHA-256)` : HASHED_ON_INTAKE],
  ];
  return {
    recorded: facts.filter(([, v]) => v !== undefined).map(([label, value]) => ({ label, value: value! })),
    missing: facts.filter(([, v]) => v === undefined).map(([label]) => label.toLowerCase().replace(/^http/, "HTTP").replace(/ ip$/, " IP")),
  };
}

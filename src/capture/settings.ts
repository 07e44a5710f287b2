/**
 * How each page is captured: built-in defaults, then case.yaml's `capture:` section, then flags; selectors
 * add up (case, matching site rules, flags, the CSV row), so a cookie banner hidden for the case stays
 * hidden when a row asks for one more selector.
 */
import type { CaseCaptureSettings } from "../model/case.js";
import type { CaptureFlags, PageCaptureSettings } from "../model/capture.js";
import type { CaptureTarget } from "./targets.js";

export const DEFAULTS = {
  viewport: { width: 1366, height: 900 },
  navigationSeconds: 30,
  settleSeconds: 10,
  quietMs: 500,
  maxHeight: 60_000,
} as const;

export type { CaptureFlags } from "../model/capture.js";

/** Does a site rule apply to this URL? A host matches itself and its subdomains; anything with "://" is a URL prefix. */
export function ruleMatches(match: string, url: string): boolean {
  if (match.includes("://")) return url.startsWith(match);
  const host = new URL(url).hostname.toLowerCase();
  const m = match.toLowerCase().replace(/^\*?\./, "");
  return host === m || host.endsWith(`.${m}`);
}

export function pageSettings(caseSettings: CaseCaptureSettings, flags: CaptureFlags, target: CaptureTarget): PageCaptureSettings {
  const sites = caseSettings.sites.filter((r) => ruleMatches(r.match, target.url));
  const unique = (xs: string[]) => [...new Set(xs)];
  return {
    viewport: flags.viewport ?? caseSettings.viewport ?? DEFAULTS.viewport,
    ...((flags.userAgent ?? caseSettings.userAgent) ? { userAgent: flags.userAgent ?? caseSettings.userAgent } : {}),
    hide: unique([...caseSettings.hide, ...sites.flatMap((r) => r.hide), ...flags.hide, ...target.hide]),
    click: unique([...caseSettings.click, ...sites.flatMap((r) => r.click), ...flags.click, ...target.click]),
    navigationTimeoutMs: 1000 * (flags.navigationSeconds ?? caseSettings.navigationSeconds ?? DEFAULTS.navigationSeconds),
    settleTimeoutMs: 1000 * (flags.settleSeconds ?? caseSettings.settleSeconds ?? DEFAULTS.settleSeconds),
    quietMs: DEFAULTS.quietMs,
    maxHeight: flags.maxHeight ?? caseSettings.maxHeight ?? DEFAULTS.maxHeight,
    // The flag, else the last matching site rule that says, else the case's setting: the first document by default.
    followNavigation:
      flags.followNavigation ??
      sites.filter((r) => r.followNavigation !== undefined).pop()?.followNavigation ??
      caseSettings.followNavigation ??
      false,
    // The operator's flag only: a case folder cannot open the way to this machine's network.
    allowPrivate: flags.allowPrivate ?? false,
  };
}

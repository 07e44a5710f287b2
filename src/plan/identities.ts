/**
 * Schedule A identity sealing (PURE): in the public tree a defendant is named only as "Doe No. N (Schedule A)",
 * N its Schedule A row (its place in case.yaml's `defendants`). Here are the values that identify a defendant
 * (what the leak gate hunts in the public tree) and the one function that puts the Doe designation in their place
 * in the tool's own words (file names, covers, bookmarks, appendices), matched as src/leaks/literals.ts matches.
 */
import type { CaseConfig, Defendant } from "../model/case.js";
import { LiteralSet, literalOf } from "../leaks/literals.js";

/** "Doe No. 7 (Schedule A)": the public name of Schedule A row `n`. */
export function doeName(n: number): string {
  return `Doe No. ${n} (Schedule A)`;
}

/**
 * Hosts that many sellers share (marketplaces and social platforms): the host of a store URL on one of them names
 * the platform, which the public Schedule A shows, not the seller. Matched as the host or a parent domain of it.
 */
const SHARED_HOSTS = [
  "amazon",
  "walmart",
  "ebay",
  "temu",
  "aliexpress",
  "alibaba",
  "dhgate",
  "etsy",
  "shein",
  "wish",
  "shopee",
  "lazada",
  "mercadolibre",
  "rakuten",
  "instagram",
  "facebook",
  "tiktok",
  "pinterest",
  "x",
  "twitter",
  "youtube",
];

/** The store URL's host without "www.", when it is the seller's own (not a marketplace's or platform's). */
export function ownDomain(d: Defendant, config: CaseConfig): string | undefined {
  if (!d.storeUrl) return undefined;
  let host: string;
  try {
    host = new URL(d.storeUrl).hostname.toLowerCase().replace(/^www\./, "");
  } catch {
    return undefined;
  }
  const labels = host.split(".");
  // The label before the public suffix ("amazon" of amazon.co.uk, "ebay" of ebay.com): a marketplace's name.
  const names = labels.slice(0, -1).filter((l) => !["co", "com", "org", "net"].includes(l));
  if (names.some((l) => SHARED_HOSTS.includes(l))) return undefined;
  const platform = d.platform?.toLowerCase().replace(/[^a-z0-9]/g, "");
  if (platform && names.some((l) => l.replace(/[^a-z0-9]/g, "") === platform)) return undefined;
  // A host two defendants' stores share is a platform's, whatever its name.
  const shared = config.defendants.filter((o) => o !== d && o.storeUrl && hostOf(o.storeUrl) === host).length;
  return shared ? undefined : host;
}

function hostOf(url: string): string | undefined {
  try {
    return new URL(url).hostname.toLowerCase().replace(/^www\./, "");
  } catch {
    return undefined;
  }
}

/** Every value that identifies defendant `d`: name, aliases, seller ID, store URL and the store's own domain. */
function identitiesOf(d: Defendant, config: CaseConfig): string[] {
  const domain = ownDomain(d, config);
  return [d.name, ...d.aliases, d.sellerId, d.storeUrl, domain, d.domain].filter((v): v is string => Boolean(v?.trim()));
}

/**
 * The identity values a leak gate must hunt in the public tree of a case with `sealing.identities`: every name,
 * alias, seller ID, store URL and store domain of every defendant (a marketplace's domain is the platform's, which
 * the public Schedule A shows: see ownDomain). Empty when the case does not seal identities. Sorted, no repeats.
 */
export function identityTargets(config: CaseConfig): string[] {
  if (!config.sealing.identities) return [];
  return [...new Set(config.defendants.flatMap((d) => identitiesOf(d, config)))].sort();
}

/** Replaces every identity value in a text by its defendant's Doe designation (the identity itself: unchanged). */
export type IdentityMask = (text: string) => string;

const masks = new WeakMap<CaseConfig, IdentityMask>();

/**
 * The public tree's words for a text of the case: each defendant's identity values become "Doe No. N (Schedule A)"
 * (a span joining two values of different defendants becomes "[Schedule A defendants]"). The identity function when
 * the case does not seal identities. Values too short to hunt safely (literals.ts) are left as they are.
 */
export function identityMask(config: CaseConfig): IdentityMask {
  if (!config.sealing.identities) return (s) => s;
  let mask = masks.get(config);
  if (mask) return mask;
  const owner = new Map<string, string>();
  config.defendants.forEach((d, i) => {
    for (const v of identitiesOf(d, config)) {
      const l = literalOf(v);
      if (l && !owner.has(l.folded)) owner.set(l.folded, doeName(i + 1));
    }
  });
  const set = new LiteralSet([...owner.keys()].map((folded) => ({ folded })));
  mask = (text: string) => {
    const found = set.find(text);
    if (found.length === 0) return text;
    let out = "";
    let at = 0;
    for (const f of found) {
      const folded = literalOf(text.slice(f.start, f.end))?.folded ?? "";
      out += text.slice(at, f.start) + (owner.get(folded) ?? "[Schedule A defendants]");
      at = f.end;
    }
    return out + text.slice(at);
  };
  masks.set(config, mask);
  return mask;
}

/** `value` with every string in it (objects, arrays and maps, deeply) put through `mask`; other values as they are. */
export function maskStrings<T>(value: T, mask: IdentityMask): T {
  const walk = (v: unknown): unknown => {
    if (typeof v === "string") return mask(v);
    if (Array.isArray(v)) return v.map(walk);
    if (v instanceof Map) return new Map([...v].map(([k, x]) => [k, walk(x)]));
    if (v && typeof v === "object" && Object.getPrototypeOf(v) === Object.prototype)
      return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, walk(x)]));
    return v;
  };
  return walk(value) as T;
}

/**
 * The case as the public tree may name it: each defendant's name is its Doe designation, and its aliases, seller ID
 * and store URL are gone (platform and location stay: the public Schedule A may show the platform). The case itself
 * when it does not seal identities.
 */
const publicCases = new WeakMap<CaseConfig, CaseConfig>();

export function publicCase(config: CaseConfig): CaseConfig {
  if (!config.sealing.identities) return config;
  let shown = publicCases.get(config);
  if (!shown) publicCases.set(config, (shown = maskedCase(config)));
  return shown;
}

function maskedCase(config: CaseConfig): CaseConfig {
  const mask = identityMask(config);
  return {
    ...config,
    caption: maskStrings(config.caption, mask),
    scheduleA: { publicColumns: config.scheduleA.publicColumns.filter((c) => c === "number" || c === "platform") },
    defendants: config.defendants.map((d, i) => ({
      id: d.id,
      name: doeName(i + 1),
      aliases: [],
      ...(d.platform ? { platform: d.platform } : {}),
      ...(d.location ? { location: mask(d.location) } : {}),
    })),
  };
}

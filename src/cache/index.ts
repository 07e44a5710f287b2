/** The build cache (content-addressed; see build-cache.ts) and the renders that go through it. */
export { BuildCache, CACHE_DIR, CACHE_FORMAT } from "./build-cache.js";
export type { CacheKind } from "./build-cache.js";
export { cachedBrowser } from "./cached-browser.js";
export { OutputReuse } from "./output-reuse.js";
export { KnownSources } from "./known-sources.js";
export { parsedCases } from "./parsed-case.js";
export { custodyCheckpoints } from "./custody-checkpoints.js";

/** The build cache: content-addressed entries named by their recipes, prints, finished files, and intake's memory. */
export { BuildCache, CACHE_DIR } from "./build-cache.js";
export { CACHE_FORMAT, RECIPES, cacheKey } from "./recipes.js";
export type { CacheKind, CacheKey, CacheStatKind } from "./recipes.js";
export type { EntryStore, OutputStore as OutputPort, OutputFile, OutputKind } from "./ports.js";
export { cachedPrinter, PRINTS_AT_ONCE } from "./cached-printer.js";
export { OutputStore } from "./output-store.js";
export { KnownSources } from "./known-sources.js";
export { parsedCases } from "./parsed-case.js";
export { custodyCheckpoints } from "./custody-checkpoints.js";

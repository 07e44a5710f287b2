/**
 * Validated case.yaml configurations, kept by the file's text and the code that validated it (a changed
 * schema never serves a stale configuration). Stored with v8's serializer: amounts may be BigInt.
 */
import type { ParsedCaseMemo } from "../case/index.js";
import type { CaseConfig } from "../model/case.js";
import { codeIdentity } from "../util/version.js";
import type { BuildCache } from "./build-cache.js";
import { cacheKey } from "./recipes.js";

export function parsedCases(cache: BuildCache): ParsedCaseMemo {
  const key = (text: string) => cacheKey("case", { code: codeIdentity(), text });
  return {
    recall: (source) => cache.readValue<CaseConfig>("case", key(source)), // unreadable: parsed again
    remember: (source, config) => cache.writeValue("case", key(source), config),
  };
}

/**
 * Validated case.yaml configurations, kept by the file's text and the code that validated it (a changed
 * schema never serves a stale configuration). Stored with v8's serializer: amounts may be BigInt.
 */
import { deserialize, serialize } from "node:v8";
import type { ParsedCaseMemo } from "../case/index.js";
import type { CaseConfig } from "../model/case.js";
import { codeIdentity } from "../util/version.js";
import { BuildCache } from "./build-cache.js";

export function parsedCases(cache: BuildCache): ParsedCaseMemo {
  const key = (source: string) => BuildCache.key("case", codeIdentity(), source);
  return {
    async recall(source) {
      const data = await cache.read("case", key(source));
      try {
        return data && (deserialize(data) as CaseConfig);
      } catch {
        return undefined; // unreadable: parsed again
      }
    },
    async remember(source, config) {
      await cache.write("case", key(source), serialize(config));
    },
  };
}

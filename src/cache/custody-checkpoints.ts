/**
 * The custody log's checkpoint (see appendices/custody.ts), kept per case folder: the digest of the log as
 * the last build left it, and what was learnt from reading it. v8's serializer: the CSV rows are megabytes.
 */
import type { CustodyCheckpoint, CustodyCheckpoints } from "../custody/index.js";
import { codeIdentity } from "../util/version.js";
import type { BuildCache } from "./build-cache.js";
import { cacheKey } from "./recipes.js";

export function custodyCheckpoints(cache: BuildCache, caseDir: string): CustodyCheckpoints {
  const key = cacheKey("custody", { code: codeIdentity(), caseDir });
  return {
    recall: () => cache.readValue<CustodyCheckpoint>("custody", key), // unreadable: the log is read whole
    remember: (checkpoint) => cache.writeValue("custody", key, checkpoint),
  };
}

/**
 * The build's last step before the tree is renamed into place (wiring only): the leak gate (leaks/) on the public
 * twin, with every value the Redactor removed anywhere as literal targets and the case's rules as patterns. Any
 * hit fails the build (exit 3) naming file, page and layer, and nothing is written. Only the public twin is
 * searched (the sealed twin is meant to hold the values); a build with nothing redacted has no public twin.
 */
import { LiteralSet, literalOf } from "../leaks/literals.js";
import type { CaseConfig } from "../model/case.js";
import { identityTargets } from "../plan/index.js";
import { findLeaks, LeaksFoundError, type PatternFinder } from "../leaks/gate.js";
import type { TwinOutputs } from "../model/twin-outputs.js";
import { compileRules, type Redactor } from "../redact/index.js";
import type { Logger } from "../util/log.js";

export async function gatePublicTwin(twins: readonly TwinOutputs[], redactor: Redactor, config: CaseConfig, log: Logger): Promise<void> {
  const pub = twins.find((t) => t.tree.twin === "public");
  if (!pub) return;
  const identities = identityTargets(config).flatMap((v) => literalOf(v, "identity") ?? []);
  const literals = new LiteralSet([...redactor.huntedLiterals(), ...identities]);
  const started = performance.now();
  const leaks = await findLeaks(pub.tree.dir, { literals, patterns: exceptCounsel(compileRules(config.redaction), config) });
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  if (leaks.length > 0) throw new LeaksFoundError(leaks, "public/");
  log.info(`leak gate: the public twin holds none of ${literals.size} removed values nor anything the rules find (${seconds} s)`);
}

/**
 * Counsel's own office address (case.yaml `counsel.address`) is printed on purpose in the notice's signature block:
 * what a rule finds wholly inside it is no leak. A value the redaction removed is still one wherever it appears.
 */
export function exceptCounsel(rules: PatternFinder, config: CaseConfig): PatternFinder {
  const flat = (t: string) => t.replace(/\s+/g, " ").trim();
  const own = flat((config.counsel?.address ?? []).join(" "));
  if (!own) return rules;
  return { find: (text) => rules.find(text).filter((m) => !own.includes(flat(text.slice(m.start, m.end)))) };
}

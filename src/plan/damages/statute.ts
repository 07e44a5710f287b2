/**
 * The statutory ranges of 15 U.S.C. §1117(c), per counterfeit mark per type of goods (one "unit"): (c)(1) from $1,000 to
 * $200,000; (c)(2), willful, up to $2,000,000 — a cap with no floor of its own (the tool's floor there is one cent per
 * unit: a request is some amount). `floor` says whether the statute states the minimum (it is printed only then).
 */
import type { StatutoryBasis, StatutoryBasisKey } from "../../model/damages.js";

export const BASIS: Record<
  StatutoryBasisKey,
  { label: StatutoryBasis; minCents: bigint; floor: boolean; maxDollars: bigint; paragraph: string }
> = {
  c1: { label: "1117(c)(1)", minCents: 100_000n, floor: true, maxDollars: 200_000n, paragraph: "§1117(c)(1)" },
  c2: { label: "1117(c)(2)", minCents: 1n, floor: false, maxDollars: 2_000_000n, paragraph: "§1117(c)(2) (willful)" },
};

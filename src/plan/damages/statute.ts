/**
 * The statutory ranges of 15 U.S.C. §1117(c), per counterfeit mark per type of goods (one "unit"): (c)(1) from $1,000 to
 * $200,000; (c)(2), willful, up to $2,000,000 — a cap with no floor of its own.
 */
import type { StatutoryBasis, StatutoryBasisKey } from "../../model/damages.js";

export const BASIS: Record<StatutoryBasisKey, { label: StatutoryBasis; minDollars: bigint; maxDollars: bigint; paragraph: string }> = {
  c1: { label: "1117(c)(1)", minDollars: 1_000n, maxDollars: 200_000n, paragraph: "§1117(c)(1)" },
  c2: { label: "1117(c)(2)", minDollars: 0n, maxDollars: 2_000_000n, paragraph: "§1117(c)(2) (willful)" },
};

/** The statutory ranges of 15 U.S.C. §1117(c), per counterfeit mark per type of goods (one "unit"). */
import type { StatutoryBasis, StatutoryBasisKey } from "../../model/damages.js";

export const BASIS: Record<StatutoryBasisKey, { label: StatutoryBasis; maxDollars: bigint; paragraph: string }> = {
  c1: { label: "1117(c)(1)", maxDollars: 200_000n, paragraph: "§1117(c)(1)" },
  c2: { label: "1117(c)(2)", maxDollars: 2_000_000n, paragraph: "§1117(c)(2) (willful)" },
};
export const MIN_DOLLARS = 1_000n;

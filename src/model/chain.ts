/**
 * Each defendant's chain (issue 20): how the seller was found → the listing → the test buy → the goods received, as
 * links between evidence items found from the records themselves (consistency/links.ts), shown on the evidence map
 * (appendices/evidence-map.ts) with each link's exhibits and pin cites.
 */

export const CHAIN_STEPS = ["found", "listing", "test-buy", "received"] as const;
export type ChainStep = (typeof CHAIN_STEPS)[number];

/** Words for a step, as the evidence map prints it. */
export const STEP_WORDS: Record<ChainStep, string> = {
  found: "found",
  listing: "listing",
  "test-buy": "test buy",
  received: "goods received",
};

/** One end of a link: an item, at a step, and where in it ("message M00003", "order 114-…, line 2", "URL"). */
export interface ChainEnd {
  itemId: string;
  step: ChainStep;
  what: string;
}

export interface ChainLink {
  from: ChainEnd;
  to: ChainEnd;
  /** How the link was (or was not) established, naming values: "same ASIN B0FAKE1234 in DM message M00003 and …". */
  by: string;
  /** True when the records themselves tie the two items (a shared id); false when only the filer's grouping does. */
  established: boolean;
  /** The normalised identifiers shared ("asin:B0FAKE1234"), sorted; empty when not established. */
  shared: string[];
}

/** A step the chain lacks, or a link between steps no record makes. */
export interface MissingLink {
  from: ChainStep;
  to: ChainStep;
  /** The item the gap is seen from, when there is one (the order with no listing, the listing with no record of how it was found). */
  itemId?: string;
  why: string;
}

export interface DefendantChain {
  defendantId: string;
  links: ChainLink[];
  missing: MissingLink[];
}

/**
 * A twin is one complete copy of the output: "single" when nothing is redacted, else "public" (redacted,
 * for the public docket) and "sealed" (unredacted, redactions highlighted), with the same labels and Bates.
 */
export const TWINS = ["single", "public", "sealed"] as const;
export type Twin = (typeof TWINS)[number];

/** Where an exhibit goes: `both` trees, `public` only (nothing in it to seal), or `sealed` only (a slip sheet in public/). */
export type Placement = "both" | "public" | "sealed";

/** What goes under seal (decided by plan/sealing.ts once the plan and the redaction log exist). */
export interface SealingPlan {
  /** public/ and sealed/ (true), or one tree. */
  twins: boolean;
  /** By exhibit label. */
  placement: ReadonlyMap<string, Placement>;
  /** Why each sealed-only exhibit is (by label): "sealing.items", "sealed: true", "identifies a seller". */
  why: ReadonlyMap<string, string>;
}

/** The sealing plan with the legend every sealed item carries (first page top, every page's footer). */
export interface Sealing extends SealingPlan {
  legend: string;
}

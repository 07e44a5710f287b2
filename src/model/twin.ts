/**
 * A twin is one complete copy of the output: "single" when nothing is redacted, else "public" (redacted,
 * for the public docket) and "sealed" (unredacted, redactions highlighted), with the same labels and Bates.
 */
export const TWINS = ["single", "public", "sealed"] as const;
export type Twin = (typeof TWINS)[number];

/**
 * The investigator's declaration as the plan fixes it (PURE, shared by stage 3's cover sheets and stage 9's
 * declaration and evidence map): who declares, which paragraph of the declaration speaks of each exhibit, and each
 * exhibit's Schedule A (Doe) number. Paragraph numbers depend only on the plan, so a cover sheet printed before the
 * declaration exists can cite "Decl. ¶ n" and be right.
 */
import type { CaseConfig, CertificationSettings, Defendant } from "../model/case.js";

/** Paragraphs before the first exhibit's: who I am, and how I know what I state. */
export const INTRO_PARAGRAPHS = 2;

/** The declaration paragraph about exhibit number `n` (1-based, in the plan's order). */
export function declarationParagraph(exhibitNumber: number): number {
  return INTRO_PARAGRAPHS + exhibitNumber;
}

export interface Declarant {
  name: string;
  title: string;
  employer: string;
  qualifications: string[];
  signedAt?: CertificationSettings["signedAt"];
  inUnitedStates: boolean;
}

/**
 * Who declares: case.yaml `declaration.declarant`, else the certification's certifier; undefined when the case names
 * neither (then there is no declaration, and slip sheets say only "Exhibit N"). Place of signing and the §1746 form
 * follow the declaration block, else the certification's.
 */
export function declarantOf(config: CaseConfig): Declarant | undefined {
  const d = config.declaration;
  const c = config.certification;
  const who = d?.declarant ?? c?.certifier;
  if (!who) return undefined;
  const signedAt = d?.signedAt ?? c?.signedAt;
  return { ...who, ...(signedAt ? { signedAt } : {}), inUnitedStates: d?.inUnitedStates ?? c?.inUnitedStates ?? true };
}

/** A defendant's Schedule A number: its place in case.yaml's `defendants` (1-based); undefined for none. */
export function scheduleANumber(config: CaseConfig, defendantId: string | undefined): number | undefined {
  if (defendantId === undefined) return undefined;
  const i = config.defendants.findIndex((d: Defendant) => d.id === defendantId);
  return i < 0 ? undefined : i + 1;
}

/** "Exhibit 2 – Doe 1" (an exhibit listed under a defendant), or "Exhibit 1". */
export function exhibitKey(config: CaseConfig, label: string, defendantId: string | undefined): string {
  const n = scheduleANumber(config, defendantId);
  return n === undefined ? `Exhibit ${label}` : `Exhibit ${label} – Doe ${n}`;
}

/**
 * The slip sheet's heading from the profile's `exhibitTo` ("Exhibit {label} to the Declaration of {declarant}"), cut
 * after the label: `head` is printed large ("Exhibit 2"), `tail` beneath it ("to the Declaration of Renata
 * Delgado"). Without a declarant, the heading is the exhibit's label alone.
 */
export function exhibitHeading(format: string, label: string, declarant: string | undefined): { head: string; tail?: string } {
  if (!declarant) return { head: `Exhibit ${label}` };
  const full = format.replace("{declarant}", declarant);
  const at = full.indexOf("{label}");
  if (at < 0) return { head: `Exhibit ${label}`, tail: full };
  const tail = full.slice(at + "{label}".length).trim();
  return { head: `${full.slice(0, at)}${label}`.trim(), ...(tail ? { tail } : {}) };
}

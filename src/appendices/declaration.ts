/**
 * Stage 9, appendices: the investigator's declaration (FRE 901(b)(1)) the exhibits are attached to — who I am, then
 * one numbered paragraph per exhibit of the plan (in its order, so "Decl. ¶ n" on each cover sheet is this paragraph:
 * plan/declaration.ts), each keyed to its Schedule A number ("Exhibit 2 – Doe 1"), then the 28 U.S.C. §1746 signature
 * block. The facts come from declaration-facts.ts; the words from templates/court/<profile>/declaration.hbs.
 */
import type { CaseConfig } from "../model/case.js";
import type { EvidenceItem } from "../model/evidence.js";
import type { PlannedExhibit } from "../model/exhibit.js";
import {
  declarantOf,
  declarationParagraph,
  exhibitKey,
  INTRO_PARAGRAPHS,
  maskStrings,
  type Declarant,
  type IdentityMask,
} from "../plan/index.js";
import { writeCsv } from "../util/csv.js";
import { declarationItem, type DeclarationItem } from "./declaration-facts.js";

export interface DeclarationParagraph {
  number: number;
  /** "Exhibit 2 – Doe 1". */
  key: string;
  label: string;
  title: string;
  bates: string;
  /** Filed under seal only: the public copy withholds what would identify it beyond its title. */
  sealedOnly?: true;
  items: DeclarationItem[];
}

export interface DeclarationView {
  docTitle: string;
  draft: true;
  declarant: Declarant;
  supports: string;
  /** The paragraphs before the exhibits' (plan/declaration.ts INTRO_PARAGRAPHS): who I am, how I know. */
  intro: { who: number; knowledge: number };
  paragraphs: DeclarationParagraph[];
  signature: { inUnitedStates: boolean; place?: string };
}

export interface DeclarationInputs {
  /** The case as the tree names it (the public tree of a case sealing identities: Doe designations). */
  config: CaseConfig;
  plan: readonly PlannedExhibit[];
  items: ReadonlyMap<string, EvidenceItem>;
  /** Public tree: identities become Doe designations; the URLs of exhibits filed under seal only are withheld. */
  mask?: IdentityMask;
  sealedOnly?: ReadonlySet<string>;
}

export const SUPPORTS_BLANK = "[COUNSEL: name the motion or paper this declaration supports]";
const WITHHELD = "a URL filed under seal";

/** The declaration's view, or undefined when the case names no declarant (no `declaration:` nor `certification:`). */
export function declarationModel(d: DeclarationInputs): DeclarationView | undefined {
  const declarant = declarantOf(d.config);
  if (!declarant) return undefined;
  const mask = d.mask ?? ((s: string) => s);
  const supports = d.config.declaration?.supports ?? SUPPORTS_BLANK;
  const paragraphs = d.plan.map((e): DeclarationParagraph => {
    const sealed = d.sealedOnly?.has(e.label) ?? false;
    const items = e.itemIds.map((id) => {
      const it = declarationItem(d.items.get(id) as EvidenceItem, declarant, d.config.timeZone, d.config.marks);
      return sealed && it.url && "text" in it.url ? { ...it, url: { text: WITHHELD } } : it;
    });
    return maskStrings(
      {
        number: declarationParagraph(e.number),
        key: exhibitKey(d.config, e.label, e.defendantId),
        label: e.label,
        title: e.title,
        bates: e.bates.first === e.bates.last ? e.bates.first : `${e.bates.first}–${e.bates.last}`,
        ...(sealed ? { sealedOnly: true as const } : {}),
        items,
      },
      mask,
    );
  });
  const at = declarant.signedAt;
  return {
    docTitle: `Declaration of ${declarant.name} in Support of ${supports}`,
    draft: true,
    declarant,
    supports,
    intro: { who: 1, knowledge: INTRO_PARAGRAPHS },
    paragraphs,
    // The §1746 words are the template's (as the certification's); the place is the record's, else a blank for counsel.
    signature: {
      inUnitedStates: declarant.inUnitedStates,
      ...(at ? { place: [at.city, at.state, at.country].filter(Boolean).join(", ") } : {}),
    },
  };
}

/** The paragraphs as rows (number, exhibit key, Bates, blanks left for counsel): for review and for tests. */
export function declarationCsv(view: DeclarationView): string {
  const blanks = (p: DeclarationParagraph) =>
    p.items
      // A document's paragraph states no capture time (partials/decl-item.hbs): only its blanks that are printed.
      .flatMap((i) => [
        i.attribution,
        ...Object.entries(i).map(([k, v]) =>
          v && typeof v === "object" && "blank" in v && !(i.document && k === "time") ? v.blank : undefined,
        ),
      ])
      .filter((b): b is string => Boolean(b));
  return writeCsv(
    ["Paragraph", "Exhibit", "Title", "Bates", "Blanks for counsel"],
    view.paragraphs.map((p) => [String(p.number), p.key, p.title, p.bates, blanks(p).join(" | ")]),
  );
}

/**
 * A court profile: how one court's filed papers look and what its conventions are. Geometry and conventions live
 * here as data; legal prose lives in templates/court/<profile>/ (falling back to templates/court/federal/, then to
 * templates/), so a profile changes words by shipping a template, never by editing TypeScript.
 */
export const COURT_IDS = ["federal", "nd-ill", "sdny"] as const;
export type CourtId = (typeof COURT_IDS)[number];

export interface PaperGeometry {
  /** Inches. The top margin stays clear for the CM/ECF header stamp. */
  margins: { top: number; right: number; bottom: number; left: number };
}

export interface CourtProfile {
  id: CourtId;
  /** How the court is cited ("N.D. Ill."). */
  short: string;
  /** The rule the geometry follows, printed nowhere but in docs and tests. */
  paperRule: string;
  portrait: PaperGeometry;
  landscape: PaperGeometry;
  /** Body text of filed papers (declaration, certification, notice paragraphs), in points, and its line height. */
  bodyPt: number;
  bodyLineHeight: number;
  /** Tables (Schedule A, index, damages) and footnote-size notes: never below the court's footnote floor. */
  tablePt: number;
  /** Digests and identifiers set in a monospaced face (a 64-digit SHA-256 must fit one line). */
  monoPt: number;
  /** Page number at the bottom centre of every page of a filed paper; {n} and {total} are replaced. */
  pageNumber: string;
  /** Exhibit slip sheet heading: {label}, {declarant} (the declaration the exhibits are attached to). */
  exhibitTo: string;
  /** Does the court's CM/ECF accept PDFs with embedded files (attachments)? When false the filed exhibits carry none. */
  ecfEmbeddedFiles: boolean;
  /** Largest file CM/ECF takes, in megabytes (the default for volumes.maxMegabytes). */
  maxMegabytes: number;
}

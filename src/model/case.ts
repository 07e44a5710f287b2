/** The case, as declared in case.yaml after validation (see src/schema/case.ts for the rules). */
import type { CourtId } from "../court/profile.js";
import type { OcrMode } from "./ocr.js";
import type { PixelRegion, RedactionSettings } from "./redaction.js";
import type { DamagesSettings } from "./damages.js";
import type { CaptureFlags } from "./capture.js";

export const LABEL_STYLES = ["numbers", "letters"] as const;
export type LabelStyle = (typeof LABEL_STYLES)[number];

export const EVIDENCE_KINDS = ["listing", "screenshot", "purchase", "message-log", "document", "photo"] as const;
export type EvidenceKind = (typeof EVIDENCE_KINDS)[number];

export interface Caption {
  court: string;
  caseNumber: string;
  judge?: string;
  /** The magistrate judge assigned, as the docket names them. */
  magistrateJudge?: string;
  plaintiffs: string[];
  defendants: string;
  shortTitle: string;
}

export interface BatesSettings {
  prefix: string;
  start: number;
  digits: number;
}

export interface LabelSettings {
  style: LabelStyle;
  /** First label as a number (letters: 1 = A). */
  start: number;
  prefix: string;
}

/** A mark the case asserts: registered, applied for, or a common-law mark (exactly one of the three). */
export interface Mark {
  id: string;
  name: string;
  /** The registrant: one of the caption's plaintiffs (the one who recovers for this mark in the damages table). */
  owner?: string;
  /** USPTO registration number, when registered ("4,567,890"). */
  registration?: string;
  /** Application serial number, when registration is pending ("97/123,456"). */
  application?: string;
  /** True for an unregistered mark claimed at common law. */
  commonLaw?: boolean;
  /** International classes of goods (empty when none is stated, as for a common-law mark). */
  goodsClass: number[];
}

/** How the investigator came to an item: the link followed and how it was found (the "hidden link" of a DM). */
export const REACHED_VIA = ["dm", "link-in-bio", "search", "ad", "marketplace", "other"] as const;
export interface ReachedVia {
  url: string;
  how: (typeof REACHED_VIA)[number];
  /** Where the link was found, in words ("Instagram DM from @kpgboutique, message M00014"). */
  note?: string;
}

export interface Defendant {
  id: string;
  name: string;
  aliases: string[];
  platform?: string;
  sellerId?: string;
  storeUrl?: string;
  /** The store's own domain (own-website sellers); derived from storeUrl when not given. */
  domain?: string;
  /** The domain's registrar, when known (a WHOIS/RDAP record): printed on Schedule A beside the domain. */
  registrar?: string;
  location?: string;
  /**
   * The business address the defendant publishes (its seller profile, its site's imprint), as written there. It is
   * public and it is evidence of where the seller is: its street line is never redacted as a street address.
   */
  address?: string;
}

/** Metadata a person can attach to an evidence file (sidecar `<file>.meta.yaml` or a case.yaml entry). */
export interface EvidenceMeta {
  title?: string;
  description?: string;
  kind?: EvidenceKind;
  url?: string;
  capturedAt?: string;
  capturedBy?: string;
  marks?: string[];
  redact?: PixelRegion[];
  /**
   * Chat exports: pixel boxes to burn out of the public picture of photos sent in the chat, by each photo's path
   * relative to the export file's folder ("photos/179….jpg"), in the photo's pixels as it is shown (EXIF applied).
   */
  redactPhotos?: Record<string, PixelRegion[]>;
  platform?: "instagram" | "messenger";
  timeZone?: string;
  dateOrder?: "dmy" | "mdy" | "ymd";
  orders?: string[];
  /** The defendants an item concerns, the first listed under (case-wide items may name several). */
  defendants?: string[];
  reachedVia?: ReachedVia;
  /** File the item's exhibit under seal only (the public tree lists it by a slip sheet): see `sealing` in case.yaml. */
  sealed?: boolean;
  /**
   * A copy of a public record (a trademark registration certificate): offered on its own footing (Fed. R. Evid. 902(1)/(4),
   * or judicial notice), never among the records the FRE 902(13)/(14) certification covers; whether it is certified is not said.
   */
  publicRecord?: boolean;
  /** Photographs of goods received: the day (YYYY-MM-DD) and place the package arrived, as its recipient records them. */
  received?: Received;
}

export interface Received {
  on: string;
  at: string;
}

/** An explicit evidence entry in case.yaml: one exhibit made of one or more files. */
export interface EvidenceEntry extends EvidenceMeta {
  files: string[];
  defendant?: string;
  /** 1-based line in case.yaml where the entry starts, for error messages. */
  line?: number;
}

/**
 * Counsel who signs the notice of intent and its certificate of service (each field absent: a blank for counsel).
 * `service`: how the notice and certification are served ("e-mail to the addresses the Court authorised").
 */
export interface CounselSettings {
  name?: string;
  firm?: string;
  address?: string[];
  phone?: string;
  email?: string;
  barNumber?: string;
  /** Whose side counsel is for ("Counsel for Plaintiffs" by default). */
  role?: string;
  service?: { method: string; date?: string; servedOn?: string };
}

/** Who certifies the records under FRE 902(13)/(14), and where they sign (28 U.S.C. §1746). */
export interface CertificationSettings {
  certifier: {
    name: string;
    title: string;
    employer: string;
    /** Training and experience, one statement each. */
    qualifications: string[];
    /**
     * Other ways the records name the certifier ("R. Delgado (investigator)" in a sidecar's capturedBy): an item so
     * captured is the certifier's own ("I captured…"); any other name is someone else's.
     */
    recordedAs?: string[];
  };
  signedAt?: { city: string; state?: string; country?: string };
  /** Whether the certifier signs inside the United States (changes the §1746 wording). Default true. */
  inUnitedStates: boolean;
  /** How the capturing machine kept time, e.g. "NTP-synchronised (time.nist.gov)". */
  clockSource?: string;
}

/**
 * The investigator's declaration (FRE 901(b)(1)) the exhibits are attached to: who declares (default: the
 * certification's certifier), the paper it supports ("Plaintiffs' Motion for Entry of a Temporary Restraining
 * Order"; a blank for counsel when not given), and where it is signed (default: the certification's place).
 */
export interface DeclarationSettings {
  declarant?: CertificationSettings["certifier"];
  supports?: string;
  signedAt?: CertificationSettings["signedAt"];
  inUnitedStates?: boolean;
}

/** Completeness lint settings (SAFE best practices for Schedule A cases). */
export interface CheckSettings {
  /** Two-letter state the test buys must ship to (the forum state), e.g. IL. */
  forumState?: string;
  /** Most pages of evidence per alias before `check` warns. */
  pagesPerAlias: number;
}

/** What the public Schedule A may show (it is filed under seal by default). */
export interface ScheduleASettings {
  publicColumns: ScheduleAColumn[];
}
/**
 * The columns of Schedule A as filed (it is incorporated into the complaint, TRO, PI and judgment): who each defendant
 * is and where it sells, nothing about the evidence (exhibits, Bates ranges and marks are in the evidence map).
 */
export const SCHEDULE_A_COLUMNS = ["number", "alias", "name", "platform", "sellerId", "storeUrl"] as const;
export type ScheduleAColumn = (typeof SCHEDULE_A_COLUMNS)[number];

/** A rule for pages of one site: hide and click selectors used when the URL matches. */
export interface CaptureSiteRule {
  /** A host ("shop.example" also matches its subdomains) or a URL prefix ("https://shop.example/item/"). */
  match: string;
  hide: string[];
  click: string[];
  /** Capture the document such pages end on after navigating themselves (as --follow-navigation does). */
  followNavigation?: boolean;
}

/** Defaults for `exhibits capture` in this case (flags override them; site rules add selectors). */
export interface CaseCaptureSettings extends CaptureFlags {
  sites: CaptureSiteRule[];
}

/** RFC 3161 timestamping of each build's manifest (and, when asked, of each exhibit PDF and capture). */
export interface TimestampSettings {
  tsa: string[];
  exhibits: boolean;
  timeoutSeconds: number;
}

/**
 * The legend printed on sealed items: until the motion to seal is granted, the provisional wording of N.D. Ill.
 * LR 26.2(c); once granted, the order's date and docket number; or counsel's own wording.
 */
export type SealingLegend = "provisional" | { order: { date: string; docket: string } } | { text: string };

/** What goes under seal (DOMAIN.md §5.4, §7.2): see README "Sealing". */
export interface SealingSettings {
  legend: SealingLegend;
  /** Schedule A identity sealing: the public tree names defendants only as "Doe No. N (Schedule A)". */
  identities: boolean;
  /** Evidence files (paths as in case.yaml) whose exhibits are filed under seal only. */
  items: string[];
}

export interface CaseConfig {
  id: string;
  caption: Caption;
  /** The court profile the papers follow (src/court/): case.yaml `court:`, else the one the caption's court names. */
  court: CourtId;
  /** A final build: no draft banners or notes; refused while any blank for counsel remains. */
  final: boolean;
  timeZone: string;
  asOf?: string;
  /** The person who runs the builds of this case, recorded in the custody log (--operator and EXHIBITS_OPERATOR win). */
  operator?: string;
  /** Consistency findings counsel has weighed (by id, with the reason): they stop warning; the reason is kept. */
  acknowledge?: { finding: string; reason: string }[];
  bates: BatesSettings;
  labels: LabelSettings;
  marks: Mark[];
  redaction: RedactionSettings;
  counsel?: CounselSettings;
  certification?: CertificationSettings;
  declaration?: DeclarationSettings;
  damages?: DamagesSettings;
  check: CheckSettings;
  scheduleA: ScheduleASettings;
  sealing: SealingSettings;
  capture: CaseCaptureSettings;
  timestamp: TimestampSettings;
  /** OCR of image pages without text of their own: auto (when tesseract is installed), off, or required. */
  ocr: { mode: OcrMode; languages: string[] };
  /** Court file-size limit: an exhibit or bundle.pdf over it is split into parts at page boundaries. */
  volumes: { maxMegabytes: number };
  defendants: Defendant[];
  evidence: EvidenceEntry[];
}

/** A loaded case: its configuration plus where it came from. */
export interface LoadedCase {
  /** Absolute path of the case folder. */
  dir: string;
  /** Absolute path of case.yaml. */
  file: string;
  /** The folder as the user named it, for messages. */
  displayDir: string;
  config: CaseConfig;
  /** case.yaml's line of a path (or its nearest written parent; undefined for a top-level key not written), when parsed. */
  lineOf?: (path: (string | number)[]) => number | undefined;
}

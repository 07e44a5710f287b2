/**
 * Damages (15 U.S.C. §1117; DOMAIN.md §6): the `damages:` inputs of case.yaml and the table computed from
 * them (src/appendices/damages.ts). Types only. Every amount in the settings is a decimal STRING as written
 * by counsel ("250000.00"); every amount in the table is an exact Money (src/util/money.ts).
 */
import type { Money } from "./money.js";

/** Plain decimals, optionally with "," thousands grouping: 250000, 250000.00, 250,000.00. */
export const DECIMAL_AMOUNT = /^(?:[0-9]+|[0-9]{1,3}(?:,[0-9]{3})+)(?:\.[0-9]+)?$/;

/** `basis:` in case.yaml: which paragraph of §1117(c) the defendant's statutory damages rest on. */
export const STATUTORY_BASIS_KEYS = ["c1", "c2"] as const;
export type StatutoryBasisKey = (typeof STATUTORY_BASIS_KEYS)[number];

/** The basis as printed on the table. */
export type StatutoryBasis = "1117(c)(1)" | "1117(c)(2)";

/** The only rounding rule for now; stated on the table. */
export const DAMAGES_ROUNDING_RULES = ["half-up"] as const;
export type DamagesRoundingRule = (typeof DAMAGES_ROUNDING_RULES)[number];

/**
 * A conversion rate for sales recorded in another currency: 1 unit of that currency = `rate` units of
 * `damages.currency` (e.g. EUR `rate: "1.0842"` means €1 = $1.0842, as the Federal Reserve H.10 quotes the
 * euro). The table prints "1 EUR = 1.0842 USD" with the date and source so a reversed rate is visible.
 */
export interface ExchangeRate {
  /** Positive decimal string. */
  rate: string;
  /** YYYY-MM-DD: the date the rate is for. */
  date: string;
  /** Where the rate comes from ("Federal Reserve H.10"). */
  source: string;
}

/** `interest.show`: §1961 interest is off unless counsel asks for an illustration. */
export const INTEREST_SHOW = ["off", "illustrative"] as const;
export type InterestShow = (typeof INTEREST_SHOW)[number];

/**
 * 28 U.S.C. §1961 post-judgment interest (DOMAIN.md §6.4): off by default. `show: illustrative` prints it per defendant
 * (Schedule A judgments are several, not joint), projected to a payment date only when the rate and both dates are
 * stated; else the table leaves a blank for counsel.
 */
export interface InterestSettings {
  show: InterestShow;
  /** Annual rate in PERCENT, decimal string ("4.12" = 4.12 %): the weekly average 1-year CMT yield (H.15) for the week before judgment. */
  rate?: string;
  /** YYYY-MM-DD, date of entry of judgment. */
  judgmentDate?: string;
  /** YYYY-MM-DD, date of payment (on or after judgmentDate). */
  paymentDate?: string;
}

/** Sales evidence for the profits alternative (§1117(a)/(b)): `units` sold at `unitPrice` each. */
export interface SaleRecord {
  /** Whole units sold (a count, so a number is fine). */
  units: number;
  /** Decimal string in `currency`. */
  unitPrice: string;
  /** ISO 4217 code; absent = `damages.currency`. */
  currency?: string;
  /** Where the figures come from ("Amazon sales report, exhibit 9"). */
  source: string;
}

/** A requested amount for one counterfeit mark on one type of goods. */
export interface PerUnitRequest {
  mark: string;
  goods: string;
  /** Decimal string. */
  amount: string;
}

/** Either one flat amount for the defendant, or one amount per mark × goods type (every pair, once). */
export type DamagesRequest = { flat: string; perUnit?: undefined } | { perUnit: PerUnitRequest[]; flat?: undefined };

export interface DefendantDamagesSettings {
  basis: StatutoryBasisKey;
  /** (c)(2) requires true. */
  willful: boolean;
  /** Types of goods sold, offered or distributed (free text ids such as "shoes"). */
  goods: string[];
  /** Counterfeit marks used: ids of case.yaml `marks`. */
  marks: string[];
  request: DamagesRequest;
  sales: SaleRecord[];
  /** Funds frozen under the asset-restraint order, decimal string in `damages.currency`. */
  restrained?: string;
  /** Where the restrained amount comes from (the platform's restraint report, a docket entry). */
  restrainedSource?: string;
  /** The plaintiff who recovers from this defendant (one of the caption's plaintiffs); else the owner of its marks. */
  plaintiff?: string;
  /** What shows the use was willful (exhibit references, facts), for a willful defendant. */
  willfulnessBasis?: string;
}

/** case.yaml `damages:` (schema: src/schema/damages.ts). */
export interface DamagesSettings {
  /** The statute is in US dollars, so this is USD. */
  currency: "USD";
  rounding: DamagesRoundingRule;
  /** Keyed by ISO 4217 code. */
  exchangeRates: Record<string, ExchangeRate>;
  interest?: InterestSettings;
  /** Keyed by defendant id (case.yaml `defendants[].id`). */
  defendants: Record<string, DefendantDamagesSettings>;
}

// --- the computed table ------------------------------------------------------------------------------

export interface DamagesMark {
  id: string;
  name: string;
  registration: string;
  goodsClass: number[];
}

/**
 * One counterfeit mark × one type of goods for one defendant: the statute's unit of statutory damages.
 *
 * `requested` is the per-unit amount of a `perUnit` request, or the unit's SHARE of a flat request
 * (`requestKind: "flat-share"`): the flat amount split into equal shares to the cent, the leftover cents
 * one each on the first rows in table order — so the shares add up exactly to the flat amount, and each
 * share lies within the statutory range whenever the flat amount lies within units × min … units × cap.
 */
export interface DamagesRow {
  defendantId: string;
  defendantName: string;
  /** 1-based order of the defendant in case.yaml `defendants` (the Schedule A number). */
  scheduleANumber: number;
  /** 1-based position of this unit among the defendant's rows. */
  unitIndex: number;
  mark: DamagesMark;
  goods: string;
  basis: StatutoryBasis;
  willful: boolean;
  statutoryMin: Money;
  statutoryMax: Money;
  requested: Money;
  requestKind: "per-unit" | "flat-share";
  /** Σ units × unit price for the defendant: on the defendant's FIRST row only, when sales were given. */
  profits?: Money;
  /** 3 × profits (§1117(b)): on the defendant's first row only, when sales were given. */
  trebledProfits?: Money;
}

/** One sale as used in the profits figure. */
export interface DamagesSale {
  units: number;
  unitPrice: Money;
  /** units × unitPrice in the sale's own currency (exact). */
  amount: Money;
  /** The amount in the table currency: equal to `amount`, or converted and rounded half-up to the cent. */
  amountInTableCurrency: Money;
  conversion?: { rate: string; date: string; source: string };
  source: string;
}

export interface DefendantDamagesTotal {
  defendantId: string;
  defendantName: string;
  scheduleANumber: number;
  /** The plaintiff who recovers (the registrant of the marks), or a blank for counsel. */
  plaintiff: string;
  /** The basis for willfulness (willful defendants: as stated, or a blank for counsel); empty when not willful. */
  willfulnessBasis: string;
  sellerId?: string;
  basis: StatutoryBasis;
  willful: boolean;
  /** Number of mark × goods units (= rows). */
  units: number;
  marks: DamagesMark[];
  goods: string[];
  requestKind: "per-unit" | "flat";
  /** The flat amount as requested, for flat requests. */
  flatRequest?: Money;
  /** Σ of the defendant's row amounts. */
  requested: Money;
  /** Whether sales were given (else profits are zero and printed blank). */
  hasSales: boolean;
  sales: DamagesSale[];
  profits: Money;
  trebledProfits: Money;
  restrained?: Money;
  restrainedSource?: string;
}

export interface DamagesTotals {
  requested: Money;
  profits: Money;
  trebledProfits: Money;
  /** Σ of the restrained amounts given (zero when none). */
  restrained: Money;
}

/** §1961 interest on one defendant's judgment. */
export interface DefendantInterest {
  defendantId: string;
  defendantName: string;
  scheduleANumber: number;
  /** P: the defendant's total requested. */
  principal: Money;
  /** Rounded half-up to the cent, once (absent without a stated rate and dates). */
  amount?: Money;
  /** principal + amount. */
  totalWithInterest?: Money;
}

/** §1961 interest as illustrated (`interest.show: illustrative`): per defendant, never on the sum of the judgments. */
export interface DamagesInterest {
  /** Percent, as written ("4.12"), when stated. */
  ratePercent?: string;
  judgmentDate?: string;
  paymentDate?: string;
  /** d: calendar days from judgment to payment, ⌊d / 365⌋ whole years compounded, d mod 365 days simple (with the dates). */
  days?: number;
  years?: number;
  remainderDays?: number;
  defendants: DefendantInterest[];
  /** The blank for counsel when the rate or a date is not stated (then nothing is projected). */
  blank?: string;
  /** The formula (with the figures when projected), for the table's notes. */
  formula: string;
}

export interface DamagesConversion {
  currency: string;
  rate: string;
  date: string;
  source: string;
  /** Defendants whose sales were converted at this rate. */
  defendantIds: string[];
}

export interface DamagesTable {
  currency: string;
  /** Defendant by defendant (Schedule A order), then mark order and goods order as listed for the defendant. */
  rows: DamagesRow[];
  /** Per defendant, Schedule A order. */
  defendants: DefendantDamagesTotal[];
  totals: DamagesTotals;
  interest?: DamagesInterest;
  roundingRule: string;
  /** The statutory basis text printed on the table. */
  statutoryNote: string;
  conversions: DamagesConversion[];
  /** Conversions, flat-request allocations, interest formula: for the notes under the table. */
  notes: string[];
  /** Lints for counsel (nothing here stops the build). */
  warnings: string[];
}

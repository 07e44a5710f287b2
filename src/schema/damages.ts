/**
 * The schema of case.yaml `damages:` (DOMAIN.md §6; types in src/model/damages.ts). Shape and formats only:
 * the cross-checks against the case (known defendants and marks, the statutory ranges) are made by
 * computeDamages (src/appendices/damages.ts), which names the defendant in every message.
 *
 * Amounts and rates are decimal STRINGS. A YAML number (`flat: 250000.00`) is refused: YAML reads it as a
 * binary float, which cannot hold every cent exactly and has already lost the written digits.
 *
 * Type checks go through `expecting` (a custom issue with our own message) rather than zod's invalid_type:
 * zod 4 issues do not carry the input, and parseYaml turns every invalid_type into "missing; this field is
 * required", which would hide "write the amount as a quoted string" behind a wrong message.
 */
import { z } from "zod";
import { DAMAGES_ROUNDING_RULES, DECIMAL_AMOUNT, INTEREST_SHOW, STATUTORY_BASIS_KEYS } from "../model/damages.js";
import type { DamagesSettings } from "../model/damages.js";
import type { SameType } from "./fields.js";

const MISSING = "missing; this field is required";

/** Check the JavaScript type with our own message, then hand the value to `schema`. */
function expecting<T extends z.ZodType>(is: (v: unknown) => boolean, expected: string | ((input: unknown) => string), schema: T) {
  return z
    .custom<unknown>(is, {
      error: (issue) =>
        issue.input === undefined ? MISSING : typeof expected === "string" ? `expected ${expected}` : expected(issue.input),
    })
    .pipe(schema);
}

const isString = (v: unknown) => typeof v === "string";
const isObject = (v: unknown) => typeof v === "object" && v !== null && !Array.isArray(v) && !(v instanceof Date);

const id = expecting(
  isString,
  "an id of lowercase letters, digits, '-' or '_' (like kpg-amazon)",
  z.string().regex(/^[a-z0-9][a-z0-9_-]*$/, "expected an id of lowercase letters, digits, '-' or '_' (like kpg-amazon)"),
);
const text = expecting(isString, "a text", z.string().trim().min(1, "expected a non-empty text"));

function list<T extends z.ZodType>(item: T, example: string) {
  return expecting(Array.isArray, `a list, like ${example}`, z.array(item));
}

function decimalString(what: string, example: string) {
  return expecting(
    isString,
    (input) =>
      typeof input === "number"
        ? `write the ${what} as a quoted decimal string, like "${example}": YAML reads an unquoted ${input} as a binary floating-point ` +
          `number, which cannot hold every cent exactly`
        : `expected the ${what} as a quoted decimal string, like "${example}"`,
    z
      .string()
      .trim()
      .regex(
        DECIMAL_AMOUNT,
        `expected the ${what} as a plain decimal like "${example}" (digits, optional ',' thousands grouping, '.' decimals; no currency ` +
          `symbol, no sign)`,
      ),
  );
}

const amount = decimalString("amount", "250000.00");

function isCalendarDate(s: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.getUTCFullYear() === Number(m[1]) && d.getUTCMonth() === Number(m[2]) - 1 && d.getUTCDate() === Number(m[3]);
}

/** YYYY-MM-DD. A YAML 1.1 timestamp already turned into a Date (midnight UTC) is accepted back as its date. */
export const calendarDate = z.preprocess(
  (v) => (v instanceof Date && !Number.isNaN(v.getTime()) ? v.toISOString().slice(0, 10) : v),
  expecting(
    isString,
    "a date like 2026-06-01",
    z.string().trim().refine(isCalendarDate, "expected a real calendar date written YYYY-MM-DD, like 2026-06-01"),
  ),
);

const currencyCode = expecting(
  isString,
  "a three-letter ISO 4217 currency code such as USD",
  z
    .string()
    .trim()
    .regex(/^[A-Za-z]{3}$/, "expected a three-letter ISO 4217 currency code such as USD or EUR")
    .transform((c) => c.toUpperCase()),
);

const exchangeRateSchema = expecting(
  isObject,
  'a rate like { rate: "1.0842", date: 2026-03-01, source: "Federal Reserve H.10" } (1 unit of this currency = rate US dollars)',
  z.strictObject({
    rate: decimalString("rate", "1.0842").refine((r) => /[1-9]/.test(r), "the rate must be greater than zero"),
    date: calendarDate,
    source: text,
  }),
);

const interestSchema = expecting(
  isObject,
  'the §1961 settings { show: illustrative, rate: "4.12", judgmentDate: 2026-06-01, paymentDate: 2027-09-15 }',
  z
    .strictObject({
      show: z
        .enum(INTEREST_SHOW, {
          message:
            "expected off (the default: no §1961 interest in the table) or illustrative (interest per defendant, as an illustration)",
        })
        .default("off"),
      rate: decimalString("rate (in percent)", "4.12").optional(),
      judgmentDate: calendarDate.optional(),
      paymentDate: calendarDate.optional(),
    })
    .refine((i) => !i.paymentDate || !i.judgmentDate || i.paymentDate >= i.judgmentDate, {
      message: "paymentDate must be on or after judgmentDate (post-judgment interest runs from entry of judgment to payment)",
      path: ["paymentDate"],
    }),
);

const saleSchema = expecting(
  isObject,
  'a sale like { units: 14, unitPrice: "89.99", currency: USD, source: "Amazon sales report, exhibit 9" }',
  z.strictObject({
    units: expecting(
      (v) => typeof v === "number",
      "a whole number of units, like 14",
      z
        .number()
        .int("expected a whole number of units, like 14")
        .min(0, "expected zero or more units")
        .max(Number.MAX_SAFE_INTEGER, "too many units"),
    ),
    unitPrice: decimalString("unit price", "89.99"),
    currency: currencyCode.optional(),
    source: text,
  }),
);

const perUnitSchema = expecting(
  isObject,
  '{ mark, goods, amount }, like { mark: rockstud, goods: shoes, amount: "100000.00" }',
  z.strictObject({ mark: id, goods: text, amount }),
);

const requestSchema = expecting(
  isObject,
  'flat: "250000.00" or perUnit: [{ mark, goods, amount }, …] under request',
  z
    .strictObject({
      flat: amount.optional(),
      perUnit: list(perUnitSchema, '[{ mark: rockstud, goods: shoes, amount: "100000" }]')
        .refine((a) => a.length > 0, "expected at least one { mark, goods, amount } entry")
        .optional(),
    })
    .refine((r) => (r.flat === undefined) !== (r.perUnit === undefined), {
      message:
        "expected exactly one of 'flat' (one amount for the defendant, like flat: \"250000.00\") or 'perUnit' (a list of { mark, " +
        "goods, amount }, one per mark × goods type)",
    })
    .transform((r) => (r.flat !== undefined ? { flat: r.flat } : { perUnit: r.perUnit ?? [] })),
);

const defendantSchema = expecting(
  isObject,
  "the defendant's damages settings (basis, willful, goods, marks, request, …)",
  z
    .strictObject({
      basis: expecting(
        isString,
        "c1 or c2",
        z.enum(STATUTORY_BASIS_KEYS, {
          message:
            "expected c1 (§1117(c)(1): $1,000 to $200,000 per mark per type of goods) or c2 (§1117(c)(2): up to $2,000,000, willful)",
        }),
      ),
      willful: expecting((v) => typeof v === "boolean", "true or false", z.boolean()).default(false),
      goods: list(text, "[shoes, handbags]").refine((a) => a.length > 0, "expected at least one type of goods, like [shoes]"),
      marks: list(id, "[rockstud, v-logo]").refine((a) => a.length > 0, "expected at least one counterfeit mark id (from case.yaml marks)"),
      request: requestSchema,
      sales: list(saleSchema, '[{ units: 14, unitPrice: "89.99", source: "…" }]').default([]),
      restrained: amount.optional(),
      restrainedSource: text.optional(),
      plaintiff: text.optional(),
      willfulnessBasis: text.optional(),
    })
    .refine((d) => d.basis !== "c2" || d.willful, {
      message: "basis c2 (§1117(c)(2), up to $2,000,000 per mark per type of goods) requires willful: true; otherwise use basis c1",
      path: ["willful"],
    }),
);

export const damagesSchema = expecting(
  isObject,
  "the damages settings (currency, defendants, …)",
  z.strictObject({
    currency: z
      .literal("USD", {
        message: "expected USD: statutory damages under §1117(c) are in US dollars (convert sales in other currencies with exchangeRates)",
      })
      .default("USD"),
    rounding: z.enum(DAMAGES_ROUNDING_RULES, { message: "expected half-up (the only rounding rule for now)" }).default("half-up"),
    exchangeRates: expecting(
      isObject,
      'a map of currency code → rate, like EUR: { rate: "1.0842", date: 2026-03-01, source: "Federal Reserve H.10" }',
      z.record(z.string().regex(/^[A-Z]{3}$/, "expected a three-letter ISO 4217 currency code in capitals, like EUR"), exchangeRateSchema),
    ).default({}),
    interest: interestSchema.optional(),
    defendants: expecting(
      isObject,
      'a map of defendant id → settings, like kpg: { basis: c1, goods: [shoes], marks: [rockstud], request: { flat: "50000.00" } }',
      z.record(id, defendantSchema).refine((d) => Object.keys(d).length > 0, "expected at least one defendant"),
    ),
  }),
);

const _settings: SameType<z.output<typeof damagesSchema>, DamagesSettings> = true;
void _settings;

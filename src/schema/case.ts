/**
 * The one schema of case.yaml and of evidence sidecars (`<file>.meta.yaml`). Every rule about what a
 * case may contain lives here; src/case/index.ts turns violations into errors naming file, line and field.
 */
import { OCR_MODES } from "../model/ocr.js";
import { z } from "zod";
import { EVIDENCE_KINDS, LABEL_STYLES, REACHED_VIA, SCHEDULE_A_COLUMNS } from "../model/case.js";
import type { CaseConfig, EvidenceMeta } from "../model/case.js";
import { damagesSchema } from "./damages.js";
import { certificationSchema, counselSchema, declarationSchema } from "./papers.js";
import { COURT_IDS, defaultCourt } from "../court/index.js";
import { backtrackingRisk } from "../util/regex-safety.js";

const id = z
  .string()
  .regex(/^[a-z0-9][a-z0-9_-]*$/, "expected an id of lowercase letters, digits, '-' or '_' (like kpg-amazon)")
  // An id names a folder (out/<case-id>/, evidence/<defendant-id>/): well inside a file name's 255 bytes.
  .max(100, "expected at most 100 characters (an id names a folder)");
const text = z.string().trim().min(1, "expected a non-empty text");
const url = z.url({ message: "expected an absolute URL such as https://www.example.com/item/123" });

function isTimeZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat("en-US", { timeZone: tz });
    return tz.includes("/") || tz === "UTC";
  } catch {
    return false;
  }
}

function isRegex(source: string): boolean {
  try {
    new RegExp(source, "gu");
    return source.length > 0;
  } catch {
    return false;
  }
}

/** A redaction pattern: valid, and free of catastrophic backtracking (util/regex-safety.ts), before it meets any text. */
function checkRegex(source: string, ctx: z.RefinementCtx): void {
  if (!isRegex(source)) {
    ctx.addIssue({ code: "custom", message: "expected a valid JavaScript regular expression (check brackets and escapes)" });
    return;
  }
  const risk = backtrackingRisk(source);
  if (risk) {
    const message =
      `could take minutes on one line of evidence (catastrophic backtracking): ${risk}; ` +
      "rewrite it so that no part can repeat in two ways";
    ctx.addIssue({ code: "custom", message });
  }
}

const NO_REPLACEMENT =
  "is no longer accepted: the public page shows [REDACTED] for every case pattern (no rule text on the face of a " +
  'page); remove it, and name the pattern\'s basis instead (basis: "Protective Order, Dkt. 31")';

/** Street addresses are none of Fed. R. Civ. P. 5.2(a)'s categories: their basis is an order (5.2(e), protective) or leave. */
function streetBasisNot52a(basis: string, ctx: z.RefinementCtx): void {
  if (/5\.2\s*\(\s*a\s*\)/i.test(basis) || (/\b5\.2\b/.test(basis) && !/\(\s*e\s*\)|order|dkt|ecf|leave/i.test(basis)))
    ctx.addIssue({
      code: "custom",
      message:
        "Fed. R. Civ. P. 5.2(a) does not cover street addresses (only SSN/TIN, birth dates, minors' names and " +
        'financial-account numbers); name the order or leave that allows it, like "Protective Order, Dkt. 31"',
    });
}

/** ISO 8601 date-time with an explicit zone (Z or ±hh:mm): a capture time must never be guessed. */
export const isoInstant = z
  .string()
  .regex(
    /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/,
    "expected an ISO 8601 time with its zone, like 2025-03-14T15:22:05Z or 2025-03-14T10:22:05-05:00",
  )
  .refine((s) => !Number.isNaN(Date.parse(s)), "expected a real calendar date and time");

/** A calendar date written YYYY-MM-DD (YAML may read it as a date: taken back as its ISO day). */
const day = z
  .union([z.string(), z.date()])
  .transform((v) => (v instanceof Date ? v.toISOString().slice(0, 10) : v.trim()))
  .pipe(
    z
      .string()
      .regex(/^\d{4}-\d{2}-\d{2}$/, "expected a date written YYYY-MM-DD, like 2026-03-03")
      .refine((s) => !Number.isNaN(Date.parse(`${s}T00:00:00Z`)), "expected a real calendar date"),
  );

const region = z.strictObject({
  x: z.number().int().min(0),
  y: z.number().int().min(0),
  width: z.number().int().min(1),
  height: z.number().int().min(1),
  reason: text.optional(),
  /** What allows the redaction: the 5.2(a) paragraph, or the order or leave that does. */
  basis: text.optional(),
});

const metaFields = {
  title: text.max(200, "expected at most 200 characters (courts want a short neutral description)").optional(),
  description: text.optional(),
  kind: z.enum(EVIDENCE_KINDS, { message: `expected one of ${EVIDENCE_KINDS.join(", ")}` }).optional(),
  url: url.optional(),
  capturedAt: isoInstant.optional(),
  capturedBy: text.optional(),
  marks: z.array(id).optional(),
  /** Pixel boxes to burn out of an image in the public twin (image pixels, origin top-left). */
  redact: z.array(region).optional(),
  /** Chat exports: pixel boxes to burn out of photos sent in the chat, by the photo's path from the export's folder. */
  redactPhotos: z.record(z.string().min(1, "expected the photo's path"), z.array(region)).optional(),
  /** Meta exports: which app the thread came from. */
  platform: z.enum(["instagram", "messenger"], { message: "expected instagram or messenger" }).optional(),
  /** WhatsApp exports carry no zone: the zone the exporting phone was set to (default: the case's). */
  timeZone: z.string().refine(isTimeZone, "expected an IANA time zone such as America/Chicago").optional(),
  /** WhatsApp exports: force the date order when the file cannot settle it. */
  dateOrder: z.enum(["dmy", "mdy", "ymd"], { message: "expected dmy, mdy or ymd" }).optional(),
  /** Purchase records: show only these order ids (test buys), in this order. */
  orders: z.array(z.union([z.string(), z.number()]).transform(String)).optional(),
  /** The defendants the item concerns; its exhibit is listed under the first, cross-referenced from the others. */
  defendants: z.array(id).min(1, "expected at least one defendant id").optional(),
  /** The link that led to the item, and how it was found. */
  reachedVia: z
    .strictObject({
      url,
      how: z.enum(REACHED_VIA, { message: `expected one of ${REACHED_VIA.join(", ")}` }),
      note: text.optional(),
    })
    .optional(),
  /** File the item's exhibit under seal only (the public tree gets a slip sheet in its place). */
  sealed: z.boolean({ message: "expected true or false" }).optional(),
  /** Photographs of goods received: when and where the package arrived, as the person who received it records it. */
  received: z.strictObject({ on: day, at: text }).optional(),
  /** A certified copy of a public record (registration certificate): Fed. R. Evid. 902(1)/(4), not 902(13)/(14). */
  publicRecord: z.boolean({ message: "expected true or false" }).optional(),
};

export const sidecarSchema = z.strictObject(metaFields) satisfies z.ZodType<EvidenceMeta>;

const number = (message: string, pattern: RegExp) =>
  z
    .union([z.string(), z.number()])
    .transform((v) => String(v).trim())
    .pipe(z.string().regex(pattern, message));

const markSchema = z
  .strictObject({
    id,
    name: text,
    owner: text.optional(),
    registration: number("expected a registration number such as 4,567,890", /^[0-9][0-9,]*$/).optional(),
    application: number("expected an application serial number such as 97/123,456 or 97123456", /^[0-9][0-9,/]*$/).optional(),
    commonLaw: z.literal(true, { message: "expected true (an unregistered mark claimed at common law)" }).optional(),
    goodsClass: z
      .union([z.number().int().min(1).max(45), z.array(z.number().int().min(1).max(45))])
      .transform((v) => (Array.isArray(v) ? v : [v]))
      .default([]),
  })
  .refine((m) => [m.registration, m.application, m.commonLaw].filter((x) => x !== undefined).length === 1, {
    message: "expected exactly one of registration (a registered mark), application (pending) or commonLaw: true",
  });

const defendantSchema = z.strictObject({
  id,
  name: text,
  aliases: z.array(text).default([]),
  platform: text.optional(),
  sellerId: text.optional(),
  storeUrl: url.optional(),
  domain: z
    .string()
    .trim()
    .toLowerCase()
    .regex(/^(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.)+[a-z][a-z0-9-]*[a-z0-9]$/, "expected a domain name such as studline-outlet.example")
    .optional(),
  registrar: text.optional(),
  location: text.optional(),
  address: text.optional(),
});

const entrySchema = z
  .strictObject({
    ...metaFields,
    file: text.optional(),
    files: z.array(text).min(1, "expected at least one file").optional(),
    defendant: id.optional(),
  })
  .refine((e) => (e.file === undefined) !== (e.files === undefined), {
    message: "expected exactly one of 'file' (one path) or 'files' (a list of paths)",
  })
  .refine((e) => e.defendant === undefined || e.defendants === undefined, {
    message: "expected 'defendant' (one id) or 'defendants' (a list), not both",
  })
  .transform(({ file, files, ...rest }) => ({ ...rest, files: files ?? [file as string] }));

const sealingSchema = z.strictObject({
  legend: z
    .union(
      [
        z.literal("provisional"),
        z.strictObject({
          order: z.strictObject({
            date: day,
            docket: z
              .union([z.string(), z.number()])
              .transform((v) => String(v).trim())
              .pipe(z.string().regex(/^[0-9][0-9A-Za-z.-]*$/, "expected the order's docket number, like 17 or 17-1")),
          }),
        }),
        z.strictObject({ text: text.max(120, "expected at most 120 characters (the legend is printed in every footer)") }),
      ],
      { message: "expected provisional, { order: { date, docket } } once the motion to seal is granted, or { text: your wording }" },
    )
    .default("provisional"),
  identities: z.boolean({ message: "expected true or false" }).default(false),
  items: z.array(text).default([]),
});

const selectors = z.array(text).default([]);
const follow = z.boolean({ message: "expected true or false" }).optional();
const captureSchema = z.strictObject({
  viewport: z
    .strictObject({
      width: z.number().int().min(320, "expected at least 320 px").max(3840, "expected at most 3840 px"),
      height: z.number().int().min(240, "expected at least 240 px").max(4320, "expected at most 4320 px"),
    })
    .optional(),
  userAgent: text.optional(),
  hide: selectors,
  click: selectors,
  navigationSeconds: z.number().min(1).max(600).optional(),
  settleSeconds: z.number().min(0.5).max(600).optional(),
  maxHeight: z.number().int().min(1000).max(200_000).optional(),
  followNavigation: follow,
  sites: z.array(z.strictObject({ match: text, hide: selectors, click: selectors, followNavigation: follow })).default([]),
});

export const caseSchema = z
  .strictObject({
    id,
    caption: z.strictObject({
      court: text,
      caseNumber: text,
      judge: text.optional(),
      /** The magistrate judge assigned, as the docket names them ("Magistrate Judge …"). */
      magistrateJudge: text.optional(),
      plaintiffs: z.array(text).min(1, "expected at least one plaintiff"),
      defendants: text,
      shortTitle: text,
    }),
    court: z.enum(COURT_IDS, { message: `expected one of ${COURT_IDS.join(", ")}` }).optional(),
    final: z.boolean().default(false),
    timeZone: z.string().refine(isTimeZone, "expected an IANA time zone such as America/Chicago or UTC"),
    asOf: isoInstant.optional(),
    operator: text.optional(),
    bates: z
      .strictObject({
        prefix: z.string().regex(/^[A-Z0-9_-]{0,12}$/, "expected up to 12 capital letters, digits, '-' or '_'"),
        start: z.number().int().min(0).default(1),
        digits: z.number().int().min(4).max(15).default(6),
      })
      .refine((b) => String(b.start).length <= b.digits, { message: "start has more digits than 'digits' allows", path: ["start"] }),
    labels: z
      .strictObject({
        style: z.enum(LABEL_STYLES, { message: "expected numbers or letters" }).default("numbers"),
        start: z
          .union([z.number().int().min(1), z.string().regex(/^[A-Z]{1,3}$/, "expected a number, or capital letters like A or AA")])
          .default(1),
        prefix: z.string().max(12).default(""),
      })
      .default({ style: "numbers", start: 1, prefix: "" }),
    marks: z.array(markSchema).default([]),
    redaction: z
      .strictObject({
        minors: z.array(text).default([]),
        patterns: z
          .array(
            z.strictObject({
              name: text,
              regex: z.string().superRefine(checkRegex),
              basis: text.optional(),
              replacement: z
                .unknown()
                .optional()
                .superRefine((v, ctx) => {
                  if (v !== undefined) ctx.addIssue({ code: "custom", message: NO_REPLACEMENT });
                }),
            }),
          )
          .default([]),
        streetAddresses: z
          .union([z.boolean(), z.strictObject({ basis: text.superRefine(streetBasisNot52a) })], {
            error: (issue) =>
              issue.code === "invalid_union" && issue.errors.some((e) => e.some((i) => i.code === "custom"))
                ? undefined
                : 'expected true, false, or { basis: "…" } naming the order or leave that allows it (like "Protective Order, Dkt. 31")',
          })
          .default(false),
      })
      .default({ minors: [], patterns: [], streetAddresses: false }),
    damages: damagesSchema.optional(),
    counsel: counselSchema.optional(),
    certification: certificationSchema.optional(),
    declaration: declarationSchema.optional(),
    check: z
      .strictObject({
        forumState: z
          .string()
          .regex(/^[A-Z]{2}$/, "expected a two-letter state code such as IL")
          .optional(),
        pagesPerAlias: z.number().int().min(1).default(12),
      })
      .default({ pagesPerAlias: 12 }),
    scheduleA: z
      .strictObject({
        publicColumns: z
          .array(z.enum(SCHEDULE_A_COLUMNS, { message: `expected one of ${SCHEDULE_A_COLUMNS.join(", ")}` }))
          .default(["number", "platform"]),
      })
      .default({ publicColumns: ["number", "platform"] }),
    sealing: sealingSchema.default({ legend: "provisional", identities: false, items: [] }),
    /** Consistency findings counsel has weighed: each by its id (from `exhibits check`), with the reason. */
    acknowledge: z
      .array(
        z.strictObject({
          finding: z
            .string()
            .regex(
              /^[a-z0-9-]+:[A-Za-z0-9_.-]+:[0-9a-f]{8}$/,
              "expected a finding id as check prints it, like tracking-mismatch:kpg:3f9a1c2e",
            ),
          reason: text,
        }),
      )
      .optional(),
    capture: captureSchema.default({ hide: [], click: [], sites: [] }),
    timestamp: z
      .strictObject({
        tsa: z
          .array(z.url({ protocol: /^https?$/, message: "expected the http(s) address of an RFC 3161 time-stamping authority" }))
          .default([]),
        exhibits: z.boolean().default(false),
        timeoutSeconds: z.number().min(1).max(300).default(20),
      })
      .default({ tsa: [], exhibits: false, timeoutSeconds: 20 }),
    ocr: z
      .union([
        z.enum(OCR_MODES, { message: `expected one of ${OCR_MODES.join(", ")}` }).transform((mode) => ({ mode, languages: ["eng"] })),
        z.strictObject({
          mode: z.enum(OCR_MODES, { message: `expected one of ${OCR_MODES.join(", ")}` }).default("auto"),
          languages: z
            .array(z.string().regex(/^[A-Za-z]{3}(?:_[A-Za-z]+)*$/, "expected a tesseract language code such as eng or chi_sim"))
            .min(1, "expected at least one language")
            .default(["eng"]),
        }),
      ])
      .default({ mode: "auto", languages: ["eng"] }),
    volumes: z
      .strictObject({ maxMegabytes: z.number().min(0.5, "expected at least 0.5 (MB)").max(10_000).default(35) })
      .default({ maxMegabytes: 35 }),
    defendants: z.array(defendantSchema).min(1, "expected at least one defendant"),
    evidence: z.array(entrySchema).default([]),
  })
  .superRefine(plaintiffsNamed)
  .transform((c) => ({
    ...c,
    court: c.court ?? defaultCourt(c.caption.court),
    labels: { ...c.labels, start: labelStartNumber(c.labels.start) },
    // A defendant's own published address is public: its street line is evidence, never redacted as an address.
    redaction: { ...c.redaction, publicAddresses: c.defendants.flatMap((d) => (d.address ? [d.address] : [])) },
  }));

/**
 * A mark's owner and a defendant's recovering plaintiff name one of the caption's plaintiffs (as written there): the
 * damages table says which plaintiff recovers.
 */
function plaintiffsNamed(
  c: { caption: { plaintiffs: string[] }; marks: { owner?: string }[]; damages?: { defendants: Record<string, { plaintiff?: string }> } },
  ctx: z.RefinementCtx,
): void {
  const known = c.caption.plaintiffs;
  const message = (who: string) => `'${who}' is none of the caption's plaintiffs (${known.join("; ")}); write the name as the caption does`;
  c.marks.forEach((m, i) => {
    if (m.owner !== undefined && !known.includes(m.owner))
      ctx.addIssue({ code: "custom", path: ["marks", i, "owner"], message: message(m.owner) });
  });
  for (const [id, d] of Object.entries(c.damages?.defendants ?? {}))
    if (d.plaintiff !== undefined && !known.includes(d.plaintiff))
      ctx.addIssue({ code: "custom", path: ["damages", "defendants", id, "plaintiff"], message: message(d.plaintiff) });
}

/** Letters → their number in the bijective base-26 sequence A=1 … Z=26, AA=27. */
function labelStartNumber(start: number | string): number {
  if (typeof start === "number") return start;
  let n = 0;
  for (const ch of start) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n;
}

// Compile-time check that the schema's output is the model's CaseConfig (without the line numbers).
type SchemaOut = z.output<typeof caseSchema>;
const _check: (c: SchemaOut) => CaseConfig = (c) => c;
void _check;

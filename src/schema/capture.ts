/**
 * capture.json, as `exhibits capture` writes it. Build reads it back through this schema, so a hand-edited
 * or damaged record is refused with the field named, before its facts reach a cover sheet.
 */
import { z } from "zod";
import { CAPTURE_FILES, CAPTURE_FORMAT, CAPTURE_RECORD_FILE, type CaptureRecord } from "../model/capture.js";
import { isoInstant } from "./case.js";
import { digest, type SameType } from "./fields.js";

const viewport = z.object({ width: z.number().int().positive(), height: z.number().int().positive() });
const fileName = z
  .string()
  .regex(/^[A-Za-z0-9._-]+$/, "expected a plain file name inside the capture folder")
  .refine((n) => n !== CAPTURE_RECORD_FILE, "capture.json cannot list itself");

/** Bounded lists (dialogs, pop-ups, navigations): every one counted, the first 50 recorded, never more recorded than counted. */
const count = z.number().int().min(0);
const fewerRecorded: [(c: { count: number; recorded: unknown[] }) => boolean, { message: string; path: string[] }] = [
  (c) => c.recorded.length <= c.count,
  { message: "records more than it counts", path: ["recorded"] },
];
const dialog = z.object({
  type: z.enum(["alert", "confirm", "prompt", "beforeunload"]),
  text: z.string().max(501),
  atMs: z.number().min(0),
  answer: z.enum(["dismissed", "accepted"]),
});
const popup = z.object({ url: z.string().max(2001), atMs: z.number().min(0) });
const navigation = z.object({
  url: z.string().max(2001),
  atMs: z.number().min(0),
  how: z.enum(["script", "meta refresh", "Refresh header", "link", "form", "reload", "within the document", "other"]),
  outcome: z.enum(["held", "followed", "same-document"]),
  from: z.string().max(2001).optional(),
  status: z.number().int().optional(),
});

const refusedRequest = z.object({
  url: z.string().max(2001),
  atMs: z.number().min(0),
  host: z.string(),
  address: z.string(),
  range: z.string(),
});

export const captureRecordSchema = z.object({
  format: z.literal(CAPTURE_FORMAT, { message: `expected "${CAPTURE_FORMAT}"` }),
  requestedUrl: z.string().min(1),
  finalUrl: z.string().min(1),
  responseUrl: z.string().min(1).optional(),
  redirects: z.array(z.object({ url: z.string(), status: z.number().int(), location: z.string().optional() })),
  status: z.number().int().min(100).max(599),
  statusText: z.string(),
  headers: z.record(z.string(), z.string()),
  remoteAddress: z.string().optional(),
  tls: z
    .object({
      protocol: z.string().optional(),
      subject: z.string(),
      issuer: z.string(),
      subjectAlternativeNames: z.array(z.string()),
      validFrom: z.string(),
      validTo: z.string(),
      sha256Fingerprint: z.string().optional(),
      trustedByPin: z.boolean().optional(),
    })
    .optional(),
  title: z.string(),
  startedAt: isoInstant,
  endedAt: isoInstant,
  defendant: z.string(),
  marks: z.array(z.string()),
  note: z.string().optional(),
  operator: z.string().min(1),
  operatorSource: z.enum(["flag", "environment", "os-account"]),
  host: z.object({ name: z.string(), platform: z.string(), release: z.string() }),
  tool: z.string(),
  browser: z.object({ name: z.string(), version: z.string(), userAgent: z.string(), viewport }),
  settings: z.object({
    hide: z.array(z.string()),
    click: z.array(z.string()),
    navigationTimeoutMs: z.number(),
    settleTimeoutMs: z.number(),
    maxHeight: z.number(),
    followNavigation: z.boolean().optional(),
    allowPrivate: z.boolean().optional(),
  }),
  settle: z.object({
    loadEvent: z.boolean(),
    networkQuiet: z.boolean(),
    pending: z.array(z.string()),
    scrolledTo: z.number(),
    notes: z.array(z.string()),
    scriptsStoppedAtMs: z.number().min(0).optional(),
  }),
  dialogs: z
    .object({ count, recorded: z.array(dialog).max(50) })
    .refine(...fewerRecorded)
    .optional(),
  popups: z
    .object({ count, closed: count, recorded: z.array(popup).max(50) })
    .refine(...fewerRecorded)
    .optional(),
  navigations: z
    .object({ follow: z.boolean(), count, recorded: z.array(navigation).max(50) })
    .refine(...fewerRecorded)
    .optional(),
  refused: z
    .object({ count, recorded: z.array(refusedRequest).max(50) })
    .refine(...fewerRecorded)
    .optional(),
  hidden: z.array(z.object({ selector: z.string(), count: z.number().int() })),
  clicked: z.array(z.object({ selector: z.string(), clicked: z.boolean() })),
  page: z.object({ width: z.number().int().positive(), height: z.number().int().positive(), truncated: z.boolean() }),
  exhibitImage: z.enum([CAPTURE_FILES.screenshot, CAPTURE_FILES.banner]),
  bannerHeight: z.number().int().min(0),
  files: z.record(fileName, z.object({ bytes: z.number().int().min(0), sha256: digest })),
});

const _record: SameType<z.output<typeof captureRecordSchema>, CaptureRecord> = true;
void _record;

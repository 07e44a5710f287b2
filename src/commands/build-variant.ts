/**
 * One complete output tree (the single bundle, or one twin): cover sheets, exhibit PDFs, bundle.pdf,
 * the redaction log when there are twins, and manifest.json written last, listing all of it.
 */
import { readFile, writeFile, mkdir } from "node:fs/promises";
import { join } from "node:path";
import type { BrowserSession } from "../browser/index.js";
import type { LoadedCase } from "../model/case.js";
import type { StoredFile } from "../model/digest.js";
import type { EvidenceItem } from "../model/evidence.js";
import type { PlannedExhibit } from "../model/exhibit.js";
import { BUNDLE_FILE, REDACTION_LOG_FILE, type Manifest } from "../model/manifest.js";
import type { RedactionLogEntry } from "../model/redaction.js";
import type { DamagesTable } from "../model/damages.js";
import { renderCoverSheets, type RenderedDocument, type Variant } from "../render/index.js";
import { countPages, signWrittenPdf, writeBundle } from "../pdf/index.js";
import { detachedSignature, type SigningIdentity } from "../pki/index.js";
import { caseDigest, listFiles, storedFile, writeManifest } from "../integrity/index.js";
import { redactionLogCsv } from "../redact/index.js";
import { PRODUCER, TOOL } from "../util/version.js";
import { writeExhibitFiles } from "./build-exhibits.js";
import { writeAppendices } from "./build-appendices.js";

export interface VariantBuild {
  loaded: LoadedCase;
  exhibits: readonly PlannedExhibit[];
  items: Map<string, EvidenceItem>;
  documents: ReadonlyMap<string, RenderedDocument>;
  variant: Variant;
  builtAt: { at: string; source: Manifest["builtAtSource"] };
  inputs: StoredFile[];
  browser: BrowserSession;
  redactionLog: readonly RedactionLogEntry[];
  workDir: string;
  damages?: DamagesTable;
  /** Sign bundle.pdf with this identity (PKCS#12), when given. */
  signer?: SigningIdentity;
}

const TWIN_TITLE: Record<Variant, string> = { single: "", public: " (public, redacted)", sealed: " (FILED UNDER SEAL)" };

export interface VariantBody {
  dir: string;
  variant: Variant;
  written: Awaited<ReturnType<typeof writeExhibitFiles>>;
  bundlePages: number;
}

/** Everything of one tree but its manifest: covers, exhibits, bundle, redaction log, appendices. */
export async function writeVariant(dir: string, b: VariantBuild): Promise<VariantBody> {
  const { loaded, exhibits, items, variant } = b;
  const { config } = loaded;
  await mkdir(dir, { recursive: true });
  const perExhibit = new Map<string, number>();
  for (const e of b.redactionLog) if (e.exhibit) perExhibit.set(e.exhibit, (perExhibit.get(e.exhibit) ?? 0) + 1);

  const covers = await renderCoverSheets(b.browser, config, exhibits, items, countPages, variant, perExhibit);
  const written = await writeExhibitFiles(dir, { loaded, exhibits, items, covers, documents: b.documents, variant, builtAt: b.builtAt.at, workDir: b.workDir });

  // bundle.pdf is joined from the same parts as the exhibit files: the same pages, one bookmark per exhibit.
  const bundle = await writeBundle(
    join(dir, BUNDLE_FILE),
    written.flatMap(({ exhibit, parts }) =>
      parts.map((p, k) => ({
        bookmark: k === 0 ? `Exhibit ${exhibit.label} — ${exhibit.title}${exhibit.defendantName ? ` (${exhibit.defendantName})` : ""} · ${exhibit.bates.first}–${exhibit.bates.last}` : undefined,
        bytes: () => readFile(p.file),
        pageLabels: p.pageLabels,
      })),
    ),
    {
      title: `${config.caption.shortTitle}, No. ${config.caption.caseNumber} — Exhibits${TWIN_TITLE[variant]}`,
      producer: PRODUCER,
      builtAt: b.builtAt.at,
      ...(b.signer ? { signature: { name: b.signer.name, reason: `Exhibit bundle as built by ${PRODUCER}; manifest.json lists the SHA-256 of every source`, signingTime: b.builtAt.at, reserve: 16_384 } } : {}),
    },
  );
  if (b.signer && bundle.signatureSlot) {
    const signer = b.signer;
    await signWrittenPdf(join(dir, BUNDLE_FILE), bundle.signatureSlot, (digest) => detachedSignature(signer, digest, new Date(Date.parse(b.builtAt.at))));
  }
  if (variant !== "single") await writeFile(join(dir, REDACTION_LOG_FILE), redactionLogCsv(b.redactionLog));
  await writeAppendices(dir, { loaded, exhibits, items, written, variant, builtAt: b.builtAt.at, browser: b.browser, redactionLog: b.redactionLog, damages: b.damages });
  return { dir, variant, written, bundlePages: bundle.pages };
}

/** The manifest, written last: every file of the tree with its size and SHA-256. */
export async function sealVariant(body: VariantBody, b: VariantBuild, tsas: readonly string[] = []): Promise<Manifest> {
  const { dir, variant, written } = body;
  const { exhibits, items } = b;
  const { config } = b.loaded;
  const outputs = await Promise.all((await listFiles(dir)).map((p) => storedFile(dir, p)));
  const byPath = new Map(outputs.map((f) => [f.path, f]));
  const totalPages = exhibits.reduce((n, e) => n + e.pages.length, 0);
  const m: Manifest = {
    version: 1,
    tool: { ...TOOL },
    case: { id: config.id, digest: caseDigest(b.inputs) },
    ...(variant === "single" ? {} : { twin: variant, redactions: b.redactionLog.length }),
    builtAt: b.builtAt.at,
    builtAtSource: b.builtAt.source,
    bates: {
      prefix: config.bates.prefix,
      digits: config.bates.digits,
      first: exhibits[0]?.bates.first ?? "",
      last: exhibits[exhibits.length - 1]?.bates.last ?? "",
      pages: totalPages,
    },
    inputs: b.inputs,
    exhibits: written.map(({ exhibit, path }) => ({
      number: exhibit.number,
      label: exhibit.label,
      title: exhibit.title,
      ...(exhibit.defendantId ? { defendantId: exhibit.defendantId } : {}),
      pages: exhibit.pages.length,
      bates: { first: exhibit.bates.first, last: exhibit.bates.last },
      sources: exhibit.itemIds.map((id) => {
        const it = items.get(id) as EvidenceItem;
        return { path: it.source.path, sha256: it.source.sha256, ...(it.capturedAt ? { capturedAt: it.capturedAt } : {}), capturedAtSource: it.capturedAtSource };
      }),
      file: byPath.get(path) as StoredFile,
    })),
    bundle: { file: byPath.get(BUNDLE_FILE) as StoredFile, pages: body.bundlePages },
    outputs,
    timestamps: tsas.map((tsa) => ({ tsa })),
  };
  await writeManifest(dir, m);
  return m;
}

/**
 * What every appendix is laid out from: the plan's exhibits with the files written for them, where each one
 * starts in the bundle (and in which of its volumes), what each source is and how it was captured, and the
 * facts of the build (twin, time, tool, renderer, redactions).
 */
import { BASIS_FOR_COUNSEL, type RedactionLogEntry } from "../model/redaction.js";
import { arch, platform } from "node:os";
import type { AppendixContext, AppendixExhibit, CaptureFacts } from "../model/appendix.js";
import { CAPTURE_RECORD_FILE } from "../model/capture.js";
import type { BuildContext } from "../model/build-context.js";
import type { EvidenceItem } from "../model/evidence.js";
import type { Twin } from "../model/twin.js";
import type { WrittenExhibit } from "../model/written.js";
import { coverSources, twinSources } from "../render/index.js";
import { TOOL } from "../util/version.js";
import { identityMask, maskStrings, publicCase } from "../plan/index.js";

/** The bundle's volumes, with the index of each one's first page (for the index's links). */
export type BundleVolumes = readonly { path: string; pages: number; firstPage: number }[];

export async function appendixContext(
  ctx: BuildContext,
  twin: Twin,
  written: readonly WrittenExhibit[],
  bundleVolumes: BundleVolumes,
): Promise<AppendixContext> {
  // The public tree names the case as it may (identity sealing: defendants by their Doe designation).
  const config = twin === "public" ? publicCase(ctx.loaded.config) : ctx.loaded.config;
  const mask = twin === "public" ? identityMask(ctx.loaded.config) : (t: string) => t;
  const items = ctx.items;
  const nameOf = new Map(config.defendants.map((d) => [d.id, d.name]));
  let page = 1;
  const exhibits: AppendixExhibit[] = [];
  const marks = new Map<number, string[]>();
  for (const { exhibit, volumes } of written) {
    const inBundle = [...bundleVolumes].reverse().find((v) => v.firstPage <= page - 1) ?? bundleVolumes[0]!;
    // What this twin did to each source (pages rasterised, regions burned), as its cover sheet says it.
    const cover = { sources: twinSources(coverSources(ctx.loaded.config, exhibit, items), exhibit, twin, ctx) };
    // A slip sheet holds no source: its exhibit's records are in the sealed tree.
    const sourceIds = exhibit.filedUnderSeal ? [] : exhibit.itemIds;
    exhibits.push({
      number: exhibit.number,
      label: exhibit.label,
      title: exhibit.title,
      defendantId: exhibit.defendantId,
      defendantName: exhibit.defendantName,
      ...(exhibit.alsoDefendantIds ? { alsoDefendants: exhibit.alsoDefendantIds.map((id) => ({ id, name: nameOf.get(id) ?? id })) } : {}),
      batesFirst: exhibit.bates.first,
      batesLast: exhibit.bates.last,
      pages: exhibit.pages.length,
      ...(exhibit.filedUnderSeal ? { filedUnderSeal: exhibit.filedUnderSeal } : {}),
      bundlePage: page,
      bundleFile: inBundle.path,
      bundleFilePage: page - inBundle.firstPage,
      file: volumes[0]!.file,
      ...(volumes.length > 1 ? { volumes: volumes.map((v) => v.file) } : {}),
      sources: sourceIds.map((id, i) => {
        const it = items.get(id) as EvidenceItem;
        const c = cover.sources[i];
        return maskStrings(
          {
            path: it.source.path,
            bytes: it.source.bytes,
            sha256: it.source.sha256,
            kind: it.kind,
            media: it.media,
            ...(it.payload.type === "conversation" ? { platform: it.payload.conversation.platform } : {}),
            format: c.format,
            url: it.url,
            capturedAt: it.capturedAt,
            capturedAtSource: it.capturedAtSource,
            capturedHow: c.capturedHow,
            capturedBy: it.capturedBy,
            transformation: c.transformation,
            related: it.related ?? [],
            ...(it.sidecar ? { sidecar: it.sidecar.path } : {}),
            ...(it.publicRecord ? { publicRecord: true } : {}),
            ...(it.capture ? { capture: captureFacts(it) } : {}),
            ...(it.payload.type === "email" && it.payload.email.attachments.length
              ? { attachments: it.payload.email.attachments.map((a) => ({ filename: a.filename, bytes: a.bytes, sha256: a.sha256 })) }
              : {}),
            redactions: ctx.redactions.filter((r) => r.item === it.id).length,
            redactionBases: basesOf(ctx.redactions.filter((r) => r.item === it.id)),
          },
          mask,
        );
      }),
    });
    marks.set(exhibit.number, [...new Set(exhibit.itemIds.flatMap((id) => (items.get(id) as EvidenceItem).marks))]);
    page += exhibit.pages.length;
  }
  return {
    config,
    exhibits,
    twin,
    builtAt: ctx.builtAt.at,
    builtAtSource: ctx.builtAt.source,
    ...(ctx.operator ? { operator: ctx.operator } : {}),
    ...(ctx.earlierIngests ? { earlierIngests: ctx.earlierIngests } : {}),
    tool: { ...TOOL },
    browser: await ctx.printer.version(),
    platform: `${platform()} ${arch()}, Node ${process.version}`,
    redactions: ctx.redactions.length,
    redactionBases: basesOf(ctx.redactions),
    exhibitMarks: marks,
  };
}

/** What an item's capture.json records of the capture (intake checked it and every file it hashes). */
function captureFacts(it: EvidenceItem): CaptureFacts {
  const { folder, record: r, timestamp } = it.capture!;
  return {
    record: `${folder}/${CAPTURE_RECORD_FILE}`,
    tool: r.tool,
    operator: r.operator,
    browser: `${r.browser.name} ${r.browser.version}`,
    userAgent: r.browser.userAgent,
    os: `${r.host.platform} ${r.host.release}`,
    viewport: `${r.browser.viewport.width} × ${r.browser.viewport.height} px`,
    requestedUrl: r.requestedUrl,
    finalUrl: r.finalUrl,
    response: `${r.status}${r.statusText ? ` ${r.statusText}` : ""}`,
    ...(r.remoteAddress ? { serverAddress: r.remoteAddress } : {}),
    startedAt: r.startedAt,
    endedAt: r.endedAt,
    ...(timestamp ? { timestamp } : {}),
  };
}

/** The bases of some redactions, each once, in log order; a basis not stated is the blank for counsel. */
function basesOf(entries: readonly RedactionLogEntry[]): string[] {
  return [...new Set(entries.map((e) => e.basis ?? BASIS_FOR_COUNSEL))];
}

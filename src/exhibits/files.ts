/**
 * An exhibit's files, joined from its parts with the streamed writer (pdf/), with its natives attached (or, where
 * the court's CM/ECF takes no embedded files, kept beside it in natives/) and its provenance record in the metadata.
 * Over the court's size limit it is split into volumes at part boundaries, each item's attached originals riding in
 * the volume where its pages begin (natives kept beside count toward no volume). Each file goes through the output store:
 * unchanged, the previous build's file is reused. What writing the files came to is kept under the parts' key
 * and everything the metadata says, so an unchanged exhibit is reused without working any of it out again.
 */
import { join } from "node:path";
import type { CacheKey } from "../cache/ports.js";
import type { BuildContext, TwinTree } from "../model/build-context.js";
import type { EvidenceItem } from "../model/evidence.js";
import type { PlannedExhibit } from "../model/exhibit.js";
import { BODY_DIGEST_KEY, EXHIBITS_DIR, type ExhibitProvenance } from "../model/manifest.js";
import type { ExhibitPartFile, WrittenExhibit, WrittenVolume } from "../model/written.js";
import { joinPdfParts } from "../pdf/index.js";
import { courtProfile } from "../court/index.js";
import { exhibitFolderName, fileLabelFor, formatBates, identityMask, publicCase, splitIntoVolumes, volumeFileName } from "../plan/index.js";
import { PRODUCER } from "../util/version.js";
import { writeNatives } from "./native-files.js";
import { exhibitNatives, nativesFolder } from "./natives.js";
import type { ComposedParts } from "./parts.js";
import { hasPdfRedactions } from "./pdf-redactions.js";

/** What writing an exhibit's files came to: each file's path and key (its record says where it is), and the warnings given. */
interface ExhibitOutcome {
  volumes: { path: string; fileKey: CacheKey<"exhibit">; pages: number; firstPage: number }[];
  warnings: string[];
}

export async function writeExhibitFiles(
  ctx: BuildContext,
  tree: TwinTree,
  exhibit: PlannedExhibit,
  composed: ComposedParts,
): Promise<WrittenExhibit> {
  const { config } = ctx.loaded;
  const { twin } = tree;
  const { parts } = composed;
  const item = (id: string) => ctx.items.get(id) as EvidenceItem;
  const withheld = (id: string) =>
    twin === "public" && (Boolean(item(id).redact?.length) || Boolean(ctx.documents.get(id)?.redacted) || hasPdfRedactions(ctx, id));
  // A slip sheet carries no source; under identity sealing the public tree names files with the identities masked.
  const mask = twin === "public" ? identityMask(config) : undefined;
  const beside = courtProfile(config.court).ecfEmbeddedFiles
    ? undefined
    : nativesFolder(exhibitFolderName(fileLabelFor(config.labels, exhibit.number - 1, ctx.plan.length)) || `exhibit-${exhibit.number}`);
  const natives = exhibitNatives(
    ctx.loaded,
    exhibit.filedUnderSeal ? { ...exhibit, itemIds: [] } : exhibit,
    item,
    twin,
    withheld,
    mask,
    beside,
  );
  const kept = await writeNatives(ctx, tree, natives.natives);
  const outcomeKey = ctx.store.key("exhibit-outcome", {
    parts: composed.key,
    caseId: config.id,
    caption: config.caption,
    builtAt: ctx.builtAt.at,
    producer: PRODUCER,
    redacted: exhibit.itemIds.map((id) => Boolean(ctx.documents.get(id)?.redacted) || hasPdfRedactions(ctx, id)),
    nativesBeside: beside ?? null,
  });
  const outcome = composed.composedNow
    ? undefined
    : await ctx.store.readJson<ExhibitOutcome, "exhibit-outcome">("exhibit-outcome", outcomeKey);
  const notThere = new Set<CacheKey<"exhibit">>(); // files the outcome names that could not be reused: written below
  if (outcome) {
    const linked: WrittenVolume[] = [];
    for (const vol of outcome.volumes) {
      const file = await ctx.outputs.recorded("exhibit", vol.fileKey, join(tree.dir, vol.path));
      if (!file) {
        notThere.add(vol.fileKey); // moved or edited since
        break;
      }
      linked.push({ path: vol.path, file: { path: vol.path, ...file }, pages: vol.pages, firstPage: vol.firstPage });
    }
    if (linked.length === outcome.volumes.length) {
      for (const w of outcome.warnings) ctx.log.info(w);
      return { exhibit, path: linked[0]!.path, volumes: linked, parts, natives: kept };
    }
  }
  const recorded: ExhibitOutcome = { volumes: [], warnings: [] };
  const caption = (twin === "public" ? publicCase(config) : config).caption;
  const limit = config.volumes.maxMegabytes * 1_000_000;
  const split = splitIntoVolumes(sizedParts(exhibit, parts, natives.attachments), limit);
  for (const [k, vol] of split.entries()) {
    if (vol.bytes > limit) {
      const which = `Exhibit ${exhibit.label}${split.length > 1 ? ` part ${k + 1}` : ""}`;
      recorded.warnings.push(
        `WARNING: ${which} is about ${(vol.bytes / 1e6).toFixed(1)} MB, over the ${config.volumes.maxMegabytes} MB limit: a single ` +
          `item (its pages${beside ? "" : " and attached original"}) is larger than the limit`,
      );
    }
  }
  for (const w of recorded.warnings) ctx.log.info(w);
  const names = split.map((_, k) => volumeFileName(exhibit.fileName, k + 1, split.length));
  const homeOf = new Map(split.flatMap((vol, k) => vol.parts.flatMap((p) => p.starting.map((id) => [id, k] as const))));
  const volumes: WrittenVolume[] = [];
  for (const [k, vol] of split.entries()) {
    const path = `${EXHIBITS_DIR}/${names[k]}`;
    const partWord = split.length > 1 ? ` (Part ${k + 1} of ${split.length})` : "";
    // A slip sheet stands for its sealed exhibit's whole range.
    const first = exhibit.filedUnderSeal ? exhibit.bates.first : formatBates(config.bates, exhibit.bates.firstNumber + vol.firstPage);
    const last = exhibit.filedUnderSeal
      ? exhibit.bates.last
      : formatBates(config.bates, exhibit.bates.firstNumber + vol.firstPage + vol.pages - 1);
    const info = {
      title: `Exhibit ${exhibit.label}${partWord} — ${exhibit.title}`,
      subject:
        `${caption.shortTitle}, No. ${caption.caseNumber} · Bates ` +
        `${first}–${last}${partWord}${twin === "sealed" ? ` · ${ctx.sealing.legend}` : exhibit.filedUnderSeal ? " · slip sheet" : ""}`,
      keywords: [
        `case:${config.id}`,
        `exhibit:${exhibit.label}`,
        `bates:${first}-${last}`,
        ...(split.length > 1 ? [`part:${k + 1}/${split.length}`] : []),
        ...(twin === "single" ? [] : [`twin:${twin}`]),
        ...(exhibit.filedUnderSeal ? ["filed-under-seal"] : exhibit.itemIds.map((id) => `source:${item(id).source.sha256}`)),
      ],
      producer: PRODUCER,
      builtAt: ctx.builtAt.at,
      attachments: natives.attachments.filter((a) => homeOf.get(a.itemId) === k),
      custom: { ExhibitsProvenance: JSON.stringify(volumeProvenance(natives.provenance, exhibit, homeOf, k, names)) },
      bodyDigestKey: BODY_DIGEST_KEY,
    };
    // The file's key: its parts and its metadata (the attachments by name and digest; JSON leaves out their readers).
    const fileKey = ctx.store.key("exhibit", { parts: vol.parts.map((p) => [p.key, p.pageLabels]), info });
    const target = join(tree.dir, path);
    const write = () =>
      joinPdfParts(
        target,
        vol.parts.map((p) => ({ bytes: p.read, pageLabels: p.pageLabels, sha256: p.sha256 })),
        info,
      );
    const file = await ctx.outputs.output({ kind: "exhibit", key: fileKey, target, reuse: !notThere.has(fileKey) }, write);
    volumes.push({ path, file: { path, bytes: file.bytes, sha256: file.sha256 }, pages: vol.pages, firstPage: vol.firstPage });
    recorded.volumes.push({ path, fileKey, pages: vol.pages, firstPage: vol.firstPage });
  }
  await ctx.store.writeJson("exhibit-outcome", outcomeKey, recorded);
  return { exhibit, path: volumes[0]!.path, volumes, parts, natives: kept };
}

/**
 * The parts with their sizes for splitting: each item's originals ride in the part where its pages begin, and
 * count toward that part's size; items only on the cover (none) and any not yet placed go with Part 1.
 */
function sizedParts(
  exhibit: PlannedExhibit,
  parts: readonly ExhibitPartFile[],
  attachments: readonly { itemId: string; bytes?: number }[],
) {
  const seen = new Set<string>();
  let at = 0;
  const sized = parts.map((w) => {
    const here = exhibit.pages.slice(at, at + w.pageLabels.length).flatMap((p) => (p.kind === "cover" ? [] : [p.itemId]));
    const starting = [...new Set(here)].filter((id) => !seen.has(id));
    for (const id of starting) seen.add(id);
    at += w.pageLabels.length;
    const nativeBytes = attachments.filter((a) => starting.includes(a.itemId)).reduce((n, a) => n + (a.bytes ?? 0), 0);
    return { ...w, pages: w.pageLabels.length, bytes: w.bytes + nativeBytes, starting };
  });
  for (const id of exhibit.itemIds) if (!seen.has(id)) sized[0]?.starting.push(id);
  return sized;
}

/** The provenance record of one volume: which sources this file carries, and where the others are. */
function volumeProvenance(
  p: ExhibitProvenance,
  exhibit: PlannedExhibit,
  homeOf: Map<string, number>,
  k: number,
  names: string[],
): ExhibitProvenance {
  if (names.length <= 1) return p;
  const itemIdOf = (sourceItem: string) => exhibit.itemIds.find((id) => id === sourceItem || sourceItem.endsWith(id)) ?? sourceItem;
  return {
    ...p,
    volume: { part: k + 1, of: names.length },
    sources: p.sources.map((s) => {
      const home = homeOf.get(itemIdOf(s.item)) ?? 0;
      return s.attached && home !== k ? { ...s, attached: false, attachedIn: names[home]! } : s;
    }),
  };
}

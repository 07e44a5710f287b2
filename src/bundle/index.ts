/**
 * Stage 8, bundle (per twin): bundle.pdf joined from the very parts the exhibit files were made of, one
 * bookmark per exhibit, page labels equal to the Bates numbers. Over the court's size limit it is split into
 * volumes (bundle-part-k-of-m.pdf) at part boundaries; Bates labels run on. Through the output store an
 * unchanged volume is the previous build's file, and a changed one copies its unchanged parts' bytes from it.
 */
import { join } from "node:path";
import type { BuildContext, TwinTree } from "../model/build-context.js";
import { BUNDLE_FILE } from "../model/manifest.js";
import type { Twin } from "../model/twin.js";
import type { WrittenExhibit, WrittenVolume } from "../model/written.js";
import { joinPdfParts, signWrittenPdf } from "../pdf/index.js";
import { publicCase, splitIntoVolumes, type Volume } from "../plan/index.js";
import type { PlannedExhibit } from "../model/exhibit.js";
import { storedFile } from "../util/stored-files.js";
import { PRODUCER } from "../util/version.js";
import { faultPoint } from "../util/fault-point.js";

/** The volumes of a split bundle: bundle-part-1-of-3.pdf … */
export function bundleVolumeName(k: number, of: number): string {
  return `bundle-part-${k}-of-${of}.pdf`;
}

/** One exhibit part as bundle.pdf takes it: its bookmark (on an exhibit's first part), bytes and labels. */
interface BundlePiece {
  bookmark: string | undefined;
  key: string;
  sha256: string;
  read: () => Promise<Uint8Array>;
  pageLabels: string[];
  bytes: number;
  pages: number;
}

/** Where each volume of the bundle will be and which pages it holds: known before a byte of it is written. */
export interface BundlePlan {
  volumes: { path: string; pages: number; firstPage: number }[];
  split: readonly Volume<BundlePiece>[];
}

const TWIN_TITLE: Record<Twin, string> = { single: "", public: " (public)", sealed: " (FILED UNDER SEAL)" };

/** An exhibit's bookmark; a slip sheet's says the exhibit is filed under seal, with its Bates range there. */
function bookmarkOf(e: PlannedExhibit): string {
  const who = e.defendantName ? ` (${e.defendantName})` : "";
  if (e.filedUnderSeal) return `Exhibit ${e.label} — filed under seal, Bates ${e.bates.first}–${e.bates.last}${who}`;
  return `Exhibit ${e.label} — ${e.title}${who} · ${e.bates.first}–${e.bates.last}`;
}

/** The bundle's volumes, cut under the size limit (the appendices link into them while the bundle is written). */
export function planBundle(ctx: BuildContext, written: readonly WrittenExhibit[]): BundlePlan {
  const pieces = written.flatMap(({ exhibit, parts }) =>
    parts.map(
      (p, k): BundlePiece => ({
        bookmark: k === 0 ? bookmarkOf(exhibit) : undefined,
        key: p.key,
        sha256: p.sha256,
        read: p.read,
        pageLabels: p.pageLabels,
        bytes: p.bytes,
        pages: p.pageLabels.length,
      }),
    ),
  );
  const split = splitIntoVolumes(pieces, ctx.loaded.config.volumes.maxMegabytes * 1_000_000);
  const names = split.map((_, k) => (split.length > 1 ? bundleVolumeName(k + 1, split.length) : BUNDLE_FILE));
  return { split, volumes: split.map((vol, k) => ({ path: names[k]!, pages: vol.pages, firstPage: vol.firstPage })) };
}

/** Writes bundle.pdf, or its volumes, into the twin's tree (signed when the build signs). */
export async function writeBundle(ctx: BuildContext, tree: TwinTree, plan: BundlePlan): Promise<WrittenVolume[]> {
  const config = tree.twin === "public" ? publicCase(ctx.loaded.config) : ctx.loaded.config;
  const out: WrittenVolume[] = [];
  for (const [k, vol] of plan.split.entries()) {
    const { path } = plan.volumes[k]!;
    const of = plan.split.length;
    const reason = `Exhibit bundle as built by ${PRODUCER}; manifest.json lists the SHA-256 of every source`;
    const info = {
      title:
        `${config.caption.shortTitle}, No. ${config.caption.caseNumber} — ` +
        `Exhibits${TWIN_TITLE[tree.twin]}${of > 1 ? ` (Part ${k + 1} of ${of})` : ""}`,
      producer: PRODUCER,
      builtAt: ctx.builtAt.at,
      ...(ctx.signer ? { signature: { name: ctx.signer.name, reason, signingTime: ctx.builtAt.at, reserve: 16_384 } } : {}),
    };
    const key = ctx.store.key("bundle", { parts: vol.parts.map((p) => [p.key, p.pageLabels, p.bookmark ?? null]), info });
    const target = join(tree.dir, path);
    faultPoint("bundle");
    const joinParts = (previous?: Parameters<typeof joinPdfParts>[3]) =>
      joinPdfParts(
        target,
        vol.parts.map((p) => ({ bookmark: p.bookmark, bytes: p.read, pageLabels: p.pageLabels, sha256: p.sha256 })),
        info,
        previous,
      );
    // A signed bundle is always written afresh: its key would have to cover the signing identity.
    const file = await ctx.outputs.output(
      { kind: "bundle", key, target, previousAt: join(tree.finalDir, path), record: !ctx.signer },
      async (previous) => {
        const written = await joinParts(previous);
        for (const copied of written.copied) ctx.store.count("bundle-parts", copied);
        const signer = ctx.signer;
        if (!signer || !written.signatureSlot) return written;
        const { detachedSignature } = await import("../pki/index.js"); // loaded when used (see pki/index.ts)
        await signWrittenPdf(target, written.signatureSlot, (digest) =>
          detachedSignature(signer, digest, new Date(Date.parse(ctx.builtAt.at))),
        );
        return storedFile(tree.dir, path); // the signature was written into the file
      },
    );
    out.push({ path, file: { path, bytes: file.bytes, sha256: file.sha256 }, pages: vol.pages, firstPage: vol.firstPage });
  }
  return out;
}

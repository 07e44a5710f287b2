/**
 * Stage 9, appendices, once both twins' exhibits exist: ONE FRE 902(13)/(14) certification the witness signs, covering
 * the originals and giving each exhibit's PDF digest in the public copy and in the sealed copy; then
 * records-manifest.json (every original, public record and exhibit PDF of both copies, and both copies of the
 * certification, with sizes and SHA-256); then the notice of intent, which names records-manifest.json and prints
 * its digest. Each is written into every tree: the sealed tree's copy is the one signed (with the sealing legend);
 * the public tree's is the same document, its defendants named by their Doe designation when identities are sealed.
 */
import type { BuildContext, TwinTree } from "../model/build-context.js";
import type { StoredFile } from "../model/digest.js";
import type { Twin } from "../model/twin.js";
import type { WrittenExhibit } from "../model/written.js";
import { identityMask, maskStrings, publicCase } from "../plan/index.js";
import { hexOf } from "../util/hash.js";
import { writeStoredFile } from "../util/stored-files.js";
import { appendixContext, type BundleVolumes } from "./appendix-context.js";
import { APPENDICES_DIR, writeAppendixPdf } from "./appendix-pdf.js";
import { certificationView, noticeView, type ExhibitPdfs } from "./certification.js";
import { RECORDS_MANIFEST } from "./certification-words.js";
import { captionView } from "./context.js";
import type { AppendixContext } from "../model/appendix.js";

export interface WrittenTwin {
  tree: TwinTree;
  exhibits: readonly WrittenExhibit[];
  bundle: BundleVolumes;
}

/** Writes the certification, records-manifest.json and the notice into each tree; returns each tree's files (in `twins` order). */
export async function writeCertificationPapers(ctx: BuildContext, twins: readonly WrittenTwin[]): Promise<StoredFile[][]> {
  const { config } = ctx.loaded;
  if (!config.certification) return twins.map(() => []);
  const pairs = twins.length > 1;
  const full = await bothCopies(ctx, twins, await fullContext(ctx, twins));
  const pdfs = exhibitPdfs(twins);
  const view = certificationView(full, pdfs, pairs);
  const masked = (t: Twin) => t === "public" && config.sealing.identities;
  const mask = identityMask(config);
  const shown = <T>(t: Twin, v: T): T => (masked(t) ? maskStrings(v, mask) : v);
  const treeConfig = (t: Twin) => (masked(t) ? publicCase(config) : config);
  const at = (t: WrittenTwin, path: string) => (pairs ? `${t.tree.twin}/${path}` : path);

  const certs = await Promise.all(
    twins.map((t) =>
      writeAppendixPdf(ctx, t.tree, captionView(treeConfig(t.tree.twin)), {
        name: "certification.pdf",
        template: "certification",
        data: shown(t.tree.twin, view),
        title: "Certification under Fed. R. Evid. 902(13) and 902(14) (draft)",
      }),
    ),
  );
  const records = recordsOf(full, pdfs, twins, certs, at);
  const out: StoredFile[][] = [];
  for (const [i, t] of twins.entries()) {
    const text = `${JSON.stringify(shown(t.tree.twin, records), null, 2)}\n`;
    const manifest = await writeStoredFile(t.tree.dir, `${APPENDICES_DIR}/${RECORDS_MANIFEST}`, text);
    const notice = noticeView({ ...full, config: treeConfig(t.tree.twin) }, shown(t.tree.twin, view), {
      path: `${APPENDICES_DIR}/${RECORDS_MANIFEST}`,
      sha256: hexOf(manifest.sha256),
    });
    const file = await writeAppendixPdf(ctx, t.tree, captionView(treeConfig(t.tree.twin)), {
      name: "notice-of-intent.pdf",
      template: "notice",
      data: shown(t.tree.twin, notice),
      title: "Notice of intent to offer records under Fed. R. Evid. 902 (draft)",
    });
    out.push([certs[i]!, manifest, file]);
  }
  return out;
}

/**
 * Every planned exhibit with its sources, unmasked: from the sealed tree where it holds the exhibit (the unredacted
 * copy, whose cover sheet says how the pages were made without redaction), else from the other tree.
 */
async function fullContext(ctx: BuildContext, twins: readonly WrittenTwin[]): Promise<AppendixContext> {
  const sealed = twins.find((t) => t.tree.twin === "sealed");
  const other = twins.find((t) => t.tree.twin !== "sealed")!;
  const written = ctx.plan.map(
    (p) =>
      sealed?.exhibits.find((w) => w.exhibit.label === p.label) ??
      other.exhibits.find((w) => w.exhibit.label === p.label && !w.exhibit.filedUnderSeal) ??
      other.exhibits.find((w) => w.exhibit.label === p.label)!,
  );
  return appendixContext(ctx, sealed ? "sealed" : other.tree.twin, written, other.bundle);
}

/**
 * The full context with each source's transformation said for both copies where they differ (a receipt carried in as
 * vector pages under seal is rasterised to burn it in the public copy): one certification covers both, so it must not
 * describe the public copy by the sealed copy's making.
 */
async function bothCopies(ctx: BuildContext, twins: readonly WrittenTwin[], full: AppendixContext): Promise<AppendixContext> {
  const pub = twins.find((t) => t.tree.twin === "public");
  if (!pub || full.twin !== "sealed") return full;
  const shown = await appendixContext(ctx, "public", pub.exhibits, pub.bundle);
  const publicWay = new Map(shown.exhibits.flatMap((e) => e.sources.map((s) => [`${e.label}\0${s.path}`, s.transformation])));
  return {
    ...full,
    exhibits: full.exhibits.map((e) => ({
      ...e,
      sources: e.sources.map((s) => {
        const other = publicWay.get(`${e.label}\0${s.path}`);
        return other && other !== s.transformation
          ? { ...s, transformation: `In the copy filed under seal: ${s.transformation} In the public copy: ${other}` }
          : s;
      }),
    })),
  };
}

function exhibitPdfs(twins: readonly WrittenTwin[]): Map<string, ExhibitPdfs> {
  const pdfs = new Map<string, ExhibitPdfs>();
  for (const t of twins) {
    for (const w of t.exhibits) {
      const entry = pdfs.get(w.exhibit.label) ?? {};
      const files = w.volumes.map((v) => v.file);
      if (t.tree.twin === "sealed") entry.sealed = { files };
      else entry.public = { files, slipSheet: Boolean(w.exhibit.filedUnderSeal) };
      pdfs.set(w.exhibit.label, entry);
    }
  }
  return pdfs;
}

/** records-manifest.json: what the notice offers for inspection, each file with its size and SHA-256. */
function recordsOf(
  full: AppendixContext,
  pdfs: ReadonlyMap<string, ExhibitPdfs>,
  twins: readonly WrittenTwin[],
  certs: readonly StoredFile[],
  at: (t: WrittenTwin, path: string) => string,
) {
  const file = (f: { path: string; bytes: number; sha256: string }, path = f.path) => ({ path, bytes: f.bytes, sha256: f.sha256 });
  const originals = new Map<string, { path: string; bytes: number; sha256: string; exhibits: string[] }>();
  const attachments: { inside: string; filename: string; bytes: number; sha256: string }[] = [];
  const publicRecords: { exhibit: string; path: string; bytes: number; sha256: string }[] = [];
  for (const e of full.exhibits) {
    for (const s of e.sources) {
      if (s.publicRecord) {
        publicRecords.push({ exhibit: e.label, ...file(s) });
        continue;
      }
      for (const f of [s, ...s.related]) {
        const known = originals.get(f.path) ?? { ...file(f), exhibits: [] };
        if (!known.exhibits.includes(e.label)) known.exhibits.push(e.label);
        originals.set(f.path, known);
      }
      for (const a of s.attachments ?? []) attachments.push({ inside: s.path, ...a });
    }
  }
  const byPath = <T extends { path: string }>(xs: T[]) => [...xs].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  const tree = (twin: Twin) => twins.find((t) => t.tree.twin === twin) ?? twins.find((t) => t.tree.twin === "single")!;
  return {
    format: "exhibits-records/1",
    case: { id: full.config.id, caseNumber: full.config.caption.caseNumber },
    certification: twins.map((t, i) => ({ copy: t.tree.twin, ...file(certs[i]!, at(t, certs[i]!.path)) })),
    originals: byPath([...originals.values()]),
    attachments,
    publicRecords,
    exhibits: full.exhibits.map((e) => {
      const p = pdfs.get(e.label);
      return {
        label: e.label,
        bates: { first: e.batesFirst, last: e.batesLast },
        ...(p?.public
          ? { public: { slipSheet: p.public.slipSheet, files: p.public.files.map((f) => file(f, at(tree("public"), f.path))) } }
          : {}),
        ...(p?.sealed ? { sealed: { files: p.sealed.files.map((f) => file(f, at(tree("sealed"), f.path))) } } : {}),
      };
    }),
  };
}

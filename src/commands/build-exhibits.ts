/**
 * The build's per-exhibit loop: prepare each source (images/), compose and stamp the exhibit (pdf/), write
 * it to disk, and forget it before the next. Two exhibits in flight at most, so memory stays bounded by the
 * largest exhibit, not by the bundle.
 */
import { readFile, writeFile, mkdir } from "node:fs/promises";
import { join } from "node:path";
import type { LoadedCase } from "../model/case.js";
import type { EvidenceItem } from "../model/evidence.js";
import type { PlannedExhibit } from "../model/exhibit.js";
import { EXHIBITS_DIR } from "../model/manifest.js";
import type { CoverBatch } from "../render/index.js";
import { composeExhibit, loadPdf } from "../pdf/index.js";
import { prepareImage } from "../images/index.js";
import { formatBates } from "../plan/index.js";
import { mapLimit } from "../util/concurrency.js";
import { shortHex } from "../util/hash.js";
import { formatUtc } from "../util/time.js";
import { PRODUCER } from "../util/version.js";

export interface WrittenExhibit {
  exhibit: PlannedExhibit;
  path: string;
}

export async function writeExhibitFiles(
  outDir: string,
  loaded: LoadedCase,
  exhibits: readonly PlannedExhibit[],
  items: Map<string, EvidenceItem>,
  covers: readonly CoverBatch[],
  builtAt: string,
): Promise<WrittenExhibit[]> {
  const { config } = loaded;
  await mkdir(join(outDir, EXHIBITS_DIR), { recursive: true });
  const coverDocs = await Promise.all(covers.map(async (b) => ({ batch: b, doc: await loadPdf(b.pdf) })));
  const abs = (id: string) => join(loaded.dir, (items.get(id) as EvidenceItem).source.path);
  const provenance = (id: string) => {
    const it = items.get(id) as EvidenceItem;
    const when = it.capturedAt ? `captured ${formatUtc(it.capturedAt)}` : "capture time UNKNOWN";
    return `Source SHA-256 ${shortHex(it.source.sha256)} · ${when}`;
  };

  return mapLimit(exhibits, 2, async (exhibit, index) => {
    const cover = coverDocs.find((c) => index >= c.batch.first && index < c.batch.first + c.batch.count);
    if (!cover) throw new Error(`no cover sheet rendered for exhibit ${exhibit.label}`);
    const first = items.get(exhibit.itemIds[0]) as EvidenceItem;
    const bytes = await composeExhibit(
      exhibit,
      {
        cover: { doc: cover.doc, pageIndex: index - cover.batch.first },
        image: async (id) => {
          const it = items.get(id) as EvidenceItem;
          if (it.payload.type !== "image" || it.media === "pdf") throw new Error(`${id} is not an image`);
          return prepareImage(abs(id), it.media, it.payload.orientation);
        },
        pdf: (id) => readFile(abs(id)),
        provenance,
        coverProvenance: `Cover sheet · ${provenance(first.id)}${exhibit.itemIds.length > 1 ? ` · +${exhibit.itemIds.length - 1} more source(s)` : ""}`,
        bates: (n) => formatBates(config.bates, n),
      },
      {
        title: `Exhibit ${exhibit.label} — ${exhibit.title}`,
        subject: `${config.caption.shortTitle}, No. ${config.caption.caseNumber} · Bates ${exhibit.bates.first}–${exhibit.bates.last}`,
        keywords: [`case:${config.id}`, `exhibit:${exhibit.label}`, `bates:${exhibit.bates.first}-${exhibit.bates.last}`, ...exhibit.itemIds.map((id) => `source:${(items.get(id) as EvidenceItem).source.sha256}`)],
        producer: PRODUCER,
        builtAt,
      },
    );
    const path = `${EXHIBITS_DIR}/${exhibit.fileName}`;
    await writeFile(join(outDir, path), bytes);
    return { exhibit, path };
  });
}

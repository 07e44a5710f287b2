/**
 * Stage 2 (intake): one evidence file (not part of a folder format or a capture folder) → one item. Its format is
 * found by its content in the registry, its metadata read, and the format's reader reads it. An image unchanged since
 * the last build is recalled from what was learnt of it then, without reading it again. An empty file has no content
 * to recognise: it is refused as empty (empty-file.ts), never as an unsupported file.
 */
import { stat } from "../util/fs.js";
import { INPUT_BYTES, readInput, readInputHead } from "../util/input-bounds.js";
import type { LoadedCase } from "../model/case.js";
import type { StoredFile } from "../model/digest.js";
import type { EvidenceItem } from "../model/evidence.js";
import { sha256Bytes } from "../util/hash.js";
import type { EvidenceFormat, ImageProbe, Resolved } from "./formats/format.js";
import { emptyFileProblem, isBlank } from "./empty-file.js";
import { unrecognisedProblem } from "./unrecognised.js";
import { formatOf, maxBytesOf, sniffFormat } from "./formats/index.js";
import { imageReading } from "./formats/shared/image.js";
import { fileItem, readSidecarFacts, textItem, type Candidate } from "./item-facts.js";
import type { KnownFiles } from "./known-files.js";
import type { Problems } from "./problems.js";

export interface FileContext {
  shown: string;
  loaded: LoadedCase;
  problems: Problems;
  markIds: Set<string>;
  /** A file the evidence names → its case path beside it, or undefined (see ReadInput.resolve). */
  resolve(name: string): Resolved;
  probe?: ImageProbe;
  known?: KnownFiles;
}

export async function readEvidenceFile(c: Candidate, ctx: FileContext): Promise<{ item: EvidenceItem } | undefined> {
  const { shown, loaded, problems, markIds, known } = ctx;
  const timeZone = loaded.config.timeZone;
  const recalled = known && isImageName(c.rel) ? await known.lookup(c.abs) : undefined;
  if (recalled) {
    const facts = await readSidecarFacts(c, shown, problems, markIds, known);
    if (!facts) return undefined;
    const source: StoredFile = { path: c.rel, bytes: recalled.bytes, sha256: recalled.sha256 };
    return fileItem(c, formatOf(recalled.media), imageReading(recalled.facts, timeZone), source, facts, shown, problems);
  }
  const before = known && isImageName(c.rel) ? await stat(c.abs).catch(() => undefined) : undefined;
  // Its size is checked before anything is read, its content recognised from its start, and only then is it read whole
  // (within its format's bound).
  const head = await problems.attempt(() => readInputHead(c.abs, shown, SNIFF_BYTES, INPUT_BYTES.evidence, "an evidence file"));
  if (!head) return undefined;
  if (isBlank(head)) {
    problems.add({ file: shown }, emptyFileProblem(c.rel, head.length));
    return undefined;
  }
  const format = sniffFormat(head);
  if (!format) {
    problems.add({ file: shown }, unrecognisedProblem(c.rel, head));
    return undefined;
  }
  const data = await problems.attempt(() => readInput(c.abs, shown, maxBytesOf(format), FAMILY_NAMES[format.family]));
  if (!data) return undefined;
  const source: StoredFile = { path: c.rel, bytes: data.length, sha256: sha256Bytes(data) };
  const facts = await readSidecarFacts(c, shown, problems, markIds, known);
  if (!facts) return undefined;
  const input = { files: [{ rel: c.rel, shown, data }] as const, meta: facts.meta, timeZone, resolve: ctx.resolve, probeImage: ctx.probe };
  const reading = await format.read(input, problems);
  if (!reading) return undefined;
  if (format.family === "image" && before && reading.imageFacts) {
    known?.remember(c.abs, before, { bytes: source.bytes, sha256: source.sha256, media: format.media, facts: reading.imageFacts });
  }
  const p = reading.payload;
  if (p.type === "conversation" || p.type === "purchases" || p.type === "email") {
    return { item: textItem(c, format.media, source, facts.sidecar, facts.meta, facts.sidecarMeta, reading.kind ?? format.kind, p) };
  }
  return fileItem(c, format, reading, source, facts, shown, problems);
}

/** How much of a file its format is recognised by (the sniffers look at no more). */
const SNIFF_BYTES = 65536;

/** What a file of each family is called in a bound's problem ("over the 512 MB bound for a PDF document"). */
const FAMILY_NAMES: Record<EvidenceFormat["family"], string> = {
  image: "an image",
  pdf: "a PDF document",
  chat: "a chat export",
  purchases: "a purchase export",
  email: "an email",
};

/** Names intake may recall from a previous build (images); anything else is read every time. */
function isImageName(rel: string): boolean {
  return /\.(png|jpe?g|webp)$/i.test(rel);
}

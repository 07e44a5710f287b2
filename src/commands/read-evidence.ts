/**
 * Stages 2 and 3 of a build, overlapped: intake reads, hashes and checks the evidence, and the documents
 * printed from text evidence (transcripts, purchase summaries, emails; redacted as they are laid out) start
 * printing as soon as the text evidence is read, while intake still checks the images. Prints go to the work
 * folder; nothing is written to the output before every input check has passed. Evidence unchanged since the
 * last build is recalled, not read again.
 */
import { join } from "node:path";
import { KnownSources } from "../cache/index.js";
import { thumbnailDataUri, thumbnailIdentity } from "../images/index.js";
import { intakeEvidence, type IntakeResult } from "../intake/index.js";
import type { LoadedCase } from "../model/case.js";
import type { StoredFile } from "../model/digest.js";
import type { EvidenceItem } from "../model/evidence.js";
import type { RenderedDocument } from "../model/rendered.js";
import type { Redactor } from "../redact/index.js";
import type { AttachmentBurn } from "../model/redaction.js";
import { huntChatPhotos } from "./attachment-hunt.js";
import { renderDocuments } from "../render/index.js";
import { sha256File } from "../util/hash.js";
import { codeIdentity } from "../util/version.js";
import type { BuildSession } from "./build-session.js";

export interface EvidenceRead {
  intake: IntakeResult;
  /** case.yaml and every evidence file, sidecar and related file. */
  inputs: StoredFile[];
  /** The documents printed from text, by item id (settles after intake; awaited once the output folder exists). */
  documents: Promise<Map<string, RenderedDocument>>;
}

export async function readEvidence(
  loaded: LoadedCase,
  s: BuildSession,
  redactor: Redactor,
  env: NodeJS.ProcessEnv = process.env,
): Promise<EvidenceRead> {
  const { config } = loaded;
  let rendering: Promise<Map<string, RenderedDocument>> | undefined;
  const startRendering = (textItems: EvidenceItem[]) => {
    const thumbnail = (p: string, burn?: AttachmentBurn) => thumbnailDataUri(join(loaded.dir, p), burn);
    const context = {
      printer: s.printer,
      config,
      redactor,
      workDir: s.work,
      batchFacts: s.cache.batchFacts,
      thumbnail,
      thumbnailIdentity: thumbnailIdentity(),
    };
    redactor.learn(textItems); // 6 before 3: a value redacted anywhere is redacted everywhere
    // The photos sent in chats are read and hunted before their transcripts are laid out (6 before 3 again).
    rendering = huntChatPhotos(loaded, textItems, s.cache, redactor, env).then((burns) =>
      renderDocuments({ ...context, burns }, textItems),
    );
    rendering.catch(() => undefined); // awaited later; an input error found meanwhile is reported instead
    return rendering;
  };
  const caseFile: StoredFile = { path: "case.yaml", ...(await sha256File(loaded.file)) };
  await s.cache.openJournal(loaded.dir);
  const context = s.cache.key("readings", { caseYaml: caseFile.sha256, caseDirAsNamed: loaded.displayDir, code: codeIdentity() });
  const known = await KnownSources.open(s.cache, loaded.dir, context);
  // Chromium starts in the background as soon as a print is certain: any new or changed evidence (a first
  // build's is all new) changes a cover sheet. A rebuild that changed nothing never starts it; starting it
  // regardless would slow intake by a second or more on two cores.
  const intake = await intakeEvidence(loaded, {
    probe: s.cache.probeImage,
    textItemsRead: startRendering,
    known,
    changed: () => void s.printer.warmUp?.(),
  });
  await known.save();
  return { intake, inputs: [caseFile, ...intake.inputs], documents: rendering ?? startRendering(intake.items) };
}

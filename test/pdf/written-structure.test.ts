/**
 * What verify asks of a PDF this tool wrote (src/pdf/written-structure.ts, active-content.ts, read-attachments.ts):
 * one revision with every byte accounted for, nothing that runs, and the attachments where the list says.
 */
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PDFDocument, PDFName, PDFString } from "pdf-lib";
import { describe, expect, it } from "vitest";
import { readPdfExtras } from "../../src/pdf/index.js";
import { appendRevision, openActionScript, paintOver } from "../hostile/tamper.js";

async function written(): Promise<Uint8Array> {
  const doc = await PDFDocument.create({ updateMetadata: false });
  doc.addPage([612, 792]);
  doc.addPage([612, 792]);
  return doc.save({ useObjectStreams: false });
}

async function edited(edit: Parameters<typeof appendRevision>[1]): Promise<Uint8Array> {
  const path = join(mkdtempSync(join(tmpdir(), "exhibits-structure-")), "x.pdf");
  writeFileSync(path, await written());
  await appendRevision(path, edit);
  return readFileSync(path);
}

describe("readPdfExtras: the PDF as written", () => {
  it("finds nothing wrong with one revision, nothing running, no files", async () => {
    const x = await readPdfExtras(await written(), "ExhibitsProvenance");
    expect([x.structure, x.active, x.embeddedFiles]).toEqual([[], [], 0]);
  });

  it("names an incremental update, whatever it changed", async () => {
    for (const edit of [paintOver(1, [0, 0, 612, 792], 0), openActionScript]) {
      const x = await readPdfExtras(await edited(edit), "ExhibitsProvenance");
      expect(x.structure).toEqual([expect.stringMatching(/^an incremental update: a later revision was appended/)]);
    }
  });

  it("names bytes after the end, and bytes slipped between objects", async () => {
    const bytes = Buffer.from(await written());
    const after = await readPdfExtras(Buffer.concat([bytes, Buffer.from("junk\n")]), "ExhibitsProvenance");
    expect(after.structure).toEqual([expect.stringMatching(/does not end with 'startxref … %%EOF'/)]);
    const text = bytes.toString("latin1");
    const at = text.indexOf("endobj") + 6;
    const inserted = Buffer.concat([bytes.subarray(0, at), Buffer.from("\n% hidden\n"), bytes.subarray(at)]);
    const x = await readPdfExtras(inserted, "ExhibitsProvenance");
    expect(x.structure.length).toBeGreaterThan(0);
  });

  it("names JavaScript, page actions and launch actions with their objects", async () => {
    const doc = await PDFDocument.create({ updateMetadata: false });
    const page = doc.addPage([612, 792]);
    openActionScript(doc);
    page.node.set(PDFName.of("AA"), doc.context.obj({ O: { S: "Launch", F: PDFString.of("calc.exe") } }));
    const x = await readPdfExtras(await doc.save({ useObjectStreams: false }), "ExhibitsProvenance");
    expect(x.active).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/: \/OpenAction \(a JavaScript action\)$/),
        expect.stringMatching(/: \/JS$/),
        expect.stringMatching(/: \/AA$/),
        expect.stringMatching(/: a Launch action$/),
      ]),
    );
  });
});

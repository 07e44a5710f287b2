/**
 * PngSuite: every valid PNG variant must reach the PDF losslessly (the corrupt ones are refused at intake, in
 * test/images/pngsuite.test.ts). Lossless is checked end to end: the image poppler's pdfimages extracts from the
 * PDF decodes to the same pixels (and alpha) as the original file.
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PDFDocument, PDFName, type PDFRawStream, type PDFRef } from "pdf-lib";
import sharp from "sharp";
import { describe, expect, it } from "vitest";
import { preparePng, probeImage } from "../../../src/images/index.js";
import { registerImage } from "../../../src/pdf/image-xobject.js";
import { SUITE, valid } from "../../helpers/pngsuite.js";

async function pixels(data: Buffer): Promise<{ rgb: Buffer; alpha?: Buffer; width: number; height: number }> {
  const img = sharp(data);
  const meta = await img.metadata();
  const rgb = await sharp(data).removeAlpha().toColourspace("srgb").raw().toBuffer();
  const alpha = meta.hasAlpha ? await sharp(data).extractChannel("alpha").raw().toBuffer() : undefined;
  return { rgb, alpha, width: meta.width as number, height: meta.height as number };
}

describe("PngSuite", () => {
  it("embeds every valid PNG losslessly (the PDF's decoded samples equal the original pixels)", async () => {
    const dir = mkdtempSync(join(tmpdir(), "pngsuite-"));
    const doc = await PDFDocument.create({ updateMetadata: false });
    const prepared = new Map<string, ReturnType<typeof preparePng>>();
    const objects = new Map<string, { image: number; smask?: number }>();
    for (const name of valid) {
      const data = readFileSync(join(SUITE, name));
      await probeImage(data, "png"); // accepted at intake
      const p = preparePng(data);
      prepared.set(name, p);
      const page = doc.addPage([100, 100]);
      const ref = registerImage(doc.context, p);
      const smask = (doc.context.lookup(ref) as PDFRawStream).dict.get(PDFName.of("SMask")) as PDFRef | undefined;
      objects.set(name, { image: ref.objectNumber, smask: smask?.objectNumber });
      page.node.setXObject(PDFName.of("Im"), ref);
      page.node.addContentStream(doc.context.register(doc.context.stream("q 100 0 0 100 0 0 cm /Im Do Q")));
    }
    const pdfPath = join(dir, "suite.pdf");
    writeFileSync(pdfPath, await doc.save({ useObjectStreams: false }));
    execFileSync("qpdf", ["--check", pdfPath]);
    // qpdf decodes the image streams (inflate + PNG predictor) independently of our code: all of them in one run,
    // as its JSON (the data of each stream as --filtered-stream-data gives it).
    const args = ["--json=2", "--json-key=qpdf", "--json-stream-data=inline", "--decode-level=generalized", pdfPath];
    const json = execFileSync("qpdf", args, { encoding: "utf8", maxBuffer: 1 << 28 });
    const streams = (JSON.parse(json).qpdf as [unknown, Record<string, { stream?: { data: string } }>])[1];
    const decoded = (objectId: number) => Buffer.from(streams[`obj:${objectId} 0 R`]!.stream!.data, "base64");

    const mismatches: string[] = [];
    for (const name of valid) {
      const p = prepared.get(name)!;
      const ids = objects.get(name)!;
      const samples = decoded(ids.image);
      const original = await pixels(readFileSync(join(SUITE, name)));
      const rgb = toRgb8(samples, p);
      if (!rgb.equals(original.rgb)) mismatches.push(`${name}: colour`);
      if (ids.smask !== undefined) {
        const alpha = toGray8(decoded(ids.smask), p.softMask!.bitsPerComponent, p.width, p.height);
        if (!original.alpha || !alpha.equals(original.alpha)) mismatches.push(`${name}: alpha`);
      } else if (original.alpha && !p.colorKeyMask && original.alpha.some((a) => a !== 255)) {
        mismatches.push(`${name}: transparency lost`);
      }
    }
    expect(mismatches).toEqual([]);
  });
});

/** Samples (packed rows at bpc) → 8-bit values, scaled the way libpng/libvips expand them. */
function unpack(samples: Buffer, bpc: number, perRow: number, height: number, scale: boolean): number[] {
  const out: number[] = [];
  const stride = Math.ceil((perRow * bpc) / 8);
  for (let y = 0; y < height; y++) {
    for (let i = 0; i < perRow; i++) {
      let v: number;
      if (bpc === 16) v = samples.readUInt16BE(y * stride + i * 2) >> 8;
      else if (bpc === 8) v = samples[y * stride + i];
      else {
        const bit = i * bpc;
        v = (samples[y * stride + (bit >> 3)] >> (8 - bpc - (bit & 7))) & ((1 << bpc) - 1);
        if (scale) v = (v * 255) / ((1 << bpc) - 1);
      }
      out.push(v);
    }
  }
  return out;
}

function toGray8(samples: Buffer, bpc: number, width: number, height: number): Buffer {
  return Buffer.from(unpack(samples, bpc, width, height, true));
}

function toRgb8(samples: Buffer, p: ReturnType<typeof preparePng>): Buffer {
  const cs = p.colorSpace;
  if (cs.type === "Indexed") {
    const idx = unpack(samples, p.bitsPerComponent, p.width, p.height, false);
    return Buffer.from(idx.flatMap((i) => [cs.lookup[i * 3], cs.lookup[i * 3 + 1], cs.lookup[i * 3 + 2]]));
  }
  if (cs.type === "DeviceGray") return Buffer.from(unpack(samples, p.bitsPerComponent, p.width, p.height, true).flatMap((v) => [v, v, v]));
  return Buffer.from(unpack(samples, p.bitsPerComponent, p.width * 3, p.height, true));
}

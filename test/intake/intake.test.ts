import { copyFileSync, mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import sharp from "sharp";
import { describe, expect, it } from "vitest";
import { loadCase } from "../../src/case/index.js";
import { intakeEvidence } from "../../src/intake/index.js";
import { InvalidInputErrors } from "../../src/util/errors.js";
import { FIXTURE_CASE, tempDir } from "../helpers/cli.js";
import { caseWithFiles } from "../helpers/case-files.js";

const CASE = `id: t
caption: { court: C, caseNumber: "1", plaintiffs: [P], defendants: D, shortTitle: P v. D }
timeZone: America/Chicago
bates: { prefix: T, start: 1, digits: 6 }
marks: [{ id: m, name: M, registration: "9,999,999", goodsClass: 25 }]
defendants: [{ id: d1, name: Shop }]
`;

const caseWith = (files: Record<string, Buffer | string>) => caseWithFiles(CASE, files);

const png = () =>
  sharp({ create: { width: 40, height: 30, channels: 3, background: "#c33" } })
    .png()
    .toBuffer();

describe("intake", () => {
  it("detects the type by content, not by extension", async () => {
    const dir = caseWith({ "evidence/d1/shot.jpg": await png() });
    const { items } = await intakeEvidence(await loadCase(dir));
    expect(items[0]).toMatchObject({ media: "png", kind: "screenshot", defendantId: "d1", capturedAtSource: "unknown" });
    expect(items[0].capturedAt).toBeUndefined();
  });

  it("accepts WebP and hashes every original with its size", async () => {
    const webp = await sharp({ create: { width: 20, height: 20, channels: 3, background: "#39c" } })
      .webp({ lossless: true })
      .toBuffer();
    const dir = caseWith({ "evidence/d1/a.webp": webp });
    const { items, inputs } = await intakeEvidence(await loadCase(dir));
    expect(items[0].media).toBe("webp");
    expect(items[0].source.bytes).toBe(webp.length);
    expect(items[0].source.sha256).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(inputs.map((f) => f.path)).toEqual(["evidence/d1/a.webp"]);
  });

  it("reads the capture time from EXIF with its offset, and says so", async () => {
    const dir = tempDir();
    writeFileSync(join(dir, "case.yaml"), CASE);
    mkdirSync(join(dir, "evidence/d1"), { recursive: true });
    copyFileSync(join(FIXTURE_CASE, "evidence/kpg/03-test-buy/04-received-shoe.jpg"), join(dir, "evidence/d1/photo.jpg"));
    const { items } = await intakeEvidence(await loadCase(dir));
    expect(items[0]).toMatchObject({ kind: "photo", capturedAt: "2026-03-20T21:05:31Z", capturedAtSource: "exif" });
    expect(items[0].capturedAtNote).toMatch(/EXIF DateTimeOriginal 2026:03:20 14:05:31 -07:00/);
  });

  it("lets a sidecar state the capture time (normalised to UTC), URL and marks", async () => {
    const dir = caseWith({
      "evidence/d1/l.png": await png(),
      "evidence/d1/l.png.meta.yaml": "url: https://shop.example/item/1\ncapturedAt: 2026-03-14T10:22:05-05:00\nmarks: [m]\nkind: listing\n",
    });
    const { items, inputs } = await intakeEvidence(await loadCase(dir));
    expect(items[0]).toMatchObject({
      kind: "listing",
      url: "https://shop.example/item/1",
      capturedAt: "2026-03-14T15:22:05Z",
      capturedAtSource: "sidecar",
      marks: ["m"],
    });
    expect(inputs.map((f) => f.path)).toEqual(["evidence/d1/l.png", "evidence/d1/l.png.meta.yaml"]);
  });

  it("reports every problem of every file at once, each naming its file and field", async () => {
    const dir = caseWith({
      "evidence/d1/a.png": await png(),
      "evidence/d1/a.png.meta.yaml": "capturedAt: yesterday\n",
      "evidence/d1/b.txt": "hello",
      "evidence/d1/c.png.meta.yaml": "", // a sidecar without its file (renamed?)
      "evidence/d1/d.png": await png(),
      "evidence/d1/d.png.meta.yaml": "marks: [nope]\n",
    });
    const err = await intakeEvidence(await loadCase(dir)).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(InvalidInputErrors);
    const text = (err as Error).message;
    expect(text).toMatch(/evidence\/d1\/a\.png\.meta\.yaml:1:\d+ \(field capturedAt\): expected an ISO 8601 time with its zone/);
    expect(text).toMatch(/evidence\/d1\/b\.txt: unsupported file: expected a PNG, JPEG or WebP image, or a PDF document/);
    expect(text).toMatch(/evidence\/d1\/d\.png\.meta\.yaml \(field marks\): unknown mark id 'nope'/);
    expect(text).toMatch(/evidence\/d1\/c\.png\.meta\.yaml: is a metadata sidecar, but c\.png is not beside it/);
  });
});

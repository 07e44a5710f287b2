/**
 * The bounds checked before anything is decoded or read whole: a file's size by stat (a sparse 3 GB file is refused
 * without reading it), only regular files opened, an image's dimensions from its header, a JSON export's nesting.
 */
import { closeSync, ftruncateSync, mkdirSync, openSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { dimensionProblem } from "../../src/images/limits.js";
import { webpDimensions } from "../../src/images/webp-header.js";
import { checkJsonDepth } from "../../src/intake/formats/shared/json-depth.js";
import { InvalidInputError } from "../../src/util/errors.js";
import { INPUT_BYTES, readInput, readInputHead } from "../../src/util/input-bounds.js";
import { tempDir } from "../helpers/cli.js";

describe("input bounds", () => {
  it("refuses a file over its bound by its size, before reading it", () => {
    const dir = tempDir();
    const file = join(dir, "big.csv");
    const fd = openSync(file, "w");
    ftruncateSync(fd, 3 * 1024 ** 3);
    closeSync(fd);
    const started = performance.now();
    expect(() => readInput(file, "evidence/big.csv", INPUT_BYTES.evidence, "an evidence file")).toThrow(
      /evidence\/big\.csv: is 3,221,225,472 bytes, over the 1 GB bound for an evidence file/,
    );
    expect(performance.now() - started).toBeLessThan(1000);
  });

  it("reads a file within its bound, and only the head when asked", () => {
    const dir = tempDir();
    const file = join(dir, "a.txt");
    writeFileSync(file, "hello, world");
    expect(readInput(file, "a.txt", 100, "a chat export").toString()).toBe("hello, world");
    expect(readInputHead(file, "a.txt", 5, 100, "a chat export").toString()).toBe("hello");
    expect(() => readInput(file, "a.txt", 5, "a chat export")).toThrow(/a\.txt: is 12 bytes, over the 5-byte bound for a chat export/);
  });

  it("opens only regular files", () => {
    const dir = tempDir();
    mkdirSync(join(dir, "folder.pdf"));
    expect(() => readInput(join(dir, "folder.pdf"), "folder.pdf", 100, "a PDF document")).toThrow(/a folder, not a regular file/);
    expect(() => readInput(join(dir, "missing.pdf"), "missing.pdf", 100, "a PDF document")).toThrow(InvalidInputError);
  });

  it("bounds an image's pixels, longest side and aspect from its dimensions", () => {
    expect(dimensionProblem(1280, 100_000)).toBeUndefined();
    expect(dimensionProblem(1, 2_000_000)).toMatch(/a side over the 150,000 px bound/);
    expect(dimensionProblem(30_000, 30_000)).toMatch(/over the 200,000,000 pixel bound/);
    expect(dimensionProblem(10, 20_000)).toMatch(/over 1000 times the other/);
  });

  it("reads a WebP's canvas from its VP8X header", () => {
    const b = Buffer.alloc(30);
    b.write("RIFF", 0, "latin1");
    b.write("WEBPVP8X", 8, "latin1");
    b.writeUIntLE(1279, 24, 3);
    b.writeUIntLE(799, 27, 3);
    expect(webpDimensions(b)).toEqual({ width: 1280, height: 800 });
  });

  it("refuses JSON nested past the bound, naming the line, and lets brackets inside strings be", () => {
    expect(() => checkJsonDepth(`{\n"a": ${"[".repeat(65)}${"]".repeat(65)}}`, "t.json", "a test file")).toThrow(
      /t\.json:2: a test file nested over 64/,
    );
    expect(() => checkJsonDepth(`{"a": "${"[".repeat(1000)}\\"["}`, "t.json", "a test file")).not.toThrow();
  });
});

/**
 * No output carries the folder the case was built from: the same case built from two folders — one named relative
 * to the working folder, one by an absolute path under a distinctive name — gives the same bytes, and no output
 * (PDF text, PDF metadata and attachment names, CSV, XLSX, JSON) contains that name. Both fixture cases.
 */
import { execFileSync } from "node:child_process";
import { cpSync, readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { inflateRawSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { ROOT, hashTree, tempDir } from "../helpers/cli.js";
import { runBuild } from "../helpers/commands.js";

const PROBE = "Machine-Path-Probe-7f3a";

function copyCase(name: string, to: string): string {
  cpSync(join(ROOT, "fixtures/cases", name), to, { recursive: true, filter: (src) => !/(custody|capture)-log\.jsonl$/.test(src) });
  return to;
}

function files(root: string): string[] {
  return readdirSync(root, { recursive: true, encoding: "utf8" })
    .map((f) => join(root, f))
    .filter((f) => statSync(f).isFile());
}

/** The text of every entry of an XLSX (a zip of XML), read with its own central directory. */
function xlsxText(file: string): string {
  const zip = readFileSync(file);
  let text = "";
  for (let at = zip.indexOf("PK\u0001\u0002"); at >= 0; at = zip.indexOf("PK\u0001\u0002", at + 4)) {
    const method = zip.readUInt16LE(at + 10);
    const size = zip.readUInt32LE(at + 20);
    const [nameLen, extraLen] = [zip.readUInt16LE(at + 28), zip.readUInt16LE(at + 30)];
    const local = zip.readUInt32LE(at + 42);
    const dataAt = local + 30 + zip.readUInt16LE(local + 26) + zip.readUInt16LE(local + 28);
    const data = zip.subarray(dataAt, dataAt + size);
    text += (method === 8 ? inflateRawSync(data) : data).toString("utf8");
    at += nameLen + extraLen;
  }
  return text;
}

/** Everything an output says that a person or a program reads: text, metadata, attachment names, cells. */
function readable(file: string): string {
  if (file.endsWith(".pdf")) {
    const run = (cmd: string, args: string[]) => execFileSync(cmd, args, { encoding: "utf8", maxBuffer: 1 << 28 });
    return [run("pdftotext", ["-enc", "UTF-8", file, "-"]), run("pdfinfo", ["-meta", file]), run("pdfdetach", ["-list", file])].join("\n");
  }
  if (file.endsWith(".xlsx")) return xlsxText(file);
  return readFileSync(file, "latin1");
}

describe("no machine path in any output", () => {
  for (const name of ["valentino-v-kaitlyn-pan", "schedule-a-25"]) {
    it(`${name}: a relative and an absolute build from different folders are byte-identical and name neither folder`, async () => {
      const work = tempDir();
      copyCase(name, join(work, "case"));
      const absolute = copyCase(name, join(tempDir(), PROBE, "case"));
      const [rel, abs] = [join(tempDir(), "out"), join(tempDir(), "out")];
      expect((await runBuild({ caseDir: "case", out: rel, cwd: work, cache: false })).code).toBe(0);
      expect((await runBuild({ caseDir: absolute, out: abs, cache: false })).code).toBe(0);
      const [a, b] = [join(rel, name), join(abs, name)];
      // The custody log is kept in each case folder: both folders' logs start empty, so their copies agree too.
      expect(hashTree(b)).toEqual(hashTree(a));
      const leaks = files(b).filter((f) => readable(f).includes(PROBE) || readable(f).includes(absolute));
      expect(leaks.map((f) => relative(b, f))).toEqual([]);
    }, 480_000); // two builds of a 25-defendant case; generous for a loaded machine
  }
});

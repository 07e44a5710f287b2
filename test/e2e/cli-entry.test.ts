/**
 * bin/exhibits.js runs the sources compiled by esbuild (dist/cli-<digest>/, made on first use after a change)
 * or, when compiling is not possible, the TypeScript sources through tsx: both must behave the same, and name
 * the running code the same (what a build recalls from an earlier one is keyed by it).
 */
import { existsSync } from "node:fs";
import { basename, dirname, join } from "node:path";
import { describe, expect, it } from "vitest";
import { ROOT, runCli } from "../helpers/cli.js";
// @ts-expect-error: a plain JavaScript module of the bin folder, without type declarations
import { compiledEntry } from "../../bin/compiled.js";
import { codeIdentity } from "../../src/util/version.js";

describe("the exhibits command's entry", () => {
  it("compiles the sources into a folder named by their digest, with the worker files beside the code", async () => {
    const entry = (await compiledEntry()) as string | undefined;
    expect(entry).toBeDefined();
    expect(basename(dirname(entry!))).toMatch(/^cli-[0-9a-f]{16}$/);
    expect(dirname(dirname(entry!))).toBe(join(ROOT, "dist"));
    for (const f of ["main.js", "png-check-worker.mjs", "png-data-check.mjs"]) expect(existsSync(join(dirname(entry!), f)), f).toBe(true);
    expect(await compiledEntry()).toBe(entry); // unchanged sources: the same compiled form, not made again
    // Run from the sources (as here), the code names itself as the compiled form is named: a build run either
    // way recalls what the other recorded.
    expect(codeIdentity()).toBe(basename(dirname(entry!)).slice("cli-".length));
  }, 60_000);

  it("gives the same answers compiled and from source (check of the fixture case, and a usage error)", () => {
    const fixture = join(ROOT, "fixtures/cases/valentino-v-kaitlyn-pan");
    const codes: (number | null)[] = [];
    for (const args of [["check", fixture], ["build"]]) {
      const compiled = runCli(args);
      const source = runCli(args, { env: { EXHIBITS_FROM_SOURCE: "1" } });
      expect(compiled.code).toBe(source.code);
      expect(compiled.stdout).toBe(source.stdout);
      expect(compiled.stderr).toBe(source.stderr);
      codes.push(compiled.code);
    }
    expect(codes[0]).toBe(0); // the check of the fixture passes
  }, 120_000);
});

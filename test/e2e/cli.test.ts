/**
 * The exhibits command as a process: what it prints and the exit code it returns for usage errors, a refused
 * overwrite and a malformed SOURCE_DATE_EPOCH (the commands themselves are tested as functions elsewhere).
 */
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runCli, tempDir } from "../helpers/cli.js";

describe("init (command)", () => {
  it("refuses to overwrite an existing case.yaml without --force (exit 2)", () => {
    const cwd = tempDir();
    expect(runCli(["init", "c"], { cwd }).code).toBe(0);
    const again = runCli(["init", "c"], { cwd });
    expect(again.code).toBe(2);
    expect(again.stderr).toMatch(/already exists; pass --force/);
    expect(runCli(["init", "c", "--force"], { cwd }).code).toBe(0);
  });
});

describe("command line", () => {
  it("exits 2 with usage help for an unknown command or flag", () => {
    const r = runCli(["frobnicate"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/exhibits/);
    expect(runCli(["build", "x", "--no-such-flag"]).code).toBe(2);
  });

  it("exits 2 for a malformed SOURCE_DATE_EPOCH, naming it", () => {
    const cwd = tempDir();
    runCli(["init", "c"], { cwd });
    const r = runCli(["build", "c"], { cwd, env: { SOURCE_DATE_EPOCH: "yesterday" } });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/SOURCE_DATE_EPOCH/);
  });

  it("exits 2 when verify is given something that is not a bundle folder", () => {
    const r = runCli(["verify", join(tempDir(), "missing")]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/not a bundle folder/);
  });
});

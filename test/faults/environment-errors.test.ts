/**
 * The machine failing a build is no internal error: an output folder that is a file, and Chromium killed while the
 * build prints, each end the build with exit 5 and one line saying what to do; the previous bundle is byte for byte
 * as it was, verifies, and nothing is left beside it.
 */
import { spawn } from "node:child_process";
import { chmodSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { findChromium } from "../../src/browser/index.js";
import { EPOCH, ROOT, runCli, tempDir } from "../helpers/cli.js";
import { CASE_ID, builtFaultCase, changeEvidence, expectUnchanged, stateOf } from "./fault-case.js";

let caseDir = "";
let outDir = "";

beforeAll(async () => {
  ({ caseDir, outDir } = await builtFaultCase());
}, 300_000);

const _bundle = () => join(outDir, CASE_ID);

describe("the machine failing a build", () => {
  it("--out naming a file: exit 5 and one line; nothing written", () => {
    const file = join(tempDir(), "out.txt");
    writeFileSync(file, "not a folder\n");
    const r = runCli(["build", caseDir, "--out", file]);
    expect(r.code, r.stderr).toBe(5);
    expect(r.stderr.trim().split("\n")).toEqual([
      `exhibits: the output folder ${file} is a file, not a folder: give a folder (it is made if missing)`,
    ]);
    expect(readFileSync(file, "utf8")).toBe("not a folder\n");
    const below = runCli(["build", caseDir, "--out", join(file, "sub")]);
    expect(below.code, below.stderr).toBe(5);
    expect(below.stderr.trim()).toMatch(
      /^exhibits: the output folder .*out\.txt\/sub cannot be made: a part of its path is a file, not a folder$/,
    );
  });

  it("Chromium killed (SIGKILL) while the build prints: exit 5 naming the reason and what to do; the old bundle stays", async () => {
    const before = stateOf(outDir, caseDir);
    changeEvidence(caseDir, 1);
    // A Chromium that says its process id; killed once the build has printed its documents (covers and appendices are
    // still to print: --no-cache prints them all).
    const dir = tempDir();
    const pidFile = join(dir, "chromium.pid");
    const wrapper = join(dir, "chromium");
    writeFileSync(wrapper, `#!/bin/sh\necho $$ > "${pidFile}"\nexec "${findChromium()}" "$@"\n`);
    chmodSync(wrapper, 0o755);
    const child = spawn(process.execPath, [join(ROOT, "bin/exhibits.js"), "build", caseDir, "--out", outDir, "--no-cache"], {
      cwd: ROOT,
      env: { ...process.env, SOURCE_DATE_EPOCH: EPOCH, PUPPETEER_EXECUTABLE_PATH: wrapper },
    });
    let stderr = "";
    let killed = false;
    child.stderr.setEncoding("utf8").on("data", (d: string) => {
      stderr += d;
      if (!killed && /^rendered \d+ documents/m.test(stderr)) {
        killed = true;
        process.kill(Number(readFileSync(pidFile, "utf8").trim()), "SIGKILL");
      }
    });
    const code = await new Promise<number | null>((done) => child.on("close", done));
    expect(killed, stderr).toBe(true);
    expect(code, stderr).toBe(5);
    const said = stderr.split("\n").filter((l) => l.startsWith("exhibits:"));
    expect(said).toEqual([
      "exhibits: Chromium stopped while printing (killed by SIGKILL): build again; if it stops again, give the machine more " +
        "free memory (a Chromium killed by SIGKILL has usually run out of it) or run `exhibits doctor`",
    ]);
    expect(stderr).not.toMatch(/^\s+at /m);
    expectUnchanged(outDir, caseDir, before);
  }, 300_000);
});

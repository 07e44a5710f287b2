/**
 * `exhibits init --ci github`: the workflow it writes parses as YAML, does what a case repository's CI needs (doctor,
 * check as annotations, a reproducible build, verify, the cache keyed by the case, the bundle kept), and every `exhibits`
 * command in it is one the CLI accepts with those flags (parsed by the CLI's own strict parser).
 */
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { init } from "../../src/commands/init.js";
import { parseCli } from "../../src/cli.js";
import { tempDir } from "../helpers/cli.js";

interface Step {
  name?: string;
  uses?: string;
  run?: string;
  id?: string;
  with?: Record<string, string>;
}

async function workflow() {
  const cwd = tempDir();
  const r = await init({ cwd, dir: "my-case", ci: "github" });
  expect(r.workflow).toBe(join(cwd, "my-case", ".github/workflows/exhibits.yml"));
  const text = readFileSync(r.workflow!, "utf8");
  const doc = parse(text) as { on: Record<string, unknown>; jobs: Record<string, { "runs-on": string; steps: Step[] }> };
  const [job] = Object.values(doc.jobs);
  return { doc, job: job!, text };
}

/** Each `exhibits …` command line in the run scripts, with ${{ … }} expressions given a stand-in value. */
function exhibitsCommands(steps: Step[]): string[][] {
  const commands: string[][] = [];
  for (const s of steps) {
    for (const line of (s.run ?? "").split("\n")) {
      if (/^\s*npm\b/.test(line)) continue; // installs the package named exhibits: not a command of it
      for (const m of line.matchAll(/(?:^|[\s($])exhibits\s+([^)\n]*)/g)) {
        const args = m[1]!
          .replace(/"\$\{\{[^}]*\}\}"/g, "out/case")
          .replace(/"/g, "")
          .trim()
          .split(/\s+/);
        commands.push(args);
      }
    }
  }
  return commands;
}

describe("init --ci github", () => {
  it("writes the workflow only when asked", async () => {
    const cwd = tempDir();
    const r = await init({ cwd, dir: "plain-case" });
    expect(r.workflow).toBeUndefined();
    expect(existsSync(join(cwd, "plain-case", ".github"))).toBe(false);
  });

  it("runs on push and pull request on ubuntu-latest, installing the system packages with apt-get and the tool with npm", async () => {
    const { doc, job } = await workflow();
    expect(Object.keys(doc.on).sort()).toEqual(["pull_request", "push"]);
    expect(job["runs-on"]).toBe("ubuntu-latest");
    const runs = job.steps.map((s) => s.run ?? "").join("\n");
    expect(runs).toMatch(/sudo apt-get install -y[^\n]*\\\n[^\n]*\bqpdf poppler-utils tesseract-ocr tesseract-ocr-eng\b/);
    for (const pkg of ["fonts-liberation", "fonts-noto-core", "fonts-noto-cjk", "fonts-noto-color-emoji"]) expect(runs).toContain(pkg);
    expect(runs).toMatch(/^npm install -g exhibits$/m);
  });

  it("builds with SOURCE_DATE_EPOCH from the last commit, caches out/.cache by the case, verifies and keeps the bundle", async () => {
    const { job } = await workflow();
    const build = job.steps.find((s) => s.id === "build")!;
    expect(build.run).toContain('export SOURCE_DATE_EPOCH="$(git log -1 --format=%ct)"');
    const cache = job.steps.find((s) => s.uses?.startsWith("actions/cache@"))!;
    expect(cache.with!.path).toBe("out/.cache");
    expect(cache.with!.key).toContain("${{ hashFiles('case.yaml', 'evidence/**') }}");
    // The cache is restored before the build that uses it.
    expect(job.steps.indexOf(cache)).toBeLessThan(job.steps.indexOf(build));
    const verify = job.steps.find((s) => /exhibits verify/.test(s.run ?? ""))!;
    expect(verify.run).toContain("${{ steps.build.outputs.bundle }}");
    const upload = job.steps.find((s) => s.uses?.startsWith("actions/upload-artifact@"))!;
    expect(upload.with!.path.split("\n").filter(Boolean)).toEqual(["out/", "!out/.cache/"]);
  });

  it("names only commands and flags the CLI has: doctor, check --format github, build, verify, in that order", async () => {
    const { job } = await workflow();
    const commands = exhibitsCommands(job.steps);
    expect(commands.map((c) => c[0])).toEqual(["doctor", "check", "build", "verify"]);
    const parsed = [];
    for (const args of commands) parsed.push(await parseCli(args));
    expect(parsed[0]).toMatchObject({ command: "doctor", caseDir: "." });
    expect(parsed[1]).toMatchObject({ command: "check", caseDir: ".", format: "github" });
    expect(parsed[2]).toMatchObject({ command: "build", caseDir: ".", out: "out", quiet: true });
    expect(parsed[3]).toMatchObject({ command: "verify", target: "out/case" });
  });

  it("the CLI's parser refuses what it does not have (so the check above can fail)", async () => {
    await expect(parseCli(["check", ".", "--format", "xml"])).rejects.toThrow(/format/);
    await expect(parseCli(["build", ".", "--fast"])).rejects.toThrow(/fast/);
    await expect(parseCli(["check", ".", "--json", "--format", "github"])).rejects.toThrow(/two formats/);
  });
});

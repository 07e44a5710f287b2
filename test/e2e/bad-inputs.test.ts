/**
 * Bad inputs: each gives one clear message naming the file (and line or field), exit 3, no stack trace,
 * and leaves an existing bundle in out/ exactly as it was.
 */
import { copyFileSync, mkdirSync, readFileSync, readdirSync, rmSync, symlinkSync, truncateSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { parseDocument } from "yaml";
import { FIXTURE_CASE, copyFixture, hashTree, runCli } from "../helpers/cli.js";
import { runBuild, type Ran } from "../helpers/commands.js";
import { leftovers } from "../helpers/output-folder.js";
import { notALog } from "../helpers/fixture-builds.js";
import { copyOf, sharedBuild } from "../helpers/shared-builds.js";

const CASE_ID = "valentino-v-kaitlyn-pan";
let outRoot: string;
let before: Record<string, string>;

const shared = sharedBuild("valentino-v-kaitlyn-pan");

beforeAll(() => {
  // The previous bundle: a copy of the run's shared build of the fixture, in an out/ folder of its own.
  outRoot = copyOf(dirname(shared.bundleDir), "out");
  before = hashTree(join(outRoot, CASE_ID));
});

function firstImage(caseDir: string): string {
  return join(caseDir, "evidence/kpg", readdirSync(join(caseDir, "evidence/kpg")).find((f) => f.endsWith(".png")) as string);
}
function firstPdf(caseDir: string): string {
  return join(caseDir, "evidence/00-trademark-registrations.pdf");
}
const editCase = (caseDir: string, fn: (s: string) => string) =>
  writeFileSync(join(caseDir, "case.yaml"), fn(readFileSync(join(caseDir, "case.yaml"), "utf8")));

const cases: [string, (caseDir: string) => void, RegExp][] = [
  ["no case.yaml", (d) => rmSync(join(d, "case.yaml")), /case\.yaml: no case\.yaml in this folder/],
  [
    "a YAML syntax error",
    (d) => editCase(d, (s) => s.replace(/^timeZone:.*$/m, "timeZone: [America/Los_Angeles")),
    /case\.yaml:\d+:\d+: YAML syntax error/,
  ],
  [
    "an unknown defendant id (evidence folder)",
    (d) => {
      mkdirSync(join(d, "evidence/nobody"));
      copyFileSync(firstImage(d), join(d, "evidence/nobody/x.png"));
    },
    /evidence\/nobody\/x\.png: is in evidence\/nobody\/, but 'nobody' is not a defendant id/,
  ],
  ["a missing field", (d) => editCase(d, (s) => s.replace(/^timeZone:.*\n/m, "")), /case\.yaml:\d+:\d+ \(field timeZone\): missing/],
  [
    "a corrupt image",
    (d) => writeFileSync(join(d, "evidence/kpg/99-broken.png"), readFileSync(firstImage(d)).subarray(0, 5000)),
    /evidence\/kpg\/99-broken\.png: damaged PNG image/,
  ],
  [
    "a truncated PDF",
    (d) => {
      const b = readFileSync(firstPdf(d));
      writeFileSync(join(d, "evidence/kpg/98-cut.pdf"), b.subarray(0, Math.floor(b.length / 2)));
    },
    /evidence\/kpg\/98-cut\.pdf: no %%EOF marker at the end: the PDF is truncated/,
  ],
  [
    "an evidence path leaving the case folder",
    (d) => {
      copyFileSync(firstImage(d), join(d, "../outside.png"));
      editCase(d, (s) => {
        const doc = parseDocument(s);
        doc.addIn(["evidence"], { file: "../outside.png", defendant: "kpg" });
        return doc.toString();
      });
    },
    /case\.yaml:\d+ \(field evidence\[\d+\]\.files\[0\]\): '\.\.\/outside\.png': path leaves the case folder/,
  ],
  [
    "a symlink leaving the case folder",
    (d) => {
      copyFileSync(firstImage(d), join(d, "../outside.png"));
      symlinkSync(join(d, "../outside.png"), join(d, "evidence/kpg/77-link.png"));
    },
    /evidence\/kpg\/77-link\.png: is a link to .*outside\.png, outside the case folder/,
  ],
  [
    "the same file twice",
    (d) => copyFileSync(firstImage(d), join(d, "evidence/kpg/zz-copy.png")),
    /evidence\/kpg\/zz-copy\.png: has the same content .* as .*evidence\/kpg\//,
  ],
];

/** One clear message, exit 3, no stack trace, and the previous bundle as it was, with nothing half-written beside it. */
function expectRefused(r: Omit<Ran, "code"> & { code: number | null }, message: RegExp): void {
  expect(r.code, r.stderr).toBe(3);
  expect(r.stderr).toMatch(message);
  expect(r.stderr).not.toMatch(/^\s+at /m); // no stack trace
  expect(r.stderr.trim().split("\n").length).toBeLessThanOrEqual(3);
  expect(hashTree(join(outRoot, CASE_ID))).toEqual(before);
  // no half-written temp folder left behind (the build cache may stay)
  expect(leftovers(outRoot, CASE_ID)).toEqual([]);
}

describe("bad inputs", () => {
  // build() in-process, with the exit code and output the CLI gives for it (test/helpers/commands.ts)…
  it.each(cases)("%s: one clear message, exit 3, previous bundle untouched", async (_name, breakIt, message) => {
    const caseDir = copyFixture();
    breakIt(caseDir);
    expectRefused(await runBuild({ caseDir, out: outRoot }), message);
  });

  // …and the `exhibits` process itself, where src/main.ts prints the error.
  it("the exhibits command prints it as one clear message too, and exits 3", () => {
    const [, breakIt, message] = cases[0]!;
    const caseDir = copyFixture();
    breakIt(caseDir);
    expectRefused(runCli(["build", caseDir, "--out", outRoot]), message);
  });

  it("a 3 GB screen recording in a chat export: refused before a byte is read, with its size and the bound", async () => {
    const caseDir = copyFixture();
    try {
      // Where a recording sent in the chat goes: the export's videos/ folder, named by a message (a native of the exhibit).
      const thread = "evidence/kpg/06-instagram-dm/kpgboutique_17841400000000001";
      const json = join(caseDir, thread, "message_1.json");
      const uri = "your_instagram_activity/messages/inbox/kpgboutique_17841400000000001/videos/recording.mp4";
      const text = readFileSync(json, "utf8");
      const withVideo = text.replace(
        '"photos": [',
        `"videos": [{ "uri": "${uri}", "creation_timestamp": 1773166325 }],\n      "photos": [`,
      );
      expect(withVideo).not.toBe(text);
      writeFileSync(json, withVideo);
      mkdirSync(join(caseDir, thread, "videos"));
      const video = join(caseDir, thread, "videos/recording.mp4");
      writeFileSync(video, "");
      truncateSync(video, 3 * 1024 ** 3); // sparse: 3 GB on paper, nothing on disk
      expectRefused(
        await runBuild({ caseDir, out: outRoot }),
        /videos\/recording\.mp4: is 3,221,225,472 bytes, over the 1 GB bound for an evidence file; it is not read/,
      );
    } finally {
      rmSync(caseDir, { recursive: true, force: true });
    }
  });

  it("never writes to the original evidence (only the custody log is added to the case folder)", () => {
    // The shared build's case folder was copied from the fixture (its logs left out), then built.
    const original = Object.fromEntries(Object.entries(hashTree(FIXTURE_CASE)).filter(([p]) => notALog(p)));
    const after = hashTree(shared.caseDir);
    expect(Object.keys(after).filter((p) => !(p in original))).toEqual(["custody-log.jsonl"]);
    for (const [p, h] of Object.entries(original)) expect(after[p], p).toBe(h);
  });
});

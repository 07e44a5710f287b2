/**
 * The leak gate end to end, with real pdftotext. A case whose e-mail has an SSN redacted builds; the same case whose
 * sidecar description (the case team's own text on the cover sheet, which redaction does not touch) repeats that SSN
 * with spaces fails with exit 3, naming the public exhibit's page and the layer — never the value — and leaves the
 * earlier bundle and cache as they were. `verify --leaks` passes the clean public tree and fails (exit 4) a copy with
 * a planted miss. And the fixture case passes `verify --leaks`.
 */
import { cpSync, existsSync, mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { orderEmail } from "../helpers/test-files.js";
import { ROOT, hashTree, runCli, tempDir } from "../helpers/cli.js";
import { runBuild, runVerify } from "../helpers/commands.js";
import { sharedBuild } from "../helpers/shared-builds.js";

const SSN = "123-45-6789";
const SPACED = "123 45 6789";

let caseDir: string;
let out: string;
let bundle: string;
let before: Record<string, string>;
let cacheBefore: Record<string, string>;

beforeAll(async () => {
  caseDir = join(tempDir(), "leak-gate");
  mkdirSync(join(caseDir, "evidence/shop"), { recursive: true });
  writeFileSync(
    join(caseDir, "case.yaml"),
    `id: leak-gate
caption: { court: United States District Court for the Northern District of Illinois,
  caseNumber: "1:26-cv-09997", plaintiffs: [Brand Co.], defendants: Shop, shortTitle: Brand v. Shop }
timeZone: America/Chicago
bates: { prefix: LEAK, start: 1, digits: 6 }
defendants: [{ id: shop, name: Shop Owner Store }]
`,
  );
  writeFileSync(
    join(caseDir, "evidence/shop/01-confirmation.eml"),
    orderEmail({ to: "Dana Whitlock <dana@example.net>", date: "Tue, 10 Mar 2026 18:00:00 +0000", ssn: SSN }),
  );
  out = tempDir();
  bundle = join(out, "leak-gate");
  const first = await runBuild({ caseDir, out });
  expect(first.stderr).toContain("leak gate: the public twin holds none of 1 removed values");
  expect(first.code).toBe(0);
  before = hashTree(bundle);
  cacheBefore = hashTree(join(out, ".cache"));
}, 240_000);

describe("the leak gate in the build", () => {
  it("fails the build (exit 3) naming where the removed value escaped, and writes nothing", async () => {
    // The hunt redacts evidence text, word layers and PDF pages; a cover sheet's title is the case team's own
    // text and is not redacted: a value typed there escapes to the public cover, and the gate stops the build.
    writeFileSync(join(caseDir, "evidence/shop/01-confirmation.eml.meta.yaml"), `title: "Kept with taxpayer reference ${SPACED}"\n`);
    const r = await runBuild({ caseDir, out });
    expect(r.code).toBe(3);
    expect(r.stderr).toMatch(/public\/exhibits\/001 [^\n]*\.pdf, page 1: text \(removed-value\)/);
    expect(r.stderr).toMatch(/public\/bundle\.pdf, page \d+: text \(removed-value\)/);
    expect(r.stderr).toContain("nothing was written and the previous bundle is as it was");
    for (const v of [SSN, SPACED]) expect(r.stderr).not.toContain(v);
    expect(hashTree(bundle)).toEqual(before);
    expect(hashTree(join(out, ".cache"))).toEqual(cacheBefore);
  }, 240_000);
});

describe("verify --leaks", () => {
  it("passes the clean public tree, taking the sealed twin beside it", async () => {
    const r = await runVerify(bundle, { leaks: true, caseDir });
    expect(r.stdout).toMatch(/PASS {2}leaks: .*\(1 values found in the sealed tree by the rules of .*case\.yaml\)/);
    expect(r.code).toBe(0);
  }, 120_000);

  it("fails (exit 4) a public tree holding a value the sealed tree's rules find, naming file, place and layer", async () => {
    const copy = join(tempDir(), "copy");
    cpSync(bundle, copy, { recursive: true });
    writeFileSync(join(copy, "public/appendices/notes.csv"), `note\r\nbuyer ${SPACED}\r\n`);
    const r = runCli(["verify", join(copy, "public"), "--leaks", "--sealed", join(copy, "sealed")], { cwd: ROOT });
    expect(r.code).toBe(4);
    expect(r.stdout).toContain("FAIL  leaks:");
    expect(r.stdout).toContain("appendices/notes.csv, line 2: cell (removed-value)");
    for (const v of [SSN, SPACED]) expect(r.stdout).not.toContain(v);
  }, 120_000);

  it("searches the public tree's natives/ like any other file: a sealed native put there is found, by name and place", async () => {
    // N.D. Ill. takes no embedded files: the natives are kept beside the exhibits; the redacted e-mail's only in the sealed tree.
    const native = "natives/001/shop_01-confirmation.eml";
    expect(existsSync(join(bundle, "sealed", native))).toBe(true);
    expect(existsSync(join(bundle, "public", "natives"))).toBe(false);
    const copy = join(tempDir(), "copy");
    cpSync(bundle, copy, { recursive: true });
    mkdirSync(join(copy, "public/natives/001"), { recursive: true });
    cpSync(join(bundle, "sealed", native), join(copy, "public", native));
    const r = runCli(["verify", join(copy, "public"), "--leaks", "--sealed", join(copy, "sealed")], { cwd: ROOT });
    expect(r.code).toBe(4);
    expect(r.stdout).toContain("FAIL  leaks:");
    expect(r.stdout).toMatch(/natives\/001\/shop_01-confirmation\.eml[^\n]*\(removed-value\)/);
    for (const v of [SSN, SPACED]) expect(r.stdout).not.toContain(v);
  }, 120_000);

  it("refuses --leaks without a sealed tree, and --sealed without --leaks (exit 2)", async () => {
    expect((await runVerify(join(bundle, "public"), { leaks: true })).code).toBe(2);
    expect((await runVerify(join(bundle, "public"), { sealed: join(bundle, "sealed") })).code).toBe(2);
  });
});

describe("the fixture case under the gate", () => {
  const shared = sharedBuild("valentino-v-kaitlyn-pan");
  it("builds (the gate found nothing in its public twin) and passes verify --leaks against its sealed twin", async () => {
    const r = await runVerify(join(shared.bundleDir, "public"), { leaks: true, sealed: join(shared.bundleDir, "sealed") });
    expect(r.stdout).toContain("PASS  leaks");
    expect(r.code).toBe(0);
  }, 300_000);
});

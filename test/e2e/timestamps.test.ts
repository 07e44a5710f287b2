/**
 * RFC 3161 with a local TSA (`openssl ts -reply` behind HTTP on 127.0.0.1): stamp at build, verify offline,
 * and every way a token can be wrong is caught and named. The documented openssl commands verify our files.
 */
import { LIVE_EPOCH } from "../helpers/cli.js";
import { execFileSync } from "node:child_process";
import { cpSync, readFileSync, readdirSync, realpathSync, writeFileSync } from "node:fs";
import { closedPort } from "../helpers/closed-port.js";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildRequest, checkToken, tokenFromResponse } from "../../src/pki/index.js";
import { copyFixture, hashTree, tempDir } from "../helpers/cli.js";
import { runBuild, runVerify } from "../helpers/commands.js";
import { makeTestPki, replyTo, resignWithoutEku, startTsa, type TestPki, type TsaServer } from "../helpers/tsa.js";
import { createHash } from "node:crypto";
import { capture } from "../../src/commands/capture.js";
import { CAPTURE_CASE_YAML } from "../helpers/capture-case.js";
import { startSiteServer } from "../helpers/site-server.js";
import { mkdirSync } from "node:fs";

const CASE = "valentino-v-kaitlyn-pan";
let pki: TestPki;
let tsa: TsaServer;
let caseDir: string;
let out: string;
let tree: string;

const sha = (b: Uint8Array | string) => createHash("sha256").update(b).digest("hex");

/** A private copy of the built bundle that a test may damage. */
function copyBundle(): string {
  const dir = join(tempDir(), "bundle");
  cpSync(realpathSync(join(out, CASE)), dir, { recursive: true });
  return dir;
}
const tokenFile = (twin: string) => join(twin, "timestamps", readdirSync(join(twin, "timestamps"))[0]!);

/** Swap a twin's manifest token for other bytes, updating timestamps.json and the digest file so that only the token itself is wrong. */
function replaceToken(twin: string, response: Buffer): void {
  const file = tokenFile(twin);
  writeFileSync(file, response);
  const rel = file.slice(twin.length + 1);
  const record = JSON.parse(readFileSync(join(twin, "timestamps.json"), "utf8"));
  for (const t of record.tokens) if (t.file === rel) t.sha256 = `sha256:${sha(response)}`;
  const text = JSON.stringify(record, null, 2) + "\n";
  writeFileSync(join(twin, "timestamps.json"), text);
  const lines = readFileSync(join(twin, "manifest.json.sha256"), "utf8")
    .trim()
    .split("\n")
    .map((l) => {
      const path = l.split("  ")[1];
      return path === "timestamps.json" ? `${sha(text)}  ${path}` : path === rel ? `${sha(response)}  ${path}` : l;
    });
  writeFileSync(join(twin, "manifest.json.sha256"), lines.join("\n") + "\n");
}

beforeAll(async () => {
  pki = makeTestPki();
  tsa = await startTsa(pki);
  caseDir = copyFixture();
  out = join(tempDir(), "out");
  const r = await runBuild({ env: LIVE_EPOCH, caseDir, out, tsa: [tsa.url] });
  expect(r.code, r.stderr).toBe(0);
  expect(r.stderr).toMatch(/timestamped manifest\.json: CN=Test TSA at \d{4}-/);
  tree = join(out, CASE);
}, 240_000);

afterAll(async () => {
  await tsa?.close();
});

describe("stamp, then verify", () => {
  it("stamps each twin's manifest and verifies against the TSA's root CA", async () => {
    expect(tsa.requests).toBe(2);
    const r = await runVerify(tree, { ca: pki.caFile, json: true });
    expect(r.code, r.stdout).toBe(0);
    const twins = JSON.parse(r.stdout).twins as { checks: { name: string; ok: boolean; detail: string }[] }[];
    for (const t of twins)
      expect(t.checks.find((c) => c.name === "timestamps")).toMatchObject({
        ok: true,
        detail: expect.stringMatching(/1 of 1 tokens valid: manifest\.json by CN=Test TSA at .*; chain checked against the given CA/),
      });
    // the token anchors the manifest: the report says so, and --require-anchor passes
    const anchored = await runVerify(tree, { ca: pki.caFile, requireAnchor: true });
    expect(anchored.code, anchored.stdout).toBe(0);
    expect(anchored.stdout).toMatch(/PASS {2}anchor: .*manifest\.json is anchored by 1 RFC 3161 token\(s\): CN=Test TSA at /);
  });

  it("records which TSA answered, beside the manifest, and lists the TSAs asked in it", () => {
    const twin = join(tree, "public");
    const record = JSON.parse(readFileSync(join(twin, "timestamps.json"), "utf8"));
    expect(record).toMatchObject({
      version: 1,
      manifest: `sha256:${sha(readFileSync(join(twin, "manifest.json")))}`,
      asked: [tsa.url],
      failures: [],
    });
    expect(record.tokens).toEqual([
      expect.objectContaining({ subject: "manifest.json", tsa: tsa.url, tsaName: "CN=Test TSA", policy: "1.3.6.1.4.1.99999.1.1" }),
    ]);
    expect(JSON.parse(readFileSync(join(twin, "manifest.json"), "utf8")).timestamps).toEqual([{ tsa: tsa.url }]);
  });

  it("the documented third-party commands verify it: openssl ts -verify and sha256sum -c", () => {
    const twin = join(tree, "public");
    const openssl = execFileSync(
      "openssl",
      ["ts", "-verify", "-data", "manifest.json", "-in", tokenFile(twin).slice(twin.length + 1), "-CAfile", pki.caFile],
      { cwd: twin, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] },
    );
    expect(openssl).toMatch(/Verification: OK/);
    const sums = execFileSync("sha256sum", ["-c", "manifest.json.sha256"], { cwd: twin, encoding: "utf8" });
    expect(sums).toMatch(/manifest\.json: OK/);
    expect(sums).toMatch(/timestamps\.json: OK/);
    expect(sums).toMatch(/\.tsr: OK/);
  });
});

describe("verify catches", () => {
  it("a byte flipped in any file, naming it (an exhibit, the token, timestamps.json)", async () => {
    for (const pick of [
      (t: string) => join(t, "exhibits", readdirSync(join(t, "exhibits"))[0]!),
      tokenFile,
      (t: string) => join(t, "timestamps.json"),
    ]) {
      const dir = copyBundle();
      const twin = join(dir, "public");
      const file = pick(twin);
      const bytes = readFileSync(file);
      bytes[Math.floor(bytes.length / 2)] ^= 0x01;
      writeFileSync(file, bytes);
      const r = await runVerify(dir, { ca: pki.caFile });
      expect(r.code).toBe(4);
      expect(r.stdout).toContain(file.slice(twin.length + 1));
    }
  });

  it("the wrong CA", async () => {
    const r = await runVerify(tree, { ca: pki.otherCaFile });
    expect(r.code).toBe(4);
    expect(r.stdout).toMatch(/FAIL {2}timestamps[\s\S]*the TSA's certificate does not chain to the CA given/);
  });

  it("a token for another imprint", async () => {
    const dir = copyBundle();
    const twin = join(dir, "public");
    replaceToken(twin, replyTo(pki, buildRequest(sha("some other file")).der));
    const r = await runVerify(twin, { ca: pki.caFile });
    expect(r.code).toBe(4);
    expect(r.stdout).toMatch(/manifest\.json\): message imprint mismatch/);
    expect(r.stdout).toMatch(/PASS {2}manifest-digest/); // only the token is wrong
  });

  it("a token signed by a certificate without the timeStamping usage", async () => {
    const dir = copyBundle();
    const twin = join(dir, "public");
    replaceToken(twin, resignWithoutEku(pki, readFileSync(tokenFile(twin))));
    const r = await runVerify(twin, { ca: pki.caFile });
    expect(r.code).toBe(4);
    expect(r.stdout).toMatch(/lacks the timeStamping extended key usage/);
  });
});

describe("requests", () => {
  it("a nonce drawn with a zero first byte is still minimal DER, which the TSA accepts (it refuses the padded form)", async () => {
    const data = Buffer.from("a record");
    for (const first of [0x00, 0x80, 0xff]) {
      const { der, nonce } = buildRequest(sha(data), Uint8Array.from([first, 0x12, 1, 2, 3, 4, 5, 6]));
      const check = await checkToken(tokenFromResponse(replyTo(pki, der)), data, undefined, nonce);
      expect(check.problems, `first nonce byte ${first}`).toEqual([]);
    }
  });
});

describe("when no TSA answers", () => {
  it("the build fails (exit 5) naming the TSA, and the previous bundle stays as it was", async () => {
    const before = hashTree(tree);
    const port = await closedPort();
    const r = await runBuild({ env: LIVE_EPOCH, caseDir, out, tsa: [`http://127.0.0.1:${port}/tsa`] });
    expect(r.code).toBe(5);
    expect(r.stderr).toMatch(
      new RegExp(
        `no time-stamping authority answered \\(http://127\\.0\\.0\\.1:${port}/tsa: could not reach the TSA \\(ECONNREFUSED\\)\\)`,
      ),
    );
    expect(r.stderr).toMatch(/--allow-untimestamped/);
    expect(hashTree(tree)).toEqual(before);
  });

  it("--allow-untimestamped builds, and verify says it is not timestamped", async () => {
    const port = await closedPort();
    const out2 = join(tempDir(), "out");
    // With the first build's cache: what is stamped (or not) is decided afresh; the rest is the same either way.
    const tsa = [`http://127.0.0.1:${port}/tsa`];
    const r = await runBuild({ env: LIVE_EPOCH, caseDir, out: out2, tsa, allowUntimestamped: true, cache: join(out, ".cache") });
    expect(r.code, r.stderr).toBe(0);
    const v = await runVerify(join(out2, CASE, "public"));
    expect(v.code).toBe(0);
    expect(v.stdout).toMatch(/timestamps: .*built without a timestamp: http:\/\/127\.0\.0\.1:\d+\/tsa: could not reach the TSA/);
  });
});

describe("timestamp at capture", () => {
  it("stamps capture.json as it is written; build checks it, shows it, stamps each exhibit PDF when asked; a foreign token is " +
    "refused", async () => {
    const site = await startSiteServer();
    try {
      const dir = join(tempDir(), "case");
      mkdirSync(join(dir, "evidence"), { recursive: true });
      writeFileSync(
        join(dir, "case.yaml"),
        CAPTURE_CASE_YAML.replace("capture:\n", `timestamp:\n  tsa: [${tsa.url}]\n  exhibits: true\ncapture:\n`),
      );
      const common = {
        cwd: dir,
        caseDir: dir,
        marks: [],
        flags: { hide: [], click: [], allowPrivate: true },
        banner: false,
        retries: 0,
        trustCerts: [],
        wait: true,
      };
      const [[o]] = (
        await Promise.all([
          capture({ ...common, urls: [`${site.url}/marketplace/generic-listing.html`], defendant: "glint" }),
          capture({ ...common, urls: [`${site.url}/social/profile.html`], defendant: "other" }),
        ])
      ).map((r) => r.outcomes);
      expect(o).toMatchObject({ ok: true, timestamp: { tsa: tsa.url, genTime: expect.stringMatching(/^\d{4}-/) } });
      const folder = join(dir, o!.folder!);
      expect(
        execFileSync("openssl", ["ts", "-verify", "-data", "capture.json", "-in", "capture.json.tsr", "-CAfile", pki.caFile], {
          cwd: folder,
          encoding: "utf8",
          stdio: ["ignore", "pipe", "pipe"],
        }),
      ).toMatch(/Verification: OK/);

      const built = await runBuild({ env: LIVE_EPOCH, caseDir: dir, out: join(tempDir(), "out"), quiet: true });
      expect(built.code, built.stderr).toBe(0);
      const pdf = join(built.stdout.trim(), "exhibits", readdirSync(join(built.stdout.trim(), "exhibits"))[0]!);
      const cover = execFileSync("pdftotext", ["-f", "1", "-l", "1", pdf, "-"], { encoding: "utf8" }).replace(/\s+/g, " ");
      expect(cover).toMatch(/RFC 3161 timestamp capture\.json stamped at capture time by CN=Test TSA, genTime \d{4}-\d{2}-\d{2}/);
      // timestamp.exhibits: true → each exhibit PDF has its own token, and verify checks them all.
      const record = JSON.parse(readFileSync(join(built.stdout.trim(), "timestamps.json"), "utf8"));
      const stamped = record.tokens.map((t: { subject: string }) => t.subject).sort();
      expect(stamped, JSON.stringify(record.failures)).toEqual(
        [
          "exhibits/" + readdirSync(join(built.stdout.trim(), "exhibits")).sort()[0],
          "exhibits/" + readdirSync(join(built.stdout.trim(), "exhibits")).sort()[1],
          "manifest.json",
        ].sort(),
      );
      const v = await runVerify(built.stdout.trim(), { ca: pki.caFile });
      expect(v.code, v.stdout).toBe(0);
      expect(v.stdout).toMatch(/3 of 3 tokens valid/);
      // one exhibit checked against its manifest: its own token anchors it, and the report says which
      const alone = await runVerify(pdf, { manifest: join(built.stdout.trim(), "manifest.json"), requireAnchor: true });
      expect(alone.code, alone.stdout).toBe(0);
      expect(alone.stdout).toMatch(/anchor: .*its own RFC 3161 token timestamps\/[^ ]+\.tsr \(CN=Test TSA at /);

      writeFileSync(join(folder, "capture.json.tsr"), replyTo(pki, buildRequest(sha("another record")).der));
      const refused = await runBuild({ env: LIVE_EPOCH, caseDir: dir, out: join(tempDir(), "out") });
      expect(refused.code).toBe(3);
      expect(refused.stderr).toMatch(/capture\.json\.tsr: is not a valid timestamp of this capture\.json: message imprint mismatch/);
    } finally {
      await site.close();
    }
  }, 180_000);
});

/**
 * Signing bundle.pdf with a PKCS#12 certificate (OpenSSL 3 defaults: PBES2/AES, SHA-256 MAC): the
 * signature is found valid by an independent tool (pdfsig, poppler-utils) and by verify; a changed byte
 * or an untrusted CA fails; signing is deterministic; a wrong password stops the build before any work.
 */
import { execFileSync, spawnSync } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { copyFixture, tempDir } from "../helpers/cli.js";
import { runBuild, runVerify } from "../helpers/commands.js";

const CASE = "valentino-v-kaitlyn-pan";
let pki: string;
let caseDir: string;
let out: string;
const ENV = { EXHIBITS_SIGN_PASSWORD: "correct horse" };

function pdfsig(file: string): string {
  const r = spawnSync("pdfsig", [file], { encoding: "utf8" });
  return r.stdout + r.stderr;
}

/** `exhibits build <case> --out <out> --quiet --sign <p12>`, in-process, with the password in the environment given. */
const buildSigned = (to: string, env: NodeJS.ProcessEnv = ENV, cache?: string) =>
  runBuild({ caseDir, out: to, quiet: true, sign: { p12: join(pki, "signer.p12"), passwordEnv: "EXHIBITS_SIGN_PASSWORD" }, env, cache });

beforeAll(async () => {
  pki = tempDir("exhibits-sign-");
  const ssl = (...args: string[]) => execFileSync("openssl", args, { cwd: pki, stdio: ["ignore", "pipe", "pipe"] });
  ssl(
    "req",
    "-x509",
    "-newkey",
    "rsa:2048",
    "-nodes",
    "-keyout",
    "ca.key",
    "-out",
    "ca.pem",
    "-days",
    "3650",
    "-subj",
    "/CN=Example Law LLP Signing CA",
    "-addext",
    "basicConstraints=critical,CA:TRUE",
    "-addext",
    "keyUsage=critical,keyCertSign",
  );
  ssl(
    "req",
    "-newkey",
    "rsa:2048",
    "-nodes",
    "-keyout",
    "signer.key",
    "-out",
    "signer.csr",
    "-subj",
    "/CN=Avery Counsel/O=Example Law LLP",
  );
  writeFileSync(join(pki, "ext.cnf"), "keyUsage=critical,digitalSignature,nonRepudiation\n");
  ssl(
    "x509",
    "-req",
    "-in",
    "signer.csr",
    "-CA",
    "ca.pem",
    "-CAkey",
    "ca.key",
    "-CAcreateserial",
    "-out",
    "signer.pem",
    "-days",
    "3650",
    "-extfile",
    "ext.cnf",
  );
  ssl(
    "pkcs12",
    "-export",
    "-inkey",
    "signer.key",
    "-in",
    "signer.pem",
    "-certfile",
    "ca.pem",
    "-out",
    "signer.p12",
    "-passout",
    `pass:${ENV.EXHIBITS_SIGN_PASSWORD}`,
  );
  ssl(
    "req",
    "-x509",
    "-newkey",
    "rsa:2048",
    "-nodes",
    "-keyout",
    "other.key",
    "-out",
    "other.pem",
    "-days",
    "3650",
    "-subj",
    "/CN=Unrelated CA",
  );
  caseDir = copyFixture();
  out = join(tempDir(), "out");
  const r = await buildSigned(out);
  expect(r.code, r.stderr).toBe(0);
}, 240_000);

describe("a signed bundle", () => {
  it("is valid for pdfsig, an independent tool, over the whole document", () => {
    for (const twin of ["public", "sealed"]) {
      const report = pdfsig(join(out, CASE, twin, "bundle.pdf"));
      expect(report).toMatch(/Signer Certificate Common Name: Avery Counsel/);
      expect(report).toMatch(/Signature Type: adbe\.pkcs7\.detached/);
      expect(report).toMatch(/Total document signed/);
      expect(report).toMatch(/Signature Validation: Signature is Valid\./);
    }
  });

  it("is checked by verify, with trust established by --ca", async () => {
    const r = await runVerify(join(out, CASE), { ca: join(pki, "ca.pem") });
    expect(r.code, r.stdout).toBe(0);
    expect(r.stdout).toMatch(
      new RegExp(
        String.raw`PASS {2}bundle-signature: .*1 of 1 signatures valid: Avery Counsel, Example Law LLP ` +
          String.raw`\(adbe\.pkcs7\.detached\); chain checked against the given CA`,
      ),
    );
  });

  it("fails verify against an unrelated CA", async () => {
    const r = await runVerify(join(out, CASE, "public"), { ca: join(pki, "other.pem") });
    expect(r.code).toBe(4);
    expect(r.stdout).toMatch(/FAIL {2}bundle-signature[\s\S]*does not chain to the CA given/);
  });

  it("fails when a signed byte changes (and pdfsig agrees)", async () => {
    const dir = tempDir();
    const file = join(dir, "bundle.pdf");
    const bytes = readFileSync(join(out, CASE, "public", "bundle.pdf"));
    const at = bytes.indexOf(Buffer.from("/Title"));
    bytes[at + 1] = "t".charCodeAt(0); // /Title → /title, a one-byte edit inside the signed range
    writeFileSync(file, bytes);
    expect(pdfsig(file)).toMatch(/Signature Validation: Signature is Invalid|Digest Mismatch/i);
    const tampered = join(tempDir(), "bundle");
    execFileSync("cp", ["-r", join(out, CASE, "public"), tampered]);
    writeFileSync(join(tampered, "bundle.pdf"), bytes);
    const r = await runVerify(tampered);
    expect(r.code).toBe(4);
    expect(r.stdout).toMatch(/FAIL {2}bundle-signature[\s\S]*bundle\.pdf: the signature does not verify/);
  });

  it("is deterministic: the same inputs sign to the same bytes", async () => {
    const again = join(tempDir(), "out");
    // With the first build's cache (the exhibits are the same either way): a signed bundle.pdf is always written
    // and signed afresh, never reused.
    expect((await buildSigned(again, ENV, join(out, ".cache"))).code).toBe(0);
    expect(readFileSync(join(again, CASE, "public", "bundle.pdf")).equals(readFileSync(join(out, CASE, "public", "bundle.pdf")))).toBe(
      true,
    );
  });
});

describe("signing problems stop the build before any work", () => {
  it("a wrong password: exit 3 naming the file", async () => {
    const r = await buildSigned(join(tempDir(), "out"), { EXHIBITS_SIGN_PASSWORD: "wrong" });
    expect(r.code).toBe(3);
    expect(r.stderr).toMatch(/signer\.p12: wrong password for this PKCS#12 file/);
  });

  // The `exhibits` process, without the variable in its environment.
  it("no password in the environment: exit 2 saying where to put it", () => {
    const env = { ...process.env };
    delete env.EXHIBITS_SIGN_PASSWORD;
    const r = spawnSync(
      process.execPath,
      [
        join(import.meta.dirname, "../../bin/exhibits.js"),
        "build",
        caseDir,
        "--out",
        join(tempDir(), "out"),
        "--sign",
        join(pki, "signer.p12"),
      ],
      { env, encoding: "utf8" },
    );
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/set the PKCS#12 password in the environment variable EXHIBITS_SIGN_PASSWORD/);
  });
});

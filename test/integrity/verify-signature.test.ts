/**
 * verify's `bundle-signature` check (src/integrity/verify-signature.ts) on a bundle.pdf written and signed
 * in-process by the build's own functions (joinPdfParts's placeholder, signWrittenPdf, detachedSignature),
 * with the test PKI's signer.
 */
import { appendFileSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { verifyBundle } from "../../src/integrity/index.js";
import { checkBundleSignature } from "../../src/integrity/verify-signature.js";
import { signWrittenPdf, joinPdfParts } from "../../src/pdf/index.js";
import { detachedSignature, type SigningIdentity } from "../../src/pki/index.js";
import { hexOf, sha256Bytes } from "../../src/util/hash.js";
import { testPki } from "../pki/test-pki.js";
import { blankPdf, makeBundle, replaceListed } from "./synthetic.js";

const BUILT_AT = "2026-01-01T00:00:00Z";

/** A signed 3-page bundle.pdf at `path`. */
async function signedBundle(path: string): Promise<void> {
  const pki = testPki();
  const identity: SigningIdentity = {
    keyPkcs8: pki.signer.keyPkcs8,
    certificates: [pki.signer.certDer, pki.root.certDer],
    name: "Dana Counsel",
  };
  const part = await blankPdf(3);
  const written = await joinPdfParts(path, [{ bytes: part, pages: 3, sha256: hexOf(sha256Bytes(part)) }], {
    title: "Bundle",
    producer: "exhibits test",
    builtAt: BUILT_AT,
    signature: { name: identity.name, reason: "test", signingTime: BUILT_AT, reserve: 8192 },
  });
  await signWrittenPdf(path, written.signatureSlot!, (digest) => detachedSignature(identity, digest, new Date(BUILT_AT)));
}

describe("checkBundleSignature", () => {
  it("passes an unsigned PDF and says so; says a file that is not a PDF cannot be read", async () => {
    expect(await checkBundleSignature(await blankPdf(1))).toEqual({ problems: [], detail: "bundle.pdf is not signed", signers: [] });
    const bad = await checkBundleSignature(new TextEncoder().encode("not a pdf"), undefined, "bundle-part-1-of-2.pdf");
    expect(bad.detail).toBe("unreadable");
    expect(bad.problems).toEqual([expect.stringMatching(/^bundle-part-1-of-2\.pdf: cannot be read \(/)]);
  });
});

describe("verifyBundle: bundle-signature", () => {
  it("passes a signed bundle, naming the signer; with --ca, checks the chain", async () => {
    const { dir } = await makeBundle();
    await signedBundle(join(dir, "bundle.pdf"));
    await replaceListed(dir, "bundle.pdf", readFileSync(join(dir, "bundle.pdf")));
    const r = await verifyBundle(dir, dir);
    expect(r.checks.filter((c) => !c.ok)).toEqual([]);
    expect(r.checks.find((c) => c.name === "bundle-signature")!.detail).toBe(
      "1 of 1 signatures valid: Dana Counsel (adbe.pkcs7.detached); trust not checked (give --ca)",
    );
    // The signature anchors bundle.pdf, and so the exhibit pages found equal to its pages; not the manifest.
    const anchored = r.checks.filter((c) => c.basis === "anchored");
    expect(anchored.map((c) => c.name)).toEqual(["bundle-pages", "bundle-signature", "anchor"]);
    expect(anchored[0]!.anchoredBy).toBe("the signature on bundle.pdf (Dana Counsel (adbe.pkcs7.detached))");
    const trusted = await verifyBundle(dir, dir, { caPem: testPki().root.certPem });
    expect(trusted.checks.find((c) => c.name === "bundle-signature")!.detail).toMatch(/; chain checked against the given CA$/);
    const other = await verifyBundle(dir, dir, { caPem: testPki().otherRoot.certPem });
    expect(other.checks.find((c) => c.name === "bundle-signature")!.problems).toEqual([
      expect.stringMatching(/^bundle\.pdf: the signer's certificate does not chain to the CA given/),
    ]);
  });

  it("names bytes appended after signing", async () => {
    const { dir } = await makeBundle();
    const path = join(dir, "bundle.pdf");
    await signedBundle(path);
    appendFileSync(path, "%% appended\n");
    await replaceListed(dir, "bundle.pdf", readFileSync(path));
    const r = await verifyBundle(dir, dir);
    expect(r.checks.filter((c) => !c.ok).map((c) => [c.name, c.problems])).toEqual([
      ["exhibit-pdfs", ["bundle.pdf: it does not end with 'startxref … %%EOF' as written: bytes were appended after its end"]],
      [
        "bundle-signature",
        [
          expect.stringMatching(
            new RegExp(
              String.raw`^bundle\.pdf: the signature's byte range \[0 \d+ \d+ \d+\] does not cover the whole file of \d+ bytes ` +
                String.raw`\(changed or appended to after signing\)$`,
            ),
          ),
        ],
      ],
    ]);
  });
});

/**
 * Detached CMS signatures (src/pki/cms-signature.ts): made over a digest, checked over the signed bytes,
 * with keys and certificates made in-process.
 */
import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { certificateFromPem, checkDetachedSignature, detachedSignature, type SigningIdentity } from "../../src/pki/index.js";
import { testPki } from "./test-pki.js";

const pki = testPki();
const identity: SigningIdentity = {
  keyPkcs8: pki.signer.keyPkcs8,
  certificates: [pki.signer.certDer, pki.root.certDer],
  name: "Dana Counsel",
};
const SIGNED = new TextEncoder().encode("%PDF-1.7 … the byte ranges of bundle.pdf …");
const AT = new Date("2026-01-01T00:00:00Z");
const digest = (d: Uint8Array) => new Uint8Array(createHash("sha256").update(d).digest());

describe("detachedSignature", () => {
  it("signs to the same bytes for the same inputs (the signing time is given, not read from the clock)", async () => {
    const a = await detachedSignature(identity, digest(SIGNED), AT);
    const b = await detachedSignature(identity, digest(SIGNED), AT);
    expect(Buffer.from(a).equals(Buffer.from(b))).toBe(true);
    expect(Buffer.from(await detachedSignature(identity, digest(SIGNED), new Date("2026-01-02T00:00:00Z"))).equals(Buffer.from(a))).toBe(
      false,
    );
  });
});

describe("checkDetachedSignature", () => {
  it("verifies over the signed bytes and names the signer; trust is left open without roots", async () => {
    const check = await checkDetachedSignature(await detachedSignature(identity, digest(SIGNED), AT), SIGNED);
    expect(check).toEqual({ ok: true, signer: "Dana Counsel", problems: [] });
  });

  it("refuses other bytes than those signed", async () => {
    const check = await checkDetachedSignature(
      await detachedSignature(identity, digest(SIGNED), AT),
      new TextEncoder().encode("appended after signing"),
    );
    expect(check.ok).toBe(false);
    expect(check.problems).toEqual([expect.stringMatching(/^the signature does not verify over the signed byte ranges/)]);
  });

  it("with roots: trusted when the signer chains to one, refused when not", async () => {
    const cms = await detachedSignature(identity, digest(SIGNED), AT);
    expect(await checkDetachedSignature(cms, SIGNED, certificateFromPem(pki.root.certPem))).toEqual({
      ok: true,
      signer: "Dana Counsel",
      problems: [],
      trusted: true,
    });
    const other = await checkDetachedSignature(cms, SIGNED, certificateFromPem(pki.otherRoot.certPem));
    expect(other.ok).toBe(false);
    expect(other.trusted).toBe(false);
    expect(other.problems).toEqual([expect.stringMatching(/^the signer's certificate does not chain to the CA given/)]);
  });

  it("refuses bytes that are not CMS SignedData", async () => {
    const check = await checkDetachedSignature(new TextEncoder().encode("not CMS"), SIGNED);
    expect(check.ok).toBe(false);
    expect(check.problems).toEqual([expect.stringMatching(/^the signature is not CMS SignedData/)]);
  });
});

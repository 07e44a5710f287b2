/** Signing identities from PKCS#12 files (src/pki/p12.ts), with files made in-process by node-forge. */
import { describe, expect, it } from "vitest";
import { readP12 } from "../../src/pki/index.js";
import { InvalidInputError } from "../../src/util/errors.js";
import { makeP12, testPki } from "./test-pki.js";

const pki = testPki();

describe("readP12", () => {
  it("reads the key and puts the signer's certificate first, whatever the order in the file (AES and legacy 3DES)", () => {
    for (const algorithm of ["aes256", "3des"] as const) {
      const id = readP12(makeP12("s3cret", pki.signer.key, [pki.root.cert, pki.signer.cert], algorithm), "s3cret", "counsel.p12");
      expect(id.name).toBe("Dana Counsel");
      expect(id.certificates.map((c) => Buffer.from(c).toString("hex"))).toEqual(
        [pki.signer.certDer, pki.root.certDer].map((c) => Buffer.from(c).toString("hex")),
      );
      expect(Buffer.from(id.keyPkcs8).equals(Buffer.from(pki.signer.keyPkcs8))).toBe(true);
    }
  });

  it("says the password is wrong, naming where it is read from", () => {
    const e = (() => {
      try {
        readP12(makeP12("s3cret", pki.signer.key, [pki.signer.cert]), "guess", "counsel.p12");
      } catch (err) {
        return err;
      }
    })();
    expect(e).toBeInstanceOf(InvalidInputError);
    expect((e as InvalidInputError).message).toBe(
      "counsel.p12: wrong password for this PKCS#12 file " +
        "(set it in the environment variable named by --sign-password-env, default EXHIBITS_SIGN_PASSWORD)",
    );
  });

  it("refuses a file that is not PKCS#12, one without a key, and one without the key's certificate", () => {
    expect(() => readP12(new TextEncoder().encode("not a p12"), "x", "a.p12")).toThrow(
      /^a\.p12: not a readable PKCS#12 \(\.p12\/\.pfx\) file: /,
    );
    expect(() => readP12(makeP12("pw", null, [pki.signer.cert]), "pw", "b.p12")).toThrow(
      "b.p12: holds no RSA private key (EC keys are not supported yet)",
    );
    expect(() => readP12(makeP12("pw", pki.signer.key, [pki.root.cert]), "pw", "c.p12")).toThrow(
      "c.p12: holds no certificate for its private key",
    );
  });
});

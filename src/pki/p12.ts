/**
 * Signing identities from PKCS#12 files (the node-forge room: it reads the .p12 — OpenSSL 3's default
 * PBES2/AES and SHA-256 MAC as well as legacy 3DES — and hands back DER; signing itself is done with
 * WebCrypto through pkijs in ./cms.ts).
 */
import forge from "node-forge";
import { InvalidInputError } from "../util/errors.js";

export interface SigningIdentity {
  /** PKCS#8 DER of the private key (RSA). */
  keyPkcs8: Uint8Array;
  /** The signer's certificate first, then any chain certificates in the file. DER. */
  certificates: Uint8Array[];
  /** The signer's common name (for the signature dictionary's /Name). */
  name: string;
}

const der = (binary: string) => Uint8Array.from(Buffer.from(binary, "binary"));

export function readP12(data: Uint8Array, password: string, shown: string): SigningIdentity {
  let p12: forge.pkcs12.Pkcs12Pfx;
  try {
    p12 = forge.pkcs12.pkcs12FromAsn1(forge.asn1.fromDer(forge.util.createBuffer(Buffer.from(data).toString("binary"))), password);
  } catch (e) {
    const m = (e as Error).message;
    throw new InvalidInputError(
      { file: shown },
      /MAC could not be verified|Invalid password/i.test(m)
        ? "wrong password for this PKCS#12 file (set it in the environment variable named by --sign-password-env, default " +
            "EXHIBITS_SIGN_PASSWORD)"
        : `not a readable PKCS#12 (.p12/.pfx) file: ${m}`,
    );
  }
  const keyBags = [
    ...(p12.getBags({ bagType: forge.pki.oids.pkcs8ShroudedKeyBag })[forge.pki.oids.pkcs8ShroudedKeyBag] ?? []),
    ...(p12.getBags({ bagType: forge.pki.oids.keyBag })[forge.pki.oids.keyBag] ?? []),
  ];
  const key = keyBags.find((b) => b.key)?.key as forge.pki.rsa.PrivateKey | undefined;
  if (!key) throw new InvalidInputError({ file: shown }, "holds no RSA private key (EC keys are not supported yet)");
  const certs = (p12.getBags({ bagType: forge.pki.oids.certBag })[forge.pki.oids.certBag] ?? [])
    .map((b) => b.cert)
    .filter((c): c is forge.pki.Certificate => Boolean(c));
  // The signer's certificate is the one whose public key matches the private key.
  const signer = certs.find((c) => (c.publicKey as forge.pki.rsa.PublicKey).n?.equals(key.n));
  if (!signer) throw new InvalidInputError({ file: shown }, "holds no certificate for its private key");
  const ordered = [signer, ...certs.filter((c) => c !== signer)];
  const keyInfo = forge.pki.wrapRsaPrivateKey(forge.pki.privateKeyToAsn1(key));
  return {
    keyPkcs8: der(forge.asn1.toDer(keyInfo).getBytes()),
    certificates: ordered.map((c) => der(forge.asn1.toDer(forge.pki.certificateToAsn1(c)).getBytes())),
    name: String(signer.subject.getField("CN")?.value ?? "signer"),
  };
}

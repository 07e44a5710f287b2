/**
 * A detached CMS signature (adbe.pkcs7.detached) over a digest computed elsewhere (the PDF's byte ranges,
 * hashed as a stream), built with pkijs and signed with WebCrypto (RSA PKCS#1 v1.5, SHA-256). The signing
 * time attribute is the build time, so the same inputs sign to the same bytes.
 */
import * as asn1js from "asn1js";
import * as pkijs from "pkijs";
import type { SigningIdentity } from "./p12.js";

const OID = {
  data: "1.2.840.113549.1.7.1",
  signedData: "1.2.840.113549.1.7.2",
  contentType: "1.2.840.113549.1.9.3",
  messageDigest: "1.2.840.113549.1.9.4",
  signingTime: "1.2.840.113549.1.9.5",
  sha256: "2.16.840.1.101.3.4.2.1",
};

const ab = (b: Uint8Array): ArrayBuffer => b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength) as ArrayBuffer;

export async function detachedSignature(identity: SigningIdentity, digest: Uint8Array, signingTime: Date): Promise<Uint8Array> {
  const certs = identity.certificates.map((c) => pkijs.Certificate.fromBER(ab(c)));
  const signer = certs[0]!;
  const key = await globalThis.crypto.subtle.importKey(
    "pkcs8",
    ab(identity.keyPkcs8),
    { name: "RSASSA-PKCS1-v1_5", hash: "SHA-256" },
    false,
    ["sign"],
  );
  const signed = new pkijs.SignedData({
    version: 1,
    encapContentInfo: new pkijs.EncapsulatedContentInfo({ eContentType: OID.data }),
    signerInfos: [
      new pkijs.SignerInfo({
        version: 1,
        sid: new pkijs.IssuerAndSerialNumber({ issuer: signer.issuer, serialNumber: signer.serialNumber }),
        signedAttrs: new pkijs.SignedAndUnsignedAttributes({
          type: 0,
          attributes: [
            new pkijs.Attribute({ type: OID.contentType, values: [new asn1js.ObjectIdentifier({ value: OID.data })] }),
            new pkijs.Attribute({ type: OID.signingTime, values: [new asn1js.UTCTime({ valueDate: signingTime })] }),
            new pkijs.Attribute({ type: OID.messageDigest, values: [new asn1js.OctetString({ valueHex: ab(digest) })] }),
          ],
        }),
      }),
    ],
    certificates: certs,
  });
  await signed.sign(key, 0, "SHA-256");
  const info = new pkijs.ContentInfo({ contentType: OID.signedData, content: signed.toSchema(true) });
  return new Uint8Array(info.toSchema().toBER(false));
}

/** Check a detached signature over `data` (the PDF's signed byte ranges): signature valid, digest matching. */
export async function checkDetachedSignature(
  cms: Uint8Array,
  data: Uint8Array,
  roots?: pkijs.Certificate[],
): Promise<{ ok: boolean; signer?: string; problems: string[]; trusted?: boolean }> {
  const problems: string[] = [];
  let signed: pkijs.SignedData;
  try {
    const info = pkijs.ContentInfo.fromBER(ab(cms));
    signed = new pkijs.SignedData({ schema: info.content });
  } catch (e) {
    return { ok: false, problems: [`the signature is not CMS SignedData (${(e as Error).message})`] };
  }
  const cert = (signed.certificates ?? []).find((c): c is pkijs.Certificate => c instanceof pkijs.Certificate);
  const signer = cert?.subject.typesAndValues
    .map((tv) => (tv.value.valueBlock as { value?: string }).value)
    .filter(Boolean)
    .join(", ");
  let trusted: boolean | undefined;
  try {
    const r = await signed.verify({
      signer: 0,
      data: ab(data),
      checkChain: Boolean(roots?.length),
      trustedCerts: roots ?? [],
      extendedMode: true,
    });
    if (!r.signatureVerified) problems.push("the signature does not verify over the signed byte ranges");
    if (roots?.length) trusted = Boolean(r.signerCertificateVerified);
  } catch (e) {
    const err = e as pkijs.SignedDataVerifyError;
    if (roots?.length && (err.signatureVerified || /certificate/i.test(err.message ?? ""))) {
      trusted = false;
      problems.push(`the signer's certificate does not chain to the CA given (${err.message})`);
    } else problems.push(`the signature does not verify over the signed byte ranges (${err.message})`);
  }
  return { ok: problems.length === 0, ...(signer ? { signer } : {}), problems, ...(trusted !== undefined ? { trusted } : {}) };
}

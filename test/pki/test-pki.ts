/**
 * A test PKI made in-process (no openssl, no child process): RSA keys from node:crypto, certificates from
 * node-forge, RFC 3161 tokens and replies from pkijs. A root CA, an unrelated root, a TSA certificate with
 * the critical timeStamping usage, and certificates without it or with it non-critical; `reply()` answers a
 * time-stamp request the way a TSA does. For the unit tests of pki/ and integrity/ (the e2e tests use the
 * openssl TSA of test/helpers/tsa.ts).
 */
import { createHash, generateKeyPairSync } from "node:crypto";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import * as asn1js from "asn1js";
import forge from "node-forge";
import * as pkijs from "pkijs";

const OID = {
  sha256: "2.16.840.1.101.3.4.2.1",
  signedData: "1.2.840.113549.1.7.2",
  tstInfo: "1.2.840.113549.1.9.16.1.4",
  contentType: "1.2.840.113549.1.9.3",
  messageDigest: "1.2.840.113549.1.9.4",
} as const;
export const TEST_POLICY = "1.3.6.1.4.1.99999.1.1";

const ab = (b: Uint8Array): ArrayBuffer => b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength) as ArrayBuffer;
const derOf = (c: forge.pki.Certificate) =>
  Uint8Array.from(Buffer.from(forge.asn1.toDer(forge.pki.certificateToAsn1(c)).getBytes(), "binary"));

export interface Party {
  name: string;
  key: forge.pki.rsa.PrivateKey;
  /** PKCS#8 DER of the private key (what WebCrypto imports). */
  keyPkcs8: Uint8Array;
  cert: forge.pki.Certificate;
  certDer: Uint8Array;
  certPem: string;
}

type Usage = "ca" | "tsa" | "tsa-noncritical" | "no-eku" | "signer";

let serial = 1;

function party(name: string, usage: Usage, issuer?: Party): Party {
  // 1024 bits: twenty times quicker to make than 2048, and nothing here depends on the key's strength.
  const pair = generateKeyPairSync("rsa", { modulusLength: 1024 });
  const pkcs1 = pair.privateKey.export({ type: "pkcs1", format: "pem" }).toString();
  const key = forge.pki.privateKeyFromPem(pkcs1) as forge.pki.rsa.PrivateKey;
  const cert = forge.pki.createCertificate();
  cert.publicKey = forge.pki.publicKeyFromPem(pair.publicKey.export({ type: "spki", format: "pem" }).toString());
  cert.serialNumber = (serial++).toString(16).padStart(2, "0");
  cert.validity.notBefore = new Date("2020-01-01T00:00:00Z");
  cert.validity.notAfter = new Date("2045-01-01T00:00:00Z");
  const subject = [{ name: "commonName", value: name }];
  cert.setSubject(subject);
  cert.setIssuer(issuer ? issuer.cert.subject.attributes : subject);
  const extensions: object[] =
    usage === "ca"
      ? [
          { name: "basicConstraints", cA: true, critical: true },
          { name: "keyUsage", keyCertSign: true, cRLSign: true, critical: true },
        ]
      : [
          { name: "basicConstraints", cA: false },
          { name: "keyUsage", digitalSignature: true, nonRepudiation: true, critical: true },
        ];
  if (usage === "tsa" || usage === "tsa-noncritical")
    extensions.push({ name: "extKeyUsage", timeStamping: true, critical: usage === "tsa" });
  extensions.push({ name: "subjectKeyIdentifier" });
  cert.setExtensions(extensions);
  cert.sign(issuer ? issuer.key : key, forge.md.sha256.create());
  const keyPkcs8 = Uint8Array.from(Buffer.from(pair.privateKey.export({ type: "pkcs8", format: "der" })));
  return { name, key, keyPkcs8, cert, certDer: derOf(cert), certPem: forge.pki.certificateToPem(cert) };
}

export interface TestPki {
  root: Party;
  otherRoot: Party;
  tsa: Party;
  tsaNonCritical: Party;
  noEku: Party;
  signer: Party;
}

const made = new Map<keyof TestPki, Party>();
const once = (k: keyof TestPki, make: () => Party) => made.get(k) ?? (made.set(k, make()), made.get(k)!);

/** The test PKI: each party made when first used, once per test file. */
export function testPki(): TestPki {
  return {
    get root() {
      return once("root", () => party("Test Evidence Root CA", "ca"));
    },
    get otherRoot() {
      return once("otherRoot", () => party("Some Other Root CA", "ca"));
    },
    get tsa() {
      return once("tsa", () => party("Test TSA", "tsa", this.root));
    },
    get tsaNonCritical() {
      return once("tsaNonCritical", () => party("Lax TSA", "tsa-noncritical", this.root));
    },
    get noEku() {
      return once("noEku", () => party("Not A TSA", "no-eku", this.root));
    },
    get signer() {
      return once("signer", () => party("Dana Counsel", "signer", this.root));
    },
  };
}

export interface TokenOptions {
  /** The TSA that signs (default: the test TSA). */
  by?: Party;
  genTime?: Date;
  /** Hex, as the request carried it. */
  nonce?: string;
  serialHex?: string;
  /** Leave the signer's certificate out of the token. */
  withoutCertificate?: boolean;
}

/** A time-stamp token (ContentInfo DER) over a SHA-256 digest given in hex. */
export async function makeToken(digestHex: string, o: TokenOptions = {}): Promise<Uint8Array> {
  const by = o.by ?? testPki().tsa;
  const cert = pkijs.Certificate.fromBER(ab(by.certDer));
  const tst = new pkijs.TSTInfo({
    version: 1,
    policy: TEST_POLICY,
    messageImprint: new pkijs.MessageImprint({
      hashAlgorithm: new pkijs.AlgorithmIdentifier({ algorithmId: OID.sha256 }),
      hashedMessage: new asn1js.OctetString({ valueHex: ab(Buffer.from(digestHex, "hex")) }),
    }),
    serialNumber: new asn1js.Integer({ valueHex: ab(Buffer.from(o.serialHex ?? "2a", "hex")) }),
    genTime: o.genTime ?? new Date("2026-01-01T12:00:00Z"),
    ...(o.nonce ? { nonce: new asn1js.Integer({ valueHex: ab(Buffer.from(o.nonce.length % 2 ? `0${o.nonce}` : o.nonce, "hex")) }) } : {}),
    tsa: new pkijs.GeneralName({ type: 4, value: cert.subject }),
  });
  const tstDer = new Uint8Array(tst.toSchema().toBER(false));
  const signed = new pkijs.SignedData({
    version: 3,
    encapContentInfo: new pkijs.EncapsulatedContentInfo({
      eContentType: OID.tstInfo,
      eContent: new asn1js.OctetString({ valueHex: ab(tstDer) }),
    }),
    signerInfos: [
      new pkijs.SignerInfo({
        version: 1,
        sid: new pkijs.IssuerAndSerialNumber({ issuer: cert.issuer, serialNumber: cert.serialNumber }),
        signedAttrs: new pkijs.SignedAndUnsignedAttributes({
          type: 0,
          attributes: [
            new pkijs.Attribute({ type: OID.contentType, values: [new asn1js.ObjectIdentifier({ value: OID.tstInfo })] }),
            new pkijs.Attribute({
              type: OID.messageDigest,
              values: [new asn1js.OctetString({ valueHex: ab(createHash("sha256").update(tstDer).digest()) })],
            }),
          ],
        }),
      }),
    ],
    certificates: [cert],
  });
  const key = await globalThis.crypto.subtle.importKey("pkcs8", ab(by.keyPkcs8), { name: "RSASSA-PKCS1-v1_5", hash: "SHA-256" }, false, [
    "sign",
  ]);
  await signed.sign(key, 0, "SHA-256");
  if (o.withoutCertificate) signed.certificates = undefined;
  const info = new pkijs.ContentInfo({ contentType: OID.signedData, content: signed.toSchema(true) });
  return new Uint8Array(info.toSchema().toBER(false));
}

/** A TimeStampResp granting `token`, or refusing (status 2, rejection) with a text. */
export function makeResponse(token: Uint8Array | undefined, refusal?: string): Uint8Array {
  const status = refusal
    ? new pkijs.PKIStatusInfo({ status: 2, statusStrings: [new asn1js.Utf8String({ value: refusal })] })
    : new pkijs.PKIStatusInfo({ status: 0 });
  const resp = new pkijs.TimeStampResp({ status, ...(token ? { timeStampToken: pkijs.ContentInfo.fromBER(ab(token)) } : {}) });
  return new Uint8Array(resp.toSchema().toBER(false));
}

/** A TSA's reply stamping `data`. */
export async function stampOf(data: Uint8Array | string, o: TokenOptions = {}): Promise<Uint8Array> {
  return makeResponse(await makeToken(createHash("sha256").update(data).digest("hex"), o));
}

/** What a time-stamp request asks for: the imprint (hex) and the nonce (hex, without leading zeros). */
export function readRequest(der: Uint8Array): { digestHex: string; nonce?: string } {
  const req = pkijs.TimeStampReq.fromBER(ab(der));
  const hex = (v: Uint8Array) => Buffer.from(v).toString("hex");
  return {
    digestHex: hex(req.messageImprint.hashedMessage.valueBlock.valueHexView),
    ...(req.nonce ? { nonce: hex(req.nonce.valueBlock.valueHexView).replace(/^0+/, "") || "0" } : {}),
  };
}

/** A PKCS#12 file (DER) holding `key`'s private key (or none) and the certificates given. */
export function makeP12(
  password: string,
  key: forge.pki.rsa.PrivateKey | null,
  certs: forge.pki.Certificate[],
  algorithm: "aes256" | "3des" = "aes256",
): Uint8Array {
  const asn1 = forge.pkcs12.toPkcs12Asn1(key, certs, password, { algorithm });
  return Uint8Array.from(Buffer.from(forge.asn1.toDer(asn1).getBytes(), "binary"));
}

export interface InProcessTsa {
  url: string;
  close(): Promise<void>;
}

/** A TSA on 127.0.0.1 that stamps what it is asked, as asked (the test TSA, echoing the nonce), in this process. */
export async function startInProcessTsa(): Promise<InProcessTsa> {
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", async () => {
      const { digestHex, nonce } = readRequest(Buffer.concat(chunks));
      const body = makeResponse(await makeToken(digestHex, { nonce }));
      res.writeHead(200, { "Content-Type": "application/timestamp-reply" }).end(body);
    });
  });
  await new Promise<void>((ok) => server.listen(0, "127.0.0.1", ok));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/tsa`,
    close: () =>
      new Promise<void>((ok) => {
        server.closeAllConnections();
        server.close(() => ok());
      }),
  };
}

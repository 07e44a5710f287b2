/**
 * A local RFC 3161 time-stamping authority for tests: `openssl ts -reply` behind a small HTTP server on
 * 127.0.0.1 (the recipe of DOMAIN.md §4.4), with its own root CA; plus a second, unrelated CA, and a
 * certificate without the timeStamping usage (with a helper that signs a token with it, via `openssl cms`,
 * since `openssl ts` itself refuses such a signer).
 */
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import * as asn1js from "asn1js";

export interface TestPki {
  dir: string;
  caPem: string;
  caFile: string;
  otherCaFile: string;
  tsaCertFile: string;
  config: string;
}

const run = (cwd: string, args: string[]) => execFileSync("openssl", args, { cwd, stdio: ["ignore", "pipe", "pipe"] });

export function makeTestPki(): TestPki {
  const dir = mkdtempSync(join(tmpdir(), "exhibits-tsa-"));
  mkdirSync(join(dir, "private"));
  run(dir, [
    "req",
    "-x509",
    "-newkey",
    "rsa:2048",
    "-nodes",
    "-keyout",
    "private/cakey.pem",
    "-out",
    "cacert.pem",
    "-days",
    "3650",
    "-subj",
    "/CN=Test Evidence Root CA",
    "-addext",
    "basicConstraints=critical,CA:TRUE",
    "-addext",
    "keyUsage=critical,keyCertSign,cRLSign",
  ]);
  run(dir, [
    "req",
    "-x509",
    "-newkey",
    "rsa:2048",
    "-nodes",
    "-keyout",
    "private/otherkey.pem",
    "-out",
    "othercacert.pem",
    "-days",
    "3650",
    "-subj",
    "/CN=Some Other Root CA",
    "-addext",
    "basicConstraints=critical,CA:TRUE",
    "-addext",
    "keyUsage=critical,keyCertSign,cRLSign",
  ]);
  const issue = (name: string, cn: string, ext: string[]) => {
    run(dir, ["req", "-newkey", "rsa:2048", "-nodes", "-keyout", `private/${name}key.pem`, "-out", `${name}.csr`, "-subj", `/CN=${cn}`]);
    writeFileSync(join(dir, `${name}_ext.cnf`), ext.join("\n") + "\n");
    run(dir, [
      "x509",
      "-req",
      "-in",
      `${name}.csr`,
      "-CA",
      "cacert.pem",
      "-CAkey",
      "private/cakey.pem",
      "-CAcreateserial",
      "-out",
      `${name}cert.pem`,
      "-days",
      "3650",
      "-extfile",
      `${name}_ext.cnf`,
    ]);
  };
  issue("tsa", "Test TSA", [
    "basicConstraints=CA:FALSE",
    "keyUsage=critical,digitalSignature,nonRepudiation",
    "extendedKeyUsage=critical,timeStamping",
    "subjectKeyIdentifier=hash",
    "authorityKeyIdentifier=keyid",
  ]);
  issue("noeku", "Not A TSA", [
    "basicConstraints=CA:FALSE",
    "keyUsage=critical,digitalSignature,nonRepudiation",
    "subjectKeyIdentifier=hash",
    "authorityKeyIdentifier=keyid",
  ]);
  writeFileSync(join(dir, "tsaserial"), "01\n");
  const config = join(dir, "tsa.cnf");
  writeFileSync(
    config,
    `[ tsa ]\ndefault_tsa = tsa_config1\n[ tsa_config1 ]\ndir = ${dir}\nserial = $dir/tsaserial\ncrypto_device = builtin\nsigner_cert ` +
      `= $dir/tsacert.pem\ncerts = $dir/cacert.pem\nsigner_key = $dir/private/tsakey.pem\nsigner_digest = sha256\ndefault_policy = ` +
      `1.3.6.1.4.1.99999.1.1\nother_policies = 1.3.6.1.4.1.99999.1.2\ndigests = sha256, sha384, sha512\naccuracy = secs:1, ` +
      `millisecs:0, microsecs:0\nclock_precision_digits = 0\nordering = no\n` +
      `tsa_name = yes\ness_cert_id_chain = no\ness_cert_id_alg = sha256\n`,
  );
  return {
    dir,
    caPem: readFileSync(join(dir, "cacert.pem"), "utf8"),
    caFile: join(dir, "cacert.pem"),
    otherCaFile: join(dir, "othercacert.pem"),
    tsaCertFile: join(dir, "tsacert.pem"),
    config,
  };
}

/** Stamp a request with the test TSA (openssl ts -reply); returns the TimeStampResp DER. */
export function replyTo(pki: TestPki, query: Uint8Array): Buffer {
  const work = mkdtempSync(join(pki.dir, "q-"));
  writeFileSync(join(work, "q.tsq"), query);
  run(work, ["ts", "-reply", "-config", pki.config, "-queryfile", "q.tsq", "-out", "r.tsr"]);
  return readFileSync(join(work, "r.tsr"));
}

/** A TimeStampResp for the same TSTInfo as `response`, re-signed by the certificate that lacks timeStamping. */
export function resignWithoutEku(pki: TestPki, response: Uint8Array): Buffer {
  const work = mkdtempSync(join(pki.dir, "n-"));
  writeFileSync(join(work, "r.tsr"), response);
  run(work, ["ts", "-reply", "-in", "r.tsr", "-token_out", "-out", "token.der"]);
  run(work, ["cms", "-verify", "-noverify", "-inform", "DER", "-in", "token.der", "-out", "tstinfo.der", "-binary"]);
  run(work, [
    "cms",
    "-sign",
    "-binary",
    "-nodetach",
    "-in",
    "tstinfo.der",
    "-econtent_type",
    "1.2.840.113549.1.9.16.1.4",
    "-signer",
    join(pki.dir, "noekucert.pem"),
    "-inkey",
    join(pki.dir, "private/noekukey.pem"),
    "-md",
    "sha256",
    "-outform",
    "DER",
    "-out",
    "bad-token.der",
  ]);
  const token = asn1js.fromBER(new Uint8Array(readFileSync(join(work, "bad-token.der"))).buffer).result;
  const resp = new asn1js.Sequence({ value: [new asn1js.Sequence({ value: [new asn1js.Integer({ value: 0 })] }), token] });
  return Buffer.from(resp.toBER(false));
}

export interface TsaServer {
  url: string;
  requests: number;
  close(): Promise<void>;
}

/** The test TSA over HTTP (POST application/timestamp-query → application/timestamp-reply) on 127.0.0.1. */
export async function startTsa(pki: TestPki): Promise<TsaServer> {
  let requests = 0;
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      requests++;
      if (req.method !== "POST" || req.headers["content-type"] !== "application/timestamp-query") {
        res.writeHead(400).end("expected POST application/timestamp-query");
        return;
      }
      try {
        const reply = replyTo(pki, Buffer.concat(chunks));
        res.writeHead(200, { "Content-Type": "application/timestamp-reply", "Content-Length": reply.length }).end(reply);
      } catch (e) {
        res.writeHead(500).end(String(e));
      }
    });
  });
  await new Promise<void>((ok) => server.listen(0, "127.0.0.1", ok));
  const { port } = server.address() as AddressInfo;
  const self: TsaServer = {
    url: `http://127.0.0.1:${port}/tsa`,
    get requests() {
      return requests;
    },
    close: () =>
      new Promise<void>((ok) => {
        server.closeAllConnections();
        server.close(() => ok());
      }),
  };
  return self;
}

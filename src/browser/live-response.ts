/**
 * The facts of a live page's response, and the failures a capture ends with: shared by the capture steps (live-page.ts).
 */
import { createHash, X509Certificate } from "node:crypto";
import type { CDPSession, HTTPRequest, HTTPResponse } from "puppeteer-core";
import type { CaptureFailureReason, PageCaptureSettings, RedirectHop, TlsSummary } from "../model/capture.js";
import { EnvironmentError } from "../util/errors.js";

export class CaptureFailure extends Error {
  constructor(
    readonly reason: CaptureFailureReason,
    message: string,
    readonly details: { status?: number; finalUrl?: string; redirects?: RedirectHop[] } = {},
  ) {
    super(message);
  }
}

/** SPKI pin (base64 SHA-256 of the public key) of a PEM or DER certificate, as Chromium's pin list wants it. */
export function spkiPin(cert: string | Buffer): string {
  const der = new X509Certificate(cert).publicKey.export({ type: "spki", format: "der" });
  return createHash("sha256").update(der).digest("base64");
}

export function navigationFailure(e: Error, url: string, mainDocument: HTTPResponse | undefined, s: PageCaptureSettings): CaptureFailure {
  const message = e.message.split("\n")[0] ?? String(e);
  const code = /net::(ERR_[A-Z_]+)/.exec(message)?.[1];
  if (mainDocument && code === "ERR_ABORTED") {
    const headers = mainDocument.headers();
    const type = headers["content-type"]?.split(";")[0] ?? "unknown type";
    const disposition = headers["content-disposition"];
    const name = disposition ? /filename\*?=(?:UTF-8'')?"?([^";]+)"?/i.exec(disposition)?.[1] : undefined;
    return new CaptureFailure("download", `the URL downloads a file (${type}${name ? `, '${name}'` : ""}) instead of showing a page`, {
      status: mainDocument.status(),
      finalUrl: mainDocument.url(),
    });
  }
  if (e.name === "TimeoutError" || /timeout/i.test(message)) {
    return new CaptureFailure("timeout", `the page did not start showing within ${seconds(s.navigationTimeoutMs)} (--nav-timeout)`);
  }
  if (code && /CERT|SSL|TLS/.test(code)) {
    return new CaptureFailure(
      "tls",
      `the site's TLS certificate was refused (${code}); if you trust it, pass it with --trust-cert <cert.pem>`,
    );
  }
  if (
    code &&
    new RegExp(
      String.raw`NAME_NOT_RESOLVED|CONNECTION_REFUSED|CONNECTION_RESET|CONNECTION_CLOSED|` +
        String.raw`ADDRESS_UNREACHABLE|INTERNET_DISCONNECTED|CONNECTION_TIMED_OUT|` +
        String.raw`TIMED_OUT|NETWORK_CHANGED|UNSAFE_PORT|EMPTY_RESPONSE|PROXY`,
    ).test(code)
  ) {
    return new CaptureFailure("unreachable", `could not reach ${safeHost(url)} (${code})`);
  }
  return new CaptureFailure("browser", `navigation to ${url} failed: ${message}`);
}

export async function tlsSummary(cdp: CDPSession, response: HTTPResponse, pins: Set<string>): Promise<TlsSummary | undefined> {
  const sec = response.securityDetails();
  if (!sec) return undefined;
  let sha256Fingerprint: string | undefined;
  let pinned = false;
  try {
    const origin = new URL(response.url()).origin;
    const { tableNames } = (await cdp.send("Network.getCertificate", { origin })) as { tableNames: string[] };
    if (tableNames[0]) {
      const der = Buffer.from(tableNames[0], "base64");
      sha256Fingerprint = createHash("sha256").update(der).digest("hex").toUpperCase().match(/../g)!.join(":");
      if (pins.size > 0) pinned = pins.has(spkiPin(der));
    }
  } catch {
    /* the fingerprint is best effort: older browsers lack Network.getCertificate */
  }
  const iso = (unix: number) => new Date(unix * 1000).toISOString();
  return {
    protocol: sec.protocol(),
    subject: sec.subjectName(),
    issuer: sec.issuer(),
    subjectAlternativeNames: sec.subjectAlternativeNames(),
    validFrom: iso(sec.validFrom()),
    validTo: iso(sec.validTo()),
    ...(sha256Fingerprint ? { sha256Fingerprint } : {}),
    ...(pinned ? { trustedByPin: true } : {}),
  };
}

/**
 * The DevTools request id of a navigation request, which Chromium makes equal to the loader id of the document it
 * brings (how a held document is matched with its response). puppeteer keeps it on the request without typing it.
 */
export function requestIdOf(r: HTTPRequest): string {
  const id = (r as unknown as { id?: unknown }).id;
  if (typeof id !== "string") throw new EnvironmentError("this puppeteer-core does not give request ids; capture needs them");
  return id;
}

export function sortedHeaders(h: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(h).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

function safeHost(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
}

export function seconds(ms: number): string {
  return `${Math.round(ms / 100) / 10} s`;
}

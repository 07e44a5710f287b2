/**
 * The review server's gate (`exhibits review`): every request must name this server by its own address in `Host`
 * (127.0.0.1:<port> or localhost:<port>; anything else is a DNS-rebinding page reaching in, refused with 403) and carry
 * the run's token, as `?t=` on the first load, then as the cookie that load set (SameSite=Strict, HttpOnly) or the
 * `X-Review-Token` header the page's own requests send. A request without the token is refused with 401.
 */
import { randomBytes, timingSafeEqual } from "node:crypto";

export const TOKEN_COOKIE = "exhibits_review";
export const TOKEN_HEADER = "x-review-token";

/** A fresh token for one run of the server: 24 random bytes, base64url (32 characters). */
export function newToken(): string {
  return randomBytes(24).toString("base64url");
}

export interface GuardRequest {
  host: string | undefined;
  /** `?t=` of the URL. */
  query: string | undefined;
  cookie: string | undefined;
  header: string | undefined;
}

export type GuardVerdict = { ok: true; fromQuery: boolean } | { ok: false; status: 401 | 403; message: string };

/** Whether `host` names this server: 127.0.0.1 or localhost, at exactly its port. */
export function ownHost(host: string | undefined, port: number): boolean {
  if (!host) return false;
  const h = host.trim().toLowerCase();
  return h === `127.0.0.1:${port}` || h === `localhost:${port}`;
}

/** The token in a Cookie header, if it holds ours. */
export function tokenCookie(cookie: string | undefined): string | undefined {
  for (const part of (cookie ?? "").split(";")) {
    const eq = part.indexOf("=");
    if (eq > 0 && part.slice(0, eq).trim() === TOKEN_COOKIE) return part.slice(eq + 1).trim();
  }
  return undefined;
}

function same(given: string | undefined, token: string): boolean {
  if (!given) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(token);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** Decide one request: the Host first (403), then the token from the query, the header or the cookie (401). */
export function guard(req: GuardRequest, expected: { token: string; port: number }): GuardVerdict {
  if (!ownHost(req.host, expected.port))
    return { ok: false, status: 403, message: "refused: this server answers only to 127.0.0.1 or localhost at its own port" };
  if (same(req.query, expected.token)) return { ok: true, fromQuery: true };
  if (same(req.header, expected.token) || same(tokenCookie(req.cookie), expected.token)) return { ok: true, fromQuery: false };
  return { ok: false, status: 401, message: "refused: open the address exhibits review printed (it holds this run's token)" };
}

/** The Set-Cookie value that keeps the token for the page's later requests. */
export function tokenCookieHeader(token: string): string {
  return `${TOKEN_COOKIE}=${token}; Path=/; HttpOnly; SameSite=Strict`;
}

/**
 * The review server's gate: Host must be 127.0.0.1 or localhost at the server's own port (403 otherwise, token or
 * not); the token is taken from ?t=, the X-Review-Token header or the cookie the first load set (401 without it);
 * the first load with ?t= sets an HttpOnly, SameSite=Strict cookie and drops the token from the address. Driven
 * through the real hono app (reviewApp) without a socket.
 */
import { describe, expect, it } from "vitest";
import { guard, newToken, ownHost, tokenCookie } from "../../src/review/guard.js";
import { reviewApp } from "../../src/review/server.js";
import type { ReviewBackend, ReviewState } from "../../src/review/types.js";

const PORT = 41234;
const TOKEN = newToken();
const STATE: ReviewState = {
  caseId: "c",
  title: "A v. B",
  marks: [],
  reachedViaHows: [],
  defendants: [],
  otherItemIds: [],
  items: [],
  general: [],
};
const backend: ReviewBackend = {
  state: async () => STATE,
  imageFile: () => undefined,
  edit: async () => undefined,
  group: async () => ({ ok: false, problems: [] }),
  rebuild: async () => ({ ok: true, message: "built" }),
  exhibitPage: async () => undefined,
};
const app = reviewApp(backend, TOKEN, () => PORT);
const get = (path: string, headers: Record<string, string>) => app.request(`http://127.0.0.1:${PORT}${path}`, { headers });

describe("guard", () => {
  it("makes a fresh 32-character base64url token each time", () => {
    const a = newToken();
    expect(a).toMatch(/^[A-Za-z0-9_-]{32}$/);
    expect(newToken()).not.toBe(a);
  });

  it("knows its own Host only", () => {
    expect(ownHost(`127.0.0.1:${PORT}`, PORT)).toBe(true);
    expect(ownHost(`LOCALHOST:${PORT}`, PORT)).toBe(true);
    for (const h of [
      undefined,
      "127.0.0.1",
      `127.0.0.1:${PORT + 1}`,
      `evil.example:${PORT}`,
      `127.0.0.1.evil.example:${PORT}`,
      `[::1]:${PORT}`,
    ])
      expect(ownHost(h, PORT), String(h)).toBe(false);
  });

  it("reads the token from the cookie among others", () => {
    expect(tokenCookie(`a=1; exhibits_review=${TOKEN}; b=2`)).toBe(TOKEN);
    expect(tokenCookie("exhibits_review_x=1")).toBeUndefined();
  });

  it("refuses a foreign Host before looking at the token", () => {
    const host = `evil.example:${PORT}`;
    expect(guard({ host, query: TOKEN, cookie: undefined, header: undefined }, { token: TOKEN, port: PORT })).toMatchObject({
      ok: false,
      status: 403,
    });
  });

  it("refuses a wrong or missing token with 401, of the same length too", () => {
    const host = `127.0.0.1:${PORT}`;
    const wrong = newToken();
    for (const t of [undefined, "", wrong, TOKEN.slice(1)])
      expect(guard({ host, query: t, cookie: undefined, header: t }, { token: TOKEN, port: PORT })).toMatchObject({
        ok: false,
        status: 401,
      });
  });
});

describe("the review app behind the gate", () => {
  it("answers 401 without the token and 403 to a foreign Host", async () => {
    expect((await get("/api/state", { host: `127.0.0.1:${PORT}` })).status).toBe(401);
    expect((await get(`/api/state?t=${TOKEN}`, { host: `rebind.example:${PORT}` })).status).toBe(403);
    expect((await get("/api/state", { host: `rebind.example:${PORT}`, "x-review-token": TOKEN })).status).toBe(403);
  });

  it("first load: sets the cookie (HttpOnly, SameSite=Strict) and sends the browser to / without the token", async () => {
    const r = await get(`/?t=${TOKEN}`, { host: `127.0.0.1:${PORT}` });
    expect(r.status).toBe(303);
    expect(r.headers.get("location")).toBe("/");
    const cookie = r.headers.get("set-cookie") ?? "";
    expect(cookie).toContain(`exhibits_review=${TOKEN}`);
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Strict/);
  });

  it("then serves the page and the API with the cookie or the header, with a strict CSP", async () => {
    const page = await get("/", { host: `localhost:${PORT}`, cookie: `exhibits_review=${TOKEN}` });
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<script src="/assets/review.js">');
    expect(page.headers.get("content-security-policy")).toMatch(/default-src 'none'; script-src 'self'/);
    const state = await get("/api/state", { host: `127.0.0.1:${PORT}`, "x-review-token": TOKEN });
    expect(await state.json()).toEqual(STATE);
  });

  it("serves no image for an id that is not an image item of the case (never a path)", async () => {
    const r = await get(`/api/image?id=${encodeURIComponent("../../etc/passwd")}`, { host: `127.0.0.1:${PORT}`, "x-review-token": TOKEN });
    expect(r.status).toBe(404);
  });

  it("refuses an edit whose fields have the wrong types with 422, naming them", async () => {
    const r = await app.request(`http://127.0.0.1:${PORT}/api/edit`, {
      method: "POST",
      headers: { host: `127.0.0.1:${PORT}`, "x-review-token": TOKEN, "content-type": "application/json" },
      body: JSON.stringify({ id: "x", changes: { marks: "rockstud", addRedact: { x: "10", y: 0, width: 5, height: 5 }, sealed: true } }),
    });
    expect(r.status).toBe(422);
    const fields = ((await r.json()) as { problems: { field: string }[] }).problems.map((p) => p.field).sort();
    expect(fields).toEqual(["marks", "redact.x", "sealed"]);
  });
});

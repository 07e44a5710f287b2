import { request as httpsRequest } from "node:https";
import type { IncomingHttpHeaders } from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { LAZY_IMAGE_COLOURS, startSiteServer, type SiteServer } from "../helpers/site-server.js";

/** GET over HTTPS trusting only `ca` (never NODE_TLS_REJECT_UNAUTHORIZED). */
function httpsGet(
  url: string,
  ca: string | undefined,
  signal?: AbortSignal,
): Promise<{ status: number; headers: IncomingHttpHeaders; body: Buffer }> {
  return new Promise((ok, fail) => {
    const req = httpsRequest(url, { ca, agent: false, signal }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("end", () => ok({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
      res.on("error", fail);
      res.on("aborted", () => fail(new Error("response aborted")));
    });
    req.on("error", fail);
    req.end();
  });
}

async function timed<T>(p: Promise<T>): Promise<number> {
  const t0 = performance.now();
  await p;
  return performance.now() - t0;
}

describe("site server (http)", () => {
  let s: SiteServer;
  beforeAll(async () => {
    s = await startSiteServer();
  });
  afterAll(async () => {
    await s.close();
  });

  it("binds 127.0.0.1 on an ephemeral port and has no certificate", () => {
    expect(s.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(s.certPem).toBeUndefined();
  });

  it("serves the listing with its price, seller, cookie banner and lazy images", async () => {
    const res = await fetch(`${s.url}/marketplace/listing.html`);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/^text\/html/);
    const html = await res.text();
    expect(html).toContain("$24.99");
    expect(html).toContain("Women's Classic Screw Bangle Bracelet, 18K Gold Plated");
    expect(html).toContain("GlintJewel");
    expect(html).toContain('id="cookie-banner"');
    expect(html).toContain('id="read-more"');
    for (let n = 1; n <= 6; n++) expect(html).toContain(`data-src="/img/lazy-${n}.svg"`);
    expect(s.requests).toContain("/marketplace/listing.html");
  });

  it("serves assets with their content types", async () => {
    const css = await fetch(`${s.url}/assets/shopwell.css`);
    expect(css.status).toBe(200);
    expect(css.headers.get("content-type")).toMatch(/^text\/css/);
    const svg = await fetch(`${s.url}/marketplace/img/bangle-main.svg`);
    expect(svg.status).toBe(200);
    expect(svg.headers.get("content-type")).toBe("image/svg+xml");
    const dir = await fetch(`${s.url}/tall/`);
    expect(dir.status).toBe(200);
    expect(await dir.text()).toContain("height: 50000px");
  });

  it("serves the six lazy images, each dominated by its known colour", async () => {
    for (let n = 1; n <= 6; n++) {
      const res = await fetch(`${s.url}/img/lazy-${n}.svg`);
      expect(res.status).toBe(200);
      expect(res.headers.get("content-type")).toBe("image/svg+xml");
      expect(await res.text()).toContain(`<rect width="600" height="600" fill="${LAZY_IMAGE_COLOURS[n - 1]}"/>`);
    }
    expect(new Set(LAZY_IMAGE_COLOURS).size).toBe(6);
    expect((await fetch(`${s.url}/img/lazy-7.svg`)).status).toBe(404);
  });

  it("redirects /go/listing → /r2 → the listing, hop by hop", async () => {
    const hop1 = await fetch(`${s.url}/go/listing`, { redirect: "manual" });
    expect(hop1.status).toBe(302);
    expect(hop1.headers.get("location")).toBe("/r2");
    const hop2 = await fetch(new URL(hop1.headers.get("location")!, s.url), { redirect: "manual" });
    expect(hop2.status).toBe(301);
    expect(hop2.headers.get("location")).toBe("/marketplace/listing.html");
    const end = await fetch(new URL(hop2.headers.get("location")!, s.url), { redirect: "manual" });
    expect(end.status).toBe(200);
    expect(await end.text()).toContain("$24.99");

    const followed = await fetch(`${s.url}/go/listing`);
    expect(followed.redirected).toBe(true);
    expect(followed.url).toBe(`${s.url}/marketplace/listing.html`);
    expect(followed.status).toBe(200);
  });

  it("answers unknown paths (and escapes from the root) with a 404 page", async () => {
    for (const path of ["/no/such/page", "/marketplace/nope.html", "/..%2fpackage.json", "/%2e%2e%2f%2e%2e%2fpackage.json"]) {
      const res = await fetch(`${s.url}${path}`);
      expect(res.status, path).toBe(404);
      expect(res.headers.get("content-type")).toMatch(/^text\/html/);
      expect(await res.text()).toContain("couldn't find that page");
    }
  });

  it("sends /download/report.zip as an attachment", async () => {
    const res = await fetch(`${s.url}/download/report.zip`);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("application/zip");
    expect(res.headers.get("content-disposition")).toBe('attachment; filename="report.zip"');
    const body = Buffer.from(await res.arrayBuffer());
    expect(body.subarray(0, 4).toString("latin1")).toBe("PK\x03\x04");
  });

  it("serves the social profile with a relative link in bio to a brandless listing", async () => {
    const profile = await (await fetch(`${s.url}/social/profile.html`)).text();
    expect(profile).toContain("glint.jewel.official");
    expect(profile).toContain('href="/marketplace/generic-listing.html"');
    expect(profile.match(/class="post p\d"/g)).toHaveLength(6);
    const generic = await fetch(`${s.url}/marketplace/generic-listing.html`);
    expect(generic.status).toBe(200);
    const html = await generic.text();
    expect(html).toContain("$18.99");
    const title = /<h1[^>]*>([^<]*)<\/h1>/.exec(html)![1];
    expect(title).toBe("Women's Fashion Classic Screw Love Titanium Steel Bracelet");
  });

  it("never completes /hang.js", async () => {
    const ac = new AbortController();
    const timer = setTimeout(() => ac.abort(), 300);
    const t0 = performance.now();
    const outcome = await fetch(`${s.url}/hang.js`, { signal: ac.signal })
      .then(async (res) => {
        expect(res.status).toBe(200); // headers do arrive…
        await res.text(); // …the body never ends
        return "completed";
      })
      .catch((err: unknown) => (err instanceof Error ? err.name : String(err)));
    clearTimeout(timer);
    expect(outcome).toBe("AbortError");
    expect(performance.now() - t0).toBeGreaterThanOrEqual(290);
    expect(s.requests).toContain("/hang.js");
  });
});

describe("site server close()", () => {
  it("returns promptly while a request hangs, and ends it", async () => {
    const s = await startSiteServer();
    const pending = fetch(`${s.url}/hang.js`).then((res) => res.text());
    const settled = pending.then(
      () => "completed",
      () => "failed",
    );
    while (!s.requests.includes("/hang.js")) await new Promise((r) => setTimeout(r, 10));
    await new Promise((r) => setTimeout(r, 50));
    expect(await timed(s.close())).toBeLessThan(1000);
    expect(await settled).toBe("failed");
    await s.close(); // idempotent
    await expect(fetch(`${s.url}/marketplace/listing.html`)).rejects.toThrow();
  });
});

describe("site server (https)", () => {
  let s: SiteServer;
  beforeAll(async () => {
    s = await startSiteServer({ https: true });
  });
  afterAll(async () => {
    await s.close();
  });

  it("uses a self-signed certificate for 127.0.0.1 that clients can trust via ca", async () => {
    expect(s.url).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
    expect(s.certPem).toMatch(/^-----BEGIN CERTIFICATE-----/);
    const res = await httpsGet(`${s.url}/marketplace/listing.html`, s.certPem);
    expect(res.status).toBe(200);
    expect(res.body.toString("utf8")).toContain("$24.99");
    await expect(httpsGet(`${s.url}/marketplace/listing.html`, undefined)).rejects.toThrow(/self.signed|certificate/i);
  });

  it("serves the special routes over https too", async () => {
    const hop1 = await httpsGet(`${s.url}/go/listing`, s.certPem);
    expect([hop1.status, hop1.headers.location]).toEqual([302, "/r2"]);
    const hop2 = await httpsGet(`${s.url}/r2`, s.certPem);
    expect([hop2.status, hop2.headers.location]).toEqual([301, "/marketplace/listing.html"]);
    expect((await httpsGet(`${s.url}/nowhere`, s.certPem)).status).toBe(404);
    const dl = await httpsGet(`${s.url}/download/report.zip`, s.certPem);
    expect(dl.headers["content-disposition"]).toMatch(/^attachment/);
    expect((await httpsGet(`${s.url}/img/lazy-1.svg`, s.certPem)).headers["content-type"]).toBe("image/svg+xml");
  });

  it("does not complete /hang.js, and close() still returns promptly", async () => {
    const own = await startSiteServer({ https: true });
    const ac = new AbortController();
    const timer = setTimeout(() => ac.abort(), 300);
    await expect(httpsGet(`${own.url}/hang.js`, own.certPem, ac.signal)).rejects.toThrow(/abort/i);
    clearTimeout(timer);
    const pending = httpsGet(`${own.url}/hang.js`, own.certPem).then(
      () => "completed",
      () => "failed",
    );
    while (own.requests.filter((r) => r === "/hang.js").length < 2) await new Promise((r) => setTimeout(r, 10));
    expect(await timed(own.close())).toBeLessThan(1000);
    expect(await pending).toBe("failed");
  });
});

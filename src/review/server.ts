/**
 * The review server (`exhibits review`): one hono app on @hono/node-server, listening on 127.0.0.1 only. Every request
 * passes the gate (guard.ts: own Host, the run's token); the page (page.ts) and its API reach the case only through the
 * ReviewBackend port (commands/review-backend.ts wires the stages). Images are served by item id, never by path; edits
 * and rebuilds run one at a time; a rebuild's progress streams back as server-sent events.
 */
import type { AddressInfo } from "node:net";
import { serve } from "@hono/node-server";
import { Hono, type Context } from "hono";
import { streamSSE } from "hono/streaming";
import { readFile } from "../util/fs.js";
import { guard, newToken, TOKEN_HEADER, tokenCookieHeader } from "./guard.js";
import { pageCss, pageHtml, pageScript } from "./page.js";
import type { ReviewBackend } from "./types.js";
import { readChanges } from "./changes.js";

export interface ReviewServer {
  url: string;
  port: number;
  token: string;
  /** Stop listening (open connections are closed). */
  close(): Promise<void>;
}

const SECURITY_HEADERS: Record<string, string> = {
  "Content-Security-Policy":
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; connect-src 'self'; frame-ancestors 'none'; " +
    "base-uri 'none'; form-action 'none'",
  "X-Content-Type-Options": "nosniff",
  "Referrer-Policy": "no-referrer",
  "Cache-Control": "no-store",
  "Cross-Origin-Resource-Policy": "same-origin",
};

/** Serve the review page for `backend` on 127.0.0.1 at `port` (0: a free one). */
export async function startReviewServer(backend: ReviewBackend, opts: { port?: number; token?: string } = {}): Promise<ReviewServer> {
  const token = opts.token ?? newToken();
  let port = opts.port ?? 0;
  const app = reviewApp(backend, token, () => port);
  const server = await new Promise<ReturnType<typeof serve>>((ready, fail) => {
    const s = serve({ fetch: app.fetch, hostname: "127.0.0.1", port }, (info: AddressInfo) => {
      port = info.port;
      ready(s);
    });
    s.once("error", fail);
  });
  return {
    url: `http://127.0.0.1:${port}/?t=${token}`,
    port,
    token,
    close: () =>
      new Promise<void>((done) => {
        (server as unknown as { closeAllConnections?: () => void }).closeAllConnections?.();
        server.close(() => done());
      }),
  };
}

/** One at a time: an edit never lands in the middle of a rebuild reading the case. */
function serialised() {
  let tail: Promise<unknown> = Promise.resolve();
  return <T>(job: () => Promise<T>): Promise<T> => {
    const run = tail.then(job, job);
    tail = run.catch(() => undefined);
    return run;
  };
}

/** The app: the gate, the page and its assets, and the API. Exported for tests that call it without a socket. */
export function reviewApp(backend: ReviewBackend, token: string, port: () => number): Hono {
  const app = new Hono();
  const queue = serialised();
  app.use("*", async (c, next) => {
    const verdict = guard(
      { host: c.req.header("host"), query: c.req.query("t"), cookie: c.req.header("cookie"), header: c.req.header(TOKEN_HEADER) },
      { token, port: port() },
    );
    for (const [k, v] of Object.entries(SECURITY_HEADERS)) c.header(k, v);
    if (!verdict.ok) return c.text(verdict.message, verdict.status);
    if (verdict.fromQuery) c.header("Set-Cookie", tokenCookieHeader(token));
    await next();
  });
  app.onError((e, c) => c.text(`the review server failed: ${e.message}`, 500));
  app.get("/favicon.ico", (c) => c.body(null, 204));
  app.get("/", async (c) => (c.req.query("t") ? c.redirect("/", 303) : c.html(await pageHtml())));
  app.get("/assets/review.js", async (c) => c.body(await pageScript(), 200, { "Content-Type": "text/javascript; charset=utf-8" }));
  app.get("/assets/review.css", async (c) => c.body(await pageCss(), 200, { "Content-Type": "text/css; charset=utf-8" }));
  app.get("/api/state", async (c) => c.json(await queue(() => backend.state())));
  app.get("/api/image", async (c) => {
    const file = backend.imageFile(c.req.query("id") ?? "");
    if (!file) return c.text("no image item with that id in this case", 404);
    const bytes = await readFile(file);
    return c.body(new Uint8Array(bytes), 200, { "Content-Type": imageType(bytes) });
  });
  app.get("/api/page", async (c) => {
    const page = Number(c.req.query("page"));
    const twin = c.req.query("twin") ?? "";
    if (!Number.isInteger(page) || page < 1) return c.text("expected page=1, 2, …", 400);
    const png = await queue(() => backend.exhibitPage(c.req.query("id") ?? "", twin, page));
    if (!png) return c.text("no such page in the last build", 404);
    return c.body(new Uint8Array(png), 200, { "Content-Type": "image/png" });
  });
  app.post("/api/edit", (c) => edit(c, backend, queue));
  app.post("/api/group", (c) => group(c, backend, queue));
  app.post("/api/rebuild", (c) =>
    streamSSE(c, async (stream) => {
      const outcome = await queue(() =>
        backend.rebuild((line) => void stream.writeSSE({ event: "progress", data: line }).catch(() => undefined)),
      );
      await stream.writeSSE({ event: "done", data: JSON.stringify(outcome) });
    }),
  );
  return app;
}

async function edit(c: Context, backend: ReviewBackend, queue: ReturnType<typeof serialised>): Promise<Response> {
  let body: { id?: unknown; changes?: unknown };
  try {
    body = await c.req.json();
  } catch {
    return c.json({ problems: [{ field: "", message: "expected a JSON body { id, changes }" }] }, 400);
  }
  if (typeof body.id !== "string" || typeof body.changes !== "object" || body.changes === null)
    return c.json({ problems: [{ field: "", message: "expected a JSON body { id, changes }" }] }, 400);
  const changes = readChanges(body.changes as Record<string, unknown>);
  if ("problems" in changes) return c.json({ problems: changes.problems }, 422);
  const outcome = await queue(() => backend.edit(body.id as string, changes));
  if (!outcome) return c.json({ problems: [{ field: "", message: "no item with that id in this case" }] }, 404);
  if (!outcome.ok) return c.json({ problems: outcome.problems }, 422);
  return c.json({ written: outcome.written, state: await queue(() => backend.state()) });
}

/** Group items into a test buy: `{ ids, title, description? }` → a new case.yaml evidence entry. */
async function group(c: Context, backend: ReviewBackend, queue: ReturnType<typeof serialised>): Promise<Response> {
  const shape = "expected a JSON body { ids: [item ids], title, description? }";
  let body: { ids?: unknown; title?: unknown; description?: unknown };
  try {
    body = await c.req.json();
  } catch {
    return c.json({ problems: [{ field: "", message: shape }] }, 400);
  }
  const ids = body.ids;
  if (!Array.isArray(ids) || !ids.every((i) => typeof i === "string") || typeof body.title !== "string")
    return c.json({ problems: [{ field: "", message: shape }] }, 400);
  if (body.description !== undefined && typeof body.description !== "string")
    return c.json({ problems: [{ field: "description", message: "expected a text" }] }, 422);
  const req = { ids: ids as string[], title: body.title, ...(body.description ? { description: body.description as string } : {}) };
  const outcome = await queue(() => backend.group(req));
  if (!outcome.ok) return c.json({ problems: outcome.problems }, 422);
  return c.json({ written: outcome.written, state: await queue(() => backend.state()) });
}

/** The image's type from its first bytes (never from a name the case chose). */
function imageType(b: Uint8Array): string {
  if (b[0] === 0x89 && b[1] === 0x50 && b[2] === 0x4e && b[3] === 0x47) return "image/png";
  if (b[0] === 0xff && b[1] === 0xd8) return "image/jpeg";
  if (b[0] === 0x52 && b[1] === 0x49 && b[2] === 0x46 && b[3] === 0x46 && b[8] === 0x57) return "image/webp";
  if (b[0] === 0x47 && b[1] === 0x49 && b[2] === 0x46) return "image/gif";
  return "application/octet-stream";
}

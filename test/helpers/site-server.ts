/**
 * A small local web server for the `exhibits capture` tests: it serves the static sites in
 * `fixtures/sites/` plus a few special routes (a redirect chain, a response that never completes,
 * a file download). Bound to 127.0.0.1 on an ephemeral port; plain HTTP by default, HTTPS with a
 * freshly generated self-signed certificate for 127.0.0.1 when asked.
 *
 * Routes
 *   /go/listing                302 → /r2
 *   /marketplace/redirect      302 → /r2   (alias of /go/listing)
 *   /r2                        301 → /marketplace/listing.html
 *   /go/metadata               302 → http://169.254.169.254/latest/meta-data/ (cloud instance metadata: a capture refuses it)
 *   /escaped/<anything>        marketplace/listing.html, whatever the rest of the path (malformed %-escapes included)
 *   /hang.js                   200 headers (application/javascript), then nothing until close()
 *   /download/report.zip       fixtures/sites/download/file.bin as application/zip, attachment
 *   /img/lazy-N.svg            the six lazy-loaded listing photos (N = 1…6), see LAZY_IMAGE_COLOURS
 *   anything else              a file under fixtures/sites/ (directories → index.html), or
 *                              404 with fixtures/sites/404.html
 * Only GET and HEAD are served (others: 405). Every request's path (with query) is appended to
 * `requests` as it arrives, in order.
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, statSync } from "node:fs";
import { createServer as createHttpServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import { createServer as createHttpsServer } from "node:https";
import type { AddressInfo, Socket } from "node:net";
import { tmpdir } from "node:os";
import { extname, join, resolve, sep } from "node:path";

export const SITES_ROOT = resolve(import.meta.dirname, "../../fixtures/sites");

/** The dominant flat fill of /img/lazy-N.svg (index 0 is lazy-1). The central 300×300 of each 600×600 image is exactly this colour. */
export const LAZY_IMAGE_COLOURS = ["#13a86b", "#d7263d", "#1b6ca8", "#f2a900", "#7b2cbf", "#ff6f59"] as const;

/** Stripe colours of /tall/ (100 px each, starting at y = 0 with the first). */
export const TALL_STRIPES = ["#e63946", "#f1faee"] as const;

export interface SiteServer {
  /** Origin without a trailing slash, e.g. "http://127.0.0.1:41234". */
  url: string;
  /** Every request path (with query string) in arrival order. */
  requests: string[];
  /** PEM of the self-signed certificate (HTTPS servers only); pass it as `ca` to trust it. */
  certPem?: string;
  /** Stop listening and destroy every open connection (including hanging ones). Idempotent. */
  close(): Promise<void>;
}

const TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".js": "application/javascript; charset=utf-8",
  ".json": "application/json; charset=utf-8",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".jpg": "image/jpeg",
  ".jpeg": "image/jpeg",
  ".gif": "image/gif",
  ".webp": "image/webp",
  ".ico": "image/x-icon",
  ".txt": "text/plain; charset=utf-8",
  ".md": "text/plain; charset=utf-8",
  ".zip": "application/zip",
  ".bin": "application/octet-stream",
};

const REDIRECTS: Record<string, [number, string]> = {
  "/go/listing": [302, "/r2"],
  "/marketplace/redirect": [302, "/r2"],
  "/r2": [301, "/marketplace/listing.html"],
  "/go/metadata": [302, "http://169.254.169.254/latest/meta-data/"],
};

function send(req: IncomingMessage, res: ServerResponse, status: number, headers: Record<string, string>, body: Buffer): void {
  res.writeHead(status, { "Content-Length": String(body.length), "Cache-Control": "no-store", ...headers });
  res.end(req.method === "HEAD" ? undefined : body);
}

function notFound(req: IncomingMessage, res: ServerResponse): void {
  send(req, res, 404, { "Content-Type": TYPES[".html"]! }, readFileSync(join(SITES_ROOT, "404.html")));
}

/** Map a URL path onto a file under SITES_ROOT, or undefined (missing, or outside the root). */
function staticFile(pathname: string): string | undefined {
  let decoded: string;
  try {
    decoded = decodeURIComponent(pathname);
  } catch {
    return undefined;
  }
  if (decoded.includes("\0")) return undefined;
  const abs = resolve(SITES_ROOT, "." + decoded);
  if (abs !== SITES_ROOT && !abs.startsWith(SITES_ROOT + sep)) return undefined;
  try {
    const st = statSync(abs);
    if (st.isFile()) return abs;
    if (st.isDirectory()) {
      const index = join(abs, "index.html");
      if (statSync(index, { throwIfNoEntry: false })?.isFile()) return index;
    }
  } catch {
    /* missing */
  }
  return undefined;
}

function handle(req: IncomingMessage, res: ServerResponse, hanging: Set<ServerResponse>): void {
  const pathname = new URL(req.url ?? "/", "http://x").pathname;
  if (req.method !== "GET" && req.method !== "HEAD") {
    send(req, res, 405, { "Content-Type": "text/plain; charset=utf-8", Allow: "GET, HEAD" }, Buffer.from("method not allowed\n"));
    return;
  }
  const redirect = REDIRECTS[pathname];
  if (redirect) {
    send(
      req,
      res,
      redirect[0],
      { Location: redirect[1], "Content-Type": "text/plain; charset=utf-8" },
      Buffer.from(`Redirecting to ${redirect[1]}\n`),
    );
    return;
  }
  if (pathname === "/hang.js") {
    // Headers, then nothing: the body never completes until close() destroys the socket.
    res.writeHead(200, { "Content-Type": TYPES[".js"]!, "Cache-Control": "no-store" });
    res.flushHeaders();
    hanging.add(res);
    res.on("close", () => hanging.delete(res));
    return;
  }
  if (pathname.startsWith("/escaped/")) {
    send(req, res, 200, { "Content-Type": TYPES[".html"]! }, readFileSync(join(SITES_ROOT, "marketplace/listing.html")));
    return;
  }
  if (pathname === "/download/report.zip") {
    send(
      req,
      res,
      200,
      { "Content-Type": "application/zip", "Content-Disposition": 'attachment; filename="report.zip"' },
      readFileSync(join(SITES_ROOT, "download/file.bin")),
    );
    return;
  }
  const file = staticFile(pathname);
  if (!file) {
    notFound(req, res);
    return;
  }
  send(req, res, 200, { "Content-Type": TYPES[extname(file).toLowerCase()] ?? "application/octet-stream" }, readFileSync(file));
}

/** Generate a throwaway self-signed certificate for 127.0.0.1 with openssl. */
function selfSignedCert(): { key: string; cert: string } {
  const dir = mkdtempSync(join(tmpdir(), "exhibits-site-cert-"));
  try {
    const keyPath = join(dir, "key.pem");
    const certPath = join(dir, "cert.pem");
    execFileSync(
      "openssl",
      [
        "req",
        "-x509",
        "-newkey",
        "rsa:2048",
        "-nodes",
        "-keyout",
        keyPath,
        "-out",
        certPath,
        "-days",
        "1",
        "-subj",
        "/CN=127.0.0.1",
        "-addext",
        "subjectAltName=IP:127.0.0.1",
      ],
      { stdio: ["ignore", "ignore", "pipe"] },
    );
    return { key: readFileSync(keyPath, "utf8"), cert: readFileSync(certPath, "utf8") };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export async function startSiteServer(opts: { https?: boolean } = {}): Promise<SiteServer> {
  const requests: string[] = [];
  const sockets = new Set<Socket>();
  const hanging = new Set<ServerResponse>();
  const listener = (req: IncomingMessage, res: ServerResponse) => {
    requests.push(req.url ?? "/");
    try {
      handle(req, res, hanging);
    } catch (err) {
      if (!res.headersSent) send(req, res, 500, { "Content-Type": "text/plain; charset=utf-8" }, Buffer.from(String(err)));
      else res.destroy();
    }
  };

  let certPem: string | undefined;
  let server: Server;
  if (opts.https) {
    const { key, cert } = selfSignedCert();
    certPem = cert;
    server = createHttpsServer({ key, cert }, listener);
  } else {
    server = createHttpServer(listener);
  }
  server.on("connection", (socket: Socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
  });

  await new Promise<void>((ok, fail) => {
    server.once("error", fail);
    server.listen(0, "127.0.0.1", () => {
      server.off("error", fail);
      ok();
    });
  });
  const { port } = server.address() as AddressInfo;

  let closing: Promise<void> | undefined;
  const close = () =>
    (closing ??= new Promise<void>((ok) => {
      server.close(() => ok());
      for (const res of hanging) res.destroy();
      for (const socket of sockets) socket.destroy();
      server.closeAllConnections();
    }));

  return { url: `${opts.https ? "https" : "http"}://127.0.0.1:${port}`, requests, certPem, close };
}

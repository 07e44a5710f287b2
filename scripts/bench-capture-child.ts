/**
 * Child process for `npm run bench`: capture N pages of the local test site into a scratch case with one
 * browser (the real `exhibits capture` code path), and print wall time, outcomes and this process's peak RSS.
 *   tsx scripts/bench-capture-child.ts <case-dir> <count> [<site-url>]   (no URL: serve the site here)
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { capture } from "../src/commands/capture.js";
import { startSiteServer } from "../test/helpers/site-server.js";

const [caseDir, countArg, siteUrl] = process.argv.slice(2);
const count = Number(countArg ?? 50);
mkdirSync(join(caseDir, "evidence"), { recursive: true });
writeFileSync(
  join(caseDir, "case.yaml"),
  `id: capture-bench\ncaption: {court: Bench Court, caseNumber: "1:26-cv-3", plaintiffs: [Bench], defendants: Sellers, shortTitle: ` +
    `Bench}\ntimeZone: UTC\nbates: {prefix: C}\ndefendants:\n  - {id: seller-1, name: Seller One}\n`,
);
// The site is served by the parent process when it gives its address, so this process's memory is the capture's alone.
const server = siteUrl ? { url: siteUrl, close: async () => undefined } : await startSiteServer();
const pages = ["/go/listing", "/marketplace/generic-listing.html", "/social/profile.html", "/marketplace/listing.html"];
const urls = Array.from({ length: count }, (_, i) => `${server.url}${pages[i % pages.length]}?n=${i + 1}`);
const t = process.hrtime.bigint();
const r = await capture({
  cwd: caseDir,
  caseDir,
  urls,
  defendant: "seller-1",
  marks: [],
  ...(process.env.BENCH_CONCURRENCY ? { concurrency: Number(process.env.BENCH_CONCURRENCY) } : {}),
  flags: { hide: ["#cookie-banner"], click: ["#read-more"], allowPrivate: true },
  banner: false,
  retries: 1,
  trustCerts: [],
  operator: "bench",
});
const seconds = Number(process.hrtime.bigint() - t) / 1e9;
await server.close();
console.log(
  JSON.stringify({
    seconds,
    urls: count,
    ok: r.outcomes.filter((o) => o.ok).length,
    failed: r.outcomes.filter((o) => !o.ok).length,
    peakRssMB: process.resourceUsage().maxRSS / 1024,
    siteUrl: server.url,
  }),
);

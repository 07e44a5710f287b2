/**
 * The capture part of `npm run bench`: a 50-URL batch against the local test site through `exhibits capture`
 * (one Chromium, pages in parallel), with the peak memory of the Node process and of Chromium sampled from
 * /proc while it runs; beside it, the peer: Chromium's own `--headless --screenshot`, one process per URL
 * (a viewport-sized screenshot only: no full page, no MHTML, no DOM text, no hashes).
 */
import { execFileSync, spawn } from "node:child_process";
import { mkdtempSync, readFileSync, readdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { findChromium, CHROMIUM_FLAGS } from "../src/browser/index.js";
import { startSiteServer } from "../test/helpers/site-server.js";

/** Proportional set size (MB): resident memory with pages shared between processes split among them. */
function pss(pid: number): number | undefined {
  try {
    const m = /^Pss:\s+(\d+) kB/m.exec(readFileSync(`/proc/${pid}/smaps_rollup`, "utf8"));
    return m ? Number(m[1]) / 1024 : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Peak memory (MB) of a process and of all its descendants, sampled from /proc. Chromium is many processes
 * sharing much of their memory, so their resident sizes are not added up (that counts shared pages once per
 * process); their proportional set sizes are. Reading PSS (smaps_rollup) walks every page table, about 4 ms
 * per Chromium process: read at every sample it took a fifth of one core from the build being measured, so
 * it is read only when the tree's summed RSS is within 10% of the highest seen (PSS never exceeds RSS, and
 * the peak of one is the peak of the other in practice).
 */
export class TreeMemory {
  peakSelf = 0;
  peakDescendants = 0;
  peakTotal = 0;
  private highestRss = 0;
  constructor(private readonly root: number) {}
  sample(): void {
    const parent = new Map<number, number>();
    const rss = new Map<number, number>();
    for (const name of readdirSync("/proc")) {
      if (!/^\d+$/.test(name)) continue;
      try {
        const stat = readFileSync(`/proc/${name}/stat`, "utf8");
        const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
        parent.set(Number(name), Number(fields[1]));
        rss.set(Number(name), (Number(fields[21]) * 4096) / 2 ** 20);
      } catch {
        /* the process ended */
      }
    }
    const inTree = (pid: number): boolean => {
      for (let p = parent.get(pid); p !== undefined && p > 1; p = parent.get(p)) if (p === this.root) return true;
      return false;
    };
    const tree = [...rss.keys()].filter(inTree);
    const self = rss.get(this.root) ?? 0;
    const rssSum = tree.reduce((n, pid) => n + rss.get(pid)!, 0);
    this.peakSelf = Math.max(this.peakSelf, self);
    if (rssSum < 0.9 * this.highestRss) return;
    this.highestRss = Math.max(this.highestRss, rssSum);
    const descendants = tree.reduce((n, pid) => n + (pss(pid) ?? rss.get(pid)!), 0);
    this.peakDescendants = Math.max(this.peakDescendants, descendants);
    this.peakTotal = Math.max(this.peakTotal, self + descendants);
  }
}

export interface CaptureBench {
  urls: number;
  ok: number;
  failed: number;
  seconds: number;
  capturesPerMinute: number;
  peakRssNodeMB: number;
  peakRssChromiumMB: number;
  peakRssTotalMB: number;
  peer?: { seconds: number; screenshotsPerMinute: number };
}

export async function benchCaptures(work: string, count = 50): Promise<CaptureBench> {
  const caseDir = join(work, "capture-case");
  const site = await startSiteServer();
  const child = spawn(
    process.execPath,
    ["--import", "tsx", join(import.meta.dirname, "bench-capture-child.ts"), caseDir, String(count), site.url],
    { stdio: ["ignore", "pipe", "inherit"] },
  );
  let stdout = "";
  child.stdout.setEncoding("utf8").on("data", (d: string) => (stdout += d));
  const memory = new TreeMemory(child.pid!);
  const timer = setInterval(() => {
    memory.sample();
  }, 200);
  const code = await new Promise<number | null>((done) => child.on("close", done));
  clearInterval(timer);
  await site.close();
  if (code !== 0) throw new Error(`capture bench child exited ${code}`);
  const r = JSON.parse(stdout.trim().split("\n").pop() as string) as {
    seconds: number;
    urls: number;
    ok: number;
    failed: number;
    peakRssMB: number;
  };

  // Peer: chromium --headless --screenshot, one process per URL, two at a time (as many as our pages in flight).
  let peer: CaptureBench["peer"];
  try {
    const chromium = findChromium();
    const server = await startSiteServer();
    const pages = ["/go/listing", "/marketplace/generic-listing.html", "/social/profile.html", "/marketplace/listing.html"];
    const out = mkdtempSync(join(tmpdir(), "exhibits-peer-shots-"));
    const t = process.hrtime.bigint();
    let next = 0;
    const worker = async () => {
      while (next < count) {
        const i = next++;
        const dir = mkdtempSync(join(tmpdir(), "exhibits-peer-profile-"));
        await new Promise<void>((done) => {
          const p = spawn(
            chromium,
            [
              ...CHROMIUM_FLAGS,
              `--user-data-dir=${dir}`,
              "--window-size=1366,900",
              `--screenshot=${join(out, `${i}.png`)}`,
              `${server.url}${pages[i % pages.length]}?n=${i + 1}`,
            ],
            { stdio: "ignore" },
          );
          p.on("close", () => done());
        });
        execFileSync("rm", ["-rf", dir]);
      }
    };
    await Promise.all([worker(), worker()]);
    const seconds = Number(process.hrtime.bigint() - t) / 1e9;
    await server.close();
    peer = { seconds, screenshotsPerMinute: (count * 60) / seconds };
  } catch (e) {
    process.stderr.write(`peer capture run skipped: ${(e as Error).message}\n`);
  }
  return {
    urls: r.urls,
    ok: r.ok,
    failed: r.failed,
    seconds: r.seconds,
    capturesPerMinute: (r.ok * 60) / r.seconds,
    peakRssNodeMB: r.peakRssMB,
    peakRssChromiumMB: memory.peakDescendants,
    peakRssTotalMB: memory.peakTotal,
    peer,
  };
}

export function printCaptureBench(c: CaptureBench): void {
  const f = (n: number | undefined, d = 1) => (n === undefined ? "n/a" : n.toFixed(d));
  console.log(`\n| capture batch (${c.urls} URLs, local site) | ours: exhibits capture | peer: chromium --screenshot | ours/peer |`);
  console.log("|---|---|---|---|");
  console.log(
    `| wall time (s) | ${f(c.seconds)} | ${f(c.peer?.seconds)} | ${c.peer ? `${f(c.peer.seconds / c.seconds, 2)}× speed` : "n/a"} |`,
  );
  console.log(`| pages per minute | ${f(c.capturesPerMinute, 0)} | ${f(c.peer?.screenshotsPerMinute, 0)} | |`);
  console.log(`| captured / failed | ${c.ok} / ${c.failed} | | |`);
  console.log(`| peak RSS, Node process (MB) | ${f(c.peakRssNodeMB, 0)} | | |`);
  console.log(`| peak memory, Chromium processes (PSS, MB) | ${f(c.peakRssChromiumMB, 0)} | | |`);
  console.log(`| peak memory, Node + Chromium (MB; target < 1024) | ${f(c.peakRssTotalMB, 0)} | | |`);
  console.log(
    "(ours: full-page PNG, MHTML, DOM, text boxes, capture.json with hashes, per page; the peer: one viewport PNG per Chromium process.)",
  );
}

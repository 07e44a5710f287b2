/**
 * Captures under faults: killed (SIGKILL) or stopped (SIGTERM) just before a capture's folder is renamed into
 * evidence/, and two capture runs into one case folder at once. Nothing half-made reaches evidence/; a killed run's
 * temporary folder is removed by the next; the second run waits or exits 5 naming the first.
 */
import { existsSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCliAsync } from "../helpers/cli.js";
import { makeCaptureCase } from "../helpers/capture-case.js";
import { startSiteServer, type SiteServer } from "../helpers/site-server.js";
import { runToPoint } from "./fault-case.js";

let site: SiteServer;
beforeAll(async () => {
  site = await startSiteServer();
});
afterAll(async () => site.close());

const args = (caseDir: string) => [
  "capture",
  `${site.url}/marketplace/listing.html`,
  "--case",
  caseDir,
  "--defendant",
  "glint",
  "--retries",
  "0",
  "--allow-private",
];
const temporary = (caseDir: string) => readdirSync(caseDir).filter((n) => n.startsWith(".exhibits-capture-"));
const captures = (caseDir: string) => (existsSync(join(caseDir, "evidence/glint")) ? readdirSync(join(caseDir, "evidence/glint")) : []);

describe("a capture under faults", () => {
  it("killed before its folder is in place: nothing in evidence/; the next capture removes the temporary folder", async () => {
    const caseDir = makeCaptureCase();
    const killed = await runToPoint(args(caseDir), "capture", "SIGKILL");
    expect(killed.signal).toBe("SIGKILL");
    expect(captures(caseDir)).toEqual([]);
    expect(temporary(caseDir)).toHaveLength(1);
    const next = await runCliAsync(args(caseDir));
    expect(next.code, next.stderr).toBe(0);
    expect(temporary(caseDir)).toEqual([]);
    expect(captures(caseDir)).toHaveLength(1);
    expect(existsSync(join(caseDir, ".exhibits.lock"))).toBe(false);
  }, 180_000);

  it("SIGTERM before its folder is in place: exit 143 within 2 s, no temporary folder, nothing in evidence/", async () => {
    const caseDir = makeCaptureCase();
    const stopped = await runToPoint(args(caseDir), "capture", "SIGTERM");
    expect(stopped.code, stopped.stderr).toBe(143);
    expect(stopped.exitMs).toBeLessThan(2000);
    expect(temporary(caseDir)).toEqual([]);
    expect(captures(caseDir)).toEqual([]);
    expect(existsSync(join(caseDir, ".exhibits.lock"))).toBe(false);
  }, 180_000);

  it("two runs into one case folder at once: one captures, the other exits 5 naming it; with --wait both capture", async () => {
    const caseDir = makeCaptureCase();
    const [a, b] = await Promise.all([runCliAsync(args(caseDir)), runCliAsync(args(caseDir))]);
    expect([a.code, b.code].sort(), a.stderr + b.stderr).toEqual([0, 5]);
    expect((a.code === 5 ? a : b).stderr).toMatch(/the case folder .* is in use by a capture \(PID \d+ on /);
    const [c, d] = await Promise.all([runCliAsync([...args(caseDir), "--wait"]), runCliAsync([...args(caseDir), "--wait"])]);
    expect([c.code, d.code], c.stderr + d.stderr).toEqual([0, 0]);
    expect(captures(caseDir)).toHaveLength(3);
    expect(temporary(caseDir)).toEqual([]);
  }, 240_000);
});

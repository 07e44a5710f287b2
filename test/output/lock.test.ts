/**
 * The output folder's lock (src/output/lock.ts): a second holder is refused naming the first, or waits for it; a lock
 * left by a process that is gone (no such PID, or the PID now running another process) is taken over and said so; a
 * lock from another host is never judged stale from here.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { hostname, tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { acquireLock } from "../../src/output/index.js";
import { EnvironmentError } from "../../src/util/errors.js";

const lockIn = () => join(mkdtempSync(join(tmpdir(), "exhibits-lock-")), ".exhibits.lock");
const opts = { shown: "the output folder out", what: "a build" };
const holder = (over: Record<string, unknown>) =>
  `${JSON.stringify({ pid: process.pid, host: hostname(), since: "2026-12-01T00:00:00.000Z", what: "a build", ...over })}\n`;

describe("the output folder's lock", () => {
  it("is exclusive: a second taker is refused (exit 5) naming the holder; released, it is free again", async () => {
    const path = lockIn();
    const first = await acquireLock(path, opts);
    const held = JSON.parse(readFileSync(path, "utf8")) as { pid: number; host: string };
    expect(held).toMatchObject({ pid: process.pid, host: hostname() });
    const second = acquireLock(path, opts);
    await expect(second).rejects.toThrow(EnvironmentError);
    await expect(acquireLock(path, opts)).rejects.toThrow(new RegExp(`in use by a build \\(PID ${process.pid} on ${hostname()}`));
    await first.release();
    expect(existsSync(path)).toBe(false);
    const again = await acquireLock(path, opts);
    await again.release();
  });

  it("with wait, waits for the holder to let go", async () => {
    const path = lockIn();
    const first = await acquireLock(path, opts);
    const notes: string[] = [];
    setTimeout(() => void first.release(), 400);
    const second = await acquireLock(path, { ...opts, wait: true, note: (m) => notes.push(m) });
    expect(notes.join("\n")).toMatch(/is in use by a build .*; waiting for it to finish/);
    expect(JSON.parse(readFileSync(path, "utf8")).since).not.toBe(undefined);
    await second.release();
  });

  it("takes over a lock whose process is gone, and says so", async () => {
    const path = lockIn();
    writeFileSync(path, holder({ pid: 4_194_000 })); // above any PID this machine hands out
    const notes: string[] = [];
    const lock = await acquireLock(path, { ...opts, note: (m) => notes.push(m) });
    expect(notes).toEqual([expect.stringMatching(/taking over a lock left by a build \(PID 4194000 .*\), which no longer runs/)]);
    expect(JSON.parse(readFileSync(path, "utf8")).pid).toBe(process.pid);
    await lock.release();
  });

  it("takes over a lock whose PID now runs another process (its start time differs)", async () => {
    const path = lockIn();
    writeFileSync(path, holder({ processStart: "1" }));
    const lock = await acquireLock(path, opts);
    expect(JSON.parse(readFileSync(path, "utf8")).processStart).not.toBe("1");
    await lock.release();
  });

  it("never takes over another host's lock (it cannot tell whether that process runs)", async () => {
    const path = lockIn();
    writeFileSync(path, holder({ pid: 4_194_000, host: "file-server-7" }));
    await expect(acquireLock(path, opts)).rejects.toThrow(/in use by a build \(PID 4194000 on file-server-7.*remove .*\.exhibits\.lock/);
    rmSync(path);
  });

  it("release leaves a lock someone else holds now", async () => {
    const path = lockIn();
    const lock = await acquireLock(path, opts);
    writeFileSync(path, holder({ since: "2026-12-02T00:00:00.000Z" }));
    await lock.release();
    expect(existsSync(path)).toBe(true);
  });
});

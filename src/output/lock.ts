/**
 * One writer per folder: an exclusive lock file created with O_EXCL (`wx`) holding who holds it (PID, host, the
 * process's start time, when it was taken). A lock whose process is gone (same host, no such PID, or a PID now
 * running another process) is stale: it is taken over, and the caller is told. A lock held by a live process, or by
 * another host (which this machine cannot check), is waited for (`wait`) or refused with exit 5 naming the holder.
 */
import { randomBytes } from "node:crypto";
import { hostname } from "node:os";
import { readFileSync } from "node:fs";
import { link, open, readFile, rename, unlink } from "node:fs/promises";
import { EnvironmentError } from "../util/errors.js";

export interface LockHolder {
  pid: number;
  host: string;
  /** The holder's start time in clock ticks since boot (/proc/<pid>/stat field 22): tells a reused PID apart. */
  processStart?: string;
  /** When the lock was taken (wall clock: this file is never part of any output). */
  since: string;
  /** What holds it ("build", "capture"). */
  what: string;
}

export interface HeldLock {
  path: string;
  release(): Promise<void>;
}

export interface LockOptions {
  /** What is locked, in words for messages ("the output folder out"). */
  shown: string;
  what: string;
  /** Wait for a live holder instead of refusing. */
  wait?: boolean;
  /** Told when a stale lock is taken over, or when waiting starts. */
  note?: (message: string) => void;
}

const POLL_MS = 200;

/** This process's start time as the kernel records it, when it can be read (Linux). */
function processStart(pid: number): string | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    return stat.slice(stat.lastIndexOf(")") + 2).split(" ")[19];
  } catch {
    return undefined;
  }
}

function isAlive(holder: LockHolder): boolean {
  if (holder.host !== hostname()) return true; // cannot be checked from here
  try {
    process.kill(holder.pid, 0);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === "ESRCH") return false;
  }
  const start = processStart(holder.pid);
  return !(holder.processStart && start && start !== holder.processStart);
}

function describe(h: LockHolder): string {
  return `${h.what} (PID ${h.pid} on ${h.host}, since ${h.since})`;
}

async function readHolder(path: string): Promise<{ text: string; holder?: LockHolder } | undefined> {
  const text = await readFile(path, "utf8").catch((e: NodeJS.ErrnoException) => {
    if (e.code === "ENOENT") return undefined;
    throw e;
  });
  if (text === undefined) return undefined;
  try {
    return { text, holder: JSON.parse(text) as LockHolder };
  } catch {
    return { text }; // being written this instant, or damaged: judged by its age below
  }
}

/** Create the lock file or fail with EEXIST; the holder's record is complete before the file has its name. */
async function create(path: string, me: LockHolder): Promise<boolean> {
  const draft = `${path}.${process.pid}.${randomBytes(6).toString("hex")}`;
  const fh = await open(draft, "wx");
  try {
    await fh.writeFile(`${JSON.stringify(me)}\n`);
  } finally {
    await fh.close();
  }
  try {
    await link(draft, path); // atomic, and fails when the lock exists (O_EXCL semantics for a complete file)
    return true;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === "EEXIST") return false;
    throw e;
  } finally {
    await unlink(draft).catch(() => undefined);
  }
}

/**
 * Move a stale lock aside, but only the very one judged stale: if another process took it over meanwhile, its
 * live lock is put back (link fails rather than overwrite one made since).
 */
async function takeOver(path: string, staleText: string): Promise<void> {
  const aside = `${path}.stale-${process.pid}`;
  try {
    await rename(path, aside);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === "ENOENT") return;
    throw e;
  }
  const moved = await readFile(aside, "utf8").catch(() => "");
  if (moved !== staleText) await link(aside, path).catch(() => undefined);
  await unlink(aside).catch(() => undefined);
}

export async function acquireLock(path: string, opts: LockOptions): Promise<HeldLock> {
  const me: LockHolder = {
    pid: process.pid,
    host: hostname(),
    ...(processStart(process.pid) ? { processStart: processStart(process.pid)! } : {}),
    since: new Date().toISOString(),
    what: opts.what,
  };
  let waiting = false;
  for (;;) {
    if (await create(path, me)) break;
    const seen = await readHolder(path);
    if (!seen) continue; // released this instant
    if (!seen.holder || !isAlive(seen.holder)) {
      const who = seen.holder ? describe(seen.holder) : "a process that did not finish writing it";
      opts.note?.(`${opts.shown}: taking over a lock left by ${who}, which no longer runs`);
      await takeOver(path, seen.text);
      continue;
    }
    if (!opts.wait)
      throw new EnvironmentError(
        `${opts.shown} is in use by ${describe(seen.holder)}; wait for it to finish (or run with --wait). ` +
          `If that process is gone, remove ${path}`,
      );
    if (!waiting) opts.note?.(`${opts.shown} is in use by ${describe(seen.holder)}; waiting for it to finish`);
    waiting = true;
    await new Promise((r) => setTimeout(r, POLL_MS));
  }
  let released = false;
  return {
    path,
    async release() {
      if (released) return;
      released = true;
      const now = await readHolder(path);
      if (now?.holder?.pid === me.pid && now.holder.since === me.since) await unlink(path).catch(() => undefined);
    },
  };
}

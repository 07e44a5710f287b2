/**
 * A small pool of worker threads that check PNG image data (png-data-check.mjs). Inflating 40 GB of
 * screenshot rows (a 500-defendant case) on the main thread spends most of its time collecting the
 * inflate's buffers in the build's large heap; in workers the same check runs on every core, beside the
 * main thread's reading and hashing. Workers start on first use and never keep the process alive.
 */
import { availableParallelism } from "node:os";
import { Worker } from "node:worker_threads";

interface Pending {
  done(reason: string | undefined): void;
  fail(e: Error): void;
}

class PngCheckPool {
  private workers: { worker: Worker; busy: number }[] = [];
  private pending = new Map<number, Pending>();
  private nextId = 0;

  constructor(private size: number) {}

  check(idat: Uint8Array, shape: { width: number; height: number; stride: number }): Promise<string | undefined> {
    const slot = this.slot();
    const id = this.nextId++;
    slot.busy++;
    if (slot.busy === 1) slot.worker.ref();
    return new Promise((done, fail) => {
      const settle = () => {
        slot.busy--;
        if (slot.busy === 0) slot.worker.unref();
      };
      this.pending.set(id, { done: (r) => (settle(), done(r)), fail: (e) => (settle(), fail(e)) });
      slot.worker.postMessage({ id, idat, shape });
    });
  }

  /** The least busy worker, starting another while the pool is below its size. */
  private slot() {
    const idle = this.workers.find((w) => w.busy === 0);
    if (idle) return idle;
    if (this.workers.length < this.size) {
      const worker = new Worker(new URL("./png-check-worker.mjs", import.meta.url));
      worker.unref();
      const slot = { worker, busy: 0 };
      worker.on("message", ({ id, reason }: { id: number; reason: string | undefined }) => {
        const p = this.pending.get(id);
        this.pending.delete(id);
        p?.done(reason);
      });
      worker.on("error", (e) => this.failAll(e));
      worker.on("exit", () => {
        this.workers = this.workers.filter((w) => w !== slot);
      });
      this.workers.push(slot);
      return slot;
    }
    return this.workers.reduce((a, b) => (b.busy < a.busy ? b : a));
  }

  private failAll(e: Error) {
    for (const p of this.pending.values()) p.fail(e);
    this.pending.clear();
  }
}

export const pngCheckPool = new PngCheckPool(Math.max(1, Math.min(4, availableParallelism())));

/**
 * SIGINT and SIGTERM for long commands (build, capture): the work registers what must be undone if it is stopped
 * (its temporary tree, its lock, Chromium and other children) and marks the few steps that must not be cut in
 * half (the switch of a bundle and the custody entries that go with it). On a signal the process waits for such a
 * step to end, runs the undo steps (bounded in time), and exits 130 (SIGINT) or 143 (SIGTERM). A second signal
 * exits at once. The exit itself is main.ts's: it hands its exit function to `installInterrupts`.
 */

import type { ChildProcess } from "node:child_process";

type Undo = () => Promise<unknown> | unknown;

const undos = new Set<Undo>();
let criticalDepth = 0;
let criticalEnded: (() => void) | undefined;
let stopping: NodeJS.Signals | undefined;

/** How long the undo steps may take before the process exits anyway (the whole stop must take under 2 s). */
const UNDO_BUDGET_MS = 1500;

const again = new Set<() => void>();

/**
 * Run `undo` if the process is stopped before the returned function is called. With `again`, a synchronous undo is
 * run once more just before the exit: the work still running meanwhile may have written again where it removed.
 */
export function onInterrupt(undo: Undo, opts: { again?: boolean } = {}): () => void {
  undos.add(undo);
  if (opts.again) again.add(undo as () => void);
  return () => {
    undos.delete(undo);
    again.delete(undo as () => void);
  };
}

const children = new Set<ChildProcess>();
let childrenWatched = false;

/**
 * A helper process (tesseract, pdftotext, qpdf) this process started: killed when this process exits however it
 * exits, so a stopped build leaves nothing running.
 */
export function ownChild<C extends ChildProcess>(child: C): C {
  if (!childrenWatched) {
    childrenWatched = true;
    process.on("exit", () => {
      for (const c of children) c.kill("SIGKILL");
    });
  }
  children.add(child);
  child.once("exit", () => children.delete(child));
  return child;
}

/** The signal the process is stopping for, if any: long loops check it to stop starting new work. */
export function stoppingFor(): NodeJS.Signals | undefined {
  return stopping;
}

/** Thrown by `uninterrupted` when the run is already being stopped: the step is not begun. */
export class StoppedError extends Error {
  constructor() {
    super("stopped by a signal");
  }
}

/**
 * Run `step` to its end even if a signal arrives meanwhile; the stop follows it. A signal that arrived before is
 * handled first, and the step is then not begun.
 */
export async function uninterrupted<T>(step: () => Promise<T>): Promise<T> {
  // Two turns of the event loop: a signal is read in a turn's poll phase, which may have passed in this one.
  for (let i = 0; i < 2; i++) await new Promise((r) => setImmediate(r));
  if (stopping) throw new StoppedError();
  criticalDepth++;
  try {
    return await step();
  } finally {
    criticalDepth--;
    if (criticalDepth === 0) criticalEnded?.();
  }
}

const codes: Record<string, number> = { SIGINT: 130, SIGTERM: 143 };

export function installInterrupts(exit: (code: number) => void): void {
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) return exit(codes[signal]!); // a second signal: at once
    stopping = signal;
    // Work cut short by the undo steps (a page whose browser was closed) fails on its way out: not a crash.
    process.on("unhandledRejection", () => undefined);
    process.stderr.write(`exhibits: stopping (${signal}); undoing this run's unfinished work\n`);
    void (async () => {
      if (criticalDepth > 0) await new Promise<void>((r) => (criticalEnded = r));
      const all = [...undos].reverse().map((u) =>
        Promise.resolve()
          .then(u)
          .catch(() => undefined),
      );
      await Promise.race([Promise.all(all), new Promise((r) => setTimeout(r, UNDO_BUDGET_MS).unref())]);
      for (const u of again) {
        try {
          u();
        } catch {
          // exiting anyway: the next run tidies what is left (output/slot.ts)
        }
      }
      exit(codes[signal]!);
    })();
  };
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
}

/**
 * One hostile input, as the hostile suite runs it (test/hostile/runner.ts, test/e2e/hostile.test.ts): a small good
 * case is copied, `make` spoils it, and the command runs as a process against an output folder that already holds
 * the good case's bundle. The suite checks the exit code, that stderr is one clear message matching `message` (no
 * stack trace), the time and peak memory, and that the earlier bundle, the build cache and the case's custody log
 * are byte for byte what they were (for a case expected to fail).
 */
export interface HostileCase {
  /** Unique, kebab-case: `pdf-page-tree-cycle`. */
  id: string;
  /** What is attacked, for the counts per format: pdf, png, jpeg, webp, meta-json, whatsapp, chat-csv, amazon-csv, ... */
  format: string;
  /** Listed in the probe list (its figures are reported one by one). */
  probe?: boolean;
  /** Spoil the good case (a private copy at `caseDir`; its evidence is in evidence/shop/). */
  make(caseDir: string, ctx: HostileContext): void | Promise<void>;
  /** The command and its arguments after the case folder (default: build). `verify` gets the bundle folder. */
  command?: "build" | "check" | "verify";
  /** For verify: spoil the good bundle (a private copy at `bundleDir`) instead of the case. */
  spoilBundle?(bundleDir: string, ctx: HostileContext): void | Promise<void>;
  /** For verify: build the case as `make` left it into the output folder first, then spoil that bundle. */
  buildFirst?: boolean;
  /** For verify: what to verify, relative to the bundle folder (one exhibit PDF); default the bundle folder itself. */
  verifyTarget?: string;
  /** Extra arguments (`--require-anchor`). */
  args?: string[];
  /** Environment variables set for the command (PATH without a tool, say). */
  env?: Record<string, string>;
  /** What must happen. */
  expect: {
    exit: number;
    /** The one message (stderr for build/check, stdout for verify) must match. */
    message?: RegExp;
    /** For exit 0: what must hold of the output (for example a note in the manifest); return a problem or nothing. */
    check?(outDir: string): string | undefined | Promise<string | undefined>;
  };
  /** Bounds (default 60 s, 1 GB): the promise is "never over". */
  maxSeconds?: number;
  /**
   * A bound on the process's own CPU time (user + system), which holds on a loaded machine where wall time does not;
   * a hang (blocked, using no CPU) is still caught by `maxSeconds`.
   */
  maxCpuSeconds?: number;
  maxRssMb?: number;
}

export interface HostileContext {
  /** A scratch folder outside the case (for symlink targets that must stay untouched). */
  outside: string;
  /** The good case's own evidence files, to build spoiled variants from (read-only). */
  good: { png: string; jpeg: string; pdf: string; chatCsv: string; purchasesCsv: string };
}

/** What the runner measured of one case. */
export interface HostileResult {
  id: string;
  format: string;
  probe: boolean;
  exit: number | null;
  signal: string | null;
  seconds: number;
  /** CPU time of the process (user + system), as last seen in /proc. */
  cpuSeconds: number;
  peakRssMb: number;
  problems: string[];
}

/**
 * The commands called in-process, as src/main.ts calls them, with what the CLI would print and the exit code it
 * would return. Tests use these instead of runCli (a new Node process loading the whole program for each call, most
 * of a verify's time) except where the CLI itself is under test: test/e2e/cli*.test.ts and a few exit-code tests.
 * Only the tool's own errors (ExhibitsError) become exit codes; anything else is thrown, as it is a failure.
 */
import { formatCheckReport } from "../../src/consistency/index.js";
import { build, type BuildOptions, type BuildResult } from "../../src/commands/build.js";
import { check } from "../../src/commands/check.js";
import { formatVerifyReport, verify, verifyJson, type VerifyResult } from "../../src/commands/verify.js";
import { ExhibitsError, ExitCode } from "../../src/util/errors.js";
import { join } from "node:path";
import { EPOCH, ROOT, tempDir } from "./cli.js";

export interface Ran {
  code: number;
  stdout: string;
  stderr: string;
}

/** The exit code and message the CLI gives for one of the tool's own errors. */
function failed(e: unknown): Ran {
  if (!(e instanceof ExhibitsError)) throw e;
  return { code: e.exitCode, stdout: "", stderr: `exhibits: ${e.message.split("\n").join("\nexhibits: ")}\n` };
}

/** `exhibits verify <target> [--ca] [--manifest] [--json]`. */
export async function runVerify(
  target: string,
  opts: {
    ca?: string;
    manifest?: string;
    json?: boolean;
    requireAnchor?: boolean;
    leaks?: boolean;
    sealed?: string;
    caseDir?: string;
  } = {},
): Promise<Ran & { result?: VerifyResult }> {
  try {
    const { json: _json, ...rest } = opts;
    const result = await verify({ cwd: ROOT, target, ...rest });
    const stdout = (opts.json ? JSON.stringify(verifyJson(result), null, 2) : formatVerifyReport(result)) + "\n";
    return { code: result.ok ? ExitCode.ok : ExitCode.verificationFailed, stdout, stderr: "", result };
  } catch (e) {
    return failed(e);
  }
}

/** `exhibits check <case> [--json]`. */
export async function runCheck(caseDir: string, opts: { json?: boolean; out?: string } = {}): Promise<Ran> {
  try {
    // Without `out`, a folder no build wrote: the check reads no earlier build's cache (the checkout's out/ may hold one).
    const { caseId, report } = await check({ cwd: ROOT, caseDir, out: opts.out ?? join(tempDir(), "out") });
    const stdout = (opts.json ? JSON.stringify(report, null, 2) : formatCheckReport(report, caseId)) + "\n";
    return { code: report.ok ? ExitCode.ok : ExitCode.invalidInput, stdout, stderr: "" };
  } catch (e) {
    return failed(e);
  }
}

/**
 * `exhibits build <case> --out <out> [--quiet] …`, with the environment runCli gives (SOURCE_DATE_EPOCH set): the
 * progress lines are its stderr; stdout is the bundle folder with `quiet`, else empty (the summary is not rebuilt).
 */
export async function runBuild(
  opts: Omit<BuildOptions, "cwd" | "log" | "env"> & { cwd?: string; env?: NodeJS.ProcessEnv; quiet?: boolean },
): Promise<Ran & { result?: BuildResult }> {
  const { quiet, env, cwd, ...rest } = opts;
  let stderr = "";
  const log = { info: (m: string) => void (stderr += quiet ? "" : `${m}\n`) };
  try {
    const result = await build({ ...rest, cwd: cwd ?? ROOT, log, env: { ...process.env, SOURCE_DATE_EPOCH: EPOCH, ...env } });
    return { code: ExitCode.ok, stdout: quiet ? `${result.bundleDir}\n` : "", stderr, result };
  } catch (e) {
    const r = failed(e);
    return { ...r, stderr: stderr + r.stderr };
  }
}

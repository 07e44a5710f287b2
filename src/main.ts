/**
 * Entry point of the `exhibits` binary: parse the command line, run the command, print, and map errors to
 * exit codes. The only place that calls process.exit. User mistakes get one clear message, never a stack.
 */
import { parseCli, CliUsage } from "./cli.js";
import { ExhibitsError, ExitCode } from "./util/errors.js";
import { stderrLogger, silentLogger } from "./util/log.js";

async function run(): Promise<number> {
  const cmd = await parseCli();
  const cwd = process.cwd();
  switch (cmd.command) {
    // Commands are loaded on demand: `verify` never pays for starting puppeteer or sharp.
    case "init": {
      const { init } = await import("./commands/init.js");
      const { caseFile } = await init({ cwd, dir: cmd.dir, force: cmd.force });
      process.stdout.write(`Wrote ${caseFile}\nPut each defendant's evidence in evidence/<defendant-id>/, then run: exhibits build ${cmd.dir}\n`);
      return ExitCode.ok;
    }
    case "build": {
      const { build } = await import("./commands/build.js");
      const result = await build({ cwd, caseDir: cmd.caseDir, out: cmd.out, log: cmd.quiet ? silentLogger : stderrLogger });
      const m = result.manifest;
      process.stdout.write(
        cmd.quiet
          ? `${result.bundleDir}\n`
          : `Built ${m.exhibits.length} exhibits, ${m.bates.pages} pages (${m.bates.first}–${m.bates.last})\nBundle: ${result.bundleDir}/bundle.pdf\nVerify: exhibits verify ${result.bundleDir}\n`,
      );
      return ExitCode.ok;
    }
    case "verify": {
      const { verify, formatVerifyReport } = await import("./commands/verify.js");
      const report = await verify({ cwd, target: cmd.target });
      process.stdout.write((cmd.json ? JSON.stringify(report, null, 2) : formatVerifyReport(report)) + "\n");
      return report.ok ? ExitCode.ok : ExitCode.verificationFailed;
    }
  }
}

run().then(
  (code) => process.exit(code),
  (e: unknown) => {
    if (e instanceof CliUsage) {
      process.stderr.write(`exhibits: ${e.message}\nRun 'exhibits --help' for usage.\n`);
      process.exit(ExitCode.usage);
    }
    if (e instanceof ExhibitsError) {
      process.stderr.write(`exhibits: ${e.message.split("\n").join("\nexhibits: ")}\n`);
      process.exit(e.exitCode);
    }
    process.stderr.write(`exhibits: internal error — please report it with the command you ran.\n${(e as Error)?.stack ?? String(e)}\n`);
    process.exit(ExitCode.internal);
  },
);

/**
 * Entry point of the `exhibits` binary: parse the command line, run the command, print, and map errors to
 * exit codes. The only place that calls process.exit. User mistakes get one clear message, never a stack.
 */
import { parseCli, CliUsage } from "./cli.js";
import { ExhibitsError, ExitCode } from "./util/errors.js";
import { installInterrupts, stoppingFor } from "./util/interrupt.js";
import { stderrLogger, silentLogger } from "./util/log.js";

async function run(): Promise<number> {
  const cmd = await parseCli();
  const cwd = process.cwd();
  switch (cmd.command) {
    // Commands are loaded on demand: `verify` never pays for starting puppeteer or sharp.
    case "init": {
      const { init } = await import("./commands/init.js");
      const { caseFile, workflow } = await init({ cwd, dir: cmd.dir, force: cmd.force, ...(cmd.ci ? { ci: cmd.ci } : {}) });
      process.stdout.write(
        `Wrote ${caseFile}\n${workflow ? `Wrote ${workflow} (GitHub Actions: doctor, check, build and verify on every push)\n` : ""}` +
          `Put each defendant's evidence in evidence/<defendant-id>/, then run: exhibits build ${cmd.dir}\n`,
      );
      return ExitCode.ok;
    }
    case "build": {
      installInterrupts((code) => process.exit(code));
      const { build } = await import("./commands/build.js");
      const result = await build({
        cwd,
        caseDir: cmd.caseDir,
        out: cmd.out,
        log: cmd.quiet ? silentLogger : stderrLogger,
        tsa: cmd.tsa,
        allowUntimestamped: cmd.allowUntimestamped,
        cache: cmd.cache,
        final: cmd.final,
        ...(cmd.operator ? { operator: cmd.operator } : {}),
        ...(cmd.sign ? { sign: { p12: cmd.sign, passwordEnv: cmd.signPasswordEnv } } : {}),
        wait: cmd.wait,
      });
      const m = result.manifest;
      const twins = result.trees.length > 1;
      process.stdout.write(
        cmd.quiet
          ? `${result.bundleDir}\n`
          : `Built ${m.exhibits.length} exhibits, ${m.bates.pages} pages (${m.bates.first}–${m.bates.last})\n` +
              (twins
                ? `${m.redactions} redactions (bases in redaction-log.csv): public and sealed twins, same labels and Bates numbers\n` +
                  result.trees.map((t) => `${t.twin === "public" ? "Public" : "Sealed"}: ${t.dir}/bundle.pdf`).join("\n") +
                  "\n"
                : `Bundle: ${result.bundleDir}/bundle.pdf\n`) +
              `Verify: exhibits verify ${result.bundleDir}\n`,
      );
      return ExitCode.ok;
    }
    case "ocr": {
      const { warmOcr } = await import("./commands/ocr.js");
      const r = await warmOcr({
        cwd,
        caseDir: cmd.caseDir,
        out: cmd.out,
        ...(cmd.cache ? { cache: cmd.cache } : {}),
        log: cmd.quiet ? silentLogger : stderrLogger,
        showProgress: !cmd.quiet,
      });
      process.stdout.write(
        r.engine
          ? `OCR ${r.engine}: ${r.recognised} page(s) recognised, ${r.kept} already kept\n`
          : `No OCR: ${r.skipped ?? "nothing to recognise"}\n`,
      );
      return ExitCode.ok;
    }
    case "check": {
      const { checkPrinted } = await import("./commands/check-output.js");
      const r = await checkPrinted({
        cwd,
        caseDir: cmd.caseDir,
        out: cmd.out,
        format: cmd.format,
        ...(cmd.final ? { final: { out: cmd.out } } : {}),
      });
      process.stdout.write(`${r.stdout}\n`);
      return r.code;
    }
    case "doctor": {
      const { doctor, formatDoctor } = await import("./commands/doctor.js");
      const report = await doctor({ cwd, out: cmd.out, ...(cmd.caseDir ? { caseDir: cmd.caseDir } : {}) });
      process.stdout.write(`${cmd.json ? JSON.stringify(report, null, 2) : formatDoctor(report.checks)}\n`);
      return report.ok ? ExitCode.ok : ExitCode.environment;
    }
    case "review": {
      const { review, openBrowser, untilStopped } = await import("./commands/review.js");
      const server = await review({ cwd, caseDir: cmd.caseDir, out: cmd.out, port: cmd.port, operator: cmd.operator });
      process.stdout.write(`Review page: ${server.url}\n(127.0.0.1 only; the address holds this run's token. Ctrl-C stops it.)\n`);
      if (cmd.open ?? process.stdout.isTTY) openBrowser(server.url);
      await untilStopped(server);
      return ExitCode.ok;
    }
    case "capture": {
      installInterrupts((code) => process.exit(code));
      const { capture } = await import("./commands/capture.js");
      const { progressBar } = await import("./util/progress.js");
      let done = 0;
      let failed = 0;
      let bar: ReturnType<typeof progressBar> | undefined;
      const result = await capture({
        cwd,
        caseDir: cmd.caseDir,
        urls: cmd.urls,
        from: cmd.from,
        defendant: cmd.defendant,
        marks: cmd.marks,
        note: cmd.note,
        flags: cmd.flags,
        banner: cmd.banner,
        concurrency: cmd.concurrency,
        retries: cmd.retries,
        operator: cmd.operator,
        trustCerts: cmd.trustCert,
        wait: cmd.wait,
        onStart: (t, total) => {
          bar ??= cmd.json ? undefined : progressBar(total);
          bar?.update(done, failed, t.url);
        },
        onOutcome: (o) => {
          done++;
          if (!o.ok) failed++;
          if (cmd.json) process.stdout.write(JSON.stringify(o) + "\n");
          else if (!bar) process.stderr.write(o.ok ? `captured ${o.url} → ${o.folder}\n` : `FAILED   ${o.url || o.source}: ${o.message}\n`);
          bar?.update(done, failed);
        },
      });
      bar?.clear();
      if (!cmd.json) {
        const ok = result.outcomes.filter((o) => o.ok);
        const bad = result.outcomes.filter((o) => !o.ok);
        let text =
          `Captured ${ok.length} of ${result.outcomes.length} page${result.outcomes.length === 1 ? "" : "s"} into ` +
          `${cmd.caseDir}/evidence/ (log: ${cmd.caseDir}/capture-log.jsonl)\n`;
        for (const o of ok) text += `  ${o.folder}${o.notes?.length ? `  (${o.notes.join("; ")})` : ""}\n`;
        if (bad.length) text += `Not captured:\n` + bad.map((o) => `  ${o.url || o.source}: ${o.reason}: ${o.message}\n`).join("");
        if (ok.length) text += `Next: exhibits build ${cmd.caseDir}\n`;
        process.stdout.write(text);
      }
      return result.ok ? ExitCode.ok : ExitCode.someCapturesFailed;
    }
    case "verify": {
      const { verify, formatVerifyReport, verifyJson } = await import("./commands/verify.js");
      const result = await verify({
        cwd,
        target: cmd.target,
        ca: cmd.ca,
        manifest: cmd.manifest,
        requireAnchor: cmd.requireAnchor,
        leaks: cmd.leaks,
        sealed: cmd.sealed,
        caseDir: cmd.caseDir,
      });
      process.stdout.write((cmd.json ? JSON.stringify(verifyJson(result), null, 2) : formatVerifyReport(result)) + "\n");
      return result.ok ? ExitCode.ok : ExitCode.verificationFailed;
    }
  }
}

run().then(
  (code) => {
    if (!stoppingFor()) process.exit(code); // stopping: the signal's handler exits once its undo steps ran
  },
  (e: unknown) => {
    if (stoppingFor()) return; // what failed failed because the run is being stopped (Chromium closed under it)
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

/**
 * The yargs room: command and flag declarations only. Each command calls a plain async function in
 * src/commands/ with a typed options object; printing and exit codes are decided in src/main.ts.
 */
import yargs from "yargs";
import { hideBin } from "yargs/helpers";

export type CliCommand =
  | { command: "init"; dir: string; force: boolean }
  | { command: "build"; caseDir: string; out?: string; quiet: boolean }
  | { command: "verify"; target: string; json: boolean }
  | { command: "check"; caseDir: string; json: boolean };

export async function parseCli(argv: string[] = hideBin(process.argv)): Promise<CliCommand> {
  let picked: CliCommand | undefined;
  await yargs(argv)
    .scriptName("exhibits")
    .usage("$0 <command> [options]\n\nTurn the evidence of a counterfeiting suit into a verifiable, Bates-stamped exhibit bundle.")
    .command(
      "init <dir>",
      "Scaffold a case folder with a commented case.yaml",
      (y) => y.positional("dir", { type: "string", demandOption: true, describe: "folder to create" }).option("force", { type: "boolean", default: false, describe: "overwrite an existing case.yaml" }),
      (a) => { picked = { command: "init", dir: a.dir as string, force: Boolean(a.force) }; },
    )
    .command(
      "build <case>",
      "Build exhibit PDFs, bundle.pdf and manifest.json into <out>/<case-id>/",
      (y) =>
        y
          .positional("case", { type: "string", demandOption: true, describe: "case folder (holds case.yaml and evidence/)" })
          .option("out", { type: "string", describe: "output root folder", default: "out" })
          .option("quiet", { type: "boolean", default: false, describe: "print only the bundle path" })
          .example("$0 build fixtures/cases/valentino-v-kaitlyn-pan", "build into out/valentino-v-kaitlyn-pan/")
          .example("SOURCE_DATE_EPOCH=1767225600 $0 build my-case", "reproducible build: byte-identical on every run"),
      (a) => { picked = { command: "build", caseDir: a.case as string, out: a.out as string, quiet: Boolean(a.quiet) }; },
    )
    .command(
      "check <case>",
      "Validate the case and lint completeness per defendant, without rendering (exit 3 on errors)",
      (y) =>
        y
          .positional("case", { type: "string", demandOption: true, describe: "case folder (holds case.yaml and evidence/)" })
          .option("json", { type: "boolean", default: false, describe: "print the report as JSON" }),
      (a) => { picked = { command: "check", caseDir: a.case as string, json: Boolean(a.json) }; },
    )
    .command(
      "verify <bundle>",
      "Check a built bundle against its manifest, offline (exit 4 when any check fails)",
      (y) =>
        y
          .positional("bundle", { type: "string", demandOption: true, describe: "bundle folder (holds manifest.json)" })
          .option("json", { type: "boolean", default: false, describe: "print the report as JSON" }),
      (a) => { picked = { command: "verify", target: a.bundle as string, json: Boolean(a.json) }; },
    )
    .demandCommand(1, "Give a command: init, check, build or verify")
    .strict()
    .fail((msg, err) => {
      throw err ?? new CliUsage(msg);
    })
    .help()
    .version()
    .parseAsync();
  if (!picked) throw new CliUsage("no command given");
  return picked;
}

export class CliUsage extends Error {}

/**
 * The yargs room: command and flag declarations only. Each command calls a plain async function in
 * src/commands/ with a typed options object; printing and exit codes are decided in src/main.ts.
 */
import yargs from "yargs";
import { hideBin } from "yargs/helpers";
import type { CaptureOptions } from "./commands/capture.js";

export type CliCommand =
  | { command: "init"; dir: string; force: boolean; ci?: "github" }
  | { command: "doctor"; caseDir?: string; out: string; json: boolean }
  | { command: "review"; caseDir: string; out: string; port?: number; open?: boolean; operator?: string }
  | {
      command: "build";
      caseDir: string;
      out?: string;
      quiet: boolean;
      tsa: string[];
      allowUntimestamped: boolean;
      sign?: string;
      signPasswordEnv: string;
      cache?: string | false;
      final: boolean;
      operator?: string;
      wait: boolean;
    }
  | {
      command: "verify";
      target: string;
      json: boolean;
      ca?: string;
      manifest?: string;
      requireAnchor: boolean;
      leaks: boolean;
      sealed?: string;
      caseDir?: string;
    }
  | { command: "check"; caseDir: string; format: CheckFormat; final: boolean; out: string }
  | { command: "ocr"; caseDir: string; out: string; cache?: string; quiet: boolean }
  | ({ command: "capture"; trustCert: string[]; json: boolean } & Pick<
      CaptureOptions,
      "caseDir" | "urls" | "from" | "defendant" | "marks" | "note" | "flags" | "banner" | "concurrency" | "retries" | "operator" | "wait"
    >);

/** How `check` prints its report: for a person, as JSON, as GitHub workflow annotations, or as a JUnit XML report. */
export const CHECK_FORMATS = ["text", "json", "github", "junit"] as const;
export type CheckFormat = (typeof CHECK_FORMATS)[number];

const strings = (v: unknown): string[] => (v === undefined ? [] : (Array.isArray(v) ? v : [v]).map(String));

function parseViewport(v: unknown): { width: number; height: number } | undefined {
  if (v === undefined) return undefined;
  const m = /^(\d{3,4})x(\d{3,4})$/.exec(String(v));
  if (!m) throw new CliUsage(`--viewport '${String(v)}': expected WIDTHxHEIGHT in pixels, like 1366x900`);
  const width = Number(m[1]);
  const height = Number(m[2]);
  if (width < 320 || width > 3840 || height < 240 || height > 4320)
    throw new CliUsage(`--viewport ${width}x${height}: expected a width of 320–3840 and a height of 240–4320 px`);
  return { width, height };
}

function positive(name: string, v: unknown, min: number, max: number): number | undefined {
  if (v === undefined) return undefined;
  const n = Number(v);
  if (!Number.isFinite(n) || n < min || n > max) throw new CliUsage(`--${name} ${String(v)}: expected a number from ${min} to ${max}`);
  return n;
}

export async function parseCli(argv: string[] = hideBin(process.argv)): Promise<CliCommand> {
  let picked: CliCommand | undefined;
  await yargs(argv)
    .scriptName("exhibits")
    .usage("$0 <command> [options]\n\nTurn the evidence of a counterfeiting suit into a verifiable, Bates-stamped exhibit bundle.")
    .command(
      "init <dir>",
      "Scaffold a case folder with a commented case.yaml",
      (y) =>
        y
          .positional("dir", { type: "string", demandOption: true, describe: "folder to create" })
          .option("force", { type: "boolean", default: false, describe: "overwrite an existing case.yaml" })
          .option("ci", {
            type: "string",
            choices: ["github"],
            describe: "also write a CI workflow for the case repository (github: .github/workflows/exhibits.yml)",
          }),
      (a) => {
        picked = { command: "init", dir: a.dir as string, force: Boolean(a.force), ...(a.ci ? { ci: a.ci as "github" } : {}) };
      },
    )
    .command(
      "doctor [case]",
      "Check this machine for what exhibits needs (Chromium, qpdf, poppler, tesseract, fonts, disk, memory; exit 5 when " +
        "something required is missing)",
      (y) =>
        y
          .positional("case", { type: "string", describe: "case folder: also check its OCR languages, and disk and memory for its size" })
          .option("out", { type: "string", default: "out", describe: "output root whose disk is checked" })
          .option("json", { type: "boolean", default: false, describe: "print the report as JSON" }),
      (a) => {
        picked = { command: "doctor", ...(a.case ? { caseDir: a.case as string } : {}), out: a.out as string, json: Boolean(a.json) };
      },
    )
    .command(
      "review <case>",
      "Serve the review page on 127.0.0.1: findings, items, redaction boxes drawn with the mouse, fields, rebuild",
      (y) =>
        y
          .positional("case", { type: "string", demandOption: true, describe: "case folder (holds case.yaml and evidence/)" })
          .option("out", { type: "string", default: "out", describe: "output root of the rebuilds" })
          .option("port", { type: "number", describe: "port on 127.0.0.1 (default: a free one)" })
          .option("open", { type: "boolean", describe: "open the page in the browser (default: when stdout is a terminal)" })
          .option("operator", { type: "string", describe: "who edits and builds, recorded in the custody log" }),
      (a) => {
        picked = {
          command: "review",
          caseDir: a.case as string,
          out: a.out as string,
          ...(a.port === undefined ? {} : { port: positive("port", a.port, 0, 65535) }),
          ...(a.open === undefined ? {} : { open: Boolean(a.open) }),
          ...(a.operator ? { operator: a.operator as string } : {}),
        };
      },
    )
    .command(
      "build <case>",
      "Build exhibit PDFs, bundle.pdf and manifest.json into <out>/<case-id>/",
      (y) =>
        y
          .positional("case", { type: "string", demandOption: true, describe: "case folder (holds case.yaml and evidence/)" })
          .option("out", { type: "string", describe: "output root folder", default: "out" })
          .option("quiet", { type: "boolean", default: false, describe: "print only the bundle path" })
          .option("tsa", {
            type: "string",
            array: true,
            describe: "RFC 3161 time-stamping authority URL (repeatable; added to case.yaml's timestamp.tsa)",
          })
          .option("allow-untimestamped", {
            type: "boolean",
            default: false,
            describe: "build even when no TSA answers (the bundle records that it is not timestamped)",
          })
          .option("sign", { type: "string", describe: "sign bundle.pdf with this PKCS#12 (.p12/.pfx) certificate" })
          .option("sign-password-env", {
            type: "string",
            default: "EXHIBITS_SIGN_PASSWORD",
            describe: "environment variable holding the PKCS#12 password",
          })
          .option("cache", {
            type: "string",
            describe:
              "build cache folder (default <out>/.cache): a rebuild redoes only what changed, with the same bytes; --no-cache reuses " +
              "and keeps nothing",
          })
          .option("final", {
            type: "boolean",
            default: false,
            describe: "a final build: no draft banners or notes; refused (exit 3) while any blank for counsel remains",
          })
          .option("operator", {
            type: "string",
            describe: "who runs the build, for the custody log (default: $EXHIBITS_OPERATOR, else case.yaml operator, else not recorded)",
          })
          .option("wait", {
            type: "boolean",
            default: false,
            describe: "when another build is writing into the same --out, wait for it instead of exiting 5",
          })
          .example("$0 build fixtures/cases/valentino-v-kaitlyn-pan", "build into out/valentino-v-kaitlyn-pan/")
          .example("SOURCE_DATE_EPOCH=1776000000 $0 build my-case", "reproducible build: byte-identical on every run"),
      (a) => {
        picked = {
          command: "build",
          caseDir: a.case as string,
          out: a.out as string,
          quiet: Boolean(a.quiet),
          tsa: strings(a.tsa),
          allowUntimestamped: Boolean(a["allow-untimestamped"]),
          sign: a.sign as string | undefined,
          signPasswordEnv: a["sign-password-env"] as string,
          cache: (a.cache as unknown) === false ? false : (a.cache as string | undefined),
          final: Boolean(a.final),
          ...(a.operator ? { operator: String(a.operator) } : {}),
          wait: Boolean(a.wait),
        };
      },
    )
    .command(
      "ocr <case>",
      "Recognise the text of the case's image pages ahead of a build, keeping the words in the build cache",
      (y) =>
        y
          .positional("case", { type: "string", demandOption: true, describe: "case folder (holds case.yaml and evidence/)" })
          .option("out", {
            type: "string",
            describe: "output root folder of the build to come (its cache is <out>/.cache)",
            default: "out",
          })
          .option("cache", { type: "string", describe: "build cache folder, when the build uses --cache" })
          .option("quiet", { type: "boolean", default: false, describe: "print only the summary line" })
          .example("$0 ocr my-case && $0 build my-case", "recognise overnight; the build then recognises nothing"),
      (a) => {
        picked = {
          command: "ocr",
          caseDir: a.case as string,
          out: a.out as string,
          cache: a.cache as string | undefined,
          quiet: Boolean(a.quiet),
        };
      },
    )
    .command(
      "check <case>",
      "Validate the case and lint completeness per defendant, without rendering (exit 3 on errors)",
      (y) =>
        y
          .positional("case", { type: "string", demandOption: true, describe: "case folder (holds case.yaml and evidence/)" })
          .option("json", { type: "boolean", default: false, describe: "print the report as JSON (the same as --format json)" })
          .option("format", {
            type: "string",
            choices: CHECK_FORMATS,
            describe: "text (default), json, github (workflow annotations on the file and line) or junit (JUnit XML)",
          })
          .option("final", {
            type: "boolean",
            default: false,
            describe: "also lay out the papers as a final build would (in a scratch folder) and list every blank left for counsel",
          })
          .option("out", { type: "string", default: "out", describe: "with --final: the output root whose build cache to use" }),
      (a) => {
        if (a.json && a.format !== undefined && a.format !== "json")
          throw new CliUsage(`--json and --format ${String(a.format)} ask for two formats; give one`);
        const format = (a.json ? "json" : (a.format ?? "text")) as CheckFormat;
        picked = { command: "check", caseDir: a.case as string, format, final: Boolean(a.final), out: a.out as string };
      },
    )
    .command(
      "verify <bundle>",
      "Check a built bundle against its manifest, or one exhibit PDF against what it carries, offline (exit 4 when any check fails)",
      (y) =>
        y
          .positional("bundle", { type: "string", demandOption: true, describe: "bundle folder (holds manifest.json), or one exhibit PDF" })
          .option("manifest", { type: "string", describe: "with an exhibit PDF: the bundle's manifest.json to check it against" })
          .option("json", { type: "boolean", default: false, describe: "print the report as JSON" })
          .option("ca", { type: "string", describe: "PEM root certificate(s) trusted for the RFC 3161 tokens" })
          .option("require-anchor", {
            type: "boolean",
            default: false,
            describe: "fail (exit 4) when no timestamp token or signature anchors the manifest (or the exhibit)",
          })
          .option("leaks", {
            type: "boolean",
            default: false,
            describe: "search every layer of the public tree for what the sealed tree's values and the case's rules find (the leak gate)",
          })
          .option("sealed", { type: "string", describe: "with --leaks: the sealed twin's tree, where the targets are taken from" })
          .option("case", {
            type: "string",
            describe: "with --leaks: the case folder whose redaction rules to use (default: 5.2(a) only)",
          }),
      (a) => {
        picked = {
          command: "verify",
          target: a.bundle as string,
          json: Boolean(a.json),
          ca: a.ca as string | undefined,
          manifest: a.manifest as string | undefined,
          requireAnchor: Boolean(a.requireAnchor),
          leaks: Boolean(a.leaks),
          sealed: a.sealed as string | undefined,
          caseDir: a.case as string | undefined,
        };
      },
    )
    .command(
      "capture [urls..]",
      "Capture live pages (screenshot, MHTML, DOM, text boxes, metadata, hashes) into <case>/evidence/<defendant>/",
      (y) =>
        y
          .positional("urls", { type: "string", array: true, describe: "page addresses (http or https)" })
          .option("case", { type: "string", demandOption: true, describe: "case folder (holds case.yaml)" })
          .option("defendant", { type: "string", describe: "defendant id from case.yaml the pages belong to" })
          .option("marks", { type: "string", describe: "mark ids shown on the pages, comma-separated" })
          .option("note", { type: "string", describe: "a note kept with each capture" })
          .option("from", { type: "string", describe: "CSV list with columns url,defendant,marks,note (optional hide,click)" })
          .option("viewport", { type: "string", describe: "browser window WIDTHxHEIGHT (default 1366x900)" })
          .option("user-agent", { type: "string", describe: "user agent string (default: this Chromium's, as a desktop Chrome)" })
          .option("hide", { type: "string", array: true, describe: "CSS selector to hide before the screenshot (repeatable)" })
          .option("click", { type: "string", array: true, describe: "CSS selector to click before the screenshot (repeatable)" })
          .option("nav-timeout", { type: "number", describe: "seconds to wait for the page to start showing (default 30)" })
          .option("settle-timeout", { type: "number", describe: "seconds to wait for load and network quiet, each time (default 10)" })
          .option("max-height", { type: "number", describe: "stop screenshots at this many pixels (default 60000)" })
          .option("follow-navigation", {
            type: "boolean",
            describe: "capture the document a page ends on when it navigates itself (default: the first, later navigations held)",
          })
          .option("allow-private", {
            type: "boolean",
            default: false,
            describe:
              "allow requests to loopback and private addresses (127.0.0.0/8, 0.0.0.0, 10/8, 172.16/12, 192.168/16, " +
              "100.64/10, fc00::/7); link-local and cloud-metadata addresses stay refused",
          })
          .option("banner", {
            type: "boolean",
            default: false,
            describe: "also write a copy with the URL and capture time above the page; exhibits show that copy",
          })
          .option("concurrency", { type: "number", describe: "pages captured at once (default: sized to this machine)" })
          .option("retries", { type: "number", default: 2, describe: "further attempts for failures worth retrying" })
          .option("operator", { type: "string", describe: "who is capturing (default: $EXHIBITS_OPERATOR, else the OS account)" })
          .option("wait", {
            type: "boolean",
            default: false,
            describe: "when another capture is writing into the same case folder, wait for it instead of exiting 5",
          })
          .option("trust-cert", {
            type: "string",
            array: true,
            describe: "PEM certificate to accept even if its chain does not validate (recorded)",
          })
          .option("json", { type: "boolean", default: false, describe: "print one JSON line per capture" })
          .example("$0 capture https://shop.example/item/123 --case my-case --defendant kpg --marks rockstud", "one page")
          .example("$0 capture --case my-case --from captures.csv --json", "a batch"),
      (a) => {
        picked = {
          command: "capture",
          caseDir: a.case as string,
          urls: strings(a.urls),
          from: a.from as string | undefined,
          defendant: a.defendant as string | undefined,
          marks: strings(a.marks)
            .flatMap((m) => m.split(","))
            .map((m) => m.trim())
            .filter(Boolean),
          note: a.note as string | undefined,
          flags: {
            viewport: parseViewport(a.viewport),
            userAgent: a["user-agent"] as string | undefined,
            hide: strings(a.hide),
            click: strings(a.click),
            navigationSeconds: positive("nav-timeout", a["nav-timeout"], 1, 600),
            settleSeconds: positive("settle-timeout", a["settle-timeout"], 0.5, 600),
            maxHeight: positive("max-height", a["max-height"], 1000, 200_000),
            ...(a["follow-navigation"] !== undefined ? { followNavigation: Boolean(a["follow-navigation"]) } : {}),
            ...(a["allow-private"] ? { allowPrivate: true } : {}),
          },
          banner: Boolean(a.banner),
          concurrency: positive("concurrency", a.concurrency, 1, 32),
          retries: positive("retries", a.retries, 0, 10) ?? 2,
          operator: a.operator as string | undefined,
          wait: Boolean(a.wait),
          trustCert: strings(a["trust-cert"]),
          json: Boolean(a.json),
        };
      },
    )
    .demandCommand(1, "Give a command: init, doctor, check, review, capture, ocr, build or verify")
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

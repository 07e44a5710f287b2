/**
 * The evidence formats registry (src/intake/formats/index.ts) is the one place a format is added. Each test works on
 * a private copy of the project (src/, templates/, package.json, tsconfig.json; node_modules linked) so it can add a
 * format there as a user would: one folder under src/intake/formats/ and one line in the registry, no other file.
 *
 * - A throw-away chat format (a small "Telegram Desktop JSON" export) is picked up by intake, and its words appear on
 *   the cover sheet, in the transcript heading and in the FRE 902 certification of a real build.
 * - A format that leaves out its words, or one of them, does not compile.
 */
import { execFileSync, spawn, spawnSync } from "node:child_process";
import { cpSync, mkdirSync, readdirSync, readFileSync, realpathSync, symlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { EPOCH, ROOT, tempDir } from "../helpers/cli.js";

const REGISTRY = "src/intake/formats/index.ts";

/** A copy of the project that a test may change; node_modules is the repository's. */
function projectCopy(): string {
  const dir = join(tempDir("exhibits-formats-"), "project");
  mkdirSync(dir);
  for (const name of ["src", "templates"]) cpSync(join(ROOT, name), join(dir, name), { recursive: true });
  for (const name of ["package.json", "tsconfig.json"]) cpSync(join(ROOT, name), join(dir, name));
  symlinkSync(realpathSync(join(ROOT, "node_modules")), join(dir, "node_modules"), "dir");
  return dir;
}

/** Add a format the way the registry's header says: its folder, and one line in the registry's list. */
function addFormat(project: string, folder: string, files: Record<string, string>, registryLine: string): void {
  const at = join(project, "src/intake/formats", folder);
  mkdirSync(at, { recursive: true });
  for (const [name, text] of Object.entries(files)) writeFileSync(join(at, name), text);
  const registry = readFileSync(join(project, REGISTRY), "utf8");
  const end = "] as const satisfies readonly EvidenceFormat[];";
  expect(registry).toContain(end);
  writeFileSync(join(project, REGISTRY), registry.replace(end, `  ${registryLine}\n${end}`));
}

const TELEGRAM_FORMAT = `/** Telegram Desktop's "Export chat history" in JSON (result.json): a throw-away format added by a test. */
import { toUtcIso } from "../../../util/time.js";
import type { ChatFormat } from "../format.js";
import { inChronologicalOrder } from "../shared/chat-order.js";
import { chatWords } from "../shared/words.js";

interface Exported {
  name?: string;
  messages?: { id: number; type: string; date_unixtime: string; from?: string; text: string | (string | { text: string })[] }[];
}

export const telegramJson: ChatFormat<"telegram-json", "telegram"> = {
  media: "telegram-json",
  family: "chat",
  kind: "message-log",
  sniff: ({ text }) => text !== undefined && /^\\s*\\{/.test(text) && /"type"\\s*:\\s*"personal_chat"/.test(text),
  async read({ files: [file] }, problems) {
    let doc: Exported;
    try {
      doc = JSON.parse(file.data.toString("utf8")) as Exported;
    } catch (e) {
      problems.add({ file: file.shown }, \`not valid JSON: \${(e as Error).message}\`);
      return undefined;
    }
    const read = (doc.messages ?? [])
      .filter((m) => m.type === "message")
      .map((m) => ({
        at: toUtcIso(new Date(Number(m.date_unixtime) * 1000).toISOString()),
        sender: m.from ?? "",
        system: false,
        text: typeof m.text === "string" ? m.text : m.text.map((t) => (typeof t === "string" ? t : t.text)).join(""),
        links: [],
        attachments: [],
        reactions: [],
        notes: [],
        origin: \`message \${m.id}\`,
      }));
    const { messages, senders } = inChronologicalOrder(read);
    const timeNote = "Telegram export times are UTC";
    const conversation = { platform: "telegram" as const, title: doc.name ?? "", participants: senders, timeNote, messages };
    return { payload: { type: "conversation", conversation } };
  },
  platforms: {
    telegram: chatWords({
      name: "Telegram Desktop",
      transcriptHeading: "Telegram Desktop chat",
      title: "Telegram Desktop chat",
      exportedBy: \`Telegram Desktop's "Export chat history" function in JSON format\`,
    }),
  },
};
`;

const TELEGRAM_EXPORT = JSON.stringify(
  {
    name: "Kestrel Pan",
    type: "personal_chat",
    id: 4417001,
    messages: [
      { id: 11, type: "message", date_unixtime: "1772388300", from: "Dana Investigator", text: "Do you have the pumps in size 38?" },
      { id: 12, type: "service", date_unixtime: "1772388360", actor: "Kestrel Pan", action: "pin_message" },
      // Telegram writes formatted text as a list of plain strings and entities.
      { id: 13, type: "message", date_unixtime: "1772388420", from: "Kestrel Pan", text: ["Yes, ", { type: "bold", text: "as original" }] },
    ],
  },
  null,
  1,
);

const CASE_YAML = `id: telegram-case
caption:
  court: United States District Court for the Northern District of Illinois, Eastern Division
  caseNumber: "1:26-cv-00001"
  plaintiffs: [Example Brand S.p.A.]
  defendants: Kestrel Pan
  shortTitle: Example Brand v. Kestrel Pan
timeZone: America/Chicago
bates: { prefix: TG, start: 1, digits: 6 }
marks: [{ id: stud, name: STUD, registration: "9,900,001", goodsClass: 25 }]
defendants: [{ id: kp, name: Kestrel Pan }]
certification:
  certifier:
    name: Dana Investigator
    title: Investigator
    employer: Example Investigations LLC
    qualifications: ["Five years capturing online marketplace evidence."]
`;

/** The text of a PDF, its white space made single spaces (lines wrap where the page does). */
/** `tsc --noEmit` in a project copy, without blocking this process (the two copies are checked at once). */
function typeCheck(project: string): Promise<{ status: number | null; out: string }> {
  return new Promise((done, fail) => {
    const child = spawn("npx", ["tsc", "--noEmit", "-p", "."], { cwd: project });
    let out = "";
    child.stdout.setEncoding("utf8").on("data", (d: string) => (out += d));
    child.stderr.setEncoding("utf8").on("data", (d: string) => (out += d));
    child.on("error", fail);
    child.on("close", (status) => done({ status, out }));
  });
}

const textOf = (pdf: string) => execFileSync("pdftotext", ["-enc", "UTF-8", pdf, "-"], { encoding: "utf8" }).replace(/\s+/g, " ");

describe("the formats registry", () => {
  it("picks up a chat format added as a folder and one registry line: intake, cover sheet, transcript heading, certification", () => {
    const project = projectCopy();
    addFormat(project, "telegram-json", { "index.ts": TELEGRAM_FORMAT }, `(await import("./telegram-json/index.js")).telegramJson,`);
    const caseDir = join(project, "case");
    mkdirSync(join(caseDir, "evidence/kp"), { recursive: true });
    writeFileSync(join(caseDir, "case.yaml"), CASE_YAML);
    writeFileSync(join(caseDir, "evidence/kp/result.json"), TELEGRAM_EXPORT);

    const r = spawnSync("npx", ["tsx", "src/main.ts", "build", "case", "--out", "out", "--no-cache", "--quiet"], {
      cwd: project,
      env: { ...process.env, SOURCE_DATE_EPOCH: EPOCH },
      encoding: "utf8",
      timeout: 300_000,
    });
    expect(r.status, r.stderr).toBe(0);
    const bundle = join(project, "out/telegram-case");

    // Intake: the file became an item of the new format, by its content.
    const manifest = JSON.parse(readFileSync(join(bundle, "manifest.json"), "utf8"));
    expect(manifest.inputs.map((f: { path: string }) => f.path)).toContain("evidence/kp/result.json");
    expect(manifest.exhibits).toHaveLength(1);
    expect(readFileSync(join(project, "case/custody-log.jsonl"), "utf8")).toContain('"format":"telegram-json"');

    // Cover sheet (the exhibit's first page) and transcript heading (the pages after it).
    const exhibit = readdirSync(join(bundle, "exhibits")).find((f) => f.endsWith(".pdf"))!;
    expect(exhibit).toMatch(/Telegram Desktop chat/); // the default title, from the format's words
    const text = textOf(join(bundle, "exhibits", exhibit));
    expect(text).toContain("Telegram Desktop export");
    expect(text).toContain("Telegram Desktop export parsed and rendered as a chronological transcript of 2 messages on 1 page");
    expect(text).toContain("Telegram Desktop chat: Kestrel Pan");
    expect(text).toContain("Yes, as original");

    // The certification: how the log was exported, and why its exhibit is a rendering.
    const certification = textOf(join(bundle, "appendices/certification.pdf"));
    expect(certification).toContain(`Telegram Desktop's "Export chat history" function in JSON format`);
    expect(certification).toContain("the message export is rendered as a transcript");
    expect(certification).toContain("Telegram Desktop export parsed and rendered");
  });

  // Both broken projects are type-checked at once, while the build test runs.
  let typedChecked: Promise<{ status: number | null; out: string }>;
  let untypedChecked: Promise<{ status: number | null; out: string }>;
  let untypedProject: string;
  beforeAll(() => {
    typedChecked = typeCheck(typedProject());
    untypedProject = untypedCopy();
    untypedChecked = typeCheck(untypedProject);
  });

  it("refuses to compile a format that leaves out its words, or one of them, naming what is missing", async () => {
    const r = await typedChecked;
    const out = r.out;
    expect(r.status, out).not.toBe(0);
    expect(out).toMatch(/src\/intake\/formats\/no-words\/index\.ts\(\d+,\d+\): error TS\d+: Property 'words' is missing/);
    expect(out).toMatch(/src\/intake\/formats\/no-heading\/index\.ts\(\d+,\d+\): error TS\d+: Property 'transcriptHeading' is missing/);
    // Nothing else in the project fails: the two formats are the whole reason.
    const errors = out.split("\n").filter((l) => /error TS\d+/.test(l));
    expect(
      errors.every((l) => /src\/intake\/formats\/no-(words|heading)\/index\.ts/.test(l)),
      errors.join("\n"),
    ).toBe(true);
  });

  it("refuses a format without words at its registry line, even when the format does not declare its type", async () => {
    const r = await untypedChecked;
    const out = r.out;
    expect(r.status, out).not.toBe(0);
    const line =
      readFileSync(join(untypedProject, REGISTRY), "utf8")
        .split("\n")
        .findIndex((l) => l.includes("./untyped/index.js")) + 1;
    const at = `src/intake/formats/index\\.ts\\(${line},\\d+\\): error TS\\d+`;
    expect(out).toMatch(new RegExp(`${at}:[^\\n]*\\n\\s+Property 'words' is missing`));
  });
});

/** A copy with a typed format that has no words, and a chat format whose platform words lack a heading. */
function typedProject(): string {
  const project = projectCopy();
  const common = `media: "$MEDIA",
  kind: "purchase",
  sniff: () => false,
  read: async () => undefined,`;
  addFormat(
    project,
    "no-words",
    {
      "index.ts": `import type { PurchasesFormat } from "../format.js";
export const noWords: PurchasesFormat<"no-words", "no-words"> = {
  ${common.replace("$MEDIA", "no-words")}
  family: "purchases",
  orderSource: "no-words",
};
`,
    },
    `(await import("./no-words/index.js")).noWords,`,
  );
  addFormat(
    project,
    "no-heading",
    {
      "index.ts": `import type { ChatFormat } from "../format.js";
import { chatWords } from "../shared/words.js";
const { transcriptHeading: _left, ...withoutHeading } = chatWords({ name: "X", transcriptHeading: "X", title: "X", exportedBy: "X" });
export const noHeading: ChatFormat<"no-heading", "x-chat"> = {
  ${common.replace("$MEDIA", "no-heading")}
  family: "chat",
  platforms: { "x-chat": withoutHeading },
};
`,
    },
    `(await import("./no-heading/index.js")).noHeading,`,
  );

  return project;
}

/** A copy with a format that declares no type and has no words. */
function untypedCopy(): string {
  const project = projectCopy();
  const format = `export const untyped = {
  media: "untyped",
  family: "email",
  kind: "purchase",
  sniff: () => false,
  read: async () => undefined,
} as const;
`;
  addFormat(project, "untyped", { "index.ts": format }, `(await import("./untyped/index.js")).untyped,`);
  return project;
}

/**
 * Hostile paths and names: FIFOs and links where files are expected, links leading out of the case (evidence/
 * itself included), case.yaml entries naming folders, names that would make an output file name over 255 bytes or
 * carry bidi controls and newlines, and chat attachments that climb out of their export's folder.
 */
import { execFileSync } from "node:child_process";
import { cpSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { HostileCase } from "../case.js";
import { GOOD_CASE_ID, GOOD_CASE_YAML } from "../good-case.js";

const SHOP = "evidence/shop";
const mkfifo = (path: string): void => void execFileSync("mkfifo", [path]);
const FIRST = GOOD_CASE_YAML.split("\n").length; // the first line after the good text

/** Every file name under the bundle, as a list of problems with names (over 255 bytes, invisible or broken characters). */
function nameProblems(outDir: string): string | undefined {
  const names: string[] = [];
  const walk = (dir: string) => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      names.push(e.name);
      if (e.isDirectory()) walk(join(dir, e.name));
    }
  };
  walk(join(outDir, GOOD_CASE_ID));
  const bad = names.filter((n) => Buffer.byteLength(n) > 255 || /[\p{Cf}\n\r\uFFFD]/u.test(n));
  if (bad.length) return `bad output names: ${bad.map((n) => JSON.stringify(n)).join(", ")}`;
  const exhibits = readdirSync(join(outDir, GOOD_CASE_ID, "exhibits"));
  if (exhibits.length < 5) return `expected the exhibits, found ${exhibits.join(", ")}`;
  return undefined;
}

const sidecar = (dir: string, text: string) => writeFileSync(join(dir, SHOP, "01-listing.png.meta.yaml"), text);
const pathCase = (c: Omit<HostileCase, "format"> & { format?: string }): HostileCase => ({ format: "paths", ...c });
const nameCase = (id: string, make: HostileCase["make"], probe = false): HostileCase =>
  pathCase({ id, format: "names", ...(probe ? { probe } : {}), make, expect: { exit: 0, check: nameProblems } });

/** A second defendant with an exhibit of its own, whose file a chat of "shop" must not take. */
async function otherDefendant(dir: string): Promise<void> {
  const yaml = readFileSync(join(dir, "case.yaml"), "utf8");
  writeFileSync(
    join(dir, "case.yaml"),
    `${yaml}  - { id: other, name: Other Shop, platform: Amazon, sellerId: A0HOSTILE0002, location: "Yiwu, China" }\n`,
  );
  mkdirSync(join(dir, "evidence/other"));
  const sharp = (await import("sharp")).default;
  const png = await sharp({ create: { width: 300, height: 200, channels: 3, background: "#2a6" } })
    .png()
    .toBuffer();
  writeFileSync(join(dir, "evidence/other/file.png"), png);
}

const whatsapp = (attached: string) =>
  "[01/03/2026, 10:00:00] Investigator: Is this the studded shoe?\n" +
  `[01/03/2026, 10:02:00] Example Shop: \u200E<attached: ${attached}>\n` +
  "[01/03/2026, 10:03:00] Example Shop: Same as boutique\n";
const chatCsv = (attachment: string) =>
  "timestamp,sender,text,attachment\n" +
  "2026-03-01T10:00:00-06:00,Investigator,Is this the studded shoe?,\n" +
  `2026-03-01T10:02:00-06:00,Example Shop,Photo,${attachment}\n`;

const attachCase = (id: string, format: string, file: string, text: string, line: number, probe = false): HostileCase => ({
  id: `path-attach-${id}`,
  format,
  ...(probe ? { probe } : {}),
  make: async (dir) => {
    await otherDefendant(dir);
    writeFileSync(join(dir, SHOP, file), text);
  },
  expect: {
    exit: 3,
    message: new RegExp(`${SHOP}/${file.replace(".", "\\.")}:${line}\\b.*the attachment .* (climbs out|is an absolute path)`),
  },
});

export const pathCases: HostileCase[] = [
  pathCase({
    id: "path-fifo-in-evidence",
    probe: true,
    make: (dir) => mkfifo(join(dir, SHOP, "05-pipe.png")),
    expect: { exit: 3, message: /evidence\/shop\/05-pipe\.png: is a FIFO \(named pipe\), not a regular file/ },
    maxSeconds: 30,
  }),
  pathCase({
    id: "path-fifo-case-yaml",
    make: (dir) => {
      rmSync(join(dir, "case.yaml"));
      mkfifo(join(dir, "case.yaml"));
    },
    expect: { exit: 3, message: /case\.yaml: is a FIFO/ },
    maxSeconds: 30,
  }),
  pathCase({
    id: "path-fifo-sidecar",
    make: (dir) => mkfifo(join(dir, SHOP, "04-received.jpg.meta.yaml")),
    expect: { exit: 3, message: /04-received\.jpg\.meta\.yaml: is a FIFO/ },
    maxSeconds: 30,
  }),
  pathCase({
    id: "path-fifo-custody-log",
    make: (dir) => {
      rmSync(join(dir, "custody-log.jsonl"), { force: true });
      mkfifo(join(dir, "custody-log.jsonl"));
    },
    expect: { exit: 3, message: /custody-log\.jsonl: is a FIFO/ },
    maxSeconds: 30,
  }),
  pathCase({
    id: "path-link-to-fifo",
    make: (dir) => {
      mkfifo(join(dir, "pipe"));
      symlinkSync("../../pipe", join(dir, SHOP, "05-linked.png"));
    },
    expect: { exit: 3, message: /evidence\/shop\/05-linked\.png: links to something that is a FIFO/ },
    maxSeconds: 30,
  }),
  pathCase({
    id: "path-entry-names-fifo",
    make: (dir) => {
      mkfifo(join(dir, "pipe.csv"));
      writeFileSync(join(dir, "case.yaml"), `${GOOD_CASE_YAML}evidence:\n  - { file: pipe.csv, defendant: shop }\n`);
    },
    expect: { exit: 3, message: /case\.yaml:\d+ \(field evidence\[0\]\.files\[0\]\): 'pipe\.csv' is a FIFO/ },
    maxSeconds: 30,
  }),
  pathCase({
    id: "path-entry-names-folder",
    probe: true,
    make: (dir) => writeFileSync(join(dir, "case.yaml"), `${GOOD_CASE_YAML}evidence:\n  - { file: evidence/shop, defendant: shop }\n`),
    expect: {
      exit: 3,
      message: new RegExp(`case\\.yaml:${FIRST + 1} \\(field evidence\\[0\\]\\.files\\[0\\]\\): 'evidence/shop' names a folder`),
    },
  }),
  pathCase({
    id: "path-entry-absolute",
    make: (dir) => writeFileSync(join(dir, "case.yaml"), `${GOOD_CASE_YAML}evidence:\n  - { file: /etc/hostname, defendant: shop }\n`),
    expect: { exit: 3, message: /case\.yaml:\d+ \(field evidence\[0\]\.files\[0\]\): '\/etc\/hostname': evidence paths must be relative/ },
  }),
  pathCase({
    id: "path-entry-traversal",
    make: (dir, { outside }) => {
      writeFileSync(join(outside, "x.csv"), "a,b\n");
      writeFileSync(join(dir, "case.yaml"), `${GOOD_CASE_YAML}evidence:\n  - { file: ../outside/x.csv, defendant: shop }\n`);
    },
    expect: {
      exit: 3,
      message: /case\.yaml:\d+ \(field evidence\[0\]\.files\[0\]\): '\.\.\/outside\/x\.csv': path leaves the case folder/,
    },
  }),
  pathCase({
    id: "path-evidence-dir-link-outside",
    probe: true,
    make: (dir, { outside }) => {
      cpSync(join(dir, "evidence"), join(outside, "evidence"), { recursive: true });
      rmSync(join(dir, "evidence"), { recursive: true });
      symlinkSync(join(outside, "evidence"), join(dir, "evidence"));
    },
    expect: { exit: 3, message: /\/evidence: is a link to .*, outside the case folder/ },
  }),
  pathCase({
    id: "path-evidence-dir-link-inside",
    command: "check",
    make: (dir) => {
      renameSync(join(dir, "evidence"), join(dir, "kept-evidence"));
      symlinkSync("kept-evidence", join(dir, "evidence"));
    },
    expect: { exit: 0 },
  }),
  pathCase({
    id: "path-evidence-is-a-file",
    make: (dir) => {
      rmSync(join(dir, "evidence"), { recursive: true });
      writeFileSync(join(dir, "evidence"), "not a folder\n");
    },
    expect: {
      exit: 3,
      message: /\/evidence: is not a regular file; expected the evidence folder|\/evidence: .*expected the evidence folder/,
    },
  }),
  pathCase({
    id: "path-file-link-outside",
    make: (dir, { outside }) => {
      writeFileSync(join(outside, "x.csv"), readFileSync(join(dir, SHOP, "02-chat.csv")));
      symlinkSync(join(outside, "x.csv"), join(dir, SHOP, "05-linked.csv"));
    },
    expect: { exit: 3, message: /evidence\/shop\/05-linked\.csv: is a link to .*, outside the case folder/ },
  }),
  pathCase({
    id: "path-subfolder-link-outside",
    make: (dir, { outside }) => {
      mkdirSync(join(outside, "more"));
      symlinkSync(join(outside, "more"), join(dir, SHOP, "more"));
    },
    expect: { exit: 3, message: /evidence\/shop\/more: is a link to .*, outside the case folder/ },
  }),
  pathCase({
    id: "path-link-to-dev-zero",
    make: (dir) => symlinkSync("/dev/zero", join(dir, SHOP, "05-zero.png")),
    expect: { exit: 3, message: /evidence\/shop\/05-zero\.png: is a link to \/dev\/zero, outside the case folder/ },
    maxSeconds: 30,
  }),
  pathCase({
    id: "path-case-yaml-link-outside",
    make: (dir, { outside }) => {
      writeFileSync(join(outside, "case.yaml"), GOOD_CASE_YAML);
      rmSync(join(dir, "case.yaml"));
      symlinkSync(join(outside, "case.yaml"), join(dir, "case.yaml"));
    },
    expect: { exit: 3, message: /case\.yaml: is a link to .*, outside the case folder/ },
  }),
  pathCase({
    id: "path-case-yaml-is-a-folder",
    make: (dir) => {
      rmSync(join(dir, "case.yaml"));
      mkdirSync(join(dir, "case.yaml"));
    },
    expect: { exit: 3, message: /case\.yaml: is a folder, not a regular file/ },
  }),
  pathCase({
    id: "path-link-loop",
    make: (dir) => {
      symlinkSync("06-b.png", join(dir, SHOP, "06-a.png"));
      symlinkSync("06-a.png", join(dir, SHOP, "06-b.png"));
    },
    expect: { exit: 3, message: /evidence\/shop\/06-a\.png: no such file/ },
  }),
  pathCase({
    id: "path-dangling-link",
    make: (dir) => symlinkSync("nowhere.png", join(dir, SHOP, "06-gone.png")),
    expect: { exit: 3, message: /evidence\/shop\/06-gone\.png: no such file/ },
  }),
  pathCase({
    id: "path-case-id-300-chars",
    probe: true,
    make: (dir) => writeFileSync(join(dir, "case.yaml"), GOOD_CASE_YAML.replace(`id: ${GOOD_CASE_ID}`, `id: ${"c".repeat(300)}`)),
    expect: { exit: 3, message: /case\.yaml:1:\d+ \(field id\): expected at most 100 characters/ },
  }),
  pathCase({
    id: "path-defendant-id-300-chars",
    make: (dir) => writeFileSync(join(dir, "case.yaml"), GOOD_CASE_YAML.replace("{ id: shop,", `{ id: ${"d".repeat(300)},`)),
    expect: { exit: 3, message: /case\.yaml:\d+:\d+ \(field defendants\[0\]\.id\): expected at most 100 characters/ },
  }),
  nameCase(
    "path-evidence-name-250-bytes",
    (dir) => {
      rmSync(join(dir, SHOP, "01-listing.png.meta.yaml"));
      renameSync(join(dir, SHOP, "01-listing.png"), join(dir, SHOP, `01-${"listing ".repeat(30).slice(0, 243)}.png`));
    },
    true,
  ),
  nameCase("path-evidence-name-cjk-250-bytes", (dir) => {
    rmSync(join(dir, SHOP, "01-listing.png.meta.yaml"));
    renameSync(join(dir, SHOP, "01-listing.png"), join(dir, SHOP, `01-${"商品".repeat(40)}.png`));
  }),
  nameCase("path-cjk-title-200-chars", (dir) => sidecar(dir, `kind: listing\nmarks: [mark]\ntitle: ${"商品页面".repeat(50)}\n`), true),
  nameCase("path-emoji-title", (dir) => sidecar(dir, `kind: listing\nmarks: [mark]\ntitle: "${"👟".repeat(100)}"\n`)),
  nameCase("path-long-defendant-name", (dir) =>
    writeFileSync(join(dir, "case.yaml"), GOOD_CASE_YAML.replace("name: Example Shop", `name: ${"深圳市贸易有限公司".repeat(30)}`)),
  ),
  nameCase(
    "path-rtl-override-name",
    (dir) => renameSync(join(dir, SHOP, "04-received.jpg"), join(dir, SHOP, "Invoice\u202Egnp.exe.jpg")),
    true,
  ),
  nameCase("path-bidi-title", (dir) =>
    sidecar(dir, 'kind: listing\nmarks: [mark]\ntitle: "Listing \\u2066\\u202Bhidden\\u202C\\u2069 \\u200E\\u061C end\\u200B"\n'),
  ),
  nameCase("path-newline-in-name", (dir) => renameSync(join(dir, SHOP, "04-received.jpg"), join(dir, SHOP, "04-line\nbreak.jpg"))),
  nameCase("path-reserved-characters-in-title", (dir) =>
    sidecar(dir, 'kind: listing\nmarks: [mark]\ntitle: "a/b\\\\c:d*e?f\\"g<h>i|j\\tk. . ."\n'),
  ),
  attachCase("whatsapp-traversal", "whatsapp", "05-chat.txt", whatsapp("../other/file.png"), 2, true),
  attachCase("whatsapp-absolute", "whatsapp", "05-chat.txt", whatsapp("/etc/hostname"), 2),
  attachCase("whatsapp-backslash-traversal", "whatsapp", "05-chat.txt", whatsapp("..\\other\\file.png"), 2),
  attachCase("csv-traversal", "chat-csv", "05-chat.csv", chatCsv("../other/file.png"), 3, true),
  attachCase("csv-absolute", "chat-csv", "05-chat.csv", chatCsv("/etc/hostname"), 3),
  attachCase("csv-deep-traversal", "chat-csv", "05-chat.csv", chatCsv("media/../../other/file.png"), 3),
  {
    id: "path-attach-link-pointing-out",
    format: "whatsapp",
    probe: true,
    make: async (dir) => {
      await otherDefendant(dir);
      symlinkSync("../other/file.png", join(dir, SHOP, "pic.png"));
      writeFileSync(join(dir, SHOP, "05-chat.txt"), whatsapp("pic.png"));
    },
    expect: {
      exit: 3,
      message: /evidence\/shop\/05-chat\.txt:2\b.*the attachment "pic\.png" is a link to a file outside the export's folder/,
    },
  },
  {
    id: "path-attach-inside-folder",
    format: "whatsapp",
    command: "check",
    make: async (dir) => {
      await otherDefendant(dir);
      mkdirSync(join(dir, SHOP, "media"));
      renameSync(join(dir, "evidence/other/file.png"), join(dir, SHOP, "media/pic.png"));
      writeFileSync(join(dir, "case.yaml"), readFileSync(join(dir, "case.yaml"), "utf8").replace(/ {2}- \{ id: other.*\n/, ""));
      rmSync(join(dir, "evidence/other"), { recursive: true });
      writeFileSync(join(dir, SHOP, "05-chat.txt"), whatsapp("media/pic.png"));
    },
    expect: { exit: 0 },
  },
];

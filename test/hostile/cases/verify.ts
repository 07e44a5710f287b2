/**
 * `verify` against tampered bundles: entries that are not regular files (never followed or opened, never a hang),
 * malformed manifest fields (named by their path, never exit 1), exhibit PDFs edited after the build (a later
 * revision, JavaScript, an extra or shadow attachment), a sealed exhibit in the public tree, and what anchors the
 * manifest. Every failing row is exit 4 with the entry named, within 10 s of CPU (30 s of wall time on a loaded machine;
 * a hang is a kill at the wall bound).
 */
import { execFileSync } from "node:child_process";
import { appendFileSync, cpSync, renameSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { PDFName, PDFString, type PDFDocument } from "pdf-lib";
import type { HostileCase } from "../case.js";
import {
  addAttachment,
  appendRevision,
  editManifest,
  editManifestText,
  openActionScript,
  paintOver,
  reseal,
  rewritePdf,
} from "../tamper.js";

const EX1 = "exhibits/001 Example Shop - Listing.pdf";
const CSV = "appendices/schedule-a.csv";
const ZERO_DIGEST = "0".repeat(64);

/** node:fs cannot make a FIFO: coreutils' mkfifo does. */
function mkfifo(path: string): void {
  execFileSync("mkfifo", [path]);
}

/** A verify row: the good bundle spoiled by `spoil`, exit 4 (unless said), the message matching, within 10 s. */
function row(
  id: string,
  spoil: HostileCase["spoilBundle"],
  message: RegExp,
  more: Partial<Pick<HostileCase, "args" | "verifyTarget" | "probe" | "format">> & { exit?: number } = {},
): HostileCase {
  const { exit = 4, format = "verify", ...rest } = more;
  return {
    id,
    format,
    command: "verify",
    make: () => undefined,
    spoilBundle: spoil,
    expect: { exit, message },
    maxSeconds: 30,
    maxCpuSeconds: 10,
    ...rest,
  };
}

const replaceWith = (dir: string, rel: string, make: (abs: string) => void) => {
  rmSync(join(dir, rel));
  make(join(dir, rel));
};

/** A lone exhibit, edited by `edit`, verified alone. */
const lone = (id: string, edit: (path: string) => Promise<void> | void, message: RegExp, probe = false, args?: string[]) =>
  row(id, (dir) => edit(join(dir, EX1)), message, { verifyTarget: EX1, format: "verify-exhibit", probe, ...(args ? { args } : {}) });

/** The same edit inside the bundle, with the manifest and its .sha256 rewritten to match (resealed). */
const resealed = (id: string, edit: (path: string) => Promise<void> | void, message: RegExp) =>
  row(
    id,
    async (dir) => {
      await edit(join(dir, EX1));
      reseal(dir);
    },
    message,
  );

const pageAction = (doc: PDFDocument) => {
  const page = doc.getPage(1);
  page.node.set(PDFName.of("AA"), doc.context.obj({ O: { S: "JavaScript", JS: PDFString.of("app.alert(1)") } }));
};

const launchLink = (doc: PDFDocument) => {
  const annot = doc.context.obj({
    Type: "Annot",
    Subtype: "Link",
    Rect: [0, 0, 612, 792],
    A: { S: "Launch", F: PDFString.of("calc.exe") },
  });
  doc.getPage(0).node.set(PDFName.of("Annots"), doc.context.obj([doc.context.register(annot)]));
};

const fileAnnotation = (doc: PDFDocument) => {
  const stream = doc.context.register(doc.context.stream("hidden", { Type: "EmbeddedFile" }));
  const annot = doc.context.obj({
    Type: "Annot",
    Subtype: "FileAttachment",
    Rect: [0, 0, 10, 10],
    FS: { Type: "Filespec", F: PDFString.of("hidden.txt"), EF: { F: stream } },
  });
  doc.getPage(0).node.set(PDFName.of("Annots"), doc.context.obj([doc.context.register(annot)]));
};

/** A chat line with a card number: the build redacts it, so it writes public/ and sealed/ twins. */
const withRedaction = (dir: string) =>
  appendFileSync(join(dir, "evidence/shop/02-chat.csv"), "2026-03-01T10:05:00-06:00,Example Shop,Pay to card 4111 1111 1111 1111\n");

/** The sealed twin's chat exhibit copied over the public one, the public manifest resealed to match. */
const sealedIntoPublic = (dir: string) => {
  const chat = "exhibits/002 Example Shop - Messages (Chat).pdf";
  cpSync(join(dir, "sealed", chat), join(dir, "public", chat));
  reseal(join(dir, "public"));
};

export const verifyCases: HostileCase[] = [
  row("verify-good-bundle", () => undefined, /All \d+ checks passed/, { exit: 0, format: "control" }),
  // entries that are not regular files: named, never opened or followed
  row("verify-fifo-listed-exhibit", (d) => replaceWith(d, EX1, mkfifo), /001 Example Shop - Listing\.pdf: a FIFO/, { probe: true }),
  row(
    "verify-dev-zero-symlink",
    (d) => replaceWith(d, EX1, (a) => symlinkSync("/dev/zero", a)),
    /Listing\.pdf: a symbolic link to \/dev\/zero/,
    {
      probe: true,
    },
  ),
  row(
    "verify-directory-symlink",
    (d, { outside }) => replaceWith(d, CSV, (a) => symlinkSync(outside, a)),
    /schedule-a\.csv: a symbolic link to .*outside/,
    { probe: true },
  ),
  row(
    "verify-symlink-identical-copy-outside",
    (d, { outside }) => {
      cpSync(join(d, CSV), join(outside, "copy.csv"));
      replaceWith(d, CSV, (a) => symlinkSync(join(outside, "copy.csv"), a));
    },
    /schedule-a\.csv: a symbolic link to .*copy\.csv/,
    { probe: true },
  ),
  row(
    "verify-sha256-line-fifo",
    (d) => {
      mkfifo(join(d, "extra.fifo"));
      appendFileSync(join(d, "manifest.json.sha256"), `${ZERO_DIGEST}  extra.fifo\n`);
    },
    /extra\.fifo: a FIFO/,
    { probe: true },
  ),
  row(
    "verify-sha256-line-dev-zero",
    (d) => {
      symlinkSync("/dev/zero", join(d, "zero.bin"));
      appendFileSync(join(d, "manifest.json.sha256"), `${ZERO_DIGEST}  zero.bin\n`);
    },
    /zero\.bin: a symbolic link to \/dev\/zero/,
  ),
  row(
    "verify-sha256-line-traversal",
    (d) => appendFileSync(join(d, "manifest.json.sha256"), `${ZERO_DIGEST}  ../../etc/passwd\n`),
    /malformed line/,
  ),
  row(
    "verify-exhibits-folder-symlink",
    (d, { outside }) => {
      renameSync(join(d, "exhibits"), join(outside, "exhibits"));
      symlinkSync(join(outside, "exhibits"), join(d, "exhibits"));
    },
    /exhibits: a symbolic link to .*outside/,
  ),
  row(
    "verify-manifest-symlink-identical",
    (d, { outside }) => {
      cpSync(join(d, "manifest.json"), join(outside, "manifest.json"));
      replaceWith(d, "manifest.json", (a) => symlinkSync(join(outside, "manifest.json"), a));
    },
    /manifest\.json: a symbolic link/,
  ),
  row("verify-manifest-fifo", (d) => replaceWith(d, "manifest.json", mkfifo), /manifest\.json: a FIFO/),
  row(
    "verify-digest-file-dev-zero",
    (d) => replaceWith(d, "manifest.json.sha256", (a) => symlinkSync("/dev/zero", a)),
    /manifest\.json\.sha256: a symbolic link/,
  ),
  row("verify-unlisted-fifo", (d) => mkfifo(join(d, "appendices/pipe")), /appendices\/pipe: a FIFO/),
  row(
    "verify-bundle-pdf-dev-zero",
    (d) => replaceWith(d, "bundle.pdf", (a) => symlinkSync("/dev/zero", a)),
    /bundle\.pdf: a symbolic link to \/dev\/zero/,
  ),
  row(
    "verify-timestamps-json-dev-zero",
    (d) => {
      symlinkSync("/dev/zero", join(d, "timestamps.json"));
      appendFileSync(join(d, "manifest.json.sha256"), `${ZERO_DIGEST}  timestamps.json\n`);
    },
    /timestamps\.json: a symbolic link to \/dev\/zero/,
  ),
  // malformed manifest fields, sealed consistently: the field path named
  row("verify-manifest-exhibit-empty", (d) => editManifest(d, (m) => (m.exhibits[0] = {})), /exhibits\[0\]\.number: missing/, {
    probe: true,
  }),
  row(
    "verify-manifest-no-bates-first",
    (d) => editManifest(d, (m) => delete m.exhibits[0].bates.first),
    /exhibits\[0\]\.bates\.first: missing/,
    {
      probe: true,
    },
  ),
  row("verify-manifest-digits-string", (d) => editManifest(d, (m) => (m.bates.digits = "6")), /bates\.digits: expected number/),
  row("verify-manifest-outputs-object", (d) => editManifest(d, (m) => (m.outputs = {})), /outputs: expected a list/),
  row(
    "verify-manifest-output-traversal",
    (d) => editManifest(d, (m) => (m.outputs[0].path = "../../etc/passwd")),
    /outputs\[0\]\.path: a path that leaves/,
  ),
  row(
    "verify-manifest-exhibit-absolute",
    (d) => editManifest(d, (m) => (m.exhibits[0].file.path = "/etc/passwd")),
    /exhibits\[0\]\.file\.path/,
  ),
  row("verify-manifest-sha256-not-hex", (d) => editManifest(d, (m) => (m.outputs[1].sha256 = "sha256:zz")), /outputs\[1\]\.sha256/),
  row("verify-manifest-bytes-negative", (d) => editManifest(d, (m) => (m.outputs[0].bytes = -1)), /outputs\[0\]\.bytes/),
  row("verify-manifest-pages-fraction", (d) => editManifest(d, (m) => (m.exhibits[0].pages = 2.5)), /exhibits\[0\]\.pages/),
  row("verify-manifest-unknown-field", (d) => editManifest(d, (m) => (m.exhibits[0].extra = 1)), /exhibits\[0\]: unknown field 'extra'/),
  row("verify-manifest-version-2", (d) => editManifest(d, (m) => (m.version = 2)), /unsupported manifest version 2/),
  row("verify-manifest-huge-digits", (d) => editManifest(d, (m) => (m.bates.digits = 1e9)), /bates\.digits/),
  row("verify-manifest-exhibits-null", (d) => editManifest(d, (m) => (m.exhibits = null)), /exhibits: expected a list, got null/),
  row("verify-manifest-bundle-missing", (d) => editManifest(d, (m) => delete m.bundle), /bundle: missing/),
  row(
    "verify-manifest-exhibit-file-not-output",
    (d) => editManifest(d, (m) => (m.exhibits[0].file.path = "exhibits/elsewhere.pdf")),
    /exhibits\[0\]\.file\.path: exhibits\/elsewhere\.pdf is not among the manifest's outputs/,
  ),
  row(
    "verify-manifest-output-twice",
    (d) => editManifest(d, (m) => m.outputs.push(m.outputs[0])),
    /outputs\[\d+\]\.path: .* is listed twice/,
  ),
  row(
    "verify-manifest-deep-nesting",
    (d) => editManifestText(d, (t) => t.replace(/"title": "[^"]*"/, `"title": ${"[".repeat(50_000)}${"]".repeat(50_000)}`)),
    /exhibits\[0\]\.title: expected string, got a list/,
  ),
  row("verify-manifest-not-json", (d) => writeFileSync(join(d, "manifest.json"), "{ not json"), /manifest\.json: not valid JSON/),
  row(
    "verify-manifest-null",
    (d) =>
      editManifest(d, (m) => {
        for (const k of Object.keys(m)) delete m[k];
      }),
    /manifest\.json: version: missing/,
  ),
  // a lone exhibit edited after the build
  lone(
    "verify-exhibit-incremental-blackout",
    (p) => appendRevision(p, paintOver(1, [0, 0, 2000, 2000], 0)),
    /Listing\.pdf: an incremental update/,
    true,
  ),
  lone(
    "verify-exhibit-cover-painted-incremental",
    (p) => appendRevision(p, paintOver(0, [0, 0, 612, 420], 1)),
    /Listing\.pdf: an incremental update/,
    true,
  ),
  lone(
    "verify-exhibit-cover-painted-rewritten",
    (p) => rewritePdf(p, (d) => void paintOver(0, [0, 0, 612, 420], 1)(d)),
    /Listing\.pdf: its pages, attachments and bookmarks are not the bytes it was written with/,
    true,
  ),
  lone("verify-exhibit-openaction-incremental", (p) => appendRevision(p, openActionScript), /Listing\.pdf: an incremental update/, true),
  lone(
    "verify-exhibit-openaction-rewritten",
    (p) => rewritePdf(p, (d) => void openActionScript(d)),
    /Listing\.pdf: object \d+: \/OpenAction \(a JavaScript action\)/,
  ),
  lone("verify-exhibit-page-aa-script", (p) => rewritePdf(p, pageAction), /Listing\.pdf: object \d+: \/AA/),
  lone("verify-exhibit-launch-link", (p) => rewritePdf(p, launchLink), /Listing\.pdf: object \d+: a Launch action/),
  lone(
    "verify-exhibit-extra-attachment",
    (p) => rewritePdf(p, (d) => addAttachment(d, "extra.txt", "planted")),
    /Listing\.pdf: carries the attachment extra\.txt/,
    true,
  ),
  lone(
    "verify-exhibit-shadow-attachment",
    (p) => rewritePdf(p, (d) => addAttachment(d, "shop_01-listing.png", "a different picture")),
    /Listing\.pdf: carries 2 attachments named shop_01-listing\.png/,
    true,
  ),
  lone(
    "verify-exhibit-file-annotation",
    (p) => rewritePdf(p, fileAnnotation),
    /Listing\.pdf: 1 embedded file\(s\) outside its attachment list/,
  ),
  lone("verify-exhibit-bytes-appended", (p) => appendFileSync(p, "%%garbage after the end\n"), /Listing\.pdf: it does not end with/),
  lone("verify-exhibit-require-anchor", () => undefined, /--require-anchor: nothing anchors this PDF alone/, false, ["--require-anchor"]),
  {
    ...lone("verify-exhibit-says-unanchored", () => undefined, /nothing anchors this PDF alone/),
    expect: { exit: 0, message: /nothing anchors this PDF alone/ },
  },
  // the same edits inside the bundle, with the manifest resealed to match
  resealed(
    "verify-bundle-incremental-resealed",
    (p) => appendRevision(p, paintOver(1, [0, 0, 2000, 2000], 0)),
    /Listing\.pdf: an incremental update/,
  ),
  resealed(
    "verify-bundle-openaction-resealed",
    (p) => rewritePdf(p, (d) => void openActionScript(d)),
    /Listing\.pdf: object \d+: \/OpenAction/,
  ),
  resealed(
    "verify-bundle-extra-attachment-resealed",
    (p) => rewritePdf(p, (d) => addAttachment(d, "extra.txt", "planted")),
    /carries the attachment extra\.txt/,
  ),
  // twins: a sealed exhibit swapped into the public tree, the manifest resealed
  {
    id: "verify-public-tree-holds-sealed-exhibit",
    format: "verify",
    probe: true,
    command: "verify",
    buildFirst: true,
    make: withRedaction,
    spoilBundle: sealedIntoPublic,
    verifyTarget: "public",
    expect: { exit: 4, message: /002 Example Shop - Messages \(Chat\)\.pdf: an exhibit of the sealed twin in the public tree/ },
    maxSeconds: 30,
    maxCpuSeconds: 10,
  },
  {
    id: "verify-twin-folder-holds-sealed-exhibit",
    format: "verify",
    command: "verify",
    buildFirst: true,
    make: withRedaction,
    spoilBundle: sealedIntoPublic,
    expect: { exit: 4, message: /an exhibit of the sealed twin in the public tree/ },
    maxSeconds: 30,
    maxCpuSeconds: 10,
  },
  {
    id: "verify-public-manifest-says-sealed",
    format: "verify",
    command: "verify",
    buildFirst: true,
    make: withRedaction,
    spoilBundle: (dir) => editManifest(join(dir, "public"), (m) => (m.twin = "sealed")),
    expect: { exit: 4, message: /manifest\.json: says this is the sealed tree, but it is the public\/ folder/ },
    maxSeconds: 30,
    maxCpuSeconds: 10,
  },
  {
    id: "verify-public-folder-symlink",
    format: "verify",
    command: "verify",
    buildFirst: true,
    make: withRedaction,
    spoilBundle: (dir, { outside }) => {
      renameSync(join(dir, "public"), join(outside, "public"));
      symlinkSync(join(outside, "public"), join(dir, "public"));
    },
    expect: { exit: 4, message: /public: a symbolic link to .*outside/ },
    maxSeconds: 30,
    maxCpuSeconds: 10,
  },
  // anchors: said plainly; --require-anchor fails an unanchored bundle
  row("verify-unanchored-says-so", () => undefined, /nothing anchors manifest\.json: an attacker who rewrites the manifest/, { exit: 0 }),
  row("verify-require-anchor-unanchored", () => undefined, /--require-anchor: nothing anchors manifest\.json/, {
    args: ["--require-anchor"],
    probe: true,
  }),
  row(
    "verify-resealed-appendix-undetectable-says-so",
    (d) => {
      appendFileSync(join(d, CSV), "99,Planted row\r\n");
      reseal(d);
    },
    /nothing anchors manifest\.json: an attacker who rewrites the manifest and its \.sha256 consistently would not be detected/,
    { exit: 0 },
  ),
];

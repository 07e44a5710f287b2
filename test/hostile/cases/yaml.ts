/**
 * Hostile YAML: case.yaml and the `.meta.yaml` sidecars (bounded before parsing: size, encoding, control characters;
 * then depth, tags, duplicate keys and aliases). Each must end in exit 3 with one message naming the file and line.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { HostileCase } from "../case.js";
import { GOOD_CASE_YAML } from "../good-case.js";

const CASE = "case.yaml";
const SIDECAR = "evidence/shop/01-listing.png.meta.yaml";
const GOOD_SIDECAR = "kind: listing\nmarks: [mark]\ncapturedAt: 2026-03-01T16:00:00Z\n";

/** An alias bomb: nine aliases a level, six levels (9^6 ≈ 531,441 values once expanded). */
function bomb(key: string): string {
  const lines = [`${key}:`, `  l0: &l0 [x, x, x, x, x, x, x, x, x]`];
  for (let k = 1; k <= 6; k++) lines.push(`  l${k}: &l${k} [${Array.from({ length: 9 }, () => `*l${k - 1}`).join(", ")}]`);
  return `${lines.join("\n")}\n`;
}

const writeCase = (text: string | Buffer) => (dir: string) => writeFileSync(join(dir, CASE), text);
const appendCase = (text: string) => writeCase(GOOD_CASE_YAML + text);
const writeSidecar = (text: string | Buffer) => (dir: string) => writeFileSync(join(dir, SIDECAR), text);
const caseLine = (line: number, what: RegExp) => new RegExp(`case\\.yaml:${line}\\b.*${what.source}`);
const sidecarLine = (line: number, what: RegExp) => new RegExp(`01-listing\\.png\\.meta\\.yaml:${line}\\b.*${what.source}`);
const CASE_LINES = GOOD_CASE_YAML.split("\n").length; // the first line after the good text

const yamlCase = (c: Omit<HostileCase, "format"> & { format?: string }): HostileCase => ({ format: "case-yaml", ...c });
const sidecarCase = (c: Omit<HostileCase, "format">): HostileCase => ({ format: "sidecar-yaml", ...c });

export const yamlCases: HostileCase[] = [
  yamlCase({
    id: "yaml-alias-bomb-case",
    probe: true,
    make: appendCase(bomb("x-bomb")),
    expect: { exit: 3, message: /case\.yaml:\d+.*alias/ },
  }),
  sidecarCase({
    id: "yaml-alias-bomb-sidecar",
    probe: true,
    make: writeSidecar(GOOD_SIDECAR + bomb("title")),
    expect: { exit: 3, message: /01-listing\.png\.meta\.yaml:\d+.*alias/ },
  }),
  yamlCase({
    id: "yaml-unknown-keys-10mb",
    probe: true,
    make: appendCase(Array.from({ length: 640_000 }, (_, i) => `unknown${i}: v\n`).join("")),
    expect: { exit: 3, message: /case\.yaml: is 10\.\d MB, over the 1 MB bound/ },
    maxSeconds: 20,
  }),
  yamlCase({
    id: "yaml-string-10mb",
    probe: true,
    make: writeCase(GOOD_CASE_YAML.replace("shortTitle: Maison Fictive v. Schedule A", `shortTitle: "${"A".repeat(10 << 20)}"`)),
    expect: { exit: 3, message: /case\.yaml: is 10\.0 MB, over the 1 MB bound/ },
    maxSeconds: 20,
  }),
  yamlCase({
    id: "yaml-nul-bytes",
    probe: true,
    make: writeCase(GOOD_CASE_YAML.replace("timeZone: America/Chicago", "timeZone: America/Chi\u0000cago")),
    expect: { exit: 3, message: caseLine(8, /NUL byte/) },
  }),
  yamlCase({
    id: "yaml-invalid-utf8",
    probe: true,
    make: writeCase(Buffer.concat([Buffer.from(GOOD_CASE_YAML.split("timeZone")[0]!), Buffer.from([0xc3, 0x28]), Buffer.from("\n")])),
    expect: { exit: 3, message: caseLine(8, /not UTF-8/) },
  }),
  yamlCase({
    id: "yaml-js-function-tag",
    probe: true,
    make: writeCase(GOOD_CASE_YAML.replace("timeZone: America/Chicago", "timeZone: !!js/function 'function () { return 1 }'")),
    expect: { exit: 3, message: caseLine(8, /!!js\/function is not allowed/) },
  }),
  yamlCase({
    id: "yaml-custom-tag",
    make: writeCase(GOOD_CASE_YAML.replace("timeZone: America/Chicago", "timeZone: !zone America/Chicago")),
    expect: { exit: 3, message: caseLine(8, /!zone is not allowed/) },
  }),
  yamlCase({
    id: "yaml-set-tag",
    make: writeCase(GOOD_CASE_YAML.replace("plaintiffs: [Maison Fictive SA]", "plaintiffs: !!set {Maison Fictive SA: null}")),
    expect: { exit: 3, message: caseLine(5, /!!set is not allowed/) },
  }),
  yamlCase({
    id: "yaml-unknown-keys-900kb",
    make: appendCase(Array.from({ length: 60_000 }, (_, i) => `unknown${i}: v\n`).join("")),
    expect: { exit: 3, message: /case\.yaml:1:1 \(field \): unknown fields 'unknown0'.*and 59995 more|case\.yaml:\d+.*unknown fields/ },
    maxSeconds: 30,
  }),
  yamlCase({
    id: "yaml-case-over-bound-by-one",
    make: appendCase(`# ${"x".repeat((1 << 20) - GOOD_CASE_YAML.length - 2)}\n`),
    expect: { exit: 3, message: /case\.yaml: is 1\.0 MB, over the 1 MB bound/ },
  }),
  yamlCase({
    id: "yaml-deep-flow-nesting",
    make: appendCase(`deep: ${"[".repeat(20_000)}${"]".repeat(20_000)}\n`),
    expect: { exit: 3, message: /case\.yaml:\d+.*nested/ },
  }),
  yamlCase({
    id: "yaml-deep-block-nesting",
    make: appendCase(`deep:\n${Array.from({ length: 100 }, (_, i) => `${" ".repeat(2 * (i + 1))}k${i}:`).join("\n")} end\n`),
    expect: { exit: 3, message: /case\.yaml:\d+.*nested more than 64 levels/ },
  }),
  yamlCase({
    id: "yaml-duplicate-key",
    make: appendCase("timeZone: UTC\n"),
    expect: { exit: 3, message: caseLine(CASE_LINES, /'timeZone' appears twice/) },
  }),
  yamlCase({
    id: "yaml-too-many-aliases",
    make: appendCase(`anchor: &a x\nmany: [${Array.from({ length: 150 }, () => "*a").join(", ")}]\n`),
    expect: { exit: 3, message: caseLine(CASE_LINES + 1, /more than 100 aliases/) },
  }),
  yamlCase({
    id: "yaml-merge-key",
    make: appendCase("base: &b { court: X }\nextra:\n  <<: *b\n"),
    expect: { exit: 3, message: /case\.yaml:\d+.*unknown field/ },
  }),
  yamlCase({
    id: "yaml-control-character",
    make: writeCase(GOOD_CASE_YAML.replace("Example Shop", "Example\u0007Shop")),
    expect: { exit: 3, message: /case\.yaml:\d+.*control character U\+0007/ },
  }),
  yamlCase({
    id: "yaml-utf16",
    make: writeCase(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(GOOD_CASE_YAML, "utf16le")])),
    expect: { exit: 3, message: /case\.yaml:1\b.*not UTF-8/ },
  }),
  yamlCase({
    id: "yaml-random-bytes",
    make: (dir) => writeFileSync(join(dir, CASE), Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919 + 13) % 256))),
    expect: { exit: 3, message: /case\.yaml:1\b.*(NUL|not UTF-8|control)/ },
  }),
  yamlCase({
    id: "yaml-empty-case",
    make: writeCase(""),
    expect: { exit: 3, message: /case\.yaml:1(:1)? \(field id\): missing/ },
  }),
  yamlCase({
    id: "yaml-case-is-a-list",
    make: writeCase("- id: x\n- id: y\n"),
    expect: { exit: 3, message: /case\.yaml:1\b/ },
  }),
  yamlCase({
    id: "yaml-syntax-error",
    make: writeCase(GOOD_CASE_YAML.replace("timeZone: America/Chicago", "timeZone: [America/Chicago")),
    expect: { exit: 3, message: /case\.yaml:\d+.*YAML syntax error/ },
  }),
  yamlCase({
    id: "yaml-bom-accepted",
    command: "check",
    make: writeCase(`\ufeff${GOOD_CASE_YAML}`),
    expect: { exit: 0 },
  }),
  yamlCase({
    id: "yaml-long-unknown-key",
    make: appendCase(`${"k".repeat(200_000)}: v\n`),
    expect: { exit: 3, message: /case\.yaml:\d+.*(unknown field 'k{39}…'|at most 1024 chars)/ },
  }),
  sidecarCase({
    id: "yaml-sidecar-over-bound",
    make: writeSidecar(`${GOOD_SIDECAR}description: "${"d".repeat(300 << 10)}"\n`),
    expect: { exit: 3, message: /01-listing\.png\.meta\.yaml: is 300 KB, over the 256 KB bound for a sidecar/ },
  }),
  sidecarCase({
    id: "yaml-sidecar-nul",
    make: writeSidecar("kind: listing\nmarks: [mark]\ntitle: A\u0000B\n"),
    expect: { exit: 3, message: sidecarLine(3, /NUL byte/) },
  }),
  sidecarCase({
    id: "yaml-sidecar-invalid-utf8",
    make: writeSidecar(Buffer.concat([Buffer.from("kind: listing\ntitle: "), Buffer.from([0xe2, 0x82]), Buffer.from("\n")])),
    expect: { exit: 3, message: sidecarLine(2, /not UTF-8/) },
  }),
  sidecarCase({
    id: "yaml-sidecar-js-tag",
    make: writeSidecar("kind: listing\ntitle: !!js/function 'function () {}'\n"),
    expect: { exit: 3, message: sidecarLine(2, /!!js\/function is not allowed/) },
  }),
  sidecarCase({
    id: "yaml-sidecar-unknown-keys",
    make: writeSidecar(GOOD_SIDECAR + Array.from({ length: 20_000 }, (_, i) => `u${i}: 1\n`).join("")),
    expect: { exit: 3, message: /01-listing\.png\.meta\.yaml: is \d+ KB, over the 256 KB bound|unknown fields/ },
  }),
  sidecarCase({
    id: "yaml-sidecar-deep",
    make: writeSidecar(`title: ${"[".repeat(100)}${"]".repeat(100)}\n`),
    expect: { exit: 3, message: /01-listing\.png\.meta\.yaml:1\b.*nested/ },
  }),
  sidecarCase({
    id: "yaml-sidecar-title-too-long",
    make: writeSidecar(`${GOOD_SIDECAR}title: "${"T".repeat(200_000)}"\n`),
    expect: { exit: 3, message: /01-listing\.png\.meta\.yaml:4\b.*\(field title\): expected at most 200 characters/ },
  }),
  sidecarCase({
    id: "yaml-sidecar-not-a-map",
    make: writeSidecar("just a string\n"),
    expect: { exit: 3, message: /01-listing\.png\.meta\.yaml:1\b/ },
  }),
  sidecarCase({
    id: "yaml-sidecar-binary",
    make: (dir, { good }) => writeFileSync(join(dir, SIDECAR), readFileSync(good.png).subarray(0, 2048)),
    expect: { exit: 3, message: /01-listing\.png\.meta\.yaml:\d+.*(NUL|not UTF-8|control)/ },
  }),
];

/**
 * `exhibits verify <bundle-dir>`: re-hash everything against the manifest, offline. A folder holding
 * public/ and sealed/ twins (and no manifest of its own) is verified twin by twin. `exhibits verify <exhibit.pdf>`
 * checks one exhibit, against --manifest or the manifest of the bundle it sits in (exhibits/../manifest.json).
 */
import { lstat, readFile, realpath, stat } from "node:fs/promises";
import { basename, dirname, join, resolve } from "node:path";
import { isSidecar, verifyBundle, verifyExhibit, type ExhibitSourceReport, type VerifyReport } from "../integrity/index.js";
import { EXHIBITS_DIR, MANIFEST_FILE } from "../model/manifest.js";
import { UsageError } from "../util/errors.js";
import { addLeakCheck, type LeakOptions } from "./verify-leaks.js";

export interface VerifyOptions extends LeakOptions {
  cwd: string;
  target: string;
  /** PEM file of the root CA(s) trusted for RFC 3161 tokens. */
  ca?: string;
  /** For a single exhibit PDF: the bundle's manifest.json to check it against. */
  manifest?: string;
  /** Exit 4 when nothing outside the files anchors the manifest (or the lone exhibit). */
  requireAnchor?: boolean;
}

export interface VerifyResult {
  ok: boolean;
  reports: (VerifyReport & { sources?: ExhibitSourceReport[] })[];
}

const exists = (p: string) =>
  stat(p).then(
    () => true,
    () => false,
  );
/** A twin's folder, itself (never through a link: the twin parent's public/ or sealed/ must be real folders). */
const realFolder = (p: string) =>
  lstat(p).then(
    (s) => s.isDirectory(),
    () => false,
  );

export async function verify(opts: VerifyOptions): Promise<VerifyResult> {
  const given = resolve(opts.cwd, opts.target);
  const st = await stat(given).catch(() => undefined);
  if (st?.isFile()) {
    const dir = given;
    if (opts.leaks) throw new UsageError("--leaks searches a public tree: give the public twin's folder, not one exhibit PDF");
    const manifest = opts.manifest ? await givenManifest(opts, opts.manifest) : undefined;
    const besideManifest = manifest ? undefined : await manifestBeside(opts, dir);
    const report = await verifyExhibit(dir, opts.target, {
      ...(manifest ? { manifest } : {}),
      ...(besideManifest ? { besideManifest } : {}),
      requireAnchor: opts.requireAnchor,
    });
    return { ok: report.ok, reports: [report] };
  }
  if (opts.manifest) throw new UsageError("--manifest is for checking one exhibit PDF; a bundle folder has its own manifest.json");
  if (!st?.isDirectory())
    throw new UsageError(
      `${opts.target}: not a bundle folder or an exhibit PDF; give the folder that holds manifest.json (e.g. out/<case-id>), or one ` +
        `exhibit's PDF`,
    );
  // `out/<case-id>` is a link switched by each build (output/slot.ts): every check reads the one version it names now.
  const dir = await realpath(given);
  const caPem = opts.ca
    ? await readFile(resolve(opts.cwd, opts.ca), "utf8").catch(() => {
        throw new UsageError(`--ca ${opts.ca}: cannot read this file; give a PEM file of the TSA's root certificate`);
      })
    : undefined;
  const twins = ["public", "sealed"];
  const isTwinParent =
    !(await exists(join(dir, MANIFEST_FILE))) &&
    (await Promise.all(twins.map(async (t) => (await realFolder(join(dir, t))) && exists(join(dir, t, MANIFEST_FILE))))).every(Boolean);
  const requireAnchor = opts.requireAnchor;
  const named = basename(dir);
  const reports = isTwinParent
    ? await Promise.all(
        (["public", "sealed"] as const).map((t) =>
          verifyBundle(join(dir, t), join(opts.target, t), { caPem, requireAnchor, expectTwin: t }),
        ),
      )
    : [
        await verifyBundle(dir, opts.target, {
          caPem,
          requireAnchor,
          ...(named === "public" || named === "sealed" ? { expectTwin: named } : {}),
        }),
      ];
  await addLeakCheck(opts, dir, isTwinParent, reports);
  return { ok: reports.every((r) => r.ok), reports };
}

/** The manifest given with --manifest for a lone exhibit. */
async function givenManifest(opts: VerifyOptions, given: string) {
  const path = resolve(opts.cwd, given);
  const text = await readFile(path, "utf8").catch(() => {
    throw new UsageError(`--manifest ${given}: cannot read this file; give the bundle's manifest.json`);
  });
  return { text, shown: given, path };
}

/**
 * The manifest of the bundle a lone exhibit sits in, when it is in the bundle's exhibits/ folder (../manifest.json, a
 * regular file there): what its natives are checked from when they are kept beside it and no --manifest is given.
 */
async function manifestBeside(opts: VerifyOptions, file: string) {
  if (basename(dirname(file)) !== EXHIBITS_DIR) return undefined;
  const path = join(dirname(dirname(file)), MANIFEST_FILE);
  if (
    !(await lstat(path).then(
      (s) => s.isFile(),
      () => false,
    ))
  )
    return undefined;
  const text = await readFile(path, "utf8").catch(() => undefined);
  return text === undefined ? undefined : { text, shown: join(dirname(dirname(opts.target)), MANIFEST_FILE), path, found: true as const };
}

/** What `verify --json` prints: the one bundle's or exhibit's report, or the twins' reports under `twins`. */
export function verifyJson(result: VerifyResult): unknown {
  return result.reports.length === 1 ? result.reports[0] : { ok: result.ok, twins: result.reports };
}

function sourceWhere(s: ExhibitSourceReport): string {
  if (s.attached) return ", attached";
  if (s.attachedIn) return `, attached to ${s.attachedIn}`;
  if (s.native) return `, kept beside the exhibit as ${s.native}`;
  if (isSidecar(s.path)) return ", a sidecar: listed, never attached";
  return ", withheld from this public copy";
}

/**
 * Which checks are proven against something outside the bundle and which only show that its files agree with one
 * another, grouped by what anchors them (a bundle's report; a lone exhibit's says it in its anchor check).
 */
function basisLines(r: VerifyReport): string[] {
  if (!r.checks.some((c) => c.basis)) return [];
  const anchored = new Map<string, string[]>();
  for (const c of r.checks)
    if (c.basis === "anchored" && c.anchoredBy) anchored.set(c.anchoredBy, [...(anchored.get(c.anchoredBy) ?? []), c.name]);
  const internal = r.checks.filter((c) => c.basis !== "anchored").map((c) => c.name);
  const lines = anchored.size
    ? [...anchored].map(([by, names]) => `Anchored by ${by}: ${names.join(", ")}`)
    : ["Anchored: none (no RFC 3161 token or signature verified; nothing outside the bundle vouches for it)"];
  if (internal.length)
    lines.push(
      `Internal consistency only (the bundle's files agree with one another; whoever rewrites them all consistently passes these): ` +
        internal.join(", "),
    );
  return lines;
}

export function formatVerifyReport(result: VerifyResult): string {
  return result.reports
    .map((r) => {
      const lines = [`Verifying ${r.bundle}`];
      for (const c of r.checks) {
        lines.push(`${c.ok ? "PASS" : "FAIL"}  ${c.name}: ${c.description}${c.detail ? ` (${c.detail})` : ""}`);
        for (const p of c.problems) lines.push(`        ${p}`);
      }
      if (r.sources?.length) {
        lines.push("Sources:");
        for (const s of r.sources) lines.push(`  ${s.sha256}  ${s.path} (${s.bytes} ` + `bytes${sourceWhere(s)})`);
      }
      lines.push(...basisLines(r));
      const failed = r.checks.filter((c) => !c.ok).length;
      lines.push(failed === 0 ? `All ${r.checks.length} checks passed.` : `${failed} of ${r.checks.length} checks failed.`);
      return lines.join("\n");
    })
    .join("\n\n");
}

/**
 * `exhibits doctor`, the probes: each system program found (on PATH, or where exhibits looks for it) and run for its
 * version, Chromium started headless through the project's own launcher, fontconfig asked for each script's fonts,
 * and the free disk and memory. Each probe gives a DoctorCheck; none throws for what the machine lacks.
 */
import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { findChromium, findRenderer, openBrowser } from "../browser/index.js";
import { findTesseract } from "../ocr/index.js";
import { ExhibitsError } from "../util/errors.js";
import { isExecutable, onPath } from "../util/executable.js";
import {
  bannerVersion,
  fcFamilies,
  FONT_SCRIPTS,
  hasColourEmoji,
  TEMPLATE_FAMILIES,
  tesseractPackage,
  type DoctorCheck,
} from "./doctor-parse.js";

const run = promisify(execFile);
/** A program asked for its version gets this long (a cold start of Chromium on a busy machine takes seconds). */
const VERSION_SECONDS = 20;
/** Chromium may take this long to start headless before it counts as not starting. */
const LAUNCH_SECONDS = 30;

const errorText = (e: unknown) => ((e as Error).message ?? String(e)).split("\n")[0]!;

/** A program's banner (stdout and stderr together: poppler prints its version on stderr), or the error it gave. */
async function banner(path: string, args: string[], env: NodeJS.ProcessEnv): Promise<{ text: string } | { error: string }> {
  try {
    const r = await run(path, args, { env, timeout: VERSION_SECONDS * 1000, killSignal: "SIGKILL", maxBuffer: 1 << 20 });
    return { text: `${r.stdout}\n${r.stderr}` };
  } catch (e) {
    const out = e as { stdout?: string; stderr?: string };
    // pdftotext -v exits 0, but older poppler exits 99 after printing the banner: the banner is what counts.
    const text = `${out.stdout ?? ""}\n${out.stderr ?? ""}`;
    return bannerVersion(text) ? { text } : { error: errorText(e) };
  }
}

/** A program found on PATH and run with `args` for its version. */
export async function programCheck(
  spec: { id: string; name: string; program: string; args: string[]; package: string; why: string },
  env: NodeJS.ProcessEnv,
): Promise<DoctorCheck> {
  const base = { id: spec.id, name: spec.name, required: true, packages: [spec.package] };
  const path = onPath(spec.program, env);
  const fix = `install ${spec.package} (sudo apt-get install ${spec.package})`;
  if (!path) return { ...base, status: "missing", detail: `${spec.program} is not on PATH: ${spec.why}`, fix };
  return versionCheck(base, path, spec.args, spec.program, fix, env);
}

/** A program found at `path`: ok with the version its banner gives, or missing when it does not run. */
async function versionCheck(
  base: Pick<DoctorCheck, "id" | "name" | "required" | "packages">,
  path: string,
  args: string[],
  label: string,
  fix: string,
  env: NodeJS.ProcessEnv,
): Promise<DoctorCheck> {
  const b = await banner(path, args, env);
  if ("error" in b) return { ...base, status: "missing", found: { path }, detail: `${path} does not run (${b.error})`, fix };
  const version = bannerVersion(b.text);
  return {
    ...base,
    packages: [],
    status: "ok",
    found: { path, ...(version ? { version } : {}) },
    detail: `${label} ${version ?? "?"} (${path})`,
  };
}

/** Chromium: where exhibits finds it (PUPPETEER_EXECUTABLE_PATH, else /usr/bin/chromium and the usual places), and its version. */
export async function chromiumCheck(env: NodeJS.ProcessEnv): Promise<DoctorCheck> {
  const base = { id: "chromium", name: "Chromium", required: true, packages: ["chromium"] };
  let path: string;
  try {
    path = findChromium(env);
  } catch (e) {
    if (!(e instanceof ExhibitsError)) throw e;
    return {
      ...base,
      status: "missing",
      detail: errorText(e),
      fix: "install chromium, or set PUPPETEER_EXECUTABLE_PATH to a Chrome or Chromium",
    };
  }
  return versionCheck(base, path, ["--version"], "Chromium", "reinstall chromium", env);
}

/**
 * Chromium started headless, as a build starts it (the headless shell when installed, else Chromium), then closed:
 * a browser whose libraries or sandbox are broken answers --version and still fails to start.
 */
export async function headlessCheck(env: NodeJS.ProcessEnv): Promise<DoctorCheck> {
  const base = { id: "chromium-starts", name: "Chromium started headless", required: true, packages: [] as string[] };
  let path: string | undefined;
  try {
    path = findRenderer(env);
    const session = await openBrowser(env, { launchTimeoutMs: LAUNCH_SECONDS * 1000 });
    const version = await session.version().finally(() => session.close());
    return { ...base, status: "ok", found: { path, version }, detail: `started headless and closed: ${version} (${path})` };
  } catch (e) {
    if (!(e instanceof ExhibitsError)) throw e;
    const fix = "run the browser by hand to see why (missing libraries, no /dev/shm, a sandbox refused); reinstall chromium";
    return { ...base, status: "missing", ...(path ? { found: { path } } : {}), detail: errorText(e), fix };
  }
}

/** The headless shell: optional (Chromium renders instead, slower to start); only looked for when exhibits would use it. */
export function headlessShellCheck(env: NodeJS.ProcessEnv): DoctorCheck | undefined {
  if (env.PUPPETEER_EXECUTABLE_PATH?.trim()) return undefined;
  const base = { id: "chromium-headless-shell", name: "Chromium's headless shell", required: false };
  const path = ["/usr/bin/chromium-headless-shell", "/usr/bin/chrome-headless-shell"].find(isExecutable);
  if (path) return { ...base, status: "ok", found: { path }, packages: [], detail: `renders the papers (${path})` };
  return {
    ...base,
    status: "warning",
    packages: ["chromium-headless-shell"],
    detail: "not installed: Chromium renders cover sheets and papers instead (it takes five times as long to start)",
    fix: "install chromium-headless-shell where apt has it",
  };
}

/** tesseract, and each language the case reads (eng without a case). Required unless the case's OCR is off. */
export async function tesseractChecks(mode: string, languages: readonly string[], env: NodeJS.ProcessEnv): Promise<DoctorCheck[]> {
  const required = mode !== "off";
  const why = required ? "" : " (OCR is off in case.yaml: not needed)";
  const lacking = required ? ("missing" as const) : ("warning" as const);
  let t: Awaited<ReturnType<typeof findTesseract>>;
  let problem: string | undefined;
  try {
    t = await findTesseract(env);
  } catch (e) {
    if (!(e instanceof ExhibitsError)) throw e;
    problem = errorText(e);
  }
  const base = { id: "tesseract", name: "tesseract", required };
  if (!t) {
    const detail = problem ?? "tesseract is not installed: image pages would get no OCR text layer";
    const langs = languages.map((l) => ({
      id: `tesseract-lang-${l}`,
      name: `tesseract language ${l}`,
      required,
      status: lacking,
      detail: `not checked: no tesseract${why}`,
      fix: `install ${tesseractPackage(l)} with tesseract-ocr`,
      packages: [tesseractPackage(l)],
    }));
    return [{ ...base, status: lacking, detail: detail + why, fix: "install tesseract-ocr", packages: ["tesseract-ocr"] }, ...langs];
  }
  const ok: DoctorCheck = {
    ...base,
    status: "ok",
    found: { path: t.path, version: t.version },
    packages: [],
    detail: `tesseract ${t.version} (${t.path})`,
  };
  return [
    ok,
    ...languages.map((l): DoctorCheck => {
      const has = t.languages.includes(l);
      const pkg = tesseractPackage(l);
      return {
        id: `tesseract-lang-${l}`,
        name: `tesseract language ${l}`,
        required,
        status: has ? "ok" : lacking,
        detail: has ? `${l} installed` : `${l} is not installed (tesseract has ${t.languages.join(", ") || "none"})${why}`,
        ...(has ? {} : { fix: `install ${pkg}` }),
        packages: has ? [] : [pkg],
      };
    }),
  ];
}

/** The families fontconfig lists for a pattern (undefined when fc-list itself is missing). */
async function families(pattern: string, env: NodeJS.ProcessEnv): Promise<string[] | undefined> {
  const fc = onPath("fc-list", env);
  if (!fc) return undefined;
  const out = await run(fc, [pattern, "family"], { env, timeout: VERSION_SECONDS * 1000, maxBuffer: 16 << 20 }).catch(() => undefined);
  return out ? fcFamilies(out.stdout) : undefined;
}

/** Fonts, as fontconfig (and so Chromium) finds them: each script's, colour emoji, and the templates' own faces. */
export async function fontChecks(env: NodeJS.ProcessEnv): Promise<DoctorCheck[]> {
  if (!onPath("fc-list", env)) {
    return [
      {
        id: "fontconfig",
        name: "fontconfig (fc-list)",
        required: true,
        status: "missing",
        detail: "fc-list is not on PATH: the fonts Chromium would use cannot be listed",
        fix: "install fontconfig",
        packages: ["fontconfig"],
      },
    ];
  }
  const checks: DoctorCheck[] = [];
  for (const s of FONT_SCRIPTS) {
    const found = await Promise.all(s.langs.map(async (l) => ({ l, f: (await families(`:lang=${l}`, env)) ?? [] })));
    const lacking = found.filter((x) => x.f.length === 0).map((x) => x.l);
    const some = [...new Set(found.flatMap((x) => x.f))];
    const base = { id: s.id, name: s.name, required: s.required };
    if (lacking.length === 0)
      checks.push({
        ...base,
        status: "ok",
        packages: [],
        detail: `${some.length} families (${some.slice(0, 3).join(", ")}${some.length > 3 ? ", …" : ""})`,
      });
    else
      checks.push({
        ...base,
        status: s.required ? "missing" : "warning",
        packages: [s.package],
        detail: `no font for language ${lacking.join(", ")}: pages in that script would show empty boxes, and the build stops`,
        fix: `install ${s.package}`,
      });
  }
  checks.push(await emojiCheck(env), await templateFaces(env));
  return checks;
}

async function emojiCheck(env: NodeJS.ProcessEnv): Promise<DoctorCheck> {
  const [any, colour] = await Promise.all([families(":charset=1f600", env), families(":charset=1f600:color=true", env)]);
  const base = { id: "fonts-emoji", name: "colour emoji font", required: false };
  if (hasColourEmoji(any ?? [], colour ?? []))
    return { ...base, status: "ok", packages: [], detail: (colour?.length ? colour : (any ?? [])).join(", ") };
  return {
    ...base,
    status: "warning",
    packages: ["fonts-noto-color-emoji"],
    detail:
      `no colour emoji font${any?.length ? ` (only ${any.join(", ")}, in black and white)` : ""}: ` +
      "emoji in chats would not show as they were sent",
    fix: "install fonts-noto-color-emoji",
  };
}

async function templateFaces(env: NodeJS.ProcessEnv): Promise<DoctorCheck> {
  const all = (await families(":", env)) ?? [];
  const lacking = TEMPLATE_FAMILIES.filter((f) => !all.includes(f));
  const base = { id: "fonts-templates", name: "the templates' fonts (Liberation)", required: false };
  if (lacking.length === 0) return { ...base, status: "ok", packages: [], detail: TEMPLATE_FAMILIES.join(", ") };
  return {
    ...base,
    status: "warning",
    packages: ["fonts-liberation"],
    detail: `${lacking.join(", ")} not installed: the papers would be set in another face, with other line and page breaks`,
    fix: "install fonts-liberation",
  };
}

/** `exhibits init <dir>`: scaffold a case folder with a commented case.yaml and the evidence/ layout. */
import { mkdir, readFile, stat } from "node:fs/promises";
import { writeFile } from "../util/fs.js";
import { basename, dirname, join, resolve } from "node:path";
import { TEMPLATES_DIR } from "../render/index.js";
import { UsageError } from "../util/errors.js";

export interface InitOptions {
  cwd: string;
  dir: string;
  force?: boolean;
  /** Also write a CI workflow for the case repository: github → .github/workflows/exhibits.yml. */
  ci?: "github";
}

/** Where each CI's workflow goes in the case folder, and its template (templates/ci/). */
const CI_WORKFLOWS = { github: { file: ".github/workflows/exhibits.yml", template: "ci/github-exhibits.yml" } } as const;

export async function init(opts: InitOptions): Promise<{ caseFile: string; workflow?: string }> {
  const dir = resolve(opts.cwd, opts.dir);
  const caseFile = join(dir, "case.yaml");
  if (
    !opts.force &&
    (await stat(caseFile).then(
      () => true,
      () => false,
    ))
  ) {
    throw new UsageError(`${join(opts.dir, "case.yaml")} already exists; pass --force to overwrite it`);
  }
  const id =
    basename(dir)
      .toLowerCase()
      .replace(/[^a-z0-9_-]+/g, "-")
      .replace(/^[-_]+/, "")
      .slice(0, 64) || "new-case";
  const starter = (await readFile(join(TEMPLATES_DIR, "starter-case.yaml"), "utf8")).replace("{{id}}", id);
  await mkdir(join(dir, "evidence", "defendant-1"), { recursive: true });
  await writeFile(caseFile, starter);
  await writeFile(join(dir, "evidence", "defendant-1", ".gitkeep"), "");
  if (!opts.ci) return { caseFile };
  const ci = CI_WORKFLOWS[opts.ci];
  const workflow = join(dir, ci.file);
  await mkdir(dirname(workflow), { recursive: true });
  await writeFile(workflow, await readFile(join(TEMPLATES_DIR, ci.template), "utf8"));
  return { caseFile, workflow };
}

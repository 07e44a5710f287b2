/**
 * Install like a tool (issue 21): `npm pack` makes a package of the compiled form (no sources, no tsx, no esbuild),
 * `npm install -g` puts it in a fresh prefix, and the installed `exhibits` — run with nothing of the checkout on its
 * path — builds the fixture case to the very bytes the checkout builds (the shared build of this run).
 */
import { execFileSync, spawnSync } from "node:child_process";
import { cpSync, existsSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { copyFixture, EPOCH, hashTree, ROOT, tempDir } from "../helpers/cli.js";
import { sharedBuild } from "../helpers/shared-builds.js";

const shared = sharedBuild("valentino-v-kaitlyn-pan");

describe("npm pack, npm install -g, exhibits build", () => {
  it("installs into a clean prefix and builds the fixture byte for byte as the checkout does", { timeout: 900_000 }, () => {
    const packs = tempDir("exhibits-pack-");
    execFileSync("npm", ["pack", "--pack-destination", packs, "--silent"], { cwd: ROOT, encoding: "utf8" });
    const [tarball] = readdirSync(packs).filter((f) => f.endsWith(".tgz"));
    expect(tarball).toMatch(/^exhibits-\d+\.\d+\.\d+\.tgz$/);
    const listed = execFileSync("tar", ["-tzf", join(packs, tarball!)], { encoding: "utf8" }).split("\n");
    expect(listed.filter((f) => f.startsWith("package/src/"))).toEqual([]);
    expect(listed.filter((f) => /^package\/dist\/cli-[0-9a-f]{16}\/main\.js$/.test(f))).toHaveLength(1);
    // The review page ships ready: its script compiled beside the CLI's chunks, its HTML and CSS with the templates.
    expect(listed.filter((f) => /^package\/dist\/cli-[0-9a-f]{16}\/review-page\.js$/.test(f))).toHaveLength(1);
    expect(listed).toEqual(expect.arrayContaining(["package/templates/review/page.html", "package/templates/review/page.css"]));

    const prefix = tempDir("exhibits-prefix-");
    execFileSync("npm", ["install", "-g", join(packs, tarball!), "--prefix", prefix, "--no-audit", "--no-fund", "--prefer-offline"], {
      cwd: prefix,
      encoding: "utf8",
      stdio: ["ignore", "pipe", "pipe"],
    });
    const installed = join(prefix, "lib/node_modules/exhibits");
    expect(existsSync(join(installed, "src"))).toBe(false);
    expect(existsSync(join(installed, "node_modules/tsx"))).toBe(false);
    expect(existsSync(join(installed, "node_modules/esbuild"))).toBe(false);

    // The installed command alone (its prefix's bin and the system's), on a copy laid out as the shared build's.
    const work = tempDir("exhibits-installed-");
    cpSync(copyFixture(), join(work, "fixtures/cases/valentino-v-kaitlyn-pan"), { recursive: true });
    const kept = Object.fromEntries(["TMPDIR", "PUPPETEER_EXECUTABLE_PATH"].flatMap((k) => (process.env[k] ? [[k, process.env[k]]] : [])));
    const env = { ...kept, PATH: `${join(prefix, "bin")}:/usr/local/bin:/usr/bin:/bin`, HOME: prefix, SOURCE_DATE_EPOCH: EPOCH };
    const version = spawnSync("exhibits", ["--version"], { cwd: work, env, encoding: "utf8" });
    expect(version.status, version.stderr).toBe(0);
    const args = ["build", "fixtures/cases/valentino-v-kaitlyn-pan", "--out", "out"];
    const built = spawnSync("exhibits", args, { cwd: work, env, encoding: "utf8", timeout: 600_000 });
    expect(built.status, built.stderr).toBe(0);
    const mine = hashTree(join(work, "out/valentino-v-kaitlyn-pan"));
    const checkout = hashTree(shared.bundleDir);
    expect(Object.keys(mine).length).toBeGreaterThan(20);
    expect(mine).toEqual(checkout);
  });
});

// `npm pack` (prepack): the package carries the compiled form of the sources, not the sources: bin/compiled.js
// compiles src/ into dist/cli-<digest>/ (named by the sources' digest, as a checkout names it) unless it is there, and
// every other compiled form is removed, so the tarball holds exactly one and runs without src/, tsx or esbuild.
// The current form is kept, not rebuilt: a command running from it meanwhile (a test, a build) is not disturbed.
import { readdirSync, rmSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { compiledEntry } from "../bin/compiled.js";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const entry = await compiledEntry();
if (!entry) {
  process.stderr.write("pack: the sources could not be compiled (is esbuild installed? run npm ci)\n");
  process.exit(1);
}
const current = dirname(entry);
for (const name of readdirSync(join(root, "dist")))
  if (join(root, "dist", name) !== current) rmSync(join(root, "dist", name), { recursive: true, force: true });
process.stdout.write(`pack: ${current.slice(root.length + 1)} is the compiled form packed\n`);

#!/usr/bin/env node
// Part of `npm run lint`: no line of the project's code over 140 characters (the formatter wraps code; this
// catches what it cannot wrap: long strings, comments and template literals). Lists each line as file:line.
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";

const MAX = 140;
const files = execFileSync("git", ["ls-files", "--cached", "--others", "--exclude-standard", "src", "test", "scripts", "bin", "*.ts"], {
  encoding: "utf8",
})
  .split("\n")
  .filter((f) => /\.(ts|mts|mjs|js)$/.test(f) && !f.startsWith("test/fixtures/"));
const long = [];
for (const file of files) {
  readFileSync(file, "utf8")
    .split("\n")
    .forEach((line, i) => {
      if ([...line].length > MAX) long.push(`${file}:${i + 1}: ${[...line].length} characters`);
    });
}
if (long.length) {
  console.error(`${long.length} line(s) over ${MAX} characters:\n${long.join("\n")}`);
  process.exit(1);
}

#!/usr/bin/env node
// The `exhibits` command: in an installed package, the compiled form `npm pack` put in it; in a checkout, the sources
// compiled by esbuild on first use after a change (see compiled.js), or, when that is not possible, the TypeScript
// sources run through tsx's loader. No build step to forget.
import { pathToFileURL } from "node:url";
import { compiledEntry } from "./compiled.js";

const entry = process.env.EXHIBITS_FROM_SOURCE ? undefined : await compiledEntry();
if (entry) {
  await import(pathToFileURL(entry).href);
} else {
  const { register } = await import("tsx/esm/api");
  register();
  await import("../src/main.ts");
}

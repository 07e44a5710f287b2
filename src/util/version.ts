/** The tool's own name and version, read from package.json (recorded in every manifest and PDF). */
import { readFileSync } from "node:fs";

const pkg = JSON.parse(readFileSync(new URL("../../package.json", import.meta.url), "utf8")) as { name: string; version: string };

export const TOOL = { name: pkg.name, version: pkg.version } as const;
export const PRODUCER = `${pkg.name} ${pkg.version}`;

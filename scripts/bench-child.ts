/** Child process for `npm run bench`: build one case and print wall time and this process's peak RSS as JSON. */
import { build } from "../src/commands/build.js";

const [caseDir, out] = process.argv.slice(2);
const t = process.hrtime.bigint();
const r = await build({ cwd: process.cwd(), caseDir, out, env: { ...process.env, SOURCE_DATE_EPOCH: "1776000000" } });
const seconds = Number(process.hrtime.bigint() - t) / 1e9;
console.log(JSON.stringify({ seconds, pages: r.manifest.bates.pages, peakRssMB: process.resourceUsage().maxRSS / 1024 }));

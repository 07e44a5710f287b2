/**
 * `qpdf --check` on a carried-in PDF: the second opinion of a complete PDF implementation (cross-reference table,
 * object streams, every stream decoded, the page tree and content parsed). Run on a private copy of the bytes already
 * read (so what is checked is what was hashed), within a time bound. qpdf is a runtime dependency: without it no PDF
 * evidence is accepted (exit 5, saying how to install it).
 */
import { execFile } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { EnvironmentError } from "../../util/errors.js";
import { QPDF_SECONDS } from "./bounds.js";
import { PdfDamagedError } from "./problem.js";
import { ownChild } from "../../util/interrupt.js";

/** What qpdf said of a file it could read: nothing, or the warnings of what it repaired to read it. */
export interface QpdfVerdict {
  warnings: string[];
}

/** Check `data` with qpdf; a file qpdf finds errors in is refused with its first error. */
export async function qpdfCheck(data: Uint8Array): Promise<QpdfVerdict> {
  const dir = mkdtempSync(join(tmpdir(), "exhibits-pdf-check-"));
  const file = join(dir, "input.pdf");
  try {
    writeFileSync(file, data, { flag: "wx" });
    const { code, output } = await run(file);
    const lines = output
      .split("\n")
      .map((l) => l.replace(`${file}`, "the file").trim())
      .filter(Boolean);
    const warnings = unique(lines.filter((l) => l.startsWith("WARNING: ")).map((l) => tidy(l.slice(9))));
    const errors = unique(lines.filter((l) => l.startsWith("ERROR: ")).map((l) => tidy(l.slice(7))));
    if (code === 0 || code === 3) return { warnings };
    const first = errors[0] ?? warnings.at(-1) ?? lines.at(-1) ?? `qpdf exited with ${code}`;
    throw new PdfDamagedError(`qpdf finds it damaged: ${first}`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function run(file: string): Promise<{ code: number; output: string }> {
  return new Promise((done, fail) => {
    const options = { timeout: QPDF_SECONDS * 1000, maxBuffer: 4 * 1024 * 1024, killSignal: "SIGKILL" as const };
    const child = execFile("qpdf", ["--check", file], options, (error, stdout, stderr) => {
      const e = error as (NodeJS.ErrnoException & { code?: number | string; killed?: boolean }) | null;
      if (e?.code === "ENOENT") {
        fail(
          new EnvironmentError(
            "qpdf is not installed: every carried-in PDF is checked with it before use. Install it (Debian/Ubuntu: " +
              "sudo apt-get install qpdf; macOS: brew install qpdf), or run scripts/system-deps.sh",
          ),
        );
        return;
      }
      if (e?.killed) {
        fail(new PdfDamagedError(`qpdf could not check it within ${QPDF_SECONDS} s (the bound for one PDF)`));
        return;
      }
      if (e && typeof e.code !== "number") {
        fail(new PdfDamagedError(`qpdf could not check it (${e.message.split("\n")[0]})`));
        return;
      }
      done({ code: typeof e?.code === "number" ? e.code : 0, output: `${stdout}\n${stderr}` });
    });
    ownChild(child);
  });
}

/** A qpdf message without its file name, offsets folded, and cut to a readable length. */
function tidy(message: string): string {
  const m = message.replace(/^the file(?: \([^)]*\))?: /, "").replace(/\s+/g, " ");
  return m.length > 200 ? `${m.slice(0, 200)}…` : m;
}

function unique(list: string[]): string[] {
  return [...new Set(list)];
}

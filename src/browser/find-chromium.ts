/**
 * Locate the system Chromium: PUPPETEER_EXECUTABLE_PATH if set, else the Debian package's /usr/bin/chromium.
 * For rendering our own HTML to PDF, the headless shell (Debian's chromium-headless-shell, the same Blink
 * without the browser around it) is preferred when installed: it starts in a tenth of a second instead of
 * half a second or more, on half the CPU; live captures keep the full browser.
 */
import { EnvironmentError } from "../util/errors.js";
import { isExecutable } from "../util/executable.js";

const CANDIDATES = ["/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome-stable", "/usr/bin/google-chrome"];

export function findChromium(env: NodeJS.ProcessEnv = process.env): string {
  const fromEnv = env.PUPPETEER_EXECUTABLE_PATH?.trim();
  if (fromEnv) {
    if (isExecutable(fromEnv)) return fromEnv;
    throw new EnvironmentError(
      `PUPPETEER_EXECUTABLE_PATH is set to ${fromEnv}, which is not an executable file; point it at Chromium or unset it`,
    );
  }
  const found = CANDIDATES.find(isExecutable);
  if (found) return found;
  throw new EnvironmentError(
    "no Chromium found: exhibits renders cover sheets with the system browser and never downloads one.\n" +
      "Install it with `sudo apt-get install chromium` (Debian/Ubuntu), or set PUPPETEER_EXECUTABLE_PATH to a Chrome or Chromium binary.",
  );
}

const HEADLESS_SHELLS = ["/usr/bin/chromium-headless-shell", "/usr/bin/chrome-headless-shell"];

/** The browser that renders our own HTML to PDF: PUPPETEER_EXECUTABLE_PATH if set, else a headless shell if installed, else Chromium. */
export function findRenderer(env: NodeJS.ProcessEnv = process.env): string {
  if (env.PUPPETEER_EXECUTABLE_PATH?.trim()) return findChromium(env);
  return HEADLESS_SHELLS.find(isExecutable) ?? findChromium(env);
}

/** Locate the system Chromium: PUPPETEER_EXECUTABLE_PATH if set, else the Debian package's /usr/bin/chromium. */
import { accessSync, constants } from "node:fs";
import { EnvironmentError } from "../util/errors.js";

const CANDIDATES = ["/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome-stable", "/usr/bin/google-chrome"];

export function findChromium(env: NodeJS.ProcessEnv = process.env): string {
  const fromEnv = env.PUPPETEER_EXECUTABLE_PATH?.trim();
  if (fromEnv) {
    if (isExecutable(fromEnv)) return fromEnv;
    throw new EnvironmentError(`PUPPETEER_EXECUTABLE_PATH is set to ${fromEnv}, which is not an executable file; point it at Chromium or unset it`);
  }
  const found = CANDIDATES.find(isExecutable);
  if (found) return found;
  throw new EnvironmentError(
    "no Chromium found: exhibits renders cover sheets with the system browser and never downloads one.\n" +
      "Install it with `sudo apt-get install chromium` (Debian/Ubuntu), or set PUPPETEER_EXECUTABLE_PATH to a Chrome or Chromium binary.",
  );
}

function isExecutable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

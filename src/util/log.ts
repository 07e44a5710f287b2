/** Progress messages go to stderr (stdout stays clean for --json); silent in tests unless asked. */
export interface Logger {
  info(message: string): void;
}

export const stderrLogger: Logger = { info: (m) => process.stderr.write(`${m}\n`) };
export const silentLogger: Logger = { info: () => undefined };

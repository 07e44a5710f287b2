/** Progress messages go to stderr (stdout stays clean for --json); silent in tests unless asked. */
export interface Logger {
  info(message: string): void;
}

/** EXHIBITS_LOG_TIMES=1 prefixes each progress line with the seconds since the process started (for profiling a build). */
const withTimes = Boolean(process.env.EXHIBITS_LOG_TIMES);

export const stderrLogger: Logger = {
  info: (m) => process.stderr.write(withTimes ? `[${(performance.now() / 1000).toFixed(2)} s] ${m}\n` : `${m}\n`),
};
export const silentLogger: Logger = { info: () => undefined };

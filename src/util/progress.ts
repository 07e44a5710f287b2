/**
 * A one-line progress bar on a terminal (stderr), redrawn in place; off a terminal it stays silent and the
 * caller prints plain lines instead. Never touches stdout, which belongs to results (--json).
 */
export interface Progress {
  update(done: number, failed: number, current?: string): void;
  clear(): void;
}

export function progressBar(total: number, stream: NodeJS.WriteStream = process.stderr): Progress | undefined {
  if (!stream.isTTY) return undefined;
  const width = 24;
  let last = "";
  return {
    update(done, failed, current) {
      const filled = Math.round((done / Math.max(total, 1)) * width);
      const cols = stream.columns ?? 100;
      let line =
        `[${"#".repeat(filled)}${".".repeat(width - filled)}] ` +
        `${done}/${total}${failed ? ` · ${failed} failed` : ""}${current ? ` · ${current}` : ""}`;
      if (line.length > cols - 1) line = line.slice(0, cols - 2) + "…";
      if (line !== last) stream.write(`\r\x1b[2K${line}`);
      last = line;
    },
    clear() {
      if (last) stream.write("\r\x1b[2K");
      last = "";
    },
  };
}

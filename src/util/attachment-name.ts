/** The name an evidence file gets as a PDF attachment: its case path without "evidence/", folders joined by "_". */
export function attachmentName(path: string): string {
  return path
    .replace(/^evidence\//, "")
    .split("/")
    .join("_");
}

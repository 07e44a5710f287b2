/** Exhibit file names: "<number> <defendant> - <title>.pdf", safe on Windows, macOS and Linux. */

const UNSAFE = /[\u0000-\u001f\u007f<>:"/\\|?*]/g;

export function safeName(s: string, max = 80): string {
  const cleaned = s
    .replace(UNSAFE, " ")
    .replace(/\s+/g, " ")
    .trim()
    .replace(/[. ]+$/, "");
  return cleaned.length <= max ? cleaned : cleaned.slice(0, max).trimEnd();
}

export function exhibitFileName(labelForFile: string, defendantName: string | undefined, title: string): string {
  const who = defendantName ? ` ${safeName(defendantName, 60)}` : "";
  return `${safeName(labelForFile, 20)}${who} - ${safeName(title)}.pdf`;
}

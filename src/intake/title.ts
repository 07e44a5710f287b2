/** A readable default title from a file name: "01-amazon_listing.png" → "Amazon listing". */
export function titleFromFileName(name: string): string {
  const base = name
    .replace(/\.[A-Za-z0-9]{1,5}$/, "")
    .replace(/^[\d\s._-]+(?=\D)/, "")
    .replace(/[-_]+/g, " ")
    .replace(/\s+/g, " ")
    .trim();
  const t = base || name;
  return t.charAt(0).toUpperCase() + t.slice(1);
}

/**
 * Volumes: cut a run of parts (each a few pages, with its size in bytes) into files under a size limit,
 * at part boundaries, in order. Pure. A part bigger than the limit by itself becomes a volume of its own
 * (and is reported as over the limit by the caller); `reserve` is space the first volume must keep free
 * (the attached originals of an exhibit).
 */
export interface Sized {
  bytes: number;
  pages: number;
}

export interface Volume<T> {
  parts: T[];
  bytes: number;
  pages: number;
  /** 0-based index of the volume's first page in the whole run. */
  firstPage: number;
}

/** Bytes a PDF file costs beyond its parts' pages (header, page tree, outline, cross-reference): kept free under the limit. */
export const VOLUME_OVERHEAD = 64 * 1024;

export function splitIntoVolumes<T extends Sized>(parts: readonly T[], limit: number, reserve = 0): Volume<T>[] {
  const volumes: Volume<T>[] = [];
  let current: Volume<T> = { parts: [], bytes: reserve, pages: 0, firstPage: 0 };
  let page = 0;
  for (const part of parts) {
    if (current.parts.length > 0 && current.bytes + part.bytes + VOLUME_OVERHEAD > limit) {
      volumes.push(current);
      current = { parts: [], bytes: 0, pages: 0, firstPage: page };
    }
    current.parts.push(part);
    current.bytes += part.bytes;
    current.pages += part.pages;
    page += part.pages;
  }
  if (current.parts.length > 0) volumes.push(current);
  return volumes;
}

/** "001 Seller - Listing.pdf" → "001 Seller - Listing (Part 2 of 3).pdf" */
export function volumeFileName(fileName: string, k: number, of: number): string {
  return of <= 1 ? fileName : fileName.replace(/\.pdf$/i, "") + ` (Part ${k} of ${of}).pdf`;
}

/** What is wrong with a carried-in PDF, in words for its owner: one class, so intake knows an input error from a bug. */
export class PdfDamagedError extends Error {}

/** "object 4 0" for an object's reference tag. */
export function objectName(tag: string): string {
  return `object ${tag.replace(/ R$/, "")}`;
}

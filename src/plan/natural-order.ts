/**
 * Natural order of paths ("2-x" before "10-x"), by code point otherwise: independent of locale and ICU
 * version, so the same case numbers its exhibits the same on every machine.
 */
const RUN = /(\d+)|(\D+)/g;

export function compareNatural(a: string, b: string): number {
  const ra = a.match(RUN) ?? [];
  const rb = b.match(RUN) ?? [];
  for (let i = 0; i < Math.min(ra.length, rb.length); i++) {
    const x = ra[i];
    const y = rb[i];
    const dx = /^\d/.test(x);
    const dy = /^\d/.test(y);
    if (dx && dy) {
      const nx = BigInt(x);
      const ny = BigInt(y);
      if (nx !== ny) return nx < ny ? -1 : 1;
      if (x.length !== y.length) return x.length - y.length; // "01" after "1"
    } else if (x !== y) {
      return x < y ? -1 : 1;
    }
  }
  if (ra.length !== rb.length) return ra.length - rb.length;
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * Capitals for captions and titles, done in text rather than CSS (`text-transform` would print "§ 1117(C)" and
 * "VALENTINO S.P.A."): a rule's subdivision in parentheses keeps its case ("§ 1117(c)", "902(13)"), and an entity
 * form written in mixed case with dots ("S.p.A.", "S.r.l.") or known as such ("GmbH") keeps its spelling.
 */
const KEEP_WORD = /^(?:[A-Za-z]{1,3}\.){2,}[A-Za-z]?\.?,?$/;
const KNOWN = new Set(["GmbH", "GmbH,", "mbH", "KGaA", "AöR", "e.V."]);

export function legalCaps(text: string): string {
  return text
    .split(/(\s+)/)
    .map((word) => {
      if (/^\s+$/.test(word)) return word;
      if (KNOWN.has(word) || (KEEP_WORD.test(word) && /[a-z]/.test(word) && /[A-Z]/.test(word))) return word;
      // Subdivisions of a section or rule ("1117(c)(2)", "902(13)", "5.2(g)") keep their case; the rest is capitalised.
      return word.replace(/(\([^)\s]*\))|([^(]+)/g, (_m, paren: string | undefined, rest: string | undefined) =>
        paren && /[\d)]$|^\(/.test(paren) && /\d\(/.test(word) ? paren : (paren ?? rest ?? "").toUpperCase(),
      );
    })
    .join("")
    .replace(/\bET AL\./g, "et al.");
}

/**
 * CSV cells that a spreadsheet would run: Excel and LibreOffice treat a cell beginning with = + - @ (and, after
 * import, tab or carriage return) as a formula, and seller names, titles and notes come from counterfeiters
 * (`=HYPERLINK("http://…","click")`). OWASP's guidance: such a text cell gets a leading apostrophe, which both
 * programs show as text. A plain number ("-12.50", "+1") runs nothing and stays a number.
 */
const RUNS = /^[=+\-@\t\r]/;
const PLAIN_NUMBER = /^[+-]?\d+(\.\d+)?$/;

export function formulaSafe(text: string): string {
  return RUNS.test(text) && !PLAIN_NUMBER.test(text) ? `'${text}` : text;
}

/**
 * Stage 2 (intake), shared by the purchase-record formats (Amazon, PayPal, generic CSV/JSON): the reader they all
 * are. The file's UTF-8 text is parsed into orders, and only the orders its metadata names (`orders`) are kept, in
 * that order.
 */
import type { PurchaseOrder } from "../../../model/purchase.js";
import type { CsvOptions, CsvTable } from "../../../util/csv.js";
import { InvalidInputError } from "../../../util/errors.js";
import type { FormatReader, ReadInput } from "../format.js";
import { utf8Text, withArticle } from "./text.js";

/**
 * The reader of a purchase format whose parser turns the file's text into orders (stopping at its first problem).
 * `name` is the format as its words name it ("PayPal activity CSV"), for the problems that name the format.
 */
export function purchasesReader(name: string, parse: (text: string, input: ReadInput) => PurchaseOrder[]): FormatReader {
  const what = withArticle(name);
  return async (input, problems) => {
    const file = input.files[0];
    const all = await problems.attempt(() => parse(utf8Text(file, what), input));
    if (!all) return undefined;
    let orders = all;
    const wanted = input.meta.orders;
    if (wanted?.length) {
      const byId = new Map(all.map((o) => [o.orderId, o]));
      const missing = wanted.filter((id) => !byId.has(id));
      if (missing.length) {
        const held = `${all
          .map((o) => o.orderId)
          .slice(0, 8)
          .join(", ")}${all.length > 8 ? ", …" : ""}`;
        problems.add({ file: file.shown, field: "orders" }, `no order ${missing.join(", ")} in this file; it holds ${held}`);
        return undefined;
      }
      orders = wanted.map((id) => byId.get(id)!);
    }
    if (orders.length === 0) {
      problems.add({ file: file.shown }, `${what} with no orders: the export holds nothing to show`);
      return undefined;
    }
    return { payload: { type: "purchases", orders } };
  };
}

/** Rows a purchase export may have when it is shown whole (no `orders:`): more is a discovery report to pick from. */
export const MAX_WHOLE_EXPORT_ROWS = 5000;
/** How many of an export's first orders are kept besides those asked for: a missing order's problem names them. */
const NAMED_WHEN_MISSING = 9;

/**
 * The CSV reading options of a purchase export of which `orders` are asked for: only their rows are kept (a
 * 100,000-row order history is read for one test buy without holding the rest), with the rows of the file's first
 * few orders, and any row whose field count is off (the shape check names it). Without `orders`, every row is kept.
 */
export function selectedRows(orders: readonly string[] | undefined, orderColumn: (header: string[]) => number): CsvOptions {
  if (!orders?.length) return {};
  const wanted = new Set(orders);
  const first = new Set<string>();
  let column: number | undefined;
  return {
    keep(cells, header) {
      column ??= orderColumn(header);
      if (column < 0 || cells.length !== header.length) return true;
      const id = (cells[column] ?? "").trim();
      if (wanted.has(id) || first.has(id)) return true;
      if (first.size < NAMED_WHEN_MISSING && id !== "") first.add(id);
      return first.has(id) || cells.every((c) => c.trim() === "");
    },
  };
}

/** Refuse an export shown whole (no `orders:`) with more rows than a purchase summary shows, before they are read. */
export function checkWholeExport(table: CsvTable, orders: readonly string[] | undefined, file: string, what: string): void {
  if (orders?.length || table.rows.length <= MAX_WHOLE_EXPORT_ROWS) return;
  throw new InvalidInputError(
    { file, line: table.headerLine },
    `${what} of ${table.rows.length.toLocaleString("en-US")} rows, over the ${MAX_WHOLE_EXPORT_ROWS.toLocaleString("en-US")} rows ` +
      "shown whole in a purchase summary: pick the orders to show with `orders: [...]` in its sidecar or case.yaml entry",
  );
}

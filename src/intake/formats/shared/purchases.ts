/**
 * Stage 2 (intake), shared by the purchase-record formats (Amazon, PayPal, generic CSV/JSON): the reader they all
 * are. The file's UTF-8 text is parsed into orders, and only the orders its metadata names (`orders`) are kept, in
 * that order.
 */
import type { PurchaseOrder } from "../../../model/purchase.js";
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

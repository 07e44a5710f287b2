/** Stage 2 (intake), format: the generic purchases JSON ({ "orders": [ … ] }), by its first keys. */
import { INPUT_BYTES } from "../../../util/input-bounds.js";
import type { PurchasesFormat } from "../format.js";
import { purchasesReader } from "../shared/purchases.js";
import { purchaseWords } from "../shared/words.js";
import { looksLikeGenericPurchasesJson, parseGenericPurchasesJson, PURCHASES_JSON_NAME } from "./parse.js";

export const purchasesJson: PurchasesFormat<"purchases-json", "generic-json"> = {
  media: "purchases-json",
  family: "purchases",
  kind: "purchase",
  orderSource: "generic-json",
  sniff: ({ text }) => text !== undefined && looksLikeGenericPurchasesJson(text),
  maxBytes: INPUT_BYTES.json,
  read: purchasesReader(PURCHASES_JSON_NAME, (text, { files: [file], timeZone }) => parseGenericPurchasesJson(text, file.shown, timeZone)),
  words: purchaseWords({ name: PURCHASES_JSON_NAME, summary: PURCHASES_JSON_NAME }),
};

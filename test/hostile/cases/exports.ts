/**
 * Hostile exports (text evidence): a 100,000-row Amazon order history that must build within 500 MB, CSVs over the
 * column, field and row bounds, binary files named as chats, Meta JSON nested or sized over its bounds, truncated and
 * mistyped JSON (the field path named), UTF-16 and Latin-1 variants, email oddities (huge headers, no body, deep
 * multipart nesting), PayPal and generic purchase variants, and exports over their size bounds (refused by stat).
 */
import { closeSync, ftruncateSync, mkdirSync, openSync, readFileSync, writeFileSync, writeSync } from "node:fs";
import { join } from "node:path";
import { ROOT } from "../../helpers/cli.js";
import type { HostileCase } from "../case.js";
import { builtFrom } from "../make/outputs.js";

const EXPORTS = join(ROOT, "test/fixtures/exports");
const fixture = (rel: string) => readFileSync(join(EXPORTS, rel), "utf8");
const esc = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/** A case writing `content` as evidence/shop/<name>, expecting exit 3 with a message naming it and `problem`. */
function refused(id: string, format: string, name: string, problem: string, content: () => string | Buffer, probe = false): HostileCase {
  return {
    id,
    format,
    probe,
    make: (dir) => write(dir, name, content()),
    expect: { exit: 3, message: new RegExp(`evidence/shop/${esc(name)}\\b.*${problem}`) },
  };
}

function builds(id: string, format: string, name: string, content: () => string | Buffer, sidecar?: string): HostileCase {
  return {
    id,
    format,
    make: (dir) => {
      write(dir, name, content());
      if (sidecar) write(dir, `${name}.meta.yaml`, sidecar);
    },
    expect: { exit: 0, check: builtFrom(`evidence/shop/${name}`) },
  };
}

function write(dir: string, name: string, content: string | Buffer): void {
  const file = join(dir, "evidence/shop", name);
  mkdirSync(join(file, ".."), { recursive: true });
  writeFileSync(file, content);
}

/**
 * `head` followed by zeros up to `bytes` (a sparse file): its start is text (the first 64 KiB, all a format is
 * recognised by), its size is over a bound.
 */
function sparse(dir: string, name: string, head: string, bytes: number): void {
  const fd = openSync(join(dir, "evidence/shop", name), "w");
  writeSync(fd, head);
  ftruncateSync(fd, bytes);
  closeSync(fd);
}

const noise = (n: number, nul: boolean) => {
  const b = Buffer.alloc(n);
  for (let i = 0; i < n; i++) b[i] = nul ? (i * 2654435761) >>> 24 : 0x80 + ((i * 97) & 0x7f);
  return b;
};

// --- Amazon order history: one fixture row repeated with its own order id, 100,000 times (about 60 MB).
const AMAZON = fixture("amazon/Retail.OrderHistory.1.csv");
function amazonRows(n: number): string {
  const [header, row] = AMAZON.replace(/^\uFEFF/, "").split(/\r?\n/);
  const id = /^"[^"]*","([^"]+)"/.exec(row!)![1]!;
  const out = [header];
  for (let i = 0; i < n; i++) out.push(row!.replace(id, `114-${String(i).padStart(7, "0")}-${String(i).padStart(7, "0")}`));
  return `${out.join("\n")}\n`;
}
const BIG_AMAZON = "07-Retail.OrderHistory.1.csv";

const amazonCases: HostileCase[] = [
  {
    id: "amazon-100000-rows-test-buy-selected",
    format: "amazon-csv",
    probe: true,
    make: (dir) => {
      write(dir, BIG_AMAZON, amazonRows(100_000));
      write(dir, `${BIG_AMAZON}.meta.yaml`, 'orders: ["114-0042042-0042042"]\n');
    },
    expect: { exit: 0, check: builtFrom(`evidence/shop/${BIG_AMAZON}`) },
    maxRssMb: 500,
  },
  refused("amazon-100000-rows-shown-whole", "amazon-csv", BIG_AMAZON, "100,000 rows, over the 5,000 rows shown whole", () =>
    amazonRows(100_000),
  ),
  {
    id: "amazon-order-not-in-file",
    format: "amazon-csv",
    make: (dir) => {
      write(dir, BIG_AMAZON, amazonRows(20));
      write(dir, `${BIG_AMAZON}.meta.yaml`, 'orders: ["111-0000000-9999999"]\n');
    },
    expect: {
      exit: 3,
      message: /07-Retail\.OrderHistory\.1\.csv \(field orders\): no order 111-0000000-9999999 in this file; it holds 114-0000000/,
    },
  },
  refused("amazon-truncated-in-a-quote", "amazon-csv", BIG_AMAZON, "quoted field is never closed", () => amazonRows(3).slice(0, -40)),
  refused("amazon-missing-columns", "amazon-csv", BIG_AMAZON, "missing columns Order Date", () =>
    AMAZON.replace('"Order Date"', '"Ordered"').replace('"Quantity"', '"Qty"'),
  ),
  refused("amazon-quantity-not-a-number", "amazon-csv", BIG_AMAZON, "Quantity", () => AMAZON.replace(/"New","1"/, '"New","one"')),
  refused("amazon-row-short", "amazon-csv", BIG_AMAZON, "has 27 fields where its header .* has 28", () =>
    AMAZON.replace(/,"Not Available"\r?\n/, "\n"),
  ),
  refused("amazon-utf16", "amazon-csv", BIG_AMAZON, "saved as UTF-16", () =>
    Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(AMAZON.replace(/^\uFEFF/, ""), "utf16le")]),
  ),
  refused("amazon-latin1", "amazon-csv", BIG_AMAZON, "not valid UTF-8 text at byte", () =>
    Buffer.from(AMAZON.replace(/^\uFEFF/, "").replace('"Amazon.com"', '"Amazon.com é"'), "latin1"),
  ),
  refused("amazon-header-only", "amazon-csv", BIG_AMAZON, "with a header and no rows", () => `${AMAZON.split("\n")[0]}\n`),
];

// --- Chat CSV (timestamp, sender, text), WhatsApp and Meta threads.
const CHAT = fixture("chat.csv");
const WHATSAPP = fixture("whatsapp/ios.txt");
const THREAD = fixture("instagram/inbox/kpgboutique_1234567890/message_1.json");
const thread = (edit: (t: { participants: unknown; messages: Record<string, unknown>[] }) => unknown) =>
  JSON.stringify(edit(JSON.parse(THREAD)));
const THREAD_FILE = "08-thread/message_1.json";

const chatCases: HostileCase[] = [
  refused(
    "chat-csv-10000-columns",
    "chat-csv",
    "08-chat.csv",
    "a record of over 1,000 fields",
    () => {
      const extra = Array.from({ length: 9997 }, (_, i) => `extra ${i}`).join(",");
      return `timestamp,sender,text,${extra}\n2026-03-01T10:00:00Z,Shop,hello,${extra}\n`;
    },
    true,
  ),
  refused(
    "chat-csv-huge-field",
    "chat-csv",
    "08-chat.csv",
    "a field of over 1,000,000 characters",
    () => `timestamp,sender,text\n2026-03-01T10:00:00Z,Shop,"${"x".repeat(1_200_000)}"\n`,
  ),
  refused(
    "chat-csv-long-message",
    "chat-csv",
    "08-chat.csv",
    "a message of 200,000 characters, over the 100,000-character bound",
    () => `timestamp,sender,text\n2026-03-01T10:00:00Z,Shop,${"y".repeat(200_000)}\n`,
  ),
  refused(
    "chat-csv-unclosed-quote",
    "chat-csv",
    "08-chat.csv",
    "quoted field is never closed",
    () => `timestamp,sender,text\n2026-03-01T10:00:00Z,Shop,"hello\n`,
  ),
  refused(
    "chat-csv-row-long",
    "chat-csv",
    "08-chat.csv",
    "has 4 fields where its header",
    () => `timestamp,sender,text\n2026-03-01T10:00:00Z,Shop,hello,again\n`,
  ),
  refused("chat-csv-utf16", "chat-csv", "08-chat.csv", "saved as UTF-16", () =>
    Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(CHAT.replace(/^\uFEFF/, ""), "utf16le").swap16()]),
  ),
  refused("chat-csv-latin1", "chat-csv", "08-chat.csv", "not valid UTF-8 text at byte", () =>
    Buffer.from(CHAT.replace(/^\uFEFF/, ""), "latin1"),
  ),
  refused("chat-csv-header-only", "chat-csv", "08-chat.csv", "header and no rows", () => "timestamp,sender,text\n"),
  refused("chat-csv-bad-time", "chat-csv", "08-chat.csv", "timestamp", () => "timestamp,sender,text\nthe day after,Shop,hello\n"),
  refused(
    "whatsapp-binary-file",
    "whatsapp",
    "_chat.txt",
    "named like a WhatsApp export, but not text: a NUL byte",
    () => noise(20_000, true),
    true,
  ),
  refused("whatsapp-binary-without-nul", "whatsapp", "_chat.txt", "not text: the byte 0x80 at byte 1 is not UTF-8", () =>
    noise(20_000, false),
  ),
  refused("whatsapp-utf16", "whatsapp", "_chat.txt", "saved as UTF-16", () =>
    Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(WHATSAPP, "utf16le")]),
  ),
  refused("whatsapp-latin1", "whatsapp", "_chat.txt", "not valid UTF-8 text at byte", () => Buffer.from(WHATSAPP, "latin1")),
  refused("whatsapp-system-lines-only", "whatsapp", "_chat.txt", "with no messages", () => WHATSAPP.split("\n").slice(0, 3).join("\n")),
  refused(
    "whatsapp-long-message",
    "whatsapp",
    "_chat.txt",
    "a message of .* over the 100,000-character bound",
    () => `[10/03/26, 09:16:05] Shop: ${"z".repeat(150_000)}\n`,
  ),
  refused("whatsapp-empty", "whatsapp", "_chat.txt", "empty \\(0 bytes\\)", () => ""),
  refused("meta-json-deep-nesting", "meta-json", THREAD_FILE, "nested over 64 levels deep", () =>
    THREAD.replace('"messages": [', `"deep": ${"[".repeat(100_000)}${"]".repeat(100_000)}, "messages": [`),
  ),
  refused("meta-json-truncated", "meta-json", THREAD_FILE, "not valid JSON", () => THREAD.slice(0, THREAD.length >> 1)),
  refused("meta-json-timestamp-a-string", "meta-json", THREAD_FILE, "messages\\[0\\]\\.timestamp_ms", () =>
    thread((t) => ((t.messages[0]!.timestamp_ms = "yesterday"), t)),
  ),
  refused("meta-json-messages-not-a-list", "meta-json", THREAD_FILE, "messages", () => thread((t) => ({ ...t, messages: { first: 1 } }))),
  refused("meta-json-sender-a-number", "meta-json", THREAD_FILE, "messages\\[1\\]\\.sender_name", () =>
    thread((t) => ((t.messages[1]!.sender_name = 42), t)),
  ),
  refused("meta-json-utf16", "meta-json", THREAD_FILE, "UTF-16", () =>
    Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(THREAD, "utf16le")]),
  ),
  refused("meta-json-latin1", "meta-json", THREAD_FILE, "not valid UTF-8", () =>
    Buffer.from(
      thread((t) => ((t.messages[0]!.content = "Merci beaucoup, très bien"), t)),
      "latin1",
    ),
  ),
  {
    id: "meta-json-over-size-bound",
    format: "meta-json",
    make: (dir) => {
      mkdirSync(join(dir, "evidence/shop/08-thread"));
      const head = THREAD.replace('"messages": [', `"messages": [${" ".repeat(70_000)}`);
      sparse(dir, THREAD_FILE, head, 65 * 1024 * 1024);
    },
    expect: { exit: 3, message: /08-thread\/message_1\.json: is 68,157,440 bytes, over the 64 MB bound for a chat export file/ },
  },
];

// --- PayPal, generic purchases (CSV and JSON).
const PAYPAL = fixture("paypal/activity_en.csv");
const GENERIC = fixture("generic/purchases.csv");
const GENERIC_JSON = fixture("generic/purchases.json");

const purchaseCases: HostileCase[] = [
  builds("paypal-activity", "paypal-csv", "09-paypal.csv", () => PAYPAL),
  refused("paypal-gross-not-money", "paypal-csv", "09-paypal.csv", "Gross", () => PAYPAL.replace('"-1,250.00"', '"lots"')),
  refused("paypal-truncated", "paypal-csv", "09-paypal.csv", "quoted field is never closed|fields where its header", () =>
    PAYPAL.slice(0, PAYPAL.length - 50),
  ),
  refused("paypal-utf16", "paypal-csv", "09-paypal.csv", "saved as UTF-16", () =>
    Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(PAYPAL.replace(/^\uFEFF/, ""), "utf16le")]),
  ),
  refused("paypal-over-whole-bound", "paypal-csv", "09-paypal.csv", "6,000 rows, over the 5,000 rows shown whole", () => {
    const [header, row] = PAYPAL.split("\n");
    const rows = Array.from({ length: 6000 }, (_, i) => row!.replace("7HF20394KL5521838", `7HF${String(i).padStart(14, "0")}`));
    return `${header}\n${rows.join("\n")}\n`;
  }),
  refused("generic-csv-empty-order-id", "generic-csv", "09-purchases.csv", "the order id is empty", () =>
    GENERIC.replace(/\nAE-3009921847,2025/, "\n,2025"),
  ),
  refused("generic-csv-quantity-not-a-number", "generic-csv", "09-purchases.csv", "[Qq]uantity", () =>
    GENERIC.replace("Replica Tote Bag,3,", "Replica Tote Bag,three,"),
  ),
  refused("generic-csv-latin1", "generic-csv", "09-purchases.csv", "not valid UTF-8", () =>
    Buffer.from(GENERIC.replace("Replica Tote Bag", "Sac fourre-tout répliqué"), "latin1"),
  ),
  refused("generic-json-truncated", "generic-json", "09-purchases.json", "not valid JSON", () => GENERIC_JSON.slice(0, 300)),
  refused("generic-json-deep-nesting", "generic-json", "09-purchases.json", "nested over 64 levels deep", () =>
    GENERIC_JSON.replace('"orders": [', `"deep": ${"[".repeat(5000)}${"]".repeat(5000)}, "orders": [`),
  ),
  refused("generic-json-order-not-an-object", "generic-json", "09-purchases.json", "orders\\[0\\]", () =>
    JSON.stringify({ orders: [42, { orderId: "x" }] }),
  ),
  refused("generic-json-amount-a-float", "generic-json", "09-purchases.json", "write amounts as strings", () =>
    GENERIC_JSON.replace('"unitPrice": "19.99"', '"unitPrice": 19.99'),
  ),
  refused("generic-json-quantity-an-object", "generic-json", "09-purchases.json", "orders\\[0\\]\\.items\\[0\\]\\.quantity", () =>
    GENERIC_JSON.replace('"quantity": 3', '"quantity": {"n": 3}'),
  ),
];

// --- Email (.eml).
const EML = fixture("email/amazon-order.eml");
const [EML_HEAD, EML_BODY] = [EML.slice(0, EML.search(/\r?\n\r?\n/)), EML.slice(EML.search(/\r?\n\r?\n/))];

const emailCases: HostileCase[] = [
  refused(
    "eml-huge-header",
    "eml",
    "10-receipt.eml",
    "Maximum header size of 1048576 bytes exceeded \\(the bound\\)",
    () => `${EML_HEAD}\nX-Junk: ${"a".repeat(20 << 20)}${EML_BODY}`,
  ),
  refused(
    "eml-many-headers",
    "eml",
    "10-receipt.eml",
    "Maximum header size",
    () => `${EML_HEAD}\n${Array.from({ length: 100_000 }, (_, i) => `X-H${i}: v`).join("\n")}${EML_BODY}`,
  ),
  refused("eml-nested-multipart", "eml", "10-receipt.eml", "Maximum MIME nesting depth of 32 levels exceeded \\(the bound\\)", () => {
    let body = "";
    for (let i = 0; i < 200; i++) body += `--b${i}\nContent-Type: multipart/mixed; boundary="b${i + 1}"\n\n`;
    body += "--b200\nContent-Type: text/plain\n\nhello\n";
    for (let i = 200; i >= 0; i--) body += `--b${i}--\n`;
    return `${EML_HEAD.replace(/Content-Type: [^\n]*(\n[ \t][^\n]*)*/, 'Content-Type: multipart/mixed; boundary="b0"')}\n\n${body}`;
  }),
  builds(
    "eml-no-body",
    "eml",
    "10-receipt.eml",
    () => `${EML_HEAD.replace(/Content-Type: [^\n]*(\n[ \t][^\n]*)*/, "Content-Type: text/plain")}\n\n`,
  ),
  refused("eml-binary-named-eml", "eml", "10-receipt.eml", "named like an email \\(.eml\\), but not text", () => noise(5000, true)),
  refused(
    "eml-no-header-block",
    "eml",
    "10-receipt.eml",
    "unsupported file|not an RFC 5322 email",
    () => "Dear customer,\nthank you for your order.\n",
  ),
];

// --- Size bounds, refused by stat before anything is read.
const sizeCases: HostileCase[] = [
  {
    id: "export-over-text-bound",
    format: "chat-csv",
    make: (dir) =>
      sparse(dir, "08-chat.csv", CHAT + "2026-03-12T14:05:31-05:00,Dana Whitlock,again,,marketplace\n".repeat(1500), 300 * 1024 * 1024),
    expect: { exit: 3, message: /08-chat\.csv: is 314,572,800 bytes, over the 256 MB bound for a chat export/ },
  },
  {
    id: "export-sparse-3gb",
    format: "amazon-csv",
    make: (dir) => sparse(dir, BIG_AMAZON, AMAZON, 3 * 1024 ** 3),
    expect: { exit: 3, message: /07-Retail\.OrderHistory\.1\.csv: is 3,221,225,472 bytes, over the 1 GB bound for an evidence file/ },
  },
  {
    id: "eml-over-size-bound",
    format: "eml",
    make: (dir) => sparse(dir, "10-receipt.eml", EML + "Thank you for your order.\n".repeat(3000), 80 * 1024 * 1024),
    expect: { exit: 3, message: /10-receipt\.eml: is 83,886,080 bytes, over the 64 MB bound for an email/ },
  },
];

export const exportCases: HostileCase[] = [...amazonCases, ...chatCases, ...purchaseCases, ...emailCases, ...sizeCases];

/** Valid JSON records, as the build writes them, for the schema tests to start from and spoil one field at a time. */
import type { CustodyEntry } from "../../src/model/custody.js";
import type { ExhibitProvenance, Manifest, TimestampsFile } from "../../src/model/manifest.js";
import type { CaptureRecord, TextLayer } from "../../src/model/capture.js";

/** A digest of one repeated hex digit. */
export const digestOf = (hex: string): `sha256:${string}` => `sha256:${hex.repeat(64)}`;

export function manifestSample(): Manifest {
  return {
    version: 1,
    tool: { name: "exhibits", version: "0.1.0" },
    case: { id: "valentino-v-kaitlyn-pan", digest: digestOf("a") },
    twin: "public",
    redactions: 1,
    builtAt: "2026-01-01T00:00:00Z",
    builtAtSource: "SOURCE_DATE_EPOCH",
    bates: { prefix: "VAL", digits: 6, first: "VAL000001", last: "VAL000003", pages: 3 },
    inputs: [
      { path: "case.yaml", bytes: 812, sha256: digestOf("b") },
      { path: "evidence/kpg/listing.png", bytes: 1000, sha256: digestOf("c") },
    ],
    exhibits: [
      {
        number: 1,
        label: "1",
        title: "Amazon listing",
        defendantId: "kpg",
        pages: 3,
        bates: { first: "VAL000001", last: "VAL000003" },
        sources: [
          { path: "evidence/kpg/listing.png", sha256: digestOf("c"), capturedAt: "2025-03-14T15:22:05Z", capturedAtSource: "sidecar" },
        ],
        file: { path: "exhibits/001 Kaitlyn Pan Group - Amazon listing.pdf", bytes: 5000, sha256: digestOf("d") },
      },
    ],
    bundle: { file: { path: "bundle.pdf", bytes: 6000, sha256: digestOf("e") }, pages: 3 },
    outputs: [
      { path: "bundle.pdf", bytes: 6000, sha256: digestOf("e") },
      { path: "exhibits/001 Kaitlyn Pan Group - Amazon listing.pdf", bytes: 5000, sha256: digestOf("d") },
    ],
    timestamps: [{ tsa: "https://tsa.example/tsr" }],
  };
}

export function provenanceSample(): ExhibitProvenance {
  return {
    format: "exhibits-provenance/1",
    case: "valentino-v-kaitlyn-pan",
    exhibit: "1",
    bates: { first: "VAL000001", last: "VAL000003" },
    twin: "sealed",
    tool: "exhibits 0.1.0",
    sources: [
      { path: "evidence/kpg/listing.png", bytes: 1000, sha256: digestOf("c"), item: "evidence/kpg/listing.png", attached: true },
      {
        path: "evidence/kpg/dm.txt",
        bytes: 20,
        sha256: digestOf("f"),
        item: "evidence/kpg/dm.txt",
        attached: false,
        attachedIn: "exhibits/001 A (Part 1 of 2).pdf",
      },
    ],
    volume: { part: 2, of: 2 },
  };
}

export function timestampsSample(): TimestampsFile {
  return {
    version: 1,
    manifest: digestOf("a"),
    asked: ["https://tsa.example/tsr", "https://down.example/tsr"],
    tokens: [
      {
        subject: "manifest.json",
        tsa: "https://tsa.example/tsr",
        file: "timestamps/01-tsa.example.tsr",
        sha256: digestOf("b"),
        genTime: "2026-01-01T12:00:00.000Z",
        serial: "2a",
        policy: "1.3.6.1.4.1.99999.1.1",
        tsaName: "CN=Test TSA",
      },
    ],
    failures: [{ tsa: "https://down.example/tsr", subject: "manifest.json", error: "could not reach the TSA (ECONNREFUSED)" }],
  };
}

export function custodySample(): CustodyEntry {
  return {
    seq: 1,
    event: "ingested",
    item_id: "evidence/kpg/listing.png",
    at_utc: "2026-01-01T00:00:00Z",
    actor: "system",
    tool: "exhibits 0.1.0",
    host: "ci",
    inputs: [digestOf("c")],
    outputs: [],
    details: { kind: "listing", format: "png" },
    prev: "",
  };
}

export function textLayerSample(): TextLayer {
  return {
    format: "exhibits-text/1",
    width: 1280,
    height: 900,
    boxes: [
      { x: 10, y: 20, width: 300, height: 18, text: "Rockstud pumps", words: [0, 120, 130, 300] },
      { x: 10.5, y: 40, width: 80, height: 18, text: "$89.99" },
    ],
  };
}

export function captureRecordSample(): CaptureRecord {
  return {
    format: "exhibits-capture/1",
    requestedUrl: "https://shop.example/item/123",
    finalUrl: "https://shop.example/item/123?ref=x",
    redirects: [{ url: "https://shop.example/item/123", status: 302, location: "/item/123?ref=x" }],
    status: 200,
    statusText: "OK",
    headers: { "content-type": "text/html" },
    remoteAddress: "203.0.113.7:443",
    tls: {
      protocol: "TLS 1.3",
      subject: "shop.example",
      issuer: "Test CA",
      subjectAlternativeNames: ["shop.example"],
      validFrom: "2026-01-01T00:00:00Z",
      validTo: "2027-01-01T00:00:00Z",
    },
    title: "Rockstud pumps",
    startedAt: "2026-11-25T17:15:24Z",
    endedAt: "2026-11-25T17:15:29Z",
    defendant: "kpg",
    marks: ["rockstud"],
    operator: "Dana Investigator",
    operatorSource: "flag",
    host: { name: "ws1", platform: "linux", release: "6.1" },
    tool: "exhibits 0.1.0",
    browser: { name: "Chromium", version: "156.0", userAgent: "Mozilla/5.0", viewport: { width: 1280, height: 900 } },
    settings: { hide: [], click: [], navigationTimeoutMs: 30000, settleTimeoutMs: 10000, maxHeight: 60000 },
    settle: { loadEvent: true, networkQuiet: true, pending: [], scrolledTo: 2400, notes: [] },
    hidden: [],
    clicked: [],
    page: { width: 1280, height: 2400, truncated: false },
    exhibitImage: "screenshot.png",
    bannerHeight: 0,
    files: { "screenshot.png": { bytes: 1000, sha256: digestOf("1") }, "text.json": { bytes: 50, sha256: digestOf("2") } },
  };
}

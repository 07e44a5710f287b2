/**
 * A certification's appendix context for the certification and notice tests: two exhibits of a Schedule A case, the
 * listing a live capture (its capture.json facts), the chat an Instagram export with a second file, the photo with EXIF.
 */
import type { AppendixContext, CaptureFacts } from "../../src/model/appendix.js";
import type { CertificationSettings } from "../../src/model/case.js";
import { sha256Bytes } from "../../src/util/hash.js";
import { config } from "./items.js";

export const LISTING = sha256Bytes("listing.png bytes");
export const CHAT = sha256Bytes("message_1.json bytes");
export const PHOTO = sha256Bytes("parcel.jpg bytes");
export const EX1_PDF = sha256Bytes("exhibit 1 pdf");
export const EX2_PDF = sha256Bytes("exhibit 2 pdf");

/** What the listing's capture.json records. */
export const CAPTURE: CaptureFacts = {
  record: "evidence/brightpeak/capture-2026-02-03/capture.json",
  tool: "exhibits 0.1.0",
  operator: "Morgan Quill",
  browser: "Chromium 156.0.8078.108",
  userAgent: "Mozilla/5.0 (X11; Linux x86_64) Chrome/156.0.0.0",
  os: "linux 6.8.0-31-generic",
  viewport: "1280 × 900 px",
  requestedUrl: "https://marketplace.example/go/88231774",
  finalUrl: "https://marketplace.example/item/88231774?twin=blue",
  response: "200 OK",
  startedAt: "2026-02-03T15:22:05Z",
  endedAt: "2026-02-03T15:22:19Z",
};

export const CERTIFICATION: CertificationSettings = {
  certifier: {
    name: "Morgan Quill",
    title: "Senior Brand-Protection Analyst",
    employer: "Lanternfish Investigations LLC",
    qualifications: [
      "I have worked for six years investigating online sales of counterfeit goods for trademark owners.",
      "I have captured and preserved more than 2,000 marketplace listings and seller conversations for use in federal court.",
    ],
  },
  signedAt: { city: "Evanston", state: "Illinois" },
  inUnitedStates: true,
  clockSource: "NTP-synchronised (time.nist.gov)",
};

export function context(over: Partial<AppendixContext> = {}, cert: CertificationSettings | null = CERTIFICATION): AppendixContext {
  return {
    config: config({
      caption: {
        court: "United States District Court for the Northern District of Illinois, Eastern Division",
        caseNumber: "1:26-cv-04417",
        judge: "Hon. Petra Lindqvist",
        plaintiffs: ["Hollowmere Outfitters, Inc.", "Hollowmere IP Holdings LLC"],
        defendants: "The Partnerships and Unincorporated Associations Identified on Schedule A",
        shortTitle: "Hollowmere v. Schedule A",
      },
      certification: cert ?? undefined,
    }),
    exhibits: [
      {
        number: 1,
        label: "1",
        title: "Listing of counterfeit Hollowmere trail jacket — store “Brightpeak Outlet”",
        defendantId: "a",
        defendantName: "Brightpeak Outlet",
        batesFirst: "HOL000001",
        batesLast: "HOL000004",
        pages: 4,
        bundlePage: 1,
        bundleFile: "bundle.pdf",
        bundleFilePage: 1,
        file: { path: "exhibits/Ex-001.pdf", bytes: 812_344, sha256: EX1_PDF },
        sources: [
          {
            path: "evidence/brightpeak/listing.png",
            bytes: 2_483_112,
            sha256: LISTING,
            kind: "listing",
            media: "png",
            format: "PNG, 1280 × 8450 px",
            url: "https://marketplace.example/item/88231774?twin=blue&ref=search_results_page_3&utm_source=shared_link_long_enough_to_wrap",
            capturedAt: "2026-02-03T15:22:05Z",
            capturedAtSource: "capture",
            capturedHow: "recorded by the capture tool",
            capturedBy: "Morgan Quill",
            capture: CAPTURE,
            transformation:
              "Full-page image of 1280 × 8450 px split into 3 pages of consecutive pixel rows at 150 dpi, every row shown once, none " +
              "scaled away; PNG pixels embedded losslessly.",
            related: [],
            redactions: 2,
            redactionBases: ["Fed. R. Civ. P. 5.2(a)(4)"],
          },
        ],
      },
      {
        number: 2,
        label: "2",
        title: "Instagram conversation with “brightpeak.deals” and photograph of parcel received",
        defendantId: "a",
        defendantName: "Brightpeak Outlet",
        batesFirst: "HOL000005",
        batesLast: "HOL000011",
        pages: 7,
        bundlePage: 5,
        bundleFile: "bundle.pdf",
        bundleFilePage: 5,
        file: { path: "exhibits/Ex-002.pdf", bytes: 1_204_551, sha256: EX2_PDF },
        sources: [
          {
            path: "evidence/brightpeak/your_instagram_activity/messages/inbox/brightpeakdeals_1789/message_1.json",
            bytes: 48_213,
            sha256: CHAT,
            kind: "message-log",
            media: "meta-thread",
            platform: "instagram",
            format: "Instagram export + 1 related file (hashes in manifest.json)",
            capturedAtSource: "unknown",
            capturedHow: "not recorded",
            transformation: "Instagram export parsed and rendered as a chronological transcript of 14 messages on 4 pages.",
            related: [
              {
                path: "evidence/brightpeak/your_instagram_activity/messages/inbox/brightpeakdeals_1789/photos/1.jpg",
                bytes: 1200,
                sha256: sha256Bytes("x"),
              },
            ],
            redactions: 0,
            redactionBases: [],
          },
          {
            path: "evidence/brightpeak/parcel.jpg",
            bytes: 3_301_007,
            sha256: PHOTO,
            kind: "photo",
            media: "jpeg",
            format: "JPEG, 4032 × 3024 px",
            capturedAt: "2026-02-19T22:10:00Z",
            capturedAtSource: "exif",
            capturedHow: "read from the image's EXIF data",
            transformation: "Image of 4032 × 3024 px fitted to one page; JPEG data embedded unchanged (no re-compression).",
            related: [],
            redactions: 0,
            redactionBases: [],
          },
        ],
      },
    ],
    twin: "public",
    builtAt: "2026-03-01T12:00:00Z",
    tool: { name: "exhibits", version: "0.1.0" },
    browser: "Chrome/156.0.8078.108",
    platform: "Linux x64, Node v20.20.2",
    redactions: 2,
    redactionBases: ["Fed. R. Civ. P. 5.2(a)(4)"],
    ...over,
  };
}

/**
 * What the exhibits and bundle stages wrote into a twin's tree: each file with its size and digest (taken as
 * it was written, or from the record of the previous build's file reused), and the parts its pages came from.
 */
import type { StoredFile } from "./digest.js";
import type { PlannedExhibit } from "./exhibit.js";
import type { ManifestNative } from "./manifest.js";

/** A file written for an exhibit (or a volume of bundle.pdf): where it is, and which of the pages it holds. */
export interface WrittenVolume {
  path: string;
  file: StoredFile;
  pages: number;
  /** 0-based index of the volume's first page in the exhibit (in the bundle, for a bundle volume). */
  firstPage: number;
}

/** A part of an exhibit's pages, kept in the build cache: bundle.pdf is joined from the very same parts. */
export interface ExhibitPartFile {
  file: string;
  read: () => Promise<Uint8Array>;
  /** The Bates labels of its pages. */
  pageLabels: string[];
  bytes: number;
  /** A stable name for the part (its entry's key and index), for the keys of files made from it. */
  key: string;
  sha256: string;
}

export interface WrittenExhibit {
  exhibit: PlannedExhibit;
  /** The exhibit's file (its first volume when it is split). */
  path: string;
  /** The files the exhibit was written to: one, or several "(Part k of m)" under the size limit. */
  volumes: WrittenVolume[];
  parts: ExhibitPartFile[];
  /** The natives kept beside it in the tree (natives/…), when the court takes no PDF with embedded files; else empty. */
  natives: ManifestNative[];
}

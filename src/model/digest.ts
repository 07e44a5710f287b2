/** A content digest, always SHA-256, written `sha256:<64 lowercase hex>`. */
export type Digest = `sha256:${string}`;

/** A file on disk, by POSIX path relative to its root (case folder or bundle folder). */
export interface StoredFile {
  path: string;
  bytes: number;
  sha256: Digest;
}

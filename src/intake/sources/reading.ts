/** What every format reader returns: the typed payload plus anything the file itself says about capture. */
export interface SourceReading<P> {
  payload: P;
  capturedAt?: string;
  capturedAtNote?: string;
  looksLikePhoto?: boolean;
}

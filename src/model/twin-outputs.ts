/** Everything written into one twin's tree before it is sealed: what custody records and the manifest lists. */
import type { TwinTree } from "./build-context.js";
import type { StoredFile } from "./digest.js";
import type { WrittenExhibit, WrittenVolume } from "./written.js";

export interface TwinOutputs {
  tree: TwinTree;
  exhibits: WrittenExhibit[];
  /** bundle.pdf, or its volumes. */
  bundle: WrittenVolume[];
  /** Other files whose size and digest were taken as they were written (appendices, logs): not read again to seal. */
  hashed: StoredFile[];
}

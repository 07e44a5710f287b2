/** Stage 2 (intake), format: JPEG photographs (and screenshots), recognised by the JPEG start-of-image marker. */
import { INPUT_BYTES } from "../../../util/input-bounds.js";
import type { ImageFormat } from "../format.js";
import { imageReader } from "../shared/image.js";
import { imageWords } from "../shared/words.js";

export const jpeg: ImageFormat<"jpeg"> = {
  media: "jpeg",
  family: "image",
  kind: "photo",
  sniff: ({ head }) => head.length >= 3 && head[0] === 0xff && head[1] === 0xd8 && head[2] === 0xff,
  maxBytes: INPUT_BYTES.image,
  names: /\.jpe?g$/i,
  read: imageReader("jpeg"),
  words: imageWords({ name: "JPEG", codec: "JPEG data embedded unchanged (no re-compression)" }),
};

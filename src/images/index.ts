/** The image room (sharp, exifr, PNG internals): probe evidence images and prepare them for PDF pages. */
export { probeImage, ImageDamagedError } from "./probe.js";
export { ImageBoundError } from "./limits.js";
export type { ImageFacts } from "./probe.js";
export { prepareImage, preparePng } from "./prepare.js";
export { readPng, PngFormatError } from "./png.js";
export { thumbnailDataUri, thumbnailIdentity } from "./thumbnail.js";
export { burnRegions } from "./burn-regions.js";
export { addBanner, BANNER_HEIGHT } from "./banner.js";
export { dHash, hammingDistance, hashWords, wordsDistance, hashOfGrid, DHASH_BITS, DHASH_RECIPE } from "./dhash.js";

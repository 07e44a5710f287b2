/** Decompression-bomb guard: the largest image (in pixels) we agree to decode. 1280 × 100,000 px fits. */
export const MAX_PIXELS = 200_000_000;

/**
 * A WebP image's dimensions from its header (VP8, VP8L or VP8X chunk), read before it is decoded so its size is
 * checked against the bounds first.
 */
export function webpDimensions(data: Buffer): { width: number; height: number } | undefined {
  if (data.length < 30) return undefined;
  const chunk = data.toString("latin1", 12, 16);
  if (chunk === "VP8X") return { width: 1 + data.readUIntLE(24, 3), height: 1 + data.readUIntLE(27, 3) };
  if (chunk === "VP8L" && data[20] === 0x2f) {
    const bits = data.readUInt32LE(21);
    return { width: 1 + (bits & 0x3fff), height: 1 + ((bits >>> 14) & 0x3fff) };
  }
  if (chunk === "VP8 " && data[23] === 0x9d && data[24] === 0x01 && data[25] === 0x2a) {
    return { width: data.readUInt16LE(26) & 0x3fff, height: data.readUInt16LE(28) & 0x3fff };
  }
  return undefined;
}

import sharp from "sharp";
const [,, src, dst, scale, top, h] = process.argv;
let img = sharp(src).rotate();
const m = await img.metadata();
if (top) img = img.extract({ left: 0, top: +top, width: m.width, height: +h });
const w = Math.round(m.width * +scale);
await img.greyscale().resize({ width: w, kernel: "lanczos3" }).png({ compressionLevel: 1 }).toFile(dst);

import sharp from "sharp";
const [,, src, dst, l, t, w, h, s] = process.argv;
await sharp(src).extract({ left: +l, top: +t, width: +w, height: +h }).greyscale().resize({ width: Math.round(+w * +s), kernel: "lanczos3" }).png().toFile(dst);

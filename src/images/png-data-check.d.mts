export function pngDataProblem(idat: Uint8Array, shape: { width: number; height: number; stride: number }): Promise<string | undefined>;

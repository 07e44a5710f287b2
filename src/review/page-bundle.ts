/**
 * The review page's script joined from its TypeScript sources by esbuild (a development dependency: in an installed
 * package the compiled form already holds the result, see bin/compiled.js). The same options as bin/compiled.js uses.
 */
export const PAGE_BUILD = { bundle: true, platform: "browser", format: "iife", target: "chrome120", logLevel: "silent" } as const;

export async function bundleReviewPage(entry: string): Promise<string> {
  const { build } = await import("esbuild");
  const r = await build({ ...PAGE_BUILD, entryPoints: [entry], write: false });
  return r.outputFiles[0]!.text;
}

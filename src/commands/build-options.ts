/** What `exhibits build` is asked (BuildOptions) and what it gives back (BuildResult). */
import type { CacheStatKind } from "../cache/index.js";
import type { Manifest } from "../model/manifest.js";
import type { Twin } from "../model/twin.js";
import type { Logger } from "../util/log.js";

export interface BuildOptions {
  cwd: string;
  /** The case folder, as the user typed it. */
  caseDir: string;
  /** Output root; the bundle goes to <out>/<case-id>/. Default: <cwd>/out. */
  out?: string;
  env?: NodeJS.ProcessEnv;
  log?: Logger;
  /** More TSAs to ask (added to case.yaml's timestamp.tsa). */
  tsa?: string[];
  /** Build even when no TSA answers (the bundle then carries no timestamp, and says so). */
  allowUntimestamped?: boolean;
  /** Sign bundle.pdf with a PKCS#12 file; its password is read from the environment variable `passwordEnv`. */
  sign?: { p12: string; passwordEnv: string };
  /** The build cache folder (default <out>/.cache), or false to reuse nothing from earlier builds. */
  cache?: string | false;
  /** A final build (as case.yaml `final: true`): no draft banners; refused while a blank for counsel remains. */
  final?: boolean;
  /**
   * Lay the bundle out and record nothing (`check --final`): no custody entries, no manifest, no timestamps; the
   * output folder is a scratch folder the caller removes.
   */
  rehearsal?: boolean;
  /**
   * The person who runs the build, recorded as the actor of its custody entries (`--operator`; else EXHIBITS_OPERATOR,
   * else case.yaml `operator`; else "operator not recorded": the OS account name is no fact about a person).
   */
  operator?: string;
  /** When another build holds the output folder: wait for it (`--wait`) instead of exiting 5. */
  wait?: boolean;
}

export interface BuildResult {
  bundleDir: string;
  /** The manifest of the single tree, or of the public twin when there are twins. */
  manifest: Manifest;
  /** Every tree written: one, or public and sealed. */
  trees: { twin: Twin; dir: string; manifest: Manifest }[];
  /** What the build cache gave (hits) and what was made anew (misses), by kind. */
  cache: Partial<Record<CacheStatKind, { hits: number; misses: number }>>;
}

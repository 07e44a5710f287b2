/**
 * Stage 2 (intake): its one problem channel. Every part of intake (finding files, sidecars, capture folders,
 * each format's reader) reports what is wrong with the input here, naming the file and the line or field; intake
 * reports them all together at the end, so the user can fix everything in one pass.
 */
import { InvalidInputError, InvalidInputErrors, type SourceLocation } from "../util/errors.js";

export class Problems {
  readonly #found: InvalidInputError[] = [];

  /** How many problems were reported so far (a step compares it before and after to know whether it added one). */
  get size(): number {
    return this.#found.length;
  }

  /** Report a problem: where (file, line or field) and what is wrong, with what to do about it. */
  add(where: SourceLocation, message: string): void {
    this.#found.push(new InvalidInputError(where, message));
  }

  /** Report problems found by a check that returns them (a schema's). */
  addAll(errors: Iterable<InvalidInputError>): void {
    for (const e of errors) this.#found.push(e);
  }

  /**
   * Run a step that stops at its first problem: the parsers throw InvalidInputError where a file cannot be read any
   * further. That problem is reported and the step gives undefined; anything else is a bug and goes on up.
   */
  async attempt<T>(step: () => T | Promise<T>): Promise<T | undefined> {
    try {
      return await step();
    } catch (e) {
      if (!(e instanceof InvalidInputError)) throw e;
      this.#found.push(e);
      return undefined;
    }
  }

  /** Throw every problem reported, each once, as one InvalidInputErrors; nothing when there are none. */
  throwIfAny(): void {
    if (this.#found.length === 0) return;
    const seen = new Set<string>();
    throw new InvalidInputErrors(this.#found.filter((e) => (seen.has(e.message) ? false : (seen.add(e.message), true))));
  }
}

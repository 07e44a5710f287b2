/** Run `f` and return the InvalidInputError it throws; fails the test if it throws anything else or nothing. */
import { expect } from "vitest";
import { InvalidInputError } from "../../src/util/errors.js";

export function errorOf(f: () => unknown): InvalidInputError {
  try {
    f();
  } catch (e) {
    expect(e).toBeInstanceOf(InvalidInputError);
    return e as InvalidInputError;
  }
  throw new Error("expected an InvalidInputError");
}

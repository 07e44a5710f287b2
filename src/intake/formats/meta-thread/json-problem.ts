/**
 * Stage 2 (intake), format meta-thread: where a JSON file's first syntax error is, as a line and column and what
 * was expected there (JSON.parse says only "Unexpected token"), so a damaged export's problem names its place.
 */

/** 1-based line and column of a character offset. */
export function lineColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let start = 0;
  for (let i = 0; i < offset && i < text.length; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      start = i + 1;
    }
  }
  return { line, column: offset - start + 1 };
}

/** Where the first JSON syntax error is and what was expected there; undefined if the text is valid JSON. */
export function jsonProblem(s: string): { offset: number; expected: string } | undefined {
  let i = 0;
  const stack: string[] = [];
  const fail = (expected: string) => ({ offset: i, expected });
  const ws = () => {
    while (i < s.length) {
      const c = s.charCodeAt(i);
      if (c === 32 || c === 9 || c === 10 || c === 13) i++;
      else break;
    }
  };
  const readString = (): string | undefined => {
    i++; // opening quote
    for (;;) {
      if (i >= s.length) return "a closing '\"' (the text ends inside a string)";
      const c = s.charCodeAt(i);
      if (c === 34) {
        i++;
        return undefined;
      }
      if (c < 0x20) return "no raw control character or line break inside a string (use \\n)";
      if (c === 92) {
        const e = s[i + 1];
        if (e === "u") {
          if (!/^[0-9a-fA-F]{4}$/.test(s.slice(i + 2, i + 6))) {
            i++;
            return "four hex digits after \\u";
          }
          i += 6;
        } else if (e !== undefined && '"\\/bfnrt'.includes(e)) i += 2;
        else {
          i++;
          return 'a valid escape after \\ (\\" \\\\ \\/ \\b \\f \\n \\r \\t \\uXXXX)';
        }
      } else i++;
    }
  };
  const readKey = (): string | undefined => {
    ws();
    if (s[i] !== '"') return "a property name in double quotes";
    const bad = readString();
    if (bad) return bad;
    ws();
    if (s[i] !== ":") return "':' after the property name";
    i++;
    return undefined;
  };
  const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;

  for (;;) {
    // A value is expected at i.
    ws();
    const c = s[i];
    if (c === "{") {
      i++;
      ws();
      if (s[i] === "}") {
        i++;
      } else {
        stack.push("}");
        const bad = readKey();
        if (bad) return fail(bad);
        continue;
      }
    } else if (c === "[") {
      i++;
      ws();
      if (s[i] === "]") {
        i++;
      } else {
        stack.push("]");
        continue;
      }
    } else if (c === '"') {
      const bad = readString();
      if (bad) return fail(bad);
    } else if (c !== undefined && (c === "-" || (c >= "0" && c <= "9"))) {
      NUMBER.lastIndex = i;
      const m = NUMBER.exec(s);
      if (!m) return fail("a number");
      i += m[0].length;
    } else if (s.startsWith("true", i)) i += 4;
    else if (s.startsWith("false", i)) i += 5;
    else if (s.startsWith("null", i)) i += 4;
    else return fail(i >= s.length ? "a value (the text ends too early)" : "a value (object, array, string, number, true, false or null)");
    // After a value: a comma, a closing bracket, or the end.
    for (;;) {
      ws();
      const close = stack[stack.length - 1];
      if (close === undefined) return i < s.length ? fail("the end of the file after the top-level value") : undefined;
      if (s[i] === ",") {
        i++;
        if (close === "}") {
          const bad = readKey();
          if (bad) return fail(bad);
        }
        break;
      }
      if (s[i] === close) {
        i++;
        stack.pop();
        continue;
      }
      return fail(i >= s.length ? `'${close}' (the text ends too early)` : `',' or '${close}'`);
    }
  }
}

/**
 * Where JSON text goes wrong. V8's JSON.parse names a position for some errors and only a snippet for others
 * ("Unexpected token 'x', ... is not valid JSON"), so this scanner finds the offset itself: a user fixing a
 * file needs the line and column either way.
 */

/** Line and column, both counted from 1 (as editors show them). */
export interface TextPosition {
  line: number;
  column: number;
}

export function positionAt(text: string, offset: number): TextPosition {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset && i < text.length; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: offset - lineStart + 1 };
}

class SyntaxStop {
  constructor(readonly offset: number | undefined) {}
}

// Deeper nesting than this gives up (undefined) rather than overflow the stack on a hostile file.
const MAX_DEPTH = 2000;

/**
 * The offset of the first character that makes `text` invalid JSON (text.length when it ends too early), or
 * undefined when it is valid (or nested too deeply to tell).
 */
export function jsonErrorOffset(text: string): number | undefined {
  let at = 0;
  let depth = 0;
  const fail = (): never => {
    throw new SyntaxStop(at);
  };
  const space = () => {
    while (at < text.length && ' \t\n\r'.includes(text[at])) at++;
  };
  const expect = (char: string) => {
    if (text[at] !== char) fail();
    at++;
  };
  const literal = (word: string) => {
    for (const char of word) expect(char);
  };
  const digits = () => {
    const start = at;
    while (at < text.length && text[at] >= '0' && text[at] <= '9') at++;
    if (at === start) fail();
  };
  const number = () => {
    if (text[at] === '-') at++;
    if (text[at] === '0') at++;
    else digits();
    if (text[at] === '.') {
      at++;
      digits();
    }
    if (text[at] === 'e' || text[at] === 'E') {
      at++;
      if (text[at] === '+' || text[at] === '-') at++;
      digits();
    }
  };
  const string = () => {
    expect('"');
    for (;;) {
      if (at >= text.length) fail();
      const char = text[at];
      if (char === '"') {
        at++;
        return;
      }
      if (char < ' ') fail();
      if (char === '\\') {
        at++;
        if (text[at] === 'u') {
          at++;
          for (let i = 0; i < 4; i++) {
            if (!/[0-9a-fA-F]/.test(text[at] ?? '')) fail();
            at++;
          }
          continue;
        }
        if (!'"\\/bfnrt'.includes(text[at] ?? 'x')) fail();
      }
      at++;
    }
  };
  const sequence = (close: string, item: () => void) => {
    if (++depth > MAX_DEPTH) throw new SyntaxStop(undefined);
    at++;
    space();
    if (text[at] === close) {
      at++;
      depth--;
      return;
    }
    for (;;) {
      item();
      space();
      if (text[at] === close) {
        at++;
        depth--;
        return;
      }
      expect(',');
      space();
    }
  };
  const value = (): void => {
    space();
    const char = text[at];
    if (char === '{') {
      sequence('}', () => {
        string();
        space();
        expect(':');
        value();
      });
    } else if (char === '[') sequence(']', value);
    else if (char === '"') string();
    else if (char === 't') literal('true');
    else if (char === 'f') literal('false');
    else if (char === 'n') literal('null');
    else if (char === '-' || (char >= '0' && char <= '9')) number();
    else fail();
  };
  try {
    value();
    space();
    if (at < text.length) fail();
    return undefined;
  } catch (error) {
    if (error instanceof SyntaxStop) return error.offset;
    throw error;
  }
}

/**
 * application/json with ModSecurity v2's semantics (apache2/msc_json.c over yajl 2):
 *
 * - Argument names follow v2's prefix/key bookkeeping, with no `json.` prefix (that prefix is
 *   libmodsecurity 3 / Coraza; CRS 4 keeps `^(?:json\.)?` in its rules and a v3-only exclusion
 *   for it): `{"a":{"b":1}}` gives `a.b`; an array element repeats the array's key, so
 *   `{"a":[1,2]}` gives `a.a` twice; a top-level array is named `array`, its elements
 *   `array.array`.
 * - Values: strings decoded as yajl does (`\uXXXX` to UTF-8 bytes, a lone high surrogate to `?`),
 *   numbers as their raw text, `true`/`false`, `null` as the empty string.
 * - Strings must be valid UTF-8 (yajl's check: lead byte and continuation bytes only).
 * - Errors carry yajl's messages ("lexical error: invalid char in json text.", "parse error:
 *   premature EOF", ...) behind v2's "JSON parsing error: " (found while feeding the body) or
 *   "JSON parser error: " (found at completion) prefixes; yajl's trailing newline is dropped.
 *   Arguments found before an error are kept, as v2 adds them while parsing.
 */
import type { BodyLimits, BodyProcessor, BodyResult } from './types.js';

const enum Tok {
  Eof, Error, String, Number, True, False, Null, LeftBrace, RightBrace, LeftBracket, RightBracket, Colon, Comma,
}

const enum State {
  Start, ParseComplete, MapStart, MapNeedKey, MapSep, MapNeedVal, MapGotVal, ArrayStart, ArrayNeedVal, ArrayGotVal,
}

/** Raised to stop parsing; `atEnd` says the error was only found at completion. */
class JsonStop {
  constructor(readonly message: string, readonly atEnd: boolean) {}
}

function isDigit(c: number): boolean {
  return c >= 0x30 && c <= 0x39;
}

function hexValue(c: number): number {
  if (c >= 0x30 && c <= 0x39) return c - 0x30;
  const l = c | 0x20;
  return l >= 0x61 && l <= 0x66 ? l - 0x61 + 10 : -1;
}

/** yajl's Utf32toUtf8() */
function utf8(cp: number): string {
  if (cp < 0x80) return String.fromCharCode(cp);
  if (cp < 0x800) return String.fromCharCode(0xc0 | (cp >> 6), 0x80 | (cp & 0x3f));
  if (cp < 0x10000) {
    return String.fromCharCode(0xe0 | (cp >> 12), 0x80 | ((cp >> 6) & 0x3f), 0x80 | (cp & 0x3f));
  }
  if (cp < 0x200000) {
    return String.fromCharCode(0xf0 | (cp >> 18), 0x80 | ((cp >> 12) & 0x3f), 0x80 | ((cp >> 6) & 0x3f), 0x80 | (cp & 0x3f));
  }
  return '?';
}

/** yajl_string_decode(), quirks included (a lone high surrogate eats the byte after it). */
function decodeEscapes(s: string): string {
  const out: string[] = [];
  let beg = 0;
  let end = 0;
  const n = s.length;
  const hex4 = (at: number): number =>
    (hexValue(s.charCodeAt(at)) << 12) | (hexValue(s.charCodeAt(at + 1)) << 8) |
    (hexValue(s.charCodeAt(at + 2)) << 4) | hexValue(s.charCodeAt(at + 3));
  while (end < n) {
    if (s.charCodeAt(end) !== 0x5c) {
      end++;
      continue;
    }
    out.push(s.slice(beg, end));
    end++;
    let unescaped: string;
    switch (s[end]) {
      case 'r': unescaped = '\r'; break;
      case 'n': unescaped = '\n'; break;
      case '\\': unescaped = '\\'; break;
      case '/': unescaped = '/'; break;
      case '"': unescaped = '"'; break;
      case 'f': unescaped = '\f'; break;
      case 'b': unescaped = '\b'; break;
      case 't': unescaped = '\t'; break;
      default: {
        // 'u' (the lexer admits no other escape)
        let cp = hex4(end + 1);
        end += 4;
        if ((cp & 0xfc00) === 0xd800) {
          end++;
          if (s[end] === '\\' && s[end + 1] === 'u') {
            const low = hex4(end + 2);
            cp = ((cp & 0x3f) << 10) | ((((cp >> 6) & 0xf) + 1) << 16) | (low & 0x3ff);
            end += 5;
            unescaped = utf8(cp);
          } else {
            unescaped = '?';
          }
        } else {
          unescaped = utf8(cp);
        }
      }
    }
    out.push(unescaped);
    beg = ++end;
  }
  out.push(s.slice(beg, Math.min(end, n)));
  return out.join('');
}

class JsonParser {
  readonly args: Array<[string, string]> = [];
  private pos = 0;
  /** Highest index the lexer looked at; at or past the body's end means "found at completion". */
  private seen = 0;
  private tokValue = '';
  private lexError = '';
  // msc_json.c state
  private prefix: string | null = null;
  private currentKey: string | null = null;
  private depth = 0;

  constructor(private readonly body: string, private readonly limits: BodyLimits) {}

  /**
   * Byte at index i; the body is followed by one space (yajl_complete_parse feeds " ") and then
   * by end of input (-1).
   */
  private at(i: number): number {
    if (i > this.seen) this.seen = i;
    if (i < this.body.length) return this.body.charCodeAt(i);
    return i === this.body.length ? 0x20 : -1;
  }

  private stop(message: string, atEnd = this.seen >= this.body.length): never {
    throw new JsonStop(message, atEnd);
  }

  private lexFail(message: string): Tok {
    this.lexError = message;
    return Tok.Error;
  }

  /** yajl_lex_lex() */
  private lex(): Tok {
    for (;;) {
      const c = this.at(this.pos);
      if (c < 0) return Tok.Eof;
      this.pos++;
      switch (c) {
        case 0x20: case 0x09: case 0x0a: case 0x0b: case 0x0c: case 0x0d:
          continue;
        case 0x7b: return Tok.LeftBrace;
        case 0x7d: return Tok.RightBrace;
        case 0x5b: return Tok.LeftBracket;
        case 0x5d: return Tok.RightBracket;
        case 0x2c: return Tok.Comma;
        case 0x3a: return Tok.Colon;
        case 0x74: return this.lexLiteral('rue', Tok.True);
        case 0x66: return this.lexLiteral('alse', Tok.False);
        case 0x6e: return this.lexLiteral('ull', Tok.Null);
        case 0x22: return this.lexString();
        case 0x2f: return this.lexFail('probable comment found in input text, comments are not enabled.');
        default:
          if (c === 0x2d || isDigit(c)) {
            this.pos--;
            return this.lexNumber();
          }
          return this.lexFail('invalid char in json text.');
      }
    }
  }

  private lexLiteral(rest: string, tok: Tok): Tok {
    for (let k = 0; k < rest.length; k++) {
      const c = this.at(this.pos);
      if (c < 0) return Tok.Eof;
      if (c !== rest.charCodeAt(k)) return this.lexFail('invalid string in json text.');
      this.pos++;
    }
    return tok;
  }

  private lexNumber(): Tok {
    const start = this.pos;
    let c = this.at(this.pos);
    if (c === 0x2d) c = this.at(++this.pos);
    if (c === 0x30) {
      c = this.at(++this.pos);
    } else if (isDigit(c)) {
      do c = this.at(++this.pos); while (isDigit(c));
    } else {
      return c < 0 ? Tok.Eof : this.lexFail('malformed number, a digit is required after the minus sign.');
    }
    if (c === 0x2e) {
      c = this.at(++this.pos);
      if (!isDigit(c)) return c < 0 ? Tok.Eof : this.lexFail('malformed number, a digit is required after the decimal point.');
      do c = this.at(++this.pos); while (isDigit(c));
    }
    if (c === 0x65 || c === 0x45) {
      c = this.at(++this.pos);
      if (c === 0x2b || c === 0x2d) c = this.at(++this.pos);
      if (!isDigit(c)) return c < 0 ? Tok.Eof : this.lexFail('malformed number, a digit is required after the exponent.');
      do c = this.at(++this.pos); while (isDigit(c));
    }
    if (c < 0) return Tok.Eof;
    this.tokValue = this.body.slice(start, this.pos);
    return Tok.Number;
  }

  private lexString(): Tok {
    const start = this.pos;
    let escapes = false;
    for (;;) {
      const c = this.at(this.pos);
      if (c < 0) return Tok.Eof;
      this.pos++;
      if (c === 0x22) break;
      if (c === 0x5c) {
        escapes = true;
        const e = this.at(this.pos);
        if (e < 0) return Tok.Eof;
        this.pos++;
        if (e === 0x75) {
          for (let k = 0; k < 4; k++) {
            const h = this.at(this.pos);
            if (h < 0) return Tok.Eof;
            this.pos++;
            if (hexValue(h) < 0) return this.lexFail("invalid (non-hex) character occurs after '\\u' inside string.");
          }
        } else if ('"\\/bfnrt'.indexOf(String.fromCharCode(e)) < 0) {
          return this.lexFail('invalid escaped character in string.');
        }
      } else if (c < 0x20) {
        return this.lexFail('invalid character inside string.');
      } else if (c >= 0x80) {
        const more = (c >> 5) === 0x6 ? 1 : (c >> 4) === 0xe ? 2 : (c >> 3) === 0x1e ? 3 : -1;
        if (more < 0) return this.lexFail('invalid bytes in UTF8 string.');
        for (let k = 0; k < more; k++) {
          const d = this.at(this.pos);
          if (d < 0) return Tok.Eof;
          this.pos++;
          if ((d >> 6) !== 0x2) return this.lexFail('invalid bytes in UTF8 string.');
        }
      }
    }
    const raw = this.body.slice(start, this.pos - 1);
    this.tokValue = escapes ? decodeEscapes(raw) : raw;
    return Tok.String;
  }

  // --- msc_json.c callbacks ---

  private addArgument(value: string): void {
    const key = this.currentKey ?? '';
    if (this.args.length >= this.limits.argumentsLimit) {
      this.stop('parse error: client cancelled parse via callback return value');
    }
    this.args.push([this.prefix !== null ? `${this.prefix}.${key}` : key, value]);
  }

  private enter(): void {
    this.depth++;
    if (this.depth > this.limits.jsonDepthLimit) this.stop('JSON depth limit exceeded');
  }

  private startMap(): void {
    // A top-level object opens no prefix and no depth level.
    if (this.currentKey === null) return;
    this.prefix = this.prefix !== null ? `${this.prefix}.${this.currentKey}` : this.currentKey;
    this.enter();
  }

  private endMap(): void {
    if (this.prefix === null) return;
    const dot = this.prefix.lastIndexOf('.');
    if (dot >= 0) {
      this.currentKey = this.prefix.slice(dot + 1);
      this.prefix = this.prefix.slice(0, dot);
    } else {
      this.currentKey = this.prefix;
      this.prefix = null;
    }
    this.depth--;
  }

  private startArray(): void {
    if (this.currentKey === null && this.prefix === null) {
      this.prefix = 'array';
      this.currentKey = 'array';
    } else if (this.prefix !== null) {
      this.prefix = `${this.prefix}.${this.currentKey}`;
    } else {
      this.prefix = this.currentKey;
    }
    this.enter();
  }

  private endArray(): void {
    if (this.prefix === null) return;
    const dot = this.prefix.lastIndexOf('.');
    this.prefix = dot >= 0 ? this.prefix.slice(0, dot) : null;
    this.depth--;
  }

  /** yajl_do_parse() + yajl_do_finish() over the whole body. */
  run(): void {
    const stack: State[] = [State.Start];
    for (;;) {
      const state = stack[stack.length - 1]!;
      switch (state) {
        case State.ParseComplete: {
          const t = this.lex();
          if (t !== Tok.Eof) this.stop('parse error: trailing garbage');
          return;
        }
        case State.Start:
        case State.MapNeedVal:
        case State.ArrayNeedVal:
        case State.ArrayStart: {
          const t = this.lex();
          let push: State | null = null;
          switch (t) {
            case Tok.Eof:
              this.stop('parse error: premature EOF', true);
            case Tok.Error:
              this.stop(`lexical error: ${this.lexError}`);
            case Tok.String: case Tok.Number:
              this.addArgument(this.tokValue);
              break;
            case Tok.True: this.addArgument('true'); break;
            case Tok.False: this.addArgument('false'); break;
            case Tok.Null: this.addArgument(''); break;
            case Tok.LeftBrace:
              this.startMap();
              push = State.MapStart;
              break;
            case Tok.LeftBracket:
              this.startArray();
              push = State.ArrayStart;
              break;
            case Tok.RightBracket:
              if (state === State.ArrayStart) {
                this.endArray();
                stack.pop();
                continue;
              }
              this.stop('parse error: unallowed token at this point in JSON text');
            default:
              this.stop('parse error: unallowed token at this point in JSON text');
          }
          stack[stack.length - 1] =
            state === State.Start ? State.ParseComplete : state === State.MapNeedVal ? State.MapGotVal : State.ArrayGotVal;
          if (push !== null) stack.push(push);
          continue;
        }
        case State.MapStart:
        case State.MapNeedKey: {
          const t = this.lex();
          if (t === Tok.Eof) this.stop('parse error: premature EOF', true);
          if (t === Tok.Error) this.stop(`lexical error: ${this.lexError}`);
          if (t === Tok.String) {
            this.currentKey = this.tokValue;
            stack[stack.length - 1] = State.MapSep;
            continue;
          }
          if (t === Tok.RightBrace && state === State.MapStart) {
            this.endMap();
            stack.pop();
            continue;
          }
          this.stop('parse error: invalid object key (must be a string)');
        }
        case State.MapSep: {
          const t = this.lex();
          if (t === Tok.Eof) this.stop('parse error: premature EOF', true);
          if (t === Tok.Error) this.stop(`lexical error: ${this.lexError}`);
          if (t !== Tok.Colon) this.stop("parse error: object key and value must be separated by a colon (':')");
          stack[stack.length - 1] = State.MapNeedVal;
          continue;
        }
        case State.MapGotVal:
        case State.ArrayGotVal: {
          const t = this.lex();
          if (t === Tok.Eof) this.stop('parse error: premature EOF', true);
          if (t === Tok.Error) this.stop(`lexical error: ${this.lexError}`);
          const inMap = state === State.MapGotVal;
          if (t === (inMap ? Tok.RightBrace : Tok.RightBracket)) {
            if (inMap) this.endMap();
            else this.endArray();
            stack.pop();
          } else if (t === Tok.Comma) {
            stack[stack.length - 1] = inMap ? State.MapNeedKey : State.ArrayNeedVal;
          } else {
            this.stop(
              inMap
                ? "parse error: after key and value, inside map, I expect ',' or '}'"
                : "parse error: after array element, I expect ',' or ']'",
            );
          }
          continue;
        }
      }
    }
  }
}

export interface JsonParse {
  args: Array<[string, string]>;
  error: string | null;
}

/** Parse a JSON body into ModSecurity v2's ARGS. Never throws. */
export function parseJson(body: string, limits: BodyLimits): JsonParse {
  const parser = new JsonParser(body, limits);
  try {
    parser.run();
    return { args: parser.args, error: null };
  } catch (e) {
    if (!(e instanceof JsonStop)) throw e;
    const prefix = e.atEnd ? 'JSON parser error: ' : 'JSON parsing error: ';
    return { args: parser.args, error: prefix + e.message };
  }
}

export const jsonProcessor: BodyProcessor = {
  name: 'JSON',
  parse(body, _contentType, limits): BodyResult {
    const { args, error } = parseJson(body, limits);
    return error === null ? { args, error } : { args, error, errorLog: error };
  },
};

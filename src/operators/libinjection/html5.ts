/**
 * The small HTML5 tokenizer behind libinjection's XSS check: a port of libinjection_html5.c.
 * Input is a binary string. Quirks of the C code kept on purpose:
 *  - h5_is_white() uses strchr(), so NUL counts as white space;
 *  - h5_skip_white() returns a signed char, so a 0xFF byte reads as end of input.
 */

export const DATA_TEXT = 0;
export const TAG_NAME_OPEN = 1;
export const TAG_NAME_CLOSE = 2;
export const TAG_NAME_SELFCLOSE = 3;
export const TAG_DATA = 4;
export const TAG_CLOSE = 5;
export const ATTR_NAME = 6;
export const ATTR_VALUE = 7;
export const TAG_COMMENT = 8;
export const DOCTYPE = 9;

export const TOKEN_TYPE_NAMES = [
  'DATA_TEXT',
  'TAG_NAME_OPEN',
  'TAG_NAME_CLOSE',
  'TAG_NAME_SELFCLOSE',
  'TAG_DATA',
  'TAG_CLOSE',
  'ATTR_NAME',
  'ATTR_VALUE',
  'TAG_COMMENT',
  'DOCTYPE',
] as const;

/** Initial states (enum html5_flags). */
export const DATA_STATE = 0;
export const VALUE_NO_QUOTE = 1;
export const VALUE_SINGLE_QUOTE = 2;
export const VALUE_DOUBLE_QUOTE = 3;
export const VALUE_BACK_QUOTE = 4;

// States of the machine (the C code keeps a function pointer).
const S_EOF = 0;
const S_DATA = 1;
const S_TAG_OPEN = 2;
const S_TAG_NAME_CLOSE = 3;
const S_BEFORE_ATTRIBUTE_NAME = 4;
const S_AFTER_ATTRIBUTE_NAME = 5;
const S_ATTR_VALUE_DOUBLE = 6;
const S_ATTR_VALUE_SINGLE = 7;
const S_ATTR_VALUE_BACK = 8;
const S_AFTER_ATTRIBUTE_VALUE_QUOTED = 9;
const S_SELF_CLOSING_START_TAG = 10;
const S_BEFORE_ATTRIBUTE_VALUE = 11;

const CHAR_EOF = -1;
const CHAR_BANG = 0x21;
const CHAR_DOUBLE = 0x22;
const CHAR_PERCENT = 0x25;
const CHAR_SINGLE = 0x27;
const CHAR_DASH = 0x2d;
const CHAR_SLASH = 0x2f;
const CHAR_EQUALS = 0x3d;
const CHAR_GT = 0x3e;
const CHAR_QUESTION = 0x3f;
const CHAR_RIGHTB = 0x5d;
const CHAR_TICK = 0x60;

function isWhite(ch: number): boolean {
  return ch === 0x20 || ch === 0x09 || ch === 0x0a || ch === 0x0b || ch === 0x0c || ch === 0x0d || ch === 0;
}

function isAlpha(ch: number): boolean {
  return (ch >= 0x61 && ch <= 0x7a) || (ch >= 0x41 && ch <= 0x5a);
}

/**
 * Index of the first char at or after `from` that `stop` (a global one-class pattern) matches, or
 * the end. The token loops below switch to this native scan once a token is LONG_TOKEN chars
 * long: a token may be a whole 64 KB value, while a call costs about as much as 10 chars of a loop.
 */
function scanTo(stop: RegExp, s: string, from: number): number {
  stop.lastIndex = from;
  return stop.test(s) ? stop.lastIndex - 1 : s.length;
}

const LONG_TOKEN = 16;
/** Not white (as isWhite: NUL included). */
const NOT_WHITE = /[^\0\t-\r ]/g;
/** What tagName() stops at (not at NUL: IE ignores it there), attributeName(), attributeValueNoQuote(). */
const TAG_NAME_END = /[\t-\r \/>]/g;
const ATTR_NAME_END = /[\0\t-\r \/=>]/g;
const ATTR_VALUE_END = /[\0\t-\r >]/g;
const TAG_START = /<[!\/?%A-Za-z\0]/g;

export class H5State {
  s = '';
  len = 0;
  pos = 0;
  isClose = false;
  state = S_EOF;
  tokenStart = 0;
  tokenLen = 0;
  tokenType = DATA_TEXT;

  init(s: string, flags: number): void {
    this.s = s;
    this.len = s.length;
    this.pos = 0;
    this.isClose = false;
    this.tokenStart = 0;
    this.tokenLen = 0;
    this.tokenType = DATA_TEXT;
    switch (flags) {
      case VALUE_NO_QUOTE:
        this.state = S_BEFORE_ATTRIBUTE_NAME;
        break;
      case VALUE_SINGLE_QUOTE:
        this.state = S_ATTR_VALUE_SINGLE;
        break;
      case VALUE_DOUBLE_QUOTE:
        this.state = S_ATTR_VALUE_DOUBLE;
        break;
      case VALUE_BACK_QUOTE:
        this.state = S_ATTR_VALUE_BACK;
        break;
      default:
        this.state = S_DATA;
    }
  }

  /** Reads the next token; false at the end. */
  next(): boolean {
    switch (this.state) {
      case S_DATA:
        return this.data();
      case S_TAG_OPEN:
        return this.tagOpen();
      case S_TAG_NAME_CLOSE:
        return this.tagNameClose();
      case S_BEFORE_ATTRIBUTE_NAME:
        return this.beforeAttributeName();
      case S_AFTER_ATTRIBUTE_NAME:
        return this.afterAttributeName();
      case S_ATTR_VALUE_DOUBLE:
        return this.attributeValueQuote(CHAR_DOUBLE);
      case S_ATTR_VALUE_SINGLE:
        return this.attributeValueQuote(CHAR_SINGLE);
      case S_ATTR_VALUE_BACK:
        return this.attributeValueQuote(CHAR_TICK);
      case S_AFTER_ATTRIBUTE_VALUE_QUOTED:
        return this.afterAttributeValueQuoted();
      case S_SELF_CLOSING_START_TAG:
        return this.selfClosingStartTag();
      case S_BEFORE_ATTRIBUTE_VALUE:
        return this.beforeAttributeValue();
      default:
        return false;
    }
  }

  /**
   * In the data state, moves on to the next `<` that may open a tag (followed by `!`, `/`, `?`,
   * `%`, a letter or NUL): what lies before it only makes DATA_TEXT tokens, which a caller that
   * ignores them (the XSS check) need not read one by one (a run of `<` makes one per byte).
   */
  skipText(): void {
    if (this.state !== S_DATA) return;
    TAG_START.lastIndex = this.pos;
    this.pos = TAG_START.test(this.s) ? TAG_START.lastIndex - 2 : this.len;
  }

  /** The current token's text. */
  token(): string {
    return this.s.substr(this.tokenStart, this.tokenLen);
  }

  private emit(type: number, start: number, len: number): true {
    this.tokenType = type;
    this.tokenStart = start;
    this.tokenLen = len;
    return true;
  }

  private skipWhite(): number {
    const { s, len } = this;
    const start = this.pos;
    while (this.pos < len) {
      if (this.pos - start === LONG_TOKEN) this.pos = scanTo(NOT_WHITE, s, this.pos);
      if (this.pos >= len) break;
      const ch = s.charCodeAt(this.pos);
      if (isWhite(ch)) {
        this.pos += 1;
      } else {
        // signed char: 0xFF is -1, i.e. CHAR_EOF
        return ch === 0xff ? CHAR_EOF : ch;
      }
    }
    return CHAR_EOF;
  }

  private data(): boolean {
    const { s, len, pos } = this;
    if (len < pos) return false;
    const idx = s.indexOf('<', pos);
    if (idx < 0) {
      this.emit(DATA_TEXT, pos, len - pos);
      this.state = S_EOF;
      return this.tokenLen !== 0;
    }
    this.emit(DATA_TEXT, pos, idx - pos);
    this.pos = idx + 1;
    this.state = S_TAG_OPEN;
    if (this.tokenLen === 0) return this.tagOpen();
    return true;
  }

  private tagOpen(): boolean {
    const { s, len } = this;
    if (this.pos >= len) return false;
    const ch = s.charCodeAt(this.pos);
    if (ch === CHAR_BANG) {
      this.pos += 1;
      return this.markupDeclarationOpen();
    } else if (ch === CHAR_SLASH) {
      this.pos += 1;
      this.isClose = true;
      return this.endTagOpen();
    } else if (ch === CHAR_QUESTION) {
      this.pos += 1;
      return this.bogusComment();
    } else if (ch === CHAR_PERCENT) {
      // IE <= 9 and Safari < 4.0.3 comment form <% ... %>
      this.pos += 1;
      return this.bogusComment2();
    } else if (isAlpha(ch) || ch === 0) {
      // NUL: IE ignores it in tag names
      return this.tagName();
    }
    if (this.pos === 0) return this.data();
    this.emit(DATA_TEXT, this.pos - 1, 1);
    this.state = S_DATA;
    return true;
  }

  private endTagOpen(): boolean {
    if (this.pos >= this.len) return false;
    const ch = this.s.charCodeAt(this.pos);
    if (ch === CHAR_GT) return this.data();
    if (isAlpha(ch)) return this.tagName();
    this.isClose = false;
    return this.bogusComment();
  }

  private tagNameClose(): boolean {
    this.isClose = false;
    this.emit(TAG_NAME_CLOSE, this.pos, 1);
    this.pos += 1;
    this.state = this.pos < this.len ? S_DATA : S_EOF;
    return true;
  }

  private tagName(): boolean {
    const { s, len } = this;
    const start = this.pos;
    for (let pos = start; pos < len; pos++) {
      if (pos - start === LONG_TOKEN && (pos = scanTo(TAG_NAME_END, s, pos)) === len) break;
      const ch = s.charCodeAt(pos);
      if (ch === 0) continue;
      if (isWhite(ch)) {
        this.emit(TAG_NAME_OPEN, start, pos - start);
        this.pos = pos + 1;
        this.state = S_BEFORE_ATTRIBUTE_NAME;
        return true;
      } else if (ch === CHAR_SLASH) {
        this.emit(TAG_NAME_OPEN, start, pos - start);
        this.pos = pos + 1;
        this.state = S_SELF_CLOSING_START_TAG;
        return true;
      } else if (ch === CHAR_GT) {
        if (this.isClose) {
          this.emit(TAG_CLOSE, start, pos - start);
          this.pos = pos + 1;
          this.isClose = false;
          this.state = S_DATA;
        } else {
          this.emit(TAG_NAME_OPEN, start, pos - start);
          this.pos = pos;
          this.state = S_TAG_NAME_CLOSE;
        }
        return true;
      }
    }
    this.emit(TAG_NAME_OPEN, start, len - start);
    this.state = S_EOF;
    return true;
  }

  private beforeAttributeName(): boolean {
    const ch = this.skipWhite();
    if (ch === CHAR_EOF) return false;
    if (ch === CHAR_SLASH) {
      this.pos += 1;
      return this.selfClosingStartTag();
    }
    if (ch === CHAR_GT) {
      this.state = S_DATA;
      this.emit(TAG_NAME_CLOSE, this.pos, 1);
      this.pos += 1;
      return true;
    }
    return this.attributeName();
  }

  private attributeName(): boolean {
    const { s, len } = this;
    const start = this.pos;
    for (let pos = start + 1; pos < len; pos++) {
      if (pos - start === LONG_TOKEN && (pos = scanTo(ATTR_NAME_END, s, pos)) === len) break;
      const ch = s.charCodeAt(pos);
      if (isWhite(ch)) {
        this.emit(ATTR_NAME, start, pos - start);
        this.state = S_AFTER_ATTRIBUTE_NAME;
        this.pos = pos + 1;
        return true;
      } else if (ch === CHAR_SLASH) {
        this.emit(ATTR_NAME, start, pos - start);
        this.state = S_SELF_CLOSING_START_TAG;
        this.pos = pos + 1;
        return true;
      } else if (ch === CHAR_EQUALS) {
        this.emit(ATTR_NAME, start, pos - start);
        this.state = S_BEFORE_ATTRIBUTE_VALUE;
        this.pos = pos + 1;
        return true;
      } else if (ch === CHAR_GT) {
        this.emit(ATTR_NAME, start, pos - start);
        this.state = S_TAG_NAME_CLOSE;
        this.pos = pos;
        return true;
      }
    }
    this.emit(ATTR_NAME, start, len - start);
    this.state = S_EOF;
    this.pos = len;
    return true;
  }

  private afterAttributeName(): boolean {
    const ch = this.skipWhite();
    if (ch === CHAR_EOF) return false;
    if (ch === CHAR_SLASH) {
      this.pos += 1;
      return this.selfClosingStartTag();
    }
    if (ch === CHAR_EQUALS) {
      this.pos += 1;
      return this.beforeAttributeValue();
    }
    if (ch === CHAR_GT) return this.tagNameClose();
    return this.attributeName();
  }

  private beforeAttributeValue(): boolean {
    const ch = this.skipWhite();
    if (ch === CHAR_EOF) {
      this.state = S_EOF;
      return false;
    }
    if (ch === CHAR_DOUBLE) return this.attributeValueQuote(CHAR_DOUBLE);
    if (ch === CHAR_SINGLE) return this.attributeValueQuote(CHAR_SINGLE);
    if (ch === CHAR_TICK) return this.attributeValueQuote(CHAR_TICK); // IE
    return this.attributeValueNoQuote();
  }

  private attributeValueQuote(qchar: number): boolean {
    // At pos 0 we started inside a value (no opening quote to skip).
    if (this.pos > 0) this.pos += 1;
    const start = this.pos;
    const idx = this.s.indexOf(String.fromCharCode(qchar), start);
    if (idx < 0) {
      this.emit(ATTR_VALUE, start, this.len - start);
      this.state = S_EOF;
    } else {
      this.emit(ATTR_VALUE, start, idx - start);
      this.state = S_AFTER_ATTRIBUTE_VALUE_QUOTED;
      this.pos += this.tokenLen + 1;
    }
    return true;
  }

  private attributeValueNoQuote(): boolean {
    const { s, len } = this;
    const start = this.pos;
    for (let pos = start; pos < len; pos++) {
      if (pos - start === LONG_TOKEN && (pos = scanTo(ATTR_VALUE_END, s, pos)) === len) break;
      const ch = s.charCodeAt(pos);
      if (isWhite(ch)) {
        this.emit(ATTR_VALUE, start, pos - start);
        this.pos = pos + 1;
        this.state = S_BEFORE_ATTRIBUTE_NAME;
        return true;
      } else if (ch === CHAR_GT) {
        this.emit(ATTR_VALUE, start, pos - start);
        this.pos = pos;
        this.state = S_TAG_NAME_CLOSE;
        return true;
      }
    }
    this.state = S_EOF;
    this.emit(ATTR_VALUE, start, len - start);
    return true;
  }

  private afterAttributeValueQuoted(): boolean {
    if (this.pos >= this.len) return false;
    const ch = this.s.charCodeAt(this.pos);
    if (isWhite(ch)) {
      this.pos += 1;
      return this.beforeAttributeName();
    } else if (ch === CHAR_SLASH) {
      this.pos += 1;
      return this.selfClosingStartTag();
    } else if (ch === CHAR_GT) {
      this.emit(TAG_NAME_CLOSE, this.pos, 1);
      this.pos += 1;
      this.state = S_DATA;
      return true;
    }
    return this.beforeAttributeName();
  }

  private selfClosingStartTag(): boolean {
    if (this.pos >= this.len) return false;
    const ch = this.s.charCodeAt(this.pos);
    if (ch === CHAR_GT) {
      if (this.pos <= 0) return false;
      this.emit(TAG_NAME_SELFCLOSE, this.pos - 1, 2);
      this.state = S_DATA;
      this.pos += 1;
      return true;
    }
    return this.beforeAttributeName();
  }

  private bogusComment(): boolean {
    const { s, len, pos } = this;
    const idx = s.indexOf('>', pos);
    if (idx < 0) {
      this.emit(TAG_COMMENT, pos, len - pos);
      this.pos = len;
      this.state = S_EOF;
    } else {
      this.emit(TAG_COMMENT, pos, idx - pos);
      this.pos = idx + 1;
      this.state = S_DATA;
    }
    return true;
  }

  /** <% ... %> */
  private bogusComment2(): boolean {
    const { s, len } = this;
    const start = this.pos;
    let pos = start;
    for (;;) {
      const idx = s.indexOf('%', pos);
      if (idx < 0 || idx + 1 >= len) {
        this.emit(TAG_COMMENT, start, len - start);
        this.pos = len;
        this.state = S_EOF;
        return true;
      }
      if (s.charCodeAt(idx + 1) !== CHAR_GT) {
        pos = idx + 1;
        continue;
      }
      this.emit(TAG_COMMENT, start, idx - start);
      this.pos = idx + 2;
      this.state = S_DATA;
      return true;
    }
  }

  private markupDeclarationOpen(): boolean {
    const { s, pos } = this;
    const remaining = this.len - pos;
    if (remaining >= 7 && startsWithCaseless(s, pos, 'doctype')) {
      return this.doctype();
    } else if (remaining >= 7 && s.startsWith('[CDATA[', pos)) {
      this.pos += 7;
      return this.cdata();
    } else if (remaining >= 2 && s.charCodeAt(pos) === CHAR_DASH && s.charCodeAt(pos + 1) === CHAR_DASH) {
      this.pos += 2;
      return this.comment();
    }
    return this.bogusComment();
  }

  /** Comments end at EOF, "-->" or "-!>" (NULs may sit between the first two chars). */
  private comment(): boolean {
    const { s, len } = this;
    const start = this.pos;
    let pos = start;
    for (;;) {
      const idx = s.indexOf('-', pos);
      if (idx < 0 || idx > len - 3) return this.commentToEof(start);
      let offset = 1;
      while (idx + offset < len && s.charCodeAt(idx + offset) === 0) offset += 1;
      if (idx + offset === len) return this.commentToEof(start);
      let ch = s.charCodeAt(idx + offset);
      if (ch !== CHAR_DASH && ch !== CHAR_BANG) {
        pos = idx + 1;
        continue;
      }
      offset += 1;
      if (idx + offset === len) return this.commentToEof(start);
      ch = s.charCodeAt(idx + offset);
      if (ch !== CHAR_GT) {
        pos = idx + 1;
        continue;
      }
      offset += 1;
      this.emit(TAG_COMMENT, start, idx - start);
      this.pos = idx + offset;
      this.state = S_DATA;
      return true;
    }
  }

  private commentToEof(start: number): boolean {
    this.state = S_EOF;
    this.emit(TAG_COMMENT, start, this.len - start);
    return true;
  }

  private cdata(): boolean {
    const { s, len } = this;
    const start = this.pos;
    let pos = start;
    for (;;) {
      const idx = s.indexOf(']', pos);
      if (idx < 0 || idx > len - 3) {
        this.state = S_EOF;
        this.emit(DATA_TEXT, start, len - start);
        return true;
      }
      if (s.charCodeAt(idx + 1) === CHAR_RIGHTB && s.charCodeAt(idx + 2) === CHAR_GT) {
        this.state = S_DATA;
        this.emit(DATA_TEXT, start, idx - start);
        this.pos = idx + 3;
        return true;
      }
      pos = idx + 1;
    }
  }

  private doctype(): boolean {
    const { s, len, pos } = this;
    const idx = s.indexOf('>', pos);
    if (idx < 0) {
      this.state = S_EOF;
      this.emit(DOCTYPE, pos, len - pos);
    } else {
      this.state = S_DATA;
      this.emit(DOCTYPE, pos, idx - pos);
      this.pos = idx + 1;
    }
    return true;
  }
}

/** s[pos...] starts with the lower-case ASCII word `lower`, ignoring ASCII case. */
function startsWithCaseless(s: string, pos: number, lower: string): boolean {
  for (let i = 0; i < lower.length; i++) {
    // setting bit 5 maps exactly 'A'-'Z' onto 'a'-'z' for the letters compared here
    if ((s.charCodeAt(pos + i) | 0x20) !== lower.charCodeAt(i)) return false;
  }
  return true;
}

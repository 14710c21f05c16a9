/**
 * multipart/form-data with ModSecurity v2's semantics (apache2/msc_multipart.c): the same
 * line-buffer state machine (4096-byte lines), the same strict-validation flags and the same
 * error messages. Content-Disposition parameters other than `name` and `filename` (including
 * `filename*`) are rejected with code -11, as v2 does.
 */
import type { BodyProcessor, BodyResult, MultipartFile, MultipartResult } from './types.js';

const BUF_SIZE = 4096;

/** C isspace(): SP, \t, \n, \v, \f, \r */
function isCSpace(c: number): boolean {
  return c === 0x20 || (c >= 0x09 && c <= 0x0d);
}

function isHws(c: number): boolean {
  return c === 0x20 || c === 0x09;
}

/** ModSecurity's is_token_char() */
function isTokenChar(c: number): boolean {
  if (c <= 32 || c >= 127) return false;
  return '()<>@,;:\\"/[]?='.indexOf(String.fromCharCode(c)) < 0;
}

/** log_escape_nq(): control and non-ASCII bytes become \xhh. */
export function logEscapeNq(s: string): string {
  let out = '';
  let start = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c <= 0x1f || c >= 0x7f) {
      out += s.slice(start, i) + '\\x' + c.toString(16).padStart(2, '0');
      start = i + 1;
    }
  }
  return start === 0 ? s : out + s.slice(start);
}

/** remove_lf_crlf_inplace(): drop one trailing \n and a \r before it. */
function removeLfCrlf(s: string): string {
  if (s.endsWith('\r\n')) return s.slice(0, -2);
  if (s.endsWith('\n')) return s.slice(0, -1);
  return s;
}

/** multipart_count_boundary_params(): "boundary" occurrences (any case) followed somewhere by '='. */
function countBoundaryParams(value: string): number {
  const lower = value.toLowerCase();
  let count = 0;
  let at = lower.indexOf('boundary');
  while (at >= 0) {
    if (lower.indexOf('=', at + 8) >= 0) count++;
    at = lower.indexOf('boundary', at + 8);
  }
  return count;
}

/** multipart_boundary_characters_valid(): the RFC 2046 bchars, space not last. */
function boundaryCharactersValid(b: string): boolean {
  for (let i = 0; i < b.length; i++) {
    const c = b.charCodeAt(i);
    const ok =
      (c >= 0x30 && c <= 0x39) ||
      (c >= 0x41 && c <= 0x5a) ||
      (c >= 0x61 && c <= 0x7a) ||
      (c === 0x20 && i + 1 < b.length) ||
      "'()+_,-./:=?".indexOf(String.fromCharCode(c)) >= 0;
    if (!ok) return false;
  }
  return true;
}

type Flag =
  | 'BOUNDARY_QUOTED' | 'BOUNDARY_WHITESPACE' | 'DATA_BEFORE' | 'DATA_AFTER' | 'HEADER_FOLDING'
  | 'LF_LINE' | 'CRLF_LF_LINES' | 'MISSING_SEMICOLON' | 'INVALID_QUOTING' | 'INVALID_PART'
  | 'INVALID_HEADER_FOLDING' | 'FILE_LIMIT_EXCEEDED' | 'UNMATCHED_BOUNDARY' | 'STRICT_ERROR';

interface BoundaryResult {
  boundary?: string;
  error?: string;
}

/** multipart_init(): find and validate the boundary in the Content-Type value. */
function extractBoundary(ct: string, flags: Record<Flag, number>): BoundaryResult {
  if (ct.length > 1024) return { error: 'Multipart: Invalid boundary in C-T (length).' };
  if (ct.slice(0, 19).toLowerCase() !== 'multipart/form-data') return { error: 'Multipart: Invalid MIME type.' };
  if (countBoundaryParams(ct) > 1) return { error: 'Multipart: Multiple boundary parameters in C-T.' };
  const at = ct.indexOf('boundary');
  if (at < 0) {
    if (countBoundaryParams(ct) > 0) return { error: 'Multipart: Invalid boundary in C-T (case sensitivity).' };
    return { error: 'Multipart: Boundary not found in C-T.' };
  }
  let seenSemicolon = false;
  for (let p = 19; p < at; p++) {
    const c = ct.charCodeAt(p);
    if (isCSpace(c)) continue;
    if (!seenSemicolon && c === 0x3b) seenSemicolon = true;
    else return { error: 'Multipart: Invalid boundary in C-T (malformed).' };
  }
  if (!seenSemicolon) flags.MISSING_SEMICOLON = 1;
  const eq = ct.indexOf('=', at + 8);
  if (eq < 0) return { error: 'Multipart: Invalid boundary in C-T (malformed).' };
  for (let p = at + 8; p < eq; p++) {
    if (!isCSpace(ct.charCodeAt(p))) return { error: 'Multipart: Invalid boundary in C-T (parameter name).' };
    flags.BOUNDARY_WHITESPACE = 1;
  }
  const b = ct.slice(eq + 1);
  if (b.length > 0 && isCSpace(b.charCodeAt(0))) flags.BOUNDARY_WHITESPACE = 1;
  let boundary: string;
  if (b.length >= 2 && b[0] === '"' && b[b.length - 1] === '"') {
    boundary = b.slice(1, -1);
    flags.BOUNDARY_QUOTED = 1;
  } else {
    if (b[0] === '"' || (b.length >= 2 && b[b.length - 1] === '"')) {
      return { error: 'Multipart: Invalid boundary in C-T (quote).' };
    }
    boundary = b;
  }
  if (countBoundaryParams(boundary) !== 0) return { error: 'Multipart: Invalid boundary in C-T (content).' };
  if (!boundaryCharactersValid(boundary)) return { error: 'Multipart: Invalid boundary in C-T (characters).' };
  if (boundary.length === 0) return { error: 'Multipart: Invalid boundary in C-T (empty).' };
  return { boundary };
}

/** A part being built. */
interface Part {
  isFile: boolean;
  name: string | null;
  filename: string | null;
  /** Header values keyed by lower-cased name (apr tables compare names case-insensitively). */
  headers: Map<string, string>;
  lastHeaderName: string | null;
  lastHeaderLine: string | null;
  headerLines: string[];
  data: string[];
  length: number;
  fileCreated: boolean;
}

function newPart(): Part {
  return {
    isFile: false, name: null, filename: null, headers: new Map(), lastHeaderName: null,
    lastHeaderLine: null, headerLines: [], data: [], length: 0, fileCreated: false,
  };
}

class MultipartError extends Error {}

class MultipartParser {
  readonly flags: Record<Flag, number>;
  private readonly boundary: string;
  private readonly fileLimit: number | undefined;
  private part: Part | null = null;
  /** 0: reading part headers, 1: reading part data */
  private partState = 0;
  private partDataRead = false;
  private reserve = '';
  private boundaryCount = 0;
  isComplete = false;
  private nfiles = 0;
  readonly parts: Part[] = [];
  readonly names: string[] = [];
  readonly filenames: string[] = [];
  noFilesLength = 0;
  /** A CRLF line was seen (CRLF_LF_LINES needs it with LF_LINE). */
  crlfLine = false;
  /** The last buffer processed ended with a bare \n (v2's crlf_state_buf_end == 2). */
  private bufEndBareLf = false;
  // Unprocessed tail of the input (a final line without a newline).
  private tail = '';
  private tailIsLine = true;

  constructor(boundary: string, flags: Record<Flag, number>, fileLimit: number | undefined) {
    this.boundary = boundary;
    this.flags = flags;
    this.fileLimit = fileLimit;
  }

  /**
   * multipart_process_chunk() over the whole body; throws MultipartError on a parse error. The C
   * code fills a buffer byte by byte and processes it at a \n or when it is full (BUF_SIZE bytes,
   * or BUF_SIZE - 1 when the next byte is a \r, so that \r\n stays together); the buffers are
   * found here with indexOf.
   */
  process(body: string): void {
    const n = body.length;
    let start = 0;
    let containsLine = true;
    let nl = -1;
    while (start < n) {
      if (nl < start) nl = body.indexOf('\n', start);
      if (nl === -1) nl = n; // none left: searched once
      const last = start + BUF_SIZE - 1; // index of the byte that fills the buffer
      let end: number;
      let endsLine = false;
      if (nl < n && nl <= last) {
        end = nl + 1;
        endsLine = true;
      } else if (last < n) {
        end = body.charCodeAt(last) === 0x0d ? last : last + 1;
      } else {
        break; // the rest is the tail
      }
      const full = !endsLine || end - start === BUF_SIZE;
      this.processLine(body.slice(start, end), containsLine, full);
      this.bufEndBareLf = endsLine && (nl === 0 || body.charCodeAt(nl - 1) !== 0x0d);
      containsLine = endsLine;
      start = end;
      if (this.isComplete && start < n) {
        this.flags.DATA_AFTER = 1;
        return;
      }
    }
    this.tail = body.slice(start);
    this.tailIsLine = containsLine;
  }

  private processLine(line: string, containsLine: boolean, bufferFull: boolean): void {
    const b = this.boundary;
    const nul = line.indexOf('\0');
    const clen = nul < 0 ? line.length : nul; // strlen() of the C buffer
    const at = (k: number): number => (k < clen ? line.charCodeAt(k) : 0);
    let processedAsBoundary = false;

    if (containsLine && clen > 3 && line.charCodeAt(0) === 0x2d && line.charCodeAt(1) === 0x2d) {
      if (clen >= b.length + 2 && line.startsWith(b, 2)) {
        if (this.bufEndBareLf) this.flags.LF_LINE = 1;
        if (!this.partDataRead && this.boundaryCount > 0) {
          // The boundary sits where part data should begin: treated as part content.
          this.flags.INVALID_PART = 1;
        } else {
          let end = 2 + b.length;
          let isFinal = false;
          if (at(end) === 0x2d && at(end + 1) === 0x2d) {
            isFinal = true;
            end += 2;
            if (this.isComplete) throw new MultipartError('Multipart: Invalid boundary (final duplicate).');
          }
          if (at(end) === 0x0d && at(end + 1) === 0x0a && at(end + 2) === 0) {
            this.crlfLine = true;
          } else if (at(end) === 0x0a && at(end + 1) === 0) {
            this.flags.LF_LINE = 1;
          } else {
            throw new MultipartError(`Multipart: Invalid boundary: ${logEscapeNq(line.slice(0, clen))}`);
          }
          this.processBoundary(isFinal);
          if (isFinal) this.isComplete = true;
          processedAsBoundary = true;
          this.boundaryCount++;
        }
      } else {
        if (this.flags.BOUNDARY_QUOTED && clen >= b.length + 3 && line.charCodeAt(2) === 0x22 && line.startsWith(b, 3)) {
          throw new MultipartError('Multipart: Invalid boundary (quotes).');
        }
        let p = 2;
        while (isCSpace(at(p))) p++;
        if (p !== 2 && line.startsWith(b, p)) throw new MultipartError('Multipart: Invalid boundary (whitespace).');
        this.flags.UNMATCHED_BOUNDARY = 1;
      }
    } else if (containsLine && line.indexOf('--' + b) >= 0) {
      this.flags.UNMATCHED_BOUNDARY = 1;
    }

    if (processedAsBoundary) return;
    if (this.part === null) {
      this.flags.DATA_BEFORE = 1;
    } else if (this.partState === 0) {
      if (bufferFull) throw new MultipartError(`Multipart: Part header line over ${BUF_SIZE} bytes long`);
      this.processHeader(this.part, line);
    } else {
      this.processData(this.part, line);
    }
  }

  /** multipart_process_part_header() */
  private processHeader(part: Part, line: string): void {
    if (line.indexOf('\0') >= 0) throw new MultipartError('Multipart: Nul byte in part headers.');
    this.noFilesLength += line.length;
    const len = line.length;
    if (len > 1 && line.charCodeAt(len - 2) === 0x0d) this.crlfLine = true;
    else this.flags.LF_LINE = 1;

    if (line === '\r\n' || line === '\n') {
      const cd = part.headers.get('content-disposition');
      if (cd === undefined) throw new MultipartError('Multipart: Part missing Content-Disposition header.');
      const rc = this.parseContentDisposition(part, cd);
      if (rc < 0) throw new MultipartError(`Multipart: Invalid Content-Disposition header (${rc}): ${logEscapeNq(cd)}.`);
      if (part.name === null) throw new MultipartError('Multipart: Content-Disposition header missing name field.');
      if (part.filename !== null) {
        // Guards against parsers that did not understand the C-D header the way we did.
        if (cd.indexOf('filename=') < 0) throw new MultipartError('Multipart: Invalid Content-Disposition header (filename).');
        part.isFile = true;
      } else {
        part.isFile = false;
      }
      this.partState = 1;
      this.partDataRead = false;
      part.lastHeaderName = null;
      if (part.lastHeaderLine !== null) part.headerLines.push(part.lastHeaderLine);
      return;
    }

    const first = line.charCodeAt(0);
    if (isCSpace(first)) {
      this.flags.HEADER_FOLDING = 1;
      if (!isHws(first)) this.flags.INVALID_HEADER_FOLDING = 1;
      if (part.lastHeaderName === null) throw new MultipartError('Multipart: Invalid part header (folding error).');
      let p = 0;
      while (p < line.length && isCSpace(line.charCodeAt(p))) {
        if (!isHws(line.charCodeAt(p))) this.flags.INVALID_HEADER_FOLDING = 1;
        p++;
      }
      const key = part.lastHeaderName.toLowerCase();
      const value = `${part.headers.get(key) ?? ''} ${removeLfCrlf(line.slice(p))}`;
      part.headers.set(key, value);
      if (value.length > BUF_SIZE) throw new MultipartError('Multipart: Part header too long.');
      if (part.lastHeaderLine !== null) part.lastHeaderLine = `${part.lastHeaderName}: ${value}`;
      return;
    }

    if (part.lastHeaderLine !== null) part.headerLines.push(part.lastHeaderLine);
    part.lastHeaderLine = removeLfCrlf(line);
    const colon = line.indexOf(':');
    if (colon < 0) throw new MultipartError(`Multipart: Invalid part header (colon missing): ${logEscapeNq(line)}.`);
    if (colon === 0) throw new MultipartError('Multipart: Invalid part header (header name missing).');
    const name = line.slice(0, colon);
    for (let k = 0; k < name.length; k++) {
      const c = name.charCodeAt(k);
      if (c < 33 || c > 126) throw new MultipartError('Multipart: Invalid part header (contains invalid character).');
    }
    let p = colon + 1;
    while (p < line.length && isHws(line.charCodeAt(p))) p++;
    const key = name.toLowerCase();
    if (part.headers.has(key)) throw new MultipartError(`Multipart: Duplicate part header: ${logEscapeNq(name)}.`);
    part.headers.set(key, removeLfCrlf(line.slice(p)));
    part.lastHeaderName = name;
  }

  /** multipart_parse_content_disposition(): 1 on success, ModSecurity's negative codes on failure. */
  private parseContentDisposition(part: Part, v: string): number {
    if (!v.startsWith('form-data')) return -1;
    const n = v.length;
    let p = 9;
    while (p < n && isHws(v.charCodeAt(p))) p++;
    if (p === n) return 1;
    if (v[p] !== ';') return -2;
    p++;
    while (p < n) {
      while (p < n && isHws(v.charCodeAt(p))) p++;
      if (p === n) return -3;
      const start = p;
      while (p < n && v[p] !== '=' && !isHws(v.charCodeAt(p))) p++;
      if (p === n) return -4;
      const name = v.slice(start, p);
      while (p < n && isHws(v.charCodeAt(p))) p++;
      if (p === n) return -5;
      if (v[p] !== '=') return -13;
      p++;
      while (p < n && isHws(v.charCodeAt(p))) p++;
      if (p === n) return -6;
      let value: string;
      let quote = '';
      if (v[p] === '"' || v[p] === "'") {
        quote = v[p]!;
        if (quote === "'") this.flags.INVALID_QUOTING = 1;
        p++;
        if (p === n) return -7;
        const chars: string[] = [];
        let closed = false;
        while (p < n) {
          if (v[p] === '\\') {
            if (p + 1 === n) return -8;
            // Only the quote and the backslash can be escaped; other escapes are kept (IE sends them).
            if (v[p + 1] === quote || v[p + 1] === '\\') p++;
          } else if (v[p] === quote) {
            closed = true;
            break;
          }
          chars.push(v[p]!);
          p++;
        }
        if (!closed) return -10;
        p++;
        value = chars.join('');
      } else {
        const s = p;
        while (p < n && isTokenChar(v.charCodeAt(p))) p++;
        value = v.slice(s, p);
      }
      if (name === 'name') {
        if (quote !== '"' && value.indexOf("'") >= 0) this.flags.INVALID_QUOTING = 1;
        this.names.push(value);
        if (part.name !== null) return -14;
        part.name = value;
      } else if (name === 'filename') {
        if (quote !== '"' && value.indexOf("'") >= 0) this.flags.INVALID_QUOTING = 1;
        this.filenames.push(value);
        if (part.filename !== null) return -15;
        part.filename = value;
      } else {
        return -11;
      }
      if (p < n) {
        while (p < n && isHws(v.charCodeAt(p))) p++;
        if (p === n) return 1;
        if (v[p] !== ';') {
          if (v[p - 1] === "'" || v[p - 1] === '"') this.flags.INVALID_QUOTING = 1;
          return -12;
        }
        p++;
      }
    }
    return 1;
  }

  /** multipart_process_part_data(): a line's terminator is held back until the next line. */
  private processData(part: Part, line: string): void {
    this.partDataRead = true;
    let data = line;
    let reserved = '';
    if (data.endsWith('\r\n')) reserved = '\r\n';
    else if (data.endsWith('\n')) reserved = '\n';
    if (reserved) data = data.slice(0, data.length - reserved.length);
    if (part.isFile) {
      // v2 checks the limit on every data line, even for a file it already created.
      if (this.fileLimit !== undefined) {
        if (this.nfiles >= this.fileLimit) {
          this.flags.FILE_LIMIT_EXCEEDED = 1;
        } else if (!part.fileCreated) {
          part.fileCreated = true;
          this.nfiles++;
        }
      }
    } else {
      this.noFilesLength += data.length + this.reserve.length;
    }
    if (this.reserve) part.data.push(this.reserve);
    part.data.push(data);
    part.length += this.reserve.length + data.length;
    this.reserve = reserved;
  }

  /** multipart_process_boundary(): finish the current part, start a new one unless final. */
  private processBoundary(isFinal: boolean): void {
    if (this.part !== null) {
      if (this.part.name !== null) this.parts.push(this.part);
      else this.flags.INVALID_PART = 1;
      this.part = null;
    }
    if (!isFinal) {
      this.part = newPart();
      this.partState = 0;
      this.partDataRead = false;
      this.reserve = '';
    }
  }

  /** multipart_complete(): a final boundary without a newline is still accepted. */
  complete(seenData: boolean): void {
    if (!seenData || this.isComplete) return;
    if (this.boundaryCount === 0) throw new MultipartError('Multipart: No boundaries found in payload.');
    const b = this.boundary;
    const t = this.tail;
    if (this.tailIsLine && t.length === 4 + b.length && t === `--${b}--`) {
      if (this.bufEndBareLf) this.flags.LF_LINE = 1;
      if (!this.partDataRead) this.flags.INVALID_PART = 1;
      this.processBoundary(true);
      this.isComplete = true;
    }
    if (!this.isComplete) throw new MultipartError('Multipart: Final boundary missing.');
  }
}

const FLAG_NAMES: Flag[] = [
  'BOUNDARY_QUOTED', 'BOUNDARY_WHITESPACE', 'DATA_BEFORE', 'DATA_AFTER', 'HEADER_FOLDING',
  'LF_LINE', 'CRLF_LF_LINES', 'MISSING_SEMICOLON', 'INVALID_QUOTING', 'INVALID_PART',
  'INVALID_HEADER_FOLDING', 'FILE_LIMIT_EXCEEDED', 'UNMATCHED_BOUNDARY', 'STRICT_ERROR',
];

/** Multipart parse outcome: the variables' data plus ModSecurity's messages. */
export interface MultipartParse {
  result: MultipartResult;
  error: string | null;
  errorLog?: string;
}

/**
 * Parse a multipart/form-data body. Never throws. On an error, `result.args` is empty (v2 only
 * extracts arguments from a body that parsed), while files and part headers of the parts that
 * were complete remain, as v2's FILES and MULTIPART_PART_HEADERS do.
 */
export function parseMultipart(body: string, contentType: string, fileLimit?: number): MultipartParse {
  const flags = {} as Record<Flag, number>;
  for (const f of FLAG_NAMES) flags[f] = 0;
  let error: string | null = null;
  let errorLog: string | undefined;
  let strictError = false;
  let parser: MultipartParser | null = null;

  const found = extractBoundary(contentType, flags);
  if (found.error !== undefined) {
    error = found.error;
    errorLog = `Multipart parsing error (init): ${found.error}`;
    strictError = true;
  } else {
    parser = new MultipartParser(found.boundary!, flags, fileLimit);
    try {
      parser.process(body);
      try {
        parser.complete(body.length > 0);
      } catch (e) {
        // multipart_complete() errors do not raise the strict-error flag in v2.
        if (!(e instanceof MultipartError)) throw e;
        error = errorLog = `Multipart parsing error: ${e.message}`;
      }
    } catch (e) {
      if (!(e instanceof MultipartError)) throw e;
      if (error === null) {
        error = errorLog = `Multipart parsing error: ${e.message}`;
        strictError = true;
      }
    }
  }

  flags.CRLF_LF_LINES = parser?.crlfLine && flags.LF_LINE ? 1 : 0;
  flags.STRICT_ERROR =
    strictError ||
    flags.BOUNDARY_QUOTED || flags.BOUNDARY_WHITESPACE || flags.DATA_BEFORE || flags.DATA_AFTER ||
    flags.HEADER_FOLDING || flags.LF_LINE || flags.MISSING_SEMICOLON || flags.INVALID_QUOTING ||
    flags.INVALID_PART || flags.INVALID_HEADER_FOLDING || flags.FILE_LIMIT_EXCEEDED
      ? 1
      : 0;

  const parts = parser?.parts ?? [];
  const args: Array<[string, string]> = [];
  const files: MultipartFile[] = [];
  const partHeaders: Array<[string, string]> = [];
  let combinedFileSize = 0;
  for (const part of parts) {
    const name = part.name!;
    for (const h of part.headerLines) partHeaders.push([name, h]);
    if (part.isFile) {
      files.push({ name, filename: part.filename!, size: part.length, content: part.data.join('') });
      combinedFileSize += part.length;
    } else if (error === null) {
      args.push([name, part.data.join('')]);
    }
  }
  const result: MultipartResult = {
    args,
    files,
    partNames: parser?.names ?? [],
    partFilenames: parser?.filenames ?? [],
    partHeaders,
    combinedFileSize,
    flags,
    noFilesLength: parser?.noFilesLength ?? 0,
  };
  return errorLog === undefined ? { result, error } : { result, error, errorLog };
}

export const multipartProcessor: BodyProcessor = {
  name: 'MULTIPART',
  parse(body, contentType, limits): BodyResult {
    const { result, error, errorLog } = parseMultipart(body, contentType, limits.uploadFileLimit);
    const out: BodyResult = { args: result.args, error, multipart: result };
    if (errorLog !== undefined) out.errorLog = errorLog;
    return out;
  },
};

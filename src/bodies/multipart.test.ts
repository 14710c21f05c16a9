import { describe, it, expect } from 'vitest';
import { parseMultipart } from './multipart.js';

const CT = 'multipart/form-data; boundary=XyZ';
const crlf = (s: string): string => s.replace(/\n/g, '\r\n');
const body = (s: string): string => crlf(s);

const simple = body(`--XyZ
Content-Disposition: form-data; name="name"

Brian
--XyZ
Content-Disposition: form-data; name="image"; filename="a.jpg"
Content-Type: image/jpeg

BINARY
DATA
--XyZ--
`);

function flagsOn(r: ReturnType<typeof parseMultipart>): string[] {
  return Object.entries(r.result.flags).filter(([, v]) => v === 1).map(([k]) => k).sort();
}

describe('parseMultipart: well-formed bodies', () => {
  it('splits args, files, names and part headers', () => {
    const r = parseMultipart(simple, CT);
    expect(r.error).toBeNull();
    expect(flagsOn(r)).toEqual([]);
    expect(r.result.args).toEqual([['name', 'Brian']]);
    expect(r.result.files).toEqual([{ name: 'image', filename: 'a.jpg', size: 12, content: 'BINARY\r\nDATA' }]);
    expect(r.result.combinedFileSize).toBe(12);
    expect(r.result.partNames).toEqual(['name', 'image']);
    expect(r.result.partFilenames).toEqual(['a.jpg']);
    expect(r.result.partHeaders).toEqual([
      ['name', 'Content-Disposition: form-data; name="name"'],
      ['image', 'Content-Disposition: form-data; name="image"; filename="a.jpg"'],
      ['image', 'Content-Type: image/jpeg'],
    ]);
  });
  it('accepts a final boundary without a newline', () => {
    const r = parseMultipart(simple.slice(0, -2), CT);
    expect(r.error).toBeNull();
    expect(r.result.args).toEqual([['name', 'Brian']]);
  });
  it('keeps an empty value and binary bytes', () => {
    const r = parseMultipart(body('--XyZ\nContent-Disposition: form-data; name=a\n\n\n--XyZ\nContent-Disposition: form-data; name=b\n\n\x00\xff\n--XyZ--\n'), CT);
    expect(r.error).toBeNull();
    expect(r.result.args).toEqual([['a', ''], ['b', '\x00\xff']]);
  });
  it('an empty body is not an error', () => {
    expect(parseMultipart('', CT).error).toBeNull();
  });
  it('reads long lines in 4096-byte buffers, keeping a \\r\\n that straddles one together', () => {
    const head = '--XyZ\r\nContent-Disposition: form-data; name="a"\r\n\r\n';
    // the \r\n after "x" sits at bytes 4095-4096 of the data line: the buffer stops before it
    const r = parseMultipart(`${head}${'q'.repeat(4093)}\rx\r\n--XyZ--\r\n`, CT);
    expect(r.result.args).toEqual([['a', `${'q'.repeat(4093)}\rx`]]);
    const long = 'q'.repeat(10_000);
    expect(parseMultipart(`${head}${long}\r\n--XyZ--\r\n`, CT).result.args).toEqual([['a', long]]);
  });
});

describe('parseMultipart: Content-Type boundary errors', () => {
  const cases: Array<[string, string]> = [
    ['multipart/form-data', 'Multipart: Boundary not found in C-T.'],
    ['multipart/form-data; BOUNDARY=a', 'Multipart: Invalid boundary in C-T (case sensitivity).'],
    ['multipart/form-data; boundary=a; boundary=b', 'Multipart: Multiple boundary parameters in C-T.'],
    ['multipart/form-data; x=y; boundary=a', 'Multipart: Invalid boundary in C-T (malformed).'],
    ['multipart/form-data; boundary', 'Multipart: Invalid boundary in C-T (malformed).'],
    ['multipart/form-data; boundaryx=a', 'Multipart: Invalid boundary in C-T (parameter name).'],
    ['multipart/form-data; boundary="a', 'Multipart: Invalid boundary in C-T (quote).'],
    ['multipart/form-data; boundary=a;b', 'Multipart: Invalid boundary in C-T (characters).'],
    ['multipart/form-data; boundary=', 'Multipart: Invalid boundary in C-T (empty).'],
    ['text/plain; boundary=a', 'Multipart: Invalid MIME type.'],
    [`multipart/form-data; boundary=${'a'.repeat(1100)}`, 'Multipart: Invalid boundary in C-T (length).'],
  ];
  for (const [ct, msg] of cases) {
    it(`${ct.slice(0, 60)} -> ${msg}`, () => {
      const r = parseMultipart(simple, ct);
      expect(r.error).toBe(msg);
      expect(r.errorLog).toBe(`Multipart parsing error (init): ${msg}`);
      expect(r.result.flags.STRICT_ERROR).toBe(1);
      expect(r.result.args).toEqual([]);
    });
  }
});

describe('parseMultipart: flags', () => {
  it('BOUNDARY_QUOTED', () => {
    const r = parseMultipart(simple, 'multipart/form-data; boundary="XyZ"');
    expect(r.error).toBeNull();
    expect(flagsOn(r)).toEqual(['BOUNDARY_QUOTED', 'STRICT_ERROR']);
  });
  it('BOUNDARY_WHITESPACE', () => {
    expect(flagsOn(parseMultipart(simple, 'multipart/form-data; boundary =XyZ'))).toEqual(['BOUNDARY_WHITESPACE', 'STRICT_ERROR']);
  });
  it('MISSING_SEMICOLON', () => {
    expect(flagsOn(parseMultipart(simple, 'multipart/form-data boundary=XyZ'))).toEqual(['MISSING_SEMICOLON', 'STRICT_ERROR']);
  });
  it('DATA_BEFORE and DATA_AFTER', () => {
    const r = parseMultipart(`preamble\r\n${simple}trailer`, CT);
    expect(r.error).toBeNull();
    expect(flagsOn(r)).toEqual(['DATA_AFTER', 'DATA_BEFORE', 'STRICT_ERROR']);
  });
  it('LF_LINE and CRLF_LF_LINES', () => {
    const lf = parseMultipart(simple.replace(/\r\n/g, '\n'), CT);
    expect(lf.error).toBeNull();
    expect(flagsOn(lf)).toEqual(['LF_LINE', 'STRICT_ERROR']);
    const mixed = parseMultipart(simple.replace('Content-Type: image/jpeg\r\n', 'Content-Type: image/jpeg\n'), CT);
    expect(flagsOn(mixed)).toEqual(['CRLF_LF_LINES', 'LF_LINE', 'STRICT_ERROR']);
  });
  it('HEADER_FOLDING and INVALID_HEADER_FOLDING', () => {
    const folded = simple.replace('Content-Type: image/jpeg\r\n', 'Content-Type: image/jpeg;\r\n charset=utf-8\r\n');
    const r = parseMultipart(folded, CT);
    expect(r.error).toBeNull();
    expect(flagsOn(r)).toEqual(['HEADER_FOLDING', 'STRICT_ERROR']);
    expect(r.result.partHeaders[2]).toEqual(['image', 'Content-Type: image/jpeg; charset=utf-8']);
    const bad = parseMultipart(simple.replace('Content-Type: image/jpeg\r\n', 'Content-Type: image/jpeg;\r\n\x0bcharset=utf-8\r\n'), CT);
    expect(flagsOn(bad)).toEqual(['HEADER_FOLDING', 'INVALID_HEADER_FOLDING', 'STRICT_ERROR']);
  });
  it('INVALID_QUOTING', () => {
    const r = parseMultipart(simple.replace('name="name"', "name='name'"), CT);
    expect(r.error).toBeNull();
    expect(flagsOn(r)).toEqual(['INVALID_QUOTING', 'STRICT_ERROR']);
    expect(r.result.args).toEqual([['name', 'Brian']]);
  });
  it('INVALID_PART: a boundary where part data should begin', () => {
    const r = parseMultipart(body('--XyZ\nContent-Disposition: form-data; name=a\n\n--XyZ\nx\n--XyZ--\n'), CT);
    expect(r.result.flags.INVALID_PART).toBe(1);
    expect(r.result.flags.STRICT_ERROR).toBe(1);
  });
  it('UNMATCHED_BOUNDARY', () => {
    const r = parseMultipart(simple.replace('Brian', '--other'), CT);
    expect(r.error).toBeNull();
    expect(flagsOn(r)).toEqual(['UNMATCHED_BOUNDARY']);
    expect(flagsOn(parseMultipart(simple.replace('Brian', 'see --XyZ here'), CT))).toEqual(['UNMATCHED_BOUNDARY']);
  });
  it('FILE_LIMIT_EXCEEDED only when files are extracted', () => {
    const two = simple.replace('--XyZ--', '--XyZ\r\nContent-Disposition: form-data; name="f2"; filename="b"\r\n\r\nx\r\n--XyZ--');
    expect(parseMultipart(two, CT).result.flags.FILE_LIMIT_EXCEEDED).toBe(0);
    const r = parseMultipart(two, CT, 1);
    expect(r.error).toBeNull();
    expect(flagsOn(r)).toEqual(['FILE_LIMIT_EXCEEDED', 'STRICT_ERROR']);
    expect(r.result.files.map((f) => f.size)).toEqual([12, 1]);
  });
});

describe('parseMultipart: part errors', () => {
  const cases: Array<[string, string, string]> = [
    ['missing C-D', 'Content-Type: text/plain\n', 'Multipart: Part missing Content-Disposition header.'],
    ['colon missing', 'Content-Disposition form-data\n', 'Multipart: Invalid part header (colon missing): Content-Disposition form-data\\x0d\\x0a.'],
    ['no name', 'Content-Disposition: form-data\n', 'Multipart: Content-Disposition header missing name field.'],
    ['unknown param', 'Content-Disposition: form-data; name=a; foo=b\n', 'Multipart: Invalid Content-Disposition header (-11): form-data; name=a; foo=b.'],
    ['filename* is not understood by v2', "Content-Disposition: form-data; name=a; filename*=UTF-8''x\n", "Multipart: Invalid Content-Disposition header (-11): form-data; name=a; filename*=UTF-8''x."],
    ['not form-data', 'Content-Disposition: attachment; name=a\n', 'Multipart: Invalid Content-Disposition header (-1): attachment; name=a.'],
    ['duplicate name', 'Content-Disposition: form-data; name=a; name=b\n', 'Multipart: Invalid Content-Disposition header (-14): form-data; name=a; name=b.'],
    ['unterminated quote', 'Content-Disposition: form-data; name="a\n', 'Multipart: Invalid Content-Disposition header (-10): form-data; name="a.'],
    ['duplicate header', 'Content-Disposition: form-data; name=a\ncontent-disposition: form-data; name=b\n', 'Multipart: Duplicate part header: content-disposition.'],
    ['invalid char in header name', '\x0eContent-Disposition: form-data; name=a\n', 'Multipart: Invalid part header (contains invalid character).'],
    ['folding first', ' folded\n', 'Multipart: Invalid part header (folding error).'],
    ['nul byte', 'Content-Disposition: form-data; name=a\x00\n', 'Multipart: Nul byte in part headers.'],
    ['header name missing', ': x\n', 'Multipart: Invalid part header (header name missing).'],
  ];
  for (const [what, headers, msg] of cases) {
    it(what, () => {
      const r = parseMultipart(body(`--XyZ\n${headers}\nvalue\n--XyZ--\n`), CT);
      expect(r.error).toBe(`Multipart parsing error: ${msg}`);
      expect(r.result.flags.STRICT_ERROR).toBe(1);
      expect(r.result.args).toEqual([]);
    });
  }
  it('header line over 4096 bytes', () => {
    const r = parseMultipart(body(`--XyZ\nX-Long: ${'a'.repeat(5000)}\n\nv\n--XyZ--\n`), CT);
    expect(r.error).toBe('Multipart parsing error: Multipart: Part header line over 4096 bytes long');
  });
  it('boundary errors', () => {
    expect(parseMultipart(body('--XyZ junk\n'), CT).error).toBe('Multipart parsing error: Multipart: Invalid boundary: --XyZ junk\\x0d\\x0a');
    expect(parseMultipart(body('-- XyZ\n'), CT).error).toBe('Multipart parsing error: Multipart: Invalid boundary (whitespace).');
    expect(parseMultipart(body('--"XyZ"\n'), 'multipart/form-data; boundary="XyZ"').error).toBe('Multipart parsing error: Multipart: Invalid boundary (quotes).');
  });
  it('final boundary missing / no boundaries: no strict error from completion', () => {
    const missing = parseMultipart(simple.replace('--XyZ--\r\n', ''), CT);
    expect(missing.error).toBe('Multipart parsing error: Multipart: Final boundary missing.');
    expect(missing.result.flags.STRICT_ERROR).toBe(0);
    expect(missing.result.args).toEqual([]);
    expect(missing.result.files).toEqual([]);
    const none = parseMultipart('just text\r\n', CT);
    expect(none.error).toBe('Multipart parsing error: Multipart: No boundaries found in payload.');
    expect(none.result.flags.DATA_BEFORE).toBe(1);
  });
  it('keeps completed parts for FILES and part headers on a later error', () => {
    const r = parseMultipart(simple.replace('--XyZ--', '--XyZ\r\nbroken'), CT);
    expect(r.error).toBe('Multipart parsing error: Multipart: Invalid part header (colon missing): broken\\x0d\\x0a.');
    expect(r.result.files.map((f) => f.name)).toEqual(['image']);
    expect(r.result.partHeaders.length).toBe(3);
  });
});

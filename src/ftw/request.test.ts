import { describe, it, expect } from 'vitest';
import { buildStage, buildGoFtwRequest, encodeFormData, parseRawRequest, serializeRequest } from './request.js';
import { isYamlMap, parseFtwYaml, type YamlMap } from './load.js';

/** A stage input written as go-ftw YAML (so scalars are strings, as in the suite). */
function input(yaml: string): YamlMap {
  const doc = parseFtwYaml(yaml);
  if (!isYamlMap(doc)) throw new Error('not a map');
  return doc;
}
const b64 = (s: string): string => Buffer.from(s, 'latin1').toString('base64');
const header = (h: Array<[string, string]>, name: string): string | undefined => h.find(([n]) => n.toLowerCase() === name.toLowerCase())?.[1];

describe('go-ftw request line and headers', () => {
  it('defaults to GET / HTTP/1.1 with Connection: close and no Content-Length', () => {
    const s = buildStage(input('headers: {Host: localhost}'));
    expect(s.request).toMatchObject({ method: 'GET', uri: '/', version: 'HTTP/1.1', headers: [['Host', 'localhost'], ['Connection', 'close']] });
    expect(s.raw.toString('latin1')).toBe('GET / HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n');
  });

  it('keeps scalars as written (version 1.1 stays "1.1", not a number)', () => {
    const s = buildStage(input('version: 1.1\nmethod: POST\nport: 80'));
    expect(s.request.version).toBe('1.1');
    expect(s.dest.port).toBe(80);
  });

  it('sorts headers by name in byte order (uppercase before lowercase)', () => {
    const s = buildStage(input('headers:\n  b-x: 1\n  User-Agent: u\n  Accept: a\n  a-y: 2\n  Host: h'));
    expect(s.request.headers.map(([n]) => n)).toEqual(['Accept', 'Host', 'User-Agent', 'a-y', 'b-x', 'Connection']);
  });

  it('sends ordered_headers in the listed order', () => {
    const s = buildStage(input('ordered_headers:\n  - {name: Z, value: "1"}\n  - {name: A, value: "2"}\nautocomplete_headers: false'));
    expect(s.request.headers).toEqual([['Z', '1'], ['A', '2']]);
  });

  it('passes non-ASCII text as its UTF-8 bytes (binary strings)', () => {
    const s = buildStage(input('uri: "/?x=é"\nheaders: {X: "ü"}'));
    expect(s.request.uri).toBe('/?x=\xc3\xa9');
    expect(header(s.request.headers, 'X')).toBe('\xc3\xbc');
  });
});

describe('go-ftw data', () => {
  it('sends a YAML block verbatim, with its LF line ends and final LF', () => {
    const s = buildStage(input('method: POST\nheaders: {Content-Type: text/plain}\ndata: |\n  line1\n  line2\n'));
    expect(s.request.body.toString('latin1')).toBe('line1\nline2\n');
    expect(header(s.request.headers, 'Content-Length')).toBe('12');
  });

  it('expands {{ "x" | repeat N }} and {{ repeat N "x" }}', () => {
    const s = buildStage(input('method: POST\nheaders: {Content-Type: text/plain}\ndata: \'a={{ "ab" | repeat 3 }}&b={{ repeat 2 "c" }}\''));
    expect(s.request.body.toString('latin1')).toBe('a=ababab&b=cc');
    expect(s.unsupported).toEqual([]);
  });

  it('reports template constructs it does not emulate', () => {
    const s = buildStage(input('method: POST\ndata: \'{{ now }}\''));
    expect(s.unsupported.length).toBe(1);
  });

  it('adds the form Content-Type and QueryEscapes each key and value', () => {
    const s = buildStage(input("method: POST\ndata: \"a b=c'd&e\\xe9=<x>&flag\""));
    expect(header(s.request.headers, 'Content-Type')).toBe('application/x-www-form-urlencoded');
    expect(s.request.body.toString('latin1')).toBe('a+b=c%27d&e%C3%A9=%3Cx%3E&flag');
    expect(header(s.request.headers, 'Content-Length')).toBe(String(s.request.body.length));
  });

  it('leaves form data with + or % alone (go-ftw takes it as already encoded)', () => {
    expect(encodeFormData('a=b c+d')).toBe('a=b c+d');
    expect(encodeFormData('a=%zz <')).toBe('a=%zz <');
    expect(encodeFormData('k=v v')).toBe('k=v+v');
    expect(encodeFormData('=&')).toBe('=&');
  });

  it('does not encode data sent with another Content-Type', () => {
    const s = buildStage(input('method: POST\nheaders: {Content-Type: application/json}\ndata: \'{"a": "b c"}\''));
    expect(s.request.body.toString('latin1')).toBe('{"a": "b c"}');
  });

  it('matches the form Content-Type case-insensitively', () => {
    const s = buildStage(input('method: POST\nheaders: {content-type: Application/X-WWW-Form-Urlencoded}\ndata: "a=b c"'));
    expect(s.request.body.toString('latin1')).toBe('a=b+c');
    expect(s.request.headers.filter(([n]) => n.toLowerCase() === 'content-type').length).toBe(1);
  });

  it('adds Content-Length for body methods without data, by Go\'s unanchored-alternation regexp', () => {
    for (const [m, want] of [['POST', '0'], ['PUT', '0'], ['PATCH', '0'], ['DELETE', '0'], ['POSTX', '0'], ['XDELETE', '0'], ['XPUTX', '0'], ['GET', undefined], ['OPTIONS', undefined]] as const) {
      const s = buildStage(input(`method: ${m}`));
      expect([m, header(s.request.headers, 'Content-Length')]).toEqual([m, want]);
    }
  });

  it('keeps an existing Content-Length and Connection', () => {
    const g = buildGoFtwRequest(input('method: POST\nheaders: {Content-Length: "3", Connection: keep-alive, Content-Type: text/plain}\ndata: abcdef'));
    expect(g.headers).toEqual([['Connection', 'keep-alive'], ['Content-Length', '3'], ['Content-Type', 'text/plain']]);
  });

  it('adds nothing with autocomplete_headers: false, or the legacy stop_magic: true', () => {
    for (const flag of ['autocomplete_headers: false', 'stop_magic: true']) {
      const g = buildGoFtwRequest(input(`method: POST\n${flag}\ndata: a=b c`));
      expect(g.headers).toEqual([]);
      expect(g.data).toBe('a=b c');
    }
  });

  it('turns LF into CRLF for multipart bodies, even without autocomplete', () => {
    const yaml = 'method: POST\nautocomplete_headers: false\nheaders: {Content-Type: "multipart/form-data; boundary=X", Content-Length: "50"}\ndata: |\n  --X\n  Content-Disposition: form-data; name="a"\n\n  1\n  --X--\n';
    const g = buildGoFtwRequest(input(yaml));
    expect(g.data).toBe('--X\r\nContent-Disposition: form-data; name="a"\r\n\r\n1\r\n--X--\r\n');
  });

  it('decodes encoded_data as the body', () => {
    const g = buildGoFtwRequest(input(`method: POST\nheaders: {Content-Type: text/plain}\nencoded_data: ${b64('\x00\xff')}`));
    expect(g.data).toBe('\x00\xff');
  });

  it('serialises like go-ftw', () => {
    expect(serializeRequest('POST', '/a', 'HTTP/1.0', [['A', '1'], ['B', '']], 'xy').toString('latin1')).toBe('POST /a HTTP/1.0\r\nA: 1\r\nB: \r\n\r\nxy');
    const s = buildStage(input('method: POST\nheaders: {Content-Type: text/plain}\ndata: "é"'));
    expect(s.raw.toString('latin1')).toBe('POST / HTTP/1.1\r\nContent-Type: text/plain\r\nConnection: close\r\nContent-Length: 2\r\n\r\n\xc3\xa9');
  });
});

describe('encoded_request', () => {
  it('sends the decoded bytes as they are and parses them for the WAF', () => {
    const raw = 'POST /x?a=1 HTTP/1.0\r\nHost:  h \r\nX-Folded: a\r\n  b\r\nnocolon\r\nContent-Length: 3\r\n\r\nabcdef';
    const s = buildStage(input(`uri: /ignored\nencoded_request: ${b64(raw)}`));
    expect(s.raw.toString('latin1')).toBe(raw);
    expect(s.request).toMatchObject({ method: 'POST', uri: '/x?a=1', version: 'HTTP/1.0', headers: [['Host', 'h'], ['X-Folded', 'a b'], ['Content-Length', '3']] });
    expect(s.request.body.toString('latin1')).toBe('abc');
  });

  it('accepts a bare-LF header end and keeps header bytes binary', () => {
    const p = parseRawRequest(Buffer.from('GET / HTTP/1.1\nX: \xff\n\nbody', 'latin1'));
    expect(p.headers).toEqual([['X', '\xff']]);
    expect(p.body.toString('latin1')).toBe('body');
  });

  it('splits the request line at the first and last space', () => {
    expect(parseRawRequest(Buffer.from('GET /a b HTTP/1.1\r\n\r\n'))).toMatchObject({ method: 'GET', uri: '/a b', version: 'HTTP/1.1' });
    expect(parseRawRequest(Buffer.from('GET /a\r\n\r\n'))).toMatchObject({ method: 'GET', uri: '/a', version: '' });
  });
});

describe('Apache front end', () => {
  it('takes a request line without version as HTTP/0.9', () => {
    const s = buildStage(input(`encoded_request: ${b64('GET /\r\n\r\n')}`));
    expect(s.request.version).toBe('HTTP/0.9');
    expect(s.serverRejects).toBeUndefined();
    expect(buildStage(input(`encoded_request: ${b64('GET /\r\n\r\n')}`), { server: 'none' }).request.version).toBe('');
  });

  it('de-chunks a chunked body and drops Content-Length', () => {
    const s = buildStage(input('method: POST\nautocomplete_headers: false\nheaders: {Transfer-Encoding: chunked, Content-Length: "99", Content-Type: text/plain}\ndata: "3\\r\\nabc\\r\\n2;ext=1\\r\\nde\\r\\n0\\r\\n\\r\\n"'));
    expect(s.request.body.toString('latin1')).toBe('abcde');
    expect(header(s.request.headers, 'Content-Length')).toBeUndefined();
    expect(header(s.request.headers, 'Transfer-Encoding')).toBe('chunked');
  });

  it('merges repeated header fields comma-separated, keeping the first name and position', () => {
    const s = buildStage(input(`encoded_request: ${b64('GET / HTTP/1.1\r\nAccept: a\r\nHost: h\r\naccept: b\r\n\r\n')}`));
    expect(s.request.headers).toEqual([['Accept', 'a, b'], ['Host', 'h']]);
  });

  it('truncates the body to Content-Length and reads none without a length', () => {
    const t = buildStage(input('method: POST\nheaders: {Content-Length: "2", Content-Type: text/plain}\ndata: abcd'));
    expect(t.request.body.toString('latin1')).toBe('ab');
    const n = buildStage(input('method: POST\nautocomplete_headers: false\ndata: abcd'));
    expect(n.request.body.length).toBe(0);
  });

  it('marks what HttpProtocolOptions Strict answers 400 to', () => {
    const rej = (yaml: string): string | undefined => buildStage(input(yaml)).serverRejects;
    expect(rej('headers: {X: "a\\x01b"}')).toBe('control character in the value of header X');
    expect(rej('headers: {X: "a\\tb"}')).toBeUndefined();
    expect(rej('headers: {"Bad Name": x}')).toBe('header name "Bad Name" is not a token');
    expect(rej('version: HTTP/2')).toBe('protocol "HTTP/2" is not HTTP/d.d');
    expect(rej('version: HTTP/4.0')).toBeUndefined();
    expect(rej('uri: "/a b"')).toBe('space or control character in the request target');
    expect(rej('method: "\\tGET"')).toBe('method "\\tGET" is not a token');
    expect(rej('method: "|GET"')).toBeUndefined();
    expect(buildStage(input('uri: "/a b"'), { server: 'none' }).serverRejects).toBeUndefined();
  });
});

describe('albedo /reflect', () => {
  const reflect = (json: string): ReturnType<typeof buildStage>['response'] =>
    buildStage(input(`method: POST\nuri: /reflect\nheaders: {Content-Type: application/json}\ndata: '${json}'`)).response;

  it('answers with the given status, headers and body, sniffing the type and adding the length', () => {
    const r = reflect('{"status": 200, "headers": {"X-A": "1"}, "body": "<html><body>hi</body></html>"}');
    expect(r?.status).toBe(200);
    expect(r?.headers).toEqual([['X-A', '1'], ['Content-Type', 'text/html; charset=utf-8'], ['Content-Length', '28']]);
    expect(r?.body.toString('latin1')).toBe('<html><body>hi</body></html>');
  });

  it('keeps a given Content-Type and decodes encodedBody', () => {
    const r = reflect(`{"headers": {"content-type": "text/plain"}, "encodedBody": "${b64('ok\x00')}"}`);
    expect(r?.status).toBe(200);
    expect(r?.headers).toEqual([['content-type', 'text/plain'], ['Content-Length', '3']]);
    expect(r?.body.toString('latin1')).toBe('ok\x00');
  });

  it('answers an empty body with Content-Length 0 only', () => {
    expect(reflect('{"status": 302}')).toEqual({ status: 302, headers: [['Content-Length', '0']], body: Buffer.alloc(0) });
  });

  it('answers 400 to a body that is not JSON, and ignores other paths', () => {
    expect(reflect('nope')?.status).toBe(400);
    expect(buildStage(input('method: POST\nuri: /other\ndata: x')).response).toBeUndefined();
    expect(buildStage(input('method: GET\nuri: /reflect')).response).toBeUndefined();
  });
});

describe('unsupported inputs', () => {
  it('reports follow_redirect and raw_request', () => {
    expect(buildStage(input('follow_redirect: true')).unsupported.length).toBe(1);
    expect(buildStage(input('raw_request: "GET / HTTP/1.1"')).unsupported.length).toBe(1);
  });
});

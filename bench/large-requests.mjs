// The (e) corpus's single large requests: six shapes of 64 KiB bodies (compare.mjs, profile.mjs).

/**
 * (e) single large requests, every body exactly 64 KiB (ASCII, so bytes = chars). Variant 0 is the
 * request of the (e) corpus; other variants have the same shape and size with other contents
 * (argument names, values, JSON leaves and ids), so that they are new to an engine that has seen
 * variant 0 or each other.
 */
export function largeRequests(variant = 0) {
  const SIZE = 65536;
  const req = (id, contentType, body, uri = '/submit') => ({
    id: variant === 0 ? id : `${id}-v${variant}`, method: 'POST', uri, version: 'HTTP/1.1',
    headers: [['Host', 'localhost'], ['User-Agent', 'Mozilla/5.0 (X11; Linux x86_64; rv:125.0) Gecko/20100101 Firefox/125.0'],
      ['Accept', '*/*'], ['Content-Type', contentType], ['Content-Length', String(body.length)]],
    body,
  });
  // the one argument's name, always 7 chars
  const arg = variant === 0 ? 'comment' : `v${String(variant).padStart(6, '0')}`;
  const form = (id, fill) => req(id, 'application/x-www-form-urlencoded', `${arg}=` + fill.repeat(SIZE - 8));
  const text = 'the+quick+brown+fox+jumps+over+the+lazy+dog+0123456789+';
  // words and numbers drawn by a generator seeded by the variant and the place (variant 0: `text` repeated)
  const WORDS = ['the', 'quick', 'brown', 'fox', 'jumps', 'over', 'lazy', 'dog', 'order', 'invoice', 'customer', 'street', 'city', 'report', 'alpha', 'delta'];
  const filler = (n, place = 0) => {
    if (variant === 0) return text.repeat(Math.ceil(n / text.length)).slice(0, n);
    let x = (variant * 7919 + place * 104729) >>> 0 || 1;
    const next = () => (x = (Math.imul(x, 1103515245) + 12345) >>> 0) >>> 8;
    let out = '';
    while (out.length < n) out += `${WORDS[next() % WORDS.length]}+${next() % 100000}+`;
    return out.slice(0, n);
  };

  // 255 args (the CRS max_num_args example value), values padded so the body is exactly 64 KiB
  const names = Array.from({ length: 255 }, (_, i) => `field_${String(i).padStart(3, '0')}`);
  const fixed = names.reduce((n, k) => n + k.length + 1, 0) + names.length - 1; // "k=" plus the "&"s
  const each = Math.floor((SIZE - fixed) / names.length);
  const extra = SIZE - fixed - each * names.length;
  const formBody = names.map((k, i) => `${k}=${filler(each + (i < extra ? 1 : 0), i + 1)}`).join('&');

  // nested JSON: 200 levels of small objects (long ARGS names: json.child.child...), padded at the leaf
  let open = '';
  let close = '';
  for (let d = 0; d < 200; d++) {
    open += `{"id":${d + 1000 * variant},"name":"node-${variant ? `${variant}-` : ''}${d}","tags":["a","b"],"child":`;
    close += '}';
  }
  const leaf = (n) => `"${filler(n - 2).replaceAll('+', ' ')}"`;
  const json = open + leaf(SIZE - open.length - close.length) + close;

  const boundary = '----portcullisBench7MA4YWxkTrZu0gW';
  const head = `--${boundary}\r\nContent-Disposition: form-data; name="title"\r\n\r\nreport${variant || ''}\r\n--${boundary}\r\n` +
    'Content-Disposition: form-data; name="file"; filename="notes.txt"\r\nContent-Type: text/plain\r\n\r\n';
  const tail = `\r\n--${boundary}--\r\n`;
  const lines = variant === 0 ? 'line of an uploaded text file, nothing special here 0123456789\n' : `${filler(60).replaceAll('+', ' ')}\n`;
  const file = lines.repeat(Math.ceil(SIZE / lines.length)).slice(0, SIZE - head.length - tail.length);

  const list = [
    form('large-spaces', ' '),
    form('large-quotes', "'"),
    form('large-lt', '<'),
    req('large-json-nested', 'application/json', json, '/api/items'),
    req('large-form-255-args', 'application/x-www-form-urlencoded', formBody),
    req('large-multipart', `multipart/form-data; boundary=${boundary}`, head + file + tail, '/upload'),
  ];
  for (const r of list) if (r.body.length !== SIZE) throw new Error(`${r.id}: ${r.body.length} bytes, not ${SIZE}`);
  return list;
}

/** What each shape is, for reports. */
export const LARGE_DESC = {
  'large-spaces': 'urlencoded form, one arg of 65 528 spaces',
  'large-quotes': "urlencoded form, one arg of 65 528 `'`",
  'large-lt': 'urlencoded form, one arg of 65 528 `<`',
  'large-json-nested': 'JSON, 200 nested objects (4 keys each), long string leaf',
  'large-form-255-args': 'urlencoded form, 255 args of ≈ 245 bytes',
  'large-multipart': 'multipart/form-data, one 64 KB text file part',
};

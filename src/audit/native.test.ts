import { describe, it, expect } from 'vitest';
import { Waf } from '../index.js';
import { run, type TestRequest } from '../../test/engine/helpers.js';
import { buildAuditRecord } from './record.js';
import { apacheLogTime, formatNative, newBoundary } from './native.js';

const PREAMBLE = 'SecRuleEngine On\nSecRequestBodyAccess On\nSecResponseBodyAccess On\nSecComponentSignature "OWASP_CRS/4.28.0"\n';

function entry(rules: string, request: TestRequest, parts: string): string {
  const tx = run(Waf.fromStringSync(PREAMBLE + rules), request);
  const text = formatNative(buildAuditRecord(tx, parts, { server: 'Apache', handler: 'proxy-server' }), 'b0b0b0b0');
  // the only values that change from run to run
  return text
    .replace(/^(--b0b0b0b0-A--\n)\[[^\]]+\] \S+ /, '$1[TIME] ID ')
    .replace(/\nStopwatch: \d+ \d+ /, '\nStopwatch: T D ')
    .replace(/\[unique_id "[^"]*"\]/g, '');
}

const FORM: TestRequest = {
  method: 'POST',
  uri: '/login?next=1',
  headers: [['Host', 'shop.example'], ['Content-Type', 'application/x-www-form-urlencoded']],
  body: 'user=admin&pwd=x',
  response: { status: 200, headers: [['Content-Type', 'text/html']], body: '<p>hi</p>' },
};

describe('formatNative', () => {
  it('writes the parts in v2 order with v2 separators and blank lines', () => {
    const rules = 'SecRule ARGS:user "@streq admin" "id:7,phase:4,pass,log,msg:\'admin login\'"\n';
    expect(entry(rules, FORM, 'ABCFEHKZ')).toBe([
      '--b0b0b0b0-A--',
      '[TIME] ID 127.0.0.1 0 127.0.0.1 80',
      '--b0b0b0b0-B--',
      'POST /login?next=1 HTTP/1.1',
      'Host: shop.example',
      'Content-Type: application/x-www-form-urlencoded',
      'Content-Length: 16',
      '',
      '--b0b0b0b0-C--',
      'user=admin&pwd=x',
      '--b0b0b0b0-F--',
      'HTTP/1.1 200 OK',
      'Content-Type: text/html',
      '',
      '--b0b0b0b0-E--',
      '<p>hi</p>',
      '--b0b0b0b0-H--',
      'Message: Warning. Matched "Operator `Streq\' with parameter `admin\' against variable `ARGS:user\' (Value: `admin\' ) '
        + '[file "' + process.cwd() + '/<string>"] [line "5"] [id "7"] [rev ""] [msg "admin login"] [data ""] [severity ""] [ver ""] [maturity "0"] [accuracy "0"]',
      'Apache-Handler: proxy-server',
      'Stopwatch: T D (- - -)',
      'Response-Body-Transformed: Dechunked',
      'Producer: portcullis; OWASP_CRS/4.28.0.',
      'Server: Apache',
      'Engine-Mode: "ENABLED"',
      '',
      '--b0b0b0b0-K--',
      `[file "${process.cwd()}/<string>"] [line "5"] [id "7"] [phase "4"]`,
      '',
      '--b0b0b0b0-Z--',
      '',
      '',
    ].join('\n'));
  });

  it('always writes A and Z, and only the parts asked for', () => {
    const text = entry('', FORM, 'AZ');
    expect(text).toBe('--b0b0b0b0-A--\n[TIME] ID 127.0.0.1 0 127.0.0.1 80\n--b0b0b0b0-Z--\n\n');
  });

  it('writes part I as part C for a non-multipart body, under the C header', () => {
    expect(entry('', FORM, 'AIZ')).toContain('\n--b0b0b0b0-C--\nuser=admin&pwd=x\n--b0b0b0b0-Z--');
  });

  it('writes no C part when the request body was not read', () => {
    const tx = run(Waf.fromStringSync('SecRuleEngine On\n'), FORM);
    expect(formatNative(buildAuditRecord(tx, 'ACZ'), 'b')).not.toContain('-C--');
  });

  it('marks an intercepted transaction and logs the intervention status', () => {
    const rules = 'SecRule ARGS:user "@streq admin" "id:7,phase:2,deny,status:406,log"\n';
    const text = entry(rules, FORM, 'AFHZ');
    expect(text).toContain('\n--b0b0b0b0-F--\nHTTP/1.1 406 Not Acceptable\n');
    expect(text).toMatch(/\nMessage: Access denied with code 406 \(phase 2\)\. Matched .* \[id "7"\][^\n]*\nAction: Intercepted \(phase 2\)\n/);
    expect(text).toContain('Engine-Mode: "ENABLED"');
  });

  it('reports DetectionOnly in Engine-Mode and no interception', () => {
    const tx = run(Waf.fromStringSync('SecRuleEngine DetectionOnly\nSecRule ARGS "@rx a" "id:7,phase:1,deny,log"\n'), { uri: '/?a=a' });
    const text = formatNative(buildAuditRecord(tx, 'AHZ'), 'b');
    expect(text).toContain('Engine-Mode: "DETECTION_ONLY"\n');
    expect(text).not.toContain('Action: Intercepted');
  });

  it('writes WebApp-Info when SecWebAppId or a session id is set', () => {
    const tx = run(Waf.fromStringSync('SecRuleEngine On\nSecWebAppId shop\n'), { uri: '/' });
    expect(formatNative(buildAuditRecord(tx, 'AHZ'), 'b')).toContain('\nWebApp-Info: "shop" "-" "-"\n');
  });

  it('writes the multipart form fields in part I and the uploads in part J', () => {
    const body = '--XyZ\r\nContent-Disposition: form-data; name="a"\r\n\r\nx y\r\n'
      + '--XyZ\r\nContent-Disposition: form-data; name="f"; filename="e\\"vil.php"\r\nContent-Type: application/x-php\r\n\r\n<?php ?>\r\n'
      + '--XyZ\r\nContent-Disposition: form-data; name="g"; filename="b.txt"\r\n\r\nabc\r\n--XyZ--\r\n';
    const text = entry('SecAction "id:1,phase:2,pass,nolog,sanitiseArg:a"\n', {
      method: 'POST', uri: '/up', headers: [['Content-Type', 'multipart/form-data; boundary=XyZ']], body,
    }, 'ACIJZ');
    // the masked field is masked in the raw body too
    expect(text).toContain(`\n--b0b0b0b0-C--\n${body.replace('x y', '***')}\n--b0b0b0b0-I--\na=***\n--b0b0b0b0-J--\n`);
    expect(text).toContain('\n--b0b0b0b0-J--\n2,8,"e\\"vil.php","application/x-php"\n3,3,"b.txt","<Unknown ContentType>"\nTotal,11\n\n--b0b0b0b0-Z--');
  });
});

describe('helpers', () => {
  it('formats the time as Apache does', () => {
    const d = new Date(2021, 0, 5, 9, 6, 7);
    expect(apacheLogTime(d)).toMatch(/^05\/Jan\/2021:09:06:07 [+-]\d{4}$/);
  });

  it('makes 8 hex digit boundaries', () => {
    expect(newBoundary()).toMatch(/^[0-9a-f]{8}$/);
  });
});

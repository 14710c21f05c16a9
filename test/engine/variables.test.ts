import { describe, it, expect } from 'vitest';
import { waf, run, ids } from './helpers.js';

describe('targets and selectors', () => {
  it('counts with &, excludes with !, selects keys case-insensitively and by regex', () => {
    const w = waf(`
SecRule &ARGS "@eq 3" "id:1,phase:2,pass,log"
SecRule ARGS|!ARGS:skip "@rx bad" "id:2,phase:2,pass,log"
SecRule ARGS:NAME "@streq bob" "id:3,phase:2,pass,log"
SecRule ARGS:/^pre_/ "@streq bad" "id:4,phase:2,pass,log"
SecRule &ARGS:missing "@eq 0" "id:5,phase:2,pass,log"
`);
    expect(ids(run(w, { uri: '/?skip=bad&name=bob&pre_x=bad' }))).toEqual([1, 2, 3, 4, 5]);
    expect(ids(run(w, { uri: '/?skip=bad&name=bob' }))).toEqual([3, 5]);
  });

  it('sets MATCHED_VAR_NAME as COLLECTION:key and captures into TX:0..', () => {
    const w = waf(`
SecRule ARGS "@rx (a)(b)" "id:1,phase:2,pass,log,capture,logdata:'%{TX.0}|%{TX.2}|%{MATCHED_VAR_NAME}'"
`);
    const tx = run(w, { uri: '/?q=xaby' });
    expect(tx.matchedRules()[0]!.data).toBe('ab|b|ARGS:q');
  });

  it('captures overwrite TX:0..9 whatever other rules wrote to those keys in between', () => {
    // a capture key set, or deleted, between two matches of the same captures
    for (const between of ['setvar:tx.1=changed', 'setvar:!tx.1']) {
      const w = waf(`
SecRule ARGS:a "@rx (x)(y)" "id:1,phase:2,pass,capture,nolog"
SecAction "id:2,phase:2,pass,nolog,${between}"
SecRule ARGS:b "@rx (x)(y)" "id:3,phase:2,pass,capture,nolog"
SecRule TX:1 "@streq x" "id:4,phase:2,pass,log"
SecRule TX:0 "@streq xy" "id:5,phase:2,pass,log"
`);
      expect(ids(run(w, { uri: '/?a=xy&b=xy' })), between).toEqual([4, 5]);
    }
  });

  it('parses cookies (v0) and headers', () => {
    const w = waf(`
SecRule REQUEST_COOKIES:session "@streq abc" "id:1,phase:1,pass,log"
SecRule REQUEST_COOKIES_NAMES "@streq $Version" "id:2,phase:1,pass,log"
SecRule REQUEST_HEADERS:user-agent "@contains curl" "id:3,phase:1,pass,log"
`);
    const tx = run(w, { headers: [['Cookie', '$Version=1; session=abc'], ['User-Agent', 'curl/8']] });
    expect(ids(tx)).toEqual([1, 2, 3]);
  });

  it('reads URI parts', () => {
    const w = waf(`
SecRule REQUEST_FILENAME "@streq /a/b.php" "id:1,phase:1,pass,log"
SecRule REQUEST_BASENAME "@streq b.php" "id:2,phase:1,pass,log"
SecRule QUERY_STRING "@streq x=1&y=%41" "id:3,phase:1,pass,log"
SecRule ARGS_GET:y "@streq A" "id:4,phase:1,pass,log"
SecRule REQUEST_LINE "@streq GET /a/b.php?x=1&y=%41 HTTP/1.1" "id:5,phase:1,pass,log"
`);
    expect(ids(run(w, { uri: '/a/b.php?x=1&y=%41' }))).toEqual([1, 2, 3, 4, 5]);
  });
});

describe('setvar and macros', () => {
  it('sets, adds, subtracts and deletes TX variables', () => {
    const w = waf(`
SecAction "id:1,phase:1,pass,nolog,setvar:tx.score=5,setvar:tx.score=+3,setvar:tx.other=1,setvar:!tx.other"
SecAction "id:2,phase:1,pass,nolog,setvar:'tx.score=-2',setvar:'tx.msg=score is %{tx.score}'"
SecRule &TX:other "@eq 0" "id:3,phase:1,pass,log,msg:'%{tx.msg}'"
`);
    const tx = run(w);
    expect(tx.getVariable('TX', 'score')).toBe('6');
    expect(tx.matchedRules().find((m) => m.id === 3)!.msg).toBe('score is 6');
  });

  it('reads numbers as atoi() does and keys whatever their case', () => {
    const operands = { ' 7abc': '7', '-3': '-3', '+4': '4', x5: '0', '': '0', '123456789012345678': '123456789012345680', '12 3': '12' };
    for (const [operand, sum] of Object.entries(operands)) {
      const w = waf(`
SecAction "id:1,phase:1,pass,nolog,setvar:'tx.Step=${operand}',setvar:tx.SCORE=0"
SecAction "id:2,phase:1,pass,nolog,setvar:tx.score=+%{TX.STEP},setvar:'tx.copy=%{tx.Score}'"
`);
      const tx = run(w);
      expect([tx.getVariable('TX', 'score'), tx.getVariable('TX', 'COPY')]).toEqual([sum, sum]);
      expect(tx.store('TX')!.entries().map((e) => e.key)).toEqual(['Step', 'SCORE', 'copy']);
    }
  });
});

describe('transformations', () => {
  it('applies t: chains in order and t:none resets the default ones', () => {
    const w = waf(`
SecDefaultAction "phase:2,log,pass,t:lowercase"
SecRule ARGS "@streq abc" "id:1,phase:2"
SecRule ARGS "@streq ABC" "id:2,phase:2,t:none"
SecRule ARGS "@streq a c" "id:3,phase:2,t:none,t:urlDecode,t:lowercase"
`);
    expect(ids(run(w, { uri: '/?q=ABC' }))).toEqual([1, 2]);
    expect(ids(run(w, { uri: '/?q=A%2520C' }))).toEqual([3]);
  });

  it('multiMatch tries the value before and after each transformation', () => {
    const w = waf(`
SecRule ARGS "@streq A%42" "id:1,phase:2,pass,log,t:none,t:urlDecode,multiMatch"
SecRule ARGS "@streq A%42" "id:2,phase:2,pass,log,t:none,t:urlDecode"
`);
    expect(ids(run(w, { uri: '/?q=A%2542' }))).toEqual([1]);
  });
});

describe('request bodies', () => {
  it('parses URL-encoded bodies into ARGS_POST and REQUEST_BODY', () => {
    const w = waf(`
SecRule ARGS_POST:a "@streq 1 2" "id:1,phase:2,pass,log"
SecRule REQUEST_BODY "@contains a=1+2" "id:2,phase:2,pass,log"
SecRule REQBODY_PROCESSOR "@streq URLENCODED" "id:3,phase:2,pass,log"
`);
    const tx = run(w, { method: 'POST', headers: [['Content-Type', 'application/x-www-form-urlencoded']], body: 'a=1+2&b=3' });
    expect(ids(tx)).toEqual([1, 2, 3]);
  });

  it('sets REQBODY_ERROR for a malformed JSON body instead of throwing', () => {
    const w = waf(`
SecRule REQUEST_HEADERS:Content-Type "^application/json" "id:1,phase:1,pass,nolog,ctl:requestBodyProcessor=JSON"
SecRule REQBODY_ERROR "!@eq 0" "id:2,phase:2,deny,status:400,log,msg:'%{REQBODY_ERROR_MSG}'"
SecRule ARGS:a.b "@streq 1" "id:3,phase:2,pass,log"
`);
    const bad = run(w, { method: 'POST', headers: [['Content-Type', 'application/json']], body: '{"a": {' });
    expect(bad.intervention()).toMatchObject({ status: 400, ruleId: 2 });
    const good = run(w, { method: 'POST', headers: [['Content-Type', 'application/json']], body: '{"a": {"b": 1}}' });
    expect(ids(good)).toEqual([3]);
  });
});

import { describe, expect, it } from 'vitest';
import { parseConfigString } from '../seclang/index.js';
import { compileConfig, compileConfigString } from './compile.js';

describe('compileConfigString (compiles while parsing)', () => {
  const source = { file: '/t/rules.conf', baseDir: '/t' };

  it('compiles what parse + compileConfig compile', () => {
    const text = [
      'SecDefaultAction "phase:2,log,deny,status:403"',
      'SecRule ARGS "@rx a+b" "id:1,phase:2,t:lowercase,chain"',
      '  SecRule REMOTE_ADDR "@geoLookup" "t:none"',
      'SecRule ARGS:/^x/ "@pm foo bar" "id:2,phase:1,block,msg:\'%{MATCHED_VAR}\'"',
      'SecMarker END',
    ].join('\n');
    const streamed = compileConfigString(text, source);
    const whole = compileConfig(parseConfigString(text, source));
    const summary = (c: typeof whole) => ({
      rules: c.rules.map((r) => [r.id, r.phase, r.operatorName, r.transforms.names, r.chain?.operatorName, r.disruptive]),
      warnings: c.warnings.map((w) => [w.pos.line, w.message]),
    });
    expect(summary(streamed)).toEqual(summary(whole));
  });

  it('reports a parse error that follows a compile error, as parsing first does', () => {
    const text = 'SecRule ARGS "@rx (" "id:1,phase:2"\nSecNoSuchDirective On\n';
    expect(() => compileConfig(parseConfigString(text, source))).toThrow(/unknown directive SecNoSuchDirective/);
    expect(() => compileConfigString(text, source)).toThrow(/unknown directive SecNoSuchDirective/);
  });

  it('reports the first compile error when the text parses', () => {
    const text = 'SecRule ARGS "@rx (" "id:1,phase:2"\nSecRule ARGS "@rx a" "id:1,phase:2"\n';
    expect(() => compileConfigString(text, source)).toThrow(/rules\.conf:1:.*cannot compile regex/);
  });
});

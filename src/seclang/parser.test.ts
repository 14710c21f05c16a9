import { describe, expect, it } from 'vitest';
import type { DirectiveNode } from './ast.js';
import { KNOWN_DIRECTIVES, lookupDirective } from './directives.js';
import { SecLangError } from './errors.js';
import { parseConfigString } from './parser.js';

const parse = (text: string) => parseConfigString(text, { file: 'p.conf' }).directives;
const one = <K extends DirectiveNode['kind']>(text: string, kind: K) => {
  const ds = parse(text);
  expect(ds).toHaveLength(1);
  expect(ds[0]!.kind).toBe(kind);
  return ds[0] as Extract<DirectiveNode, { kind: K }>;
};
const at = (line: number, column: number) => ({ file: 'p.conf', line, column });

describe('parseConfigString', () => {
  it('parses a SecRule into targets, operator and actions', () => {
    const r = one('SecRule REQUEST_HEADERS:Content-Type|!ARGS:x "@rx ^text/" "id:1,phase:1,pass"', 'SecRule');
    expect(r.pos).toEqual(at(1, 1));
    expect(r.targets.map((t) => [t.collection, t.selector, t.negated])).toEqual([
      ['REQUEST_HEADERS', 'Content-Type', false],
      ['ARGS', 'x', true],
    ]);
    expect(r.operator).toEqual({ pos: at(1, 47), name: 'rx', param: '^text/', negated: false });
    expect(r.actions.map((a) => [a.name, a.value])).toEqual([
      ['id', '1'],
      ['phase', '1'],
      ['pass', null],
    ]);
  });

  it('parses a SecRule without actions (a chained rule) and with unquoted parts', () => {
    const r = one('SecRule &ARGS @eq', 'SecRule');
    expect(r.targets[0]!.count).toBe(true);
    expect(r.operator).toMatchObject({ name: 'eq', param: '' });
    expect(r.actions).toEqual([]);
  });

  it('positions targets, operator and actions inside quoted arguments across continuations', () => {
    const r = one(
      [
        'SecRule "REQUEST_COOKIES|\\',
        '    !REQUEST_COOKIES:/__utm/" \\',
        '    "!@rx \\"x\\"" \\',
        '    "id:942100,\\',
        '    msg:\'SQL \\"Injection\\"\',\\',
        '    t:none"',
      ].join('\n'),
      'SecRule',
    );
    expect(r.targets.map((t) => t.pos)).toEqual([at(1, 10), at(2, 5)]);
    expect(r.targets[1]).toMatchObject({ selector: '__utm', selectorIsRegex: true, negated: true });
    expect(r.operator).toEqual({ pos: at(3, 6), name: 'rx', param: '"x"', negated: true });
    expect(r.actions.map((a) => [a.name, a.value, a.pos])).toEqual([
      ['id', '942100', at(4, 6)],
      ['msg', 'SQL "Injection"', at(5, 5)],
      ['t', 'none', at(6, 5)],
    ]);
  });

  it('parses SecAction, SecDefaultAction and SecMarker with or without quotes', () => {
    expect(one('SecAction "id:900000,phase:1,pass,nolog,setvar:tx.blocking_paranoia_level=1"', 'SecAction').actions).toHaveLength(5);
    expect(one('SecDefaultAction "phase:2,log,auditlog,pass"', 'SecDefaultAction').actions.map((a) => a.name)).toEqual([
      'phase',
      'log',
      'auditlog',
      'pass',
    ]);
    expect(one('SecMarker "END-REQUEST-920-PROTOCOL-ENFORCEMENT"', 'SecMarker').label).toBe('END-REQUEST-920-PROTOCOL-ENFORCEMENT');
    expect(one("SecMarker END_HOST_CHECK", 'SecMarker').label).toBe('END_HOST_CHECK');
  });

  it('parses SecRuleRemoveById/ByTag/ByMsg', () => {
    expect(one('SecRuleRemoveById 920100 920200-920299 "930100"', 'SecRuleRemove')).toMatchObject({
      by: 'id',
      args: ['920100', '920200-920299', '930100'],
    });
    expect(one('SecRuleRemoveByTag "attack-sqli"', 'SecRuleRemove')).toMatchObject({ by: 'tag', args: ['attack-sqli'] });
    expect(one("SecRuleRemoveByMsg 'SQL Injection'", 'SecRuleRemove')).toMatchObject({ by: 'msg', args: ['SQL Injection'] });
  });

  it('parses SecRuleUpdateTargetById/ByTag/ByMsg with an optional replaced target', () => {
    const u = one('SecRuleUpdateTargetById 942100 "!ARGS:foo|!REQUEST_COOKIES:/^_ga/"', 'SecRuleUpdateTarget');
    expect(u).toMatchObject({ by: 'id', selector: '942100', replaced: null });
    expect(u.targets.map((t) => [t.collection, t.selector, t.selectorIsRegex, t.negated])).toEqual([
      ['ARGS', 'foo', false, true],
      ['REQUEST_COOKIES', '^_ga', true, true],
    ]);
    const r = one('SecRuleUpdateTargetByTag attack-xss ARGS:x REQUEST_URI', 'SecRuleUpdateTarget');
    expect(r.by).toBe('tag');
    expect(r.replaced?.map((t) => t.collection)).toEqual(['REQUEST_URI']);
    expect(one('SecRuleUpdateTargetByMsg "Some msg" !ARGS:y', 'SecRuleUpdateTarget').by).toBe('msg');
  });

  it('parses SecRuleUpdateActionById with a chain offset', () => {
    const u = one('SecRuleUpdateActionById 942100:2 "t:none,pass"', 'SecRuleUpdateAction');
    expect(u.selector).toBe('942100:2');
    expect(u.actions.map((a) => a.name)).toEqual(['t', 'pass']);
  });

  it('turns other directives into Config nodes with the canonical name, whatever the case', () => {
    expect(parse('secruleengine DetectionOnly\nSECREQUESTBODYLIMIT 13107200\nSecResponseBodyMimeTypesClear\nSecUnicodeMapFile unicode.mapping 20127')).toEqual([
      { kind: 'Config', pos: at(1, 1), name: 'SecRuleEngine', args: ['DetectionOnly'] },
      { kind: 'Config', pos: at(2, 1), name: 'SecRequestBodyLimit', args: ['13107200'] },
      { kind: 'Config', pos: at(3, 1), name: 'SecResponseBodyMimeTypesClear', args: [] },
      { kind: 'Config', pos: at(4, 1), name: 'SecUnicodeMapFile', args: ['unicode.mapping', '20127'] },
    ]);
  });

  it('directive names are case-insensitive for rule directives too', () => {
    expect(parse('secrule ARGS "@rx a" "id:1"\nsecaction "id:2"\nsecmarker X').map((d) => d.kind)).toEqual([
      'SecRule',
      'SecAction',
      'SecMarker',
    ]);
  });

  it('keeps directives in file order, names the file in every position', () => {
    const ds = parse('SecMarker A\n\n# c\nSecMarker B');
    expect(ds.map((d) => d.pos)).toEqual([at(1, 1), at(4, 1)]);
  });

  it('reports files with <string> by default and counts it in files', () => {
    const ast = parseConfigString('SecMarker A');
    expect(ast.files).toEqual(['<string>']);
    expect(ast.directives[0]!.pos.file).toBe('<string>');
  });

  it('rejects unknown directives and wrong argument counts with positions', () => {
    expect(() => parse('SecMarker A\n  SecNoSuch x')).toThrow(/^p\.conf:2:3: unknown directive SecNoSuch$/);
    expect(() => parse('SecAction')).toThrow(/^p\.conf:1:1: SecAction takes 1 argument, got 0$/);
    expect(() => parse('SecRuleEngine On Off')).toThrow(/^p\.conf:1:18: SecRuleEngine takes 1 argument, got 2$/);
    expect(() => parse('SecRuleRemoveById')).toThrow(/takes at least 1 argument, got 0/);
    expect(() => parse('SecResponseBodyMimeTypesClear x')).toThrow(/takes 0 arguments, got 1/);
    expect(() => parse('SecRule A B C D')).toThrow(SecLangError);
  });
});

describe('KNOWN_DIRECTIVES', () => {
  it('covers the ModSecurity v2/v3 directives named in the brief', () => {
    const wanted =
      'SecRuleEngine SecRequestBodyAccess SecRequestBodyLimit SecRequestBodyNoFilesLimit SecRequestBodyInMemoryLimit SecRequestBodyLimitAction SecRequestBodyJsonDepthLimit SecArgumentsLimit SecResponseBodyAccess SecResponseBodyMimeType SecResponseBodyMimeTypesClear SecResponseBodyLimit SecResponseBodyLimitAction SecComponentSignature SecCollectionTimeout SecArgumentSeparator SecCookieFormat SecUnicodeMapFile SecUnicodeCodePage SecAuditEngine SecAuditLog SecAuditLog2 SecAuditLogParts SecAuditLogRelevantStatus SecAuditLogFormat SecAuditLogType SecAuditLogStorageDir SecAuditLogDirMode SecAuditLogFileMode SecDebugLog SecDebugLogLevel SecTmpDir SecDataDir SecUploadDir SecUploadKeepFiles SecUploadFileMode SecUploadFileLimit SecTmpSaveUploadedFiles SecStatusEngine SecPcreMatchLimit SecPcreMatchLimitRecursion SecServerSignature SecWebAppId SecSensorId SecHttpBlKey SecGeoLookupDb SecGsbLookupDb SecConnEngine SecContentInjection SecStreamOutBodyInspection SecStreamInBodyInspection SecHashEngine SecHashKey SecHashParam SecHashMethodRx SecHashMethodPm SecXmlExternalEntity SecInterceptOnError SecRuleInheritance SecRulePerfTime SecRemoteRules SecRemoteRulesFailAction SecChrootDir SecGuardianLog SecMarker SecAction SecRule SecDefaultAction SecRuleRemoveById SecRuleRemoveByTag SecRuleRemoveByMsg SecRuleUpdateTargetById SecRuleUpdateTargetByTag SecRuleUpdateTargetByMsg SecRuleUpdateActionById Include'.split(
        ' ',
      );
    for (const name of wanted) expect(lookupDirective(name.toUpperCase())?.name, name).toBe(name);
    expect(new Set(KNOWN_DIRECTIVES.map((d) => d.name.toLowerCase())).size).toBe(KNOWN_DIRECTIVES.length);
  });
});

/** Every operator, by lower-cased SecLang name (aliases included). */
import beginsWith from './beginsWith.js';
import contains from './contains.js';
import containsWord from './containsWord.js';
import endsWith from './endsWith.js';
import eq from './eq.js';
import fuzzyHash from './fuzzyHash.js';
import ge from './ge.js';
import geoLookup from './geoLookup.js';
import gsbLookup from './gsbLookup.js';
import gt from './gt.js';
import inspectFile from './inspectFile.js';
import ipMatch from './ipMatch.js';
import ipMatchFromFile from './ipMatchFromFile.js';
import le from './le.js';
import lt from './lt.js';
import noMatch from './noMatch.js';
import pm from './pm.js';
import pmFromFile from './pmFromFile.js';
import rbl from './rbl.js';
import rsub from './rsub.js';
import rx from './rx.js';
import streq from './streq.js';
import strmatch from './strmatch.js';
import unconditionalMatch from './unconditionalMatch.js';
import validateByteRange from './validateByteRange.js';
import validateDTD from './validateDTD.js';
import validateHash from './validateHash.js';
import validateSchema from './validateSchema.js';
import validateUrlEncoding from './validateUrlEncoding.js';
import validateUtf8Encoding from './validateUtf8Encoding.js';
import verifyCC from './verifyCC.js';
import verifyCPF from './verifyCPF.js';
import verifySSN from './verifySSN.js';
import verifySVNR from './verifySVNR.js';
import within from './within.js';
// libinjection operators (written by another helper, same default-export shape).
import detectSQLi from './detectSQLi.js';
import detectXSS from './detectXSS.js';
import type { OperatorDefinition } from './types.js';

const definitions: OperatorDefinition[] = [
  beginsWith, contains, containsWord, endsWith, eq, fuzzyHash, ge, geoLookup, gsbLookup, gt,
  inspectFile, ipMatch, ipMatchFromFile, le, lt, noMatch, pm, pmFromFile, rbl, rsub, rx, streq,
  strmatch, unconditionalMatch, validateByteRange, validateDTD, validateHash, validateSchema,
  validateUrlEncoding, validateUtf8Encoding, verifyCC, verifyCPF, verifySSN, verifySVNR, within,
  detectSQLi, detectXSS,
];

/** SecLang alternative names: `@pmf`, `@ipMatchF`. */
const aliases: Record<string, OperatorDefinition> = { pmf: pmFromFile, ipmatchf: ipMatchFromFile };

export const operators: ReadonlyMap<string, OperatorDefinition> = new Map([
  ...definitions.map((d): [string, OperatorDefinition] => [d.name.toLowerCase(), d]),
  ...Object.entries(aliases),
]);

/** The operator named `name` (case-insensitive, without the `@`), or undefined. */
export function getOperator(name: string): OperatorDefinition | undefined {
  return operators.get(name.toLowerCase());
}

/**
 * Every transformation, keyed by lower-cased SecLang name (aliases included). `none` is
 * not here: the compiler treats it as "reset the transformation chain".
 */
import base64Decode from './base64Decode.js';
import base64DecodeExt from './base64DecodeExt.js';
import base64Encode from './base64Encode.js';
import cmdLine from './cmdLine.js';
import compressWhitespace from './compressWhitespace.js';
import cssDecode from './cssDecode.js';
import escapeSeqDecode from './escapeSeqDecode.js';
import hexDecode from './hexDecode.js';
import hexEncode from './hexEncode.js';
import htmlEntityDecode from './htmlEntityDecode.js';
import jsDecode from './jsDecode.js';
import length from './length.js';
import lowercase from './lowercase.js';
import md5 from './md5.js';
import normalisePath from './normalisePath.js';
import normalisePathWin from './normalisePathWin.js';
import parityEven7bit from './parityEven7bit.js';
import parityOdd7bit from './parityOdd7bit.js';
import parityZero7bit from './parityZero7bit.js';
import removeComments from './removeComments.js';
import removeCommentsChar from './removeCommentsChar.js';
import removeNulls from './removeNulls.js';
import removeWhitespace from './removeWhitespace.js';
import replaceComments from './replaceComments.js';
import replaceNulls from './replaceNulls.js';
import sha1 from './sha1.js';
import sqlHexDecode from './sqlHexDecode.js';
import trim from './trim.js';
import trimLeft from './trimLeft.js';
import trimRight from './trimRight.js';
import uppercase from './uppercase.js';
import urlDecode from './urlDecode.js';
import urlDecodeUni from './urlDecodeUni.js';
import urlEncode from './urlEncode.js';
import utf8toUnicode from './utf8toUnicode.js';
import type { TransformationDefinition } from './types.js';
import { ActingChars } from './acting-chars.js';

const DEFINITIONS: readonly TransformationDefinition[] = [
  base64Decode,
  base64DecodeExt,
  base64Encode,
  cmdLine,
  compressWhitespace,
  cssDecode,
  escapeSeqDecode,
  hexDecode,
  hexEncode,
  htmlEntityDecode,
  jsDecode,
  length,
  lowercase,
  md5,
  normalisePath,
  normalisePathWin,
  parityEven7bit,
  parityOdd7bit,
  parityZero7bit,
  removeComments,
  removeCommentsChar,
  removeNulls,
  removeWhitespace,
  replaceComments,
  replaceNulls,
  sha1,
  sqlHexDecode,
  trim,
  trimLeft,
  trimRight,
  uppercase,
  urlDecode,
  urlDecodeUni,
  urlEncode,
  utf8toUnicode,
];

/** Alternative spellings ModSecurity also registers. */
const ALIASES: Readonly<Record<string, TransformationDefinition>> = {
  normalizePath: normalisePath,
  normalizePathWin: normalisePathWin,
};

export const transformations: ReadonlyMap<string, TransformationDefinition> = new Map([
  ...DEFINITIONS.map((d) => [d.name.toLowerCase(), d] as const),
  ...Object.entries(ALIASES).map(([alias, d]) => [alias.toLowerCase(), d] as const),
]);

/** The char classes of the transformations' `acts` (which values a step leaves unchanged). */
export const ACTING_CHARS = new ActingChars(transformations.values());

/** Looks a transformation up by name, case-insensitively. */
export function getTransformation(name: string): TransformationDefinition | undefined {
  return transformations.get(name.toLowerCase());
}

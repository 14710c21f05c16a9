/**
 * The transformation family: `t:lowercase`, `t:urlDecodeUni`... Each lives in
 * its own file and registers itself in `registry.ts`. A transformation maps a
 * binary string (one char per byte) to a binary string and never throws.
 */

export interface TransformEnv {
  /**
   * `SecUnicodeMapFile` for the configured code page: Unicode code point -> byte, used by
   * urlDecodeUni for `%uXXXX` (and by utf8toUnicode where ModSecurity uses it). Null when unset.
   */
  readonly unicodeMap: ReadonlyMap<number, number> | null;
}

export type Transformation = (value: string) => string;

export interface TransformationDefinition {
  /** SecLang name as ModSecurity spells it (`urlDecodeUni`); looked up case-insensitively. */
  name: string;
  create(env: TransformEnv): Transformation;
  /**
   * The chars that make it act: a value holding none of them comes out unchanged, and the engine
   * then skips the call (acting-chars.ts). Absent for a transformation that changes any value
   * (base64Decode, md5...).
   */
  acts?: RegExp;
}

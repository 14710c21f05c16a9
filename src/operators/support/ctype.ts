/** C <ctype.h> predicates in the C locale, as ModSecurity uses them on bytes. */

/** isspace(): space, \t, \n, \v, \f, \r. */
export const isSpace = (c: number): boolean => c === 0x20 || (c >= 0x09 && c <= 0x0d);

/** isdigit(). */
export const isDigit = (c: number): boolean => c >= 0x30 && c <= 0x39;

/** isalnum(). */
export const isAlnum = (c: number): boolean => isDigit(c) || (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a);

import { byteClass } from './bytes.js';
import type { TransformationDefinition } from './types.js';

/**
 * Char classes for skipping transformations that would leave a value unchanged. Bytes that the
 * same declared transformations act on (TransformationDefinition.acts) share one bit of a mask;
 * bytes none acts on have none. A value's mask is the OR of its chars' bits, computed once per
 * value (ValueAnalysis); a chain step whose mask shares no bit with it returns the value as it is.
 * Most header and argument values have no `%`, `&`, `\`, capitals or whitespace, and the
 * ARGS_NAMES of a nested JSON body (`json.a.b.c.id`, hundreds of chars each) have none of
 * what CRS's thirty-odd chains act on.
 */
export class ActingChars {
  /** Bit per byte (0 for bytes no declared transformation acts on). */
  private readonly bitOf = new Int32Array(256);

  constructor(definitions: Iterable<TransformationDefinition>) {
    const declared = [...new Set(definitions)].filter((d) => d.acts !== undefined);
    const bits = new Map<string, number>();
    for (let b = 0; b < 256; b++) {
      const c = String.fromCharCode(b);
      const signature = declared.map((d) => (d.acts!.test(c) ? '1' : '0')).join('');
      if (!signature.includes('1')) continue;
      let bit = bits.get(signature);
      // bytes past the classes that fit share the last one: a coarser but still safe mask
      if (bit === undefined) bits.set(signature, (bit = Math.min(bits.size, OVERFLOW_BIT)));
      this.bitOf[b] = 1 << bit;
    }
  }

  /** The bits of the chars a transformation acts on; every bit for one that declares none. */
  maskOf(definition: TransformationDefinition): number {
    const acts = definition.acts;
    if (acts === undefined) return ALL;
    let mask = WIDE;
    for (let b = 0; b < 256; b++) if (acts.test(String.fromCharCode(b))) mask |= this.bitOf[b]!;
    return mask;
  }

  /**
   * The bits of a value's chars (chars past a byte, which binary strings do not hold, set WIDE),
   * and EVERY_VALUE, which only transformations without declared chars hold.
   */
  maskOfValue(value: string): number {
    return value.length < NATIVE_FROM ? this.maskFrom(value, 0, EVERY_VALUE) : this.maskOfLong(value);
  }

  private maskFrom(value: string, from: number, mask: number): number {
    const bitOf = this.bitOf;
    for (let i = from; i < value.length; i++) {
      const c = value.charCodeAt(i);
      mask |= c <= 0xff ? bitOf[c]! : WIDE;
    }
    return mask;
  }

  /**
   * A long value: a native search for the next char of a class not seen yet, once per class found
   * (a JS loop costs 2-4 ns a char here; ARGS_NAMES of a nested JSON body are ~500 KB).
   */
  private maskOfLong(value: string): number {
    let mask = EVERY_VALUE;
    let from = 0;
    for (;;) {
      const unseen = this.unseenFinder(mask);
      if (unseen === undefined) return this.maskFrom(value, from, mask);
      if (unseen === null) return mask;
      unseen.lastIndex = from;
      if (!unseen.test(value)) return mask;
      const c = value.charCodeAt(unseen.lastIndex - 1);
      mask |= c <= 0xff ? this.bitOf[c]! : WIDE;
      from = unseen.lastIndex;
    }
  }

  /** Finders by mask: a regex for the chars whose bit the mask lacks (null: none left). */
  private readonly finders = new Map<number, RegExp | null>();

  /** The finder for a mask; undefined once FINDERS are made (crafted values could ask for many). */
  private unseenFinder(mask: number): RegExp | null | undefined {
    let re = this.finders.get(mask);
    if (re !== undefined || this.finders.size >= FINDERS) return re;
    const bitOf = this.bitOf;
    re = byteClass((b) => bitOf[b] !== 0 && (bitOf[b]! & mask) === 0, (mask & WIDE) === 0, 'g');
    this.finders.set(mask, re);
    return re;
  }
}

/** Values at least this long get their mask from native searches (maskOfLong). */
const NATIVE_FROM = 64;
/** Finder regexes kept (one per set of classes met in a value, in practice a few dozen). */
const FINDERS = 512;
/** Bits 0..OVERFLOW_BIT hold classes of bytes; WIDE marks chars beyond a byte; EVERY_VALUE is in every value's mask. */
const OVERFLOW_BIT = 28;
const WIDE = 1 << 29;
const EVERY_VALUE = 1 << 30;
const ALL = 0x7fffffff;

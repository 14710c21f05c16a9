const VALUES: Int8Array = (() => {
  const t = new Int8Array(256).fill(-1);
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
  for (let k = 0; k < 64; k++) t[alphabet.charCodeAt(k)] = k;
  return t;
})();

/** Value of `c` in the standard base64 alphabet, or -1. */
export function base64Value(c: number): number {
  return c < 256 ? VALUES[c]! : -1;
}

/**
 * Accumulates 6-bit groups into bytes. `push` takes the group's position in its quantum
 * (0..3) and returns the completed byte, or -1 when the group only starts one.
 */
export class Base64Bits {
  private acc = 0;

  push(position: number, v: number): number {
    switch (position) {
      case 0:
        this.acc = v;
        return -1;
      case 1: {
        const b = (this.acc << 2) | (v >> 4);
        this.acc = v & 0x0f;
        return b;
      }
      case 2: {
        const b = (this.acc << 4) | (v >> 2);
        this.acc = v & 0x03;
        return b;
      }
      default:
        return (this.acc << 6) | v;
    }
  }
}

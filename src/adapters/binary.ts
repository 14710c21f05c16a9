/**
 * Node's HTTP parser hands the request line and header values over as latin1 strings (one char per
 * byte), which is already the engine's binary form. Strings set by application code may hold wider
 * characters; those are encoded as UTF-8 bytes, the form they take on the wire.
 */
export function binary(value: string): string {
  // eslint-disable-next-line no-control-regex
  return /[^\u0000-\u00ff]/.test(value) ? Buffer.from(value, 'utf8').toString('latin1') : value;
}

/** A chunk given to write()/end() or emitted by a stream, as bytes. */
export function toBuffer(chunk: unknown, encoding?: BufferEncoding): Buffer {
  if (Buffer.isBuffer(chunk)) return chunk;
  if (typeof chunk === 'string') return Buffer.from(chunk, encoding ?? 'utf8');
  if (chunk instanceof Uint8Array) return Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
  return Buffer.from(String(chunk), 'utf8');
}

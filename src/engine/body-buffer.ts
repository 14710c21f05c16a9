/** A request or response body collected in chunks (binary strings) up to a byte limit. */
export class BodyBuffer {
  private chunks: string[] = [];
  private joined: string | null = '';
  length = 0;

  /** Appends what fits under `limit` bytes in total; false when part of `data` was cut off. */
  append(data: string, limit: number): boolean {
    const room = limit - this.length;
    const kept = data.length <= room ? data : data.slice(0, Math.max(0, room));
    if (kept.length) {
      this.chunks.push(kept);
      this.length += kept.length;
      this.joined = null;
    }
    return kept.length === data.length;
  }

  get text(): string {
    if (this.joined === null) {
      this.joined = this.chunks.length === 1 ? this.chunks[0]! : this.chunks.join('');
      this.chunks = [this.joined];
    }
    return this.joined;
  }
}

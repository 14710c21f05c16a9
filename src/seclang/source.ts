import type { Position } from './ast.js';

/**
 * A piece of text (an unquoted directive argument, or a substring of one) that
 * knows where each of its characters came from, so that targets, operators and
 * actions found inside it get their real file position even when the argument
 * was quoted, had `\"` escapes or spanned continued lines.
 */
export interface Located {
  text: string;
  /** Position of character `i`; `i === text.length` is the position just after the last one. */
  pos(i: number): Position;
}

/** Maps file offsets to 1-based line/column (columns count characters, a tab is one). */
export class LineIndex {
  private readonly starts: number[] = [0];

  constructor(
    readonly file: string,
    text: string,
  ) {
    for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) this.starts.push(i + 1);
  }

  position(offset: number): Position {
    const starts = this.starts;
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid]! <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { file: this.file, line: lo + 1, column: offset - starts[lo]! + 1 };
  }
}

/**
 * Where the characters of an unescaped string came from: runs of consecutive
 * characters that are also consecutive in the file. `outStart[k]` is the index in
 * the string where run k begins, `fileStart[k]` its file offset.
 */
export class OffsetMap {
  readonly outStart: number[] = [];
  readonly fileStart: number[] = [];

  /** Starts a new run: output index `out` comes from file offset `file`. */
  mark(out: number, file: number): void {
    const n = this.outStart.length;
    if (n > 0 && this.outStart[n - 1] === out) {
      this.fileStart[n - 1] = file;
      return;
    }
    if (n > 0 && this.fileStart[n - 1]! + (out - this.outStart[n - 1]!) === file) return;
    this.outStart.push(out);
    this.fileStart.push(file);
  }

  offsetAt(i: number): number {
    const outs = this.outStart;
    let lo = 0;
    let hi = outs.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (outs[mid]! <= i) lo = mid;
      else hi = mid - 1;
    }
    return this.fileStart[lo]! + (i - outs[lo]!);
  }
}

/** A Located string whose characters map into a file through an OffsetMap. */
export function locatedInFile(text: string, map: OffsetMap, lines: LineIndex): Located {
  return { text, pos: (i) => lines.position(map.offsetAt(i)) };
}

/** A Located string that starts at `start` and follows its own line breaks (for the public helpers). */
export function locatedAt(text: string, start: Position): Located {
  const breaks: number[] = [];
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) breaks.push(i);
  return {
    text,
    pos(i) {
      let line = 0;
      while (line < breaks.length && breaks[line]! < i) line++;
      if (line === 0) return { file: start.file, line: start.line, column: start.column + i };
      return { file: start.file, line: start.line + line, column: i - breaks[line - 1]! };
    },
  };
}

/** The part of `src` from `start` to `end`, positions preserved. */
export function slice(src: Located, start: number, end: number = src.text.length): Located {
  return { text: src.text.slice(start, end), pos: (i) => src.pos(start + i) };
}

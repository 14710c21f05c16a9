import type { Position } from './ast.js';

/** A malformed or unknown directive, target, operator or action, with its position. */
export class SecLangError extends Error {
  readonly file: string;
  readonly line: number;
  readonly column: number;

  constructor(message: string, pos: Position) {
    super(`${pos.file}:${pos.line}:${pos.column}: ${message}`);
    this.name = 'SecLangError';
    this.file = pos.file;
    this.line = pos.line;
    this.column = pos.column;
  }
}

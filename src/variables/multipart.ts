import type { VariableDefinition } from './types.js';
import { NO_ENTRIES } from './types.js';
import { collection, scalar } from './derive.js';
import type { Transaction } from '../engine/transaction.js';
import type { MultipartResult } from '../bodies/types.js';

/** ModSecurity's multipart flags, exposed as MULTIPART_<flag>. */
const FLAGS = [
  'BOUNDARY_QUOTED', 'BOUNDARY_WHITESPACE', 'DATA_BEFORE', 'DATA_AFTER', 'HEADER_FOLDING',
  'LF_LINE', 'CRLF_LF_LINES', 'MISSING_SEMICOLON', 'INVALID_QUOTING', 'INVALID_PART',
  'INVALID_HEADER_FOLDING', 'FILE_LIMIT_EXCEEDED', 'UNMATCHED_BOUNDARY', 'STRICT_ERROR',
];

function fromMultipart(name: string, pick: (m: MultipartResult, tx: Transaction) => Array<{ key: string; value: string }>): VariableDefinition {
  return collection(name, (tx) => {
    const m = tx.multipart;
    return m ? tx.derive(name, m, () => pick(m, tx)) : NO_ENTRIES;
  });
}

/** FILES*, MULTIPART_* */
export const multipartVariables: VariableDefinition[] = [
  fromMultipart('FILES', (m) => m.files.map((f) => ({ key: f.name, value: f.filename }))),
  fromMultipart('FILES_NAMES', (m) => m.files.map((f) => ({ key: f.name, value: f.name }))),
  fromMultipart('FILES_SIZES', (m) => m.files.map((f) => ({ key: f.name, value: String(f.size) }))),
  fromMultipart('FILES_TMPNAMES', (m) => m.files.map((f) => ({ key: f.name, value: '' }))),
  fromMultipart('FILES_TMP_CONTENT', (m) => m.files.map((f) => ({ key: f.name, value: f.content }))),
  scalar('FILES_COMBINED_SIZE', (tx) => String(tx.multipart?.combinedFileSize ?? 0)),
  fromMultipart('MULTIPART_FILENAME', (m) => m.partFilenames.map((v) => ({ key: v, value: v }))),
  fromMultipart('MULTIPART_NAME', (m) => m.partNames.map((v) => ({ key: v, value: v }))),
  fromMultipart('MULTIPART_PART_HEADERS', (m) => m.partHeaders.map(([key, value]) => ({ key, value }))),
  ...FLAGS.map((flag) => scalar(`MULTIPART_${flag}`, (tx) => String(tx.multipart?.flags[flag] ?? 0))),
];

import type { VariableDefinition } from './types.js';
import { collection, namesOf, scalar } from './derive.js';

const RESPONSE_HEADERS = collection('RESPONSE_HEADERS', (tx) => tx.responseHeaders);

/** Response line, headers and body. */
export const responseVariables: VariableDefinition[] = [
  scalar('RESPONSE_STATUS', (tx) => (tx.responseStatus === null ? null : String(tx.responseStatus))),
  scalar('RESPONSE_PROTOCOL', (tx) => tx.responseProtocol),
  scalar('STATUS_LINE', (tx) => (tx.responseStatus === null ? null : `${tx.responseProtocol ?? ''} ${tx.responseStatus}`)),
  RESPONSE_HEADERS,
  namesOf('RESPONSE_HEADERS_NAMES', RESPONSE_HEADERS),
  scalar('RESPONSE_BODY', (tx) => tx.responseBodyVariable()),
  scalar('RESPONSE_CONTENT_LENGTH', (tx) => tx.responseHeader('content-length')),
  scalar('RESPONSE_CONTENT_TYPE', (tx) => tx.responseHeader('content-type')),
  scalar('OUTBOUND_DATA_ERROR', (tx) => (tx.outboundDataError ? '1' : '0')),
];

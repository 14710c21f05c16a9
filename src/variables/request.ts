import type { VariableDefinition } from './types.js';
import { collection, namesOf, scalar } from './derive.js';

const REQUEST_HEADERS = collection('REQUEST_HEADERS', (tx) => tx.requestHeaders);
const REQUEST_COOKIES = collection('REQUEST_COOKIES', (tx) => tx.cookies());

/** Variables of the request line, headers and connection. */
export const requestVariables: VariableDefinition[] = [
  scalar('REQUEST_METHOD', (tx) => tx.method),
  scalar('REQUEST_PROTOCOL', (tx) => tx.protocol),
  scalar('REQUEST_LINE', (tx) => tx.requestLine),
  scalar('REQUEST_URI', (tx) => tx.requestUri),
  scalar('REQUEST_URI_RAW', (tx) => tx.uri),
  scalar('REQUEST_FILENAME', (tx) => tx.path),
  scalar('REQUEST_BASENAME', (tx) => tx.basename),
  scalar('PATH_INFO', (tx) => tx.path),
  scalar('QUERY_STRING', (tx) => tx.queryString),
  REQUEST_HEADERS,
  namesOf('REQUEST_HEADERS_NAMES', REQUEST_HEADERS),
  REQUEST_COOKIES,
  namesOf('REQUEST_COOKIES_NAMES', REQUEST_COOKIES),
  scalar('REMOTE_ADDR', (tx) => tx.conn.remoteAddr),
  scalar('REMOTE_HOST', (tx) => tx.conn.remoteAddr),
  scalar('REMOTE_PORT', (tx) => String(tx.conn.remotePort)),
  scalar('REMOTE_USER', (tx) => tx.remoteUser()),
  scalar('AUTH_TYPE', (tx) => tx.authType()),
  scalar('SERVER_ADDR', (tx) => tx.conn.serverAddr),
  scalar('SERVER_PORT', (tx) => String(tx.conn.serverPort)),
  scalar('SERVER_NAME', (tx) => tx.serverName()),
  scalar('USERAGENT_IP', (tx) => tx.conn.remoteAddr),
  scalar('UNIQUE_ID', (tx) => tx.uniqueId),
  scalar('FULL_REQUEST', (tx) => tx.fullRequest()),
  scalar('FULL_REQUEST_LENGTH', (tx) => String(tx.fullRequest().length)),
];

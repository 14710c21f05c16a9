import { flag } from './metadata.js';

/** `noauditlog`: a match does not mark the transaction for the audit log; the error log line is still written (v2). */
export default flag('noauditlog', 'auditlog', false);

import { flag } from './metadata.js';

/** `auditlog`: a match marks the transaction for the audit log. */
export default flag('auditlog', 'auditlog', true);

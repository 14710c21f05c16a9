import { openCollection } from './persistent.js';

/** `initcol:ip=%{REMOTE_ADDR}`: opens the persistent collection IP, GLOBAL, RESOURCE... under a key. */
export default openCollection('initcol', null);

import { openCollection } from './persistent.js';

/** `setrsc:%{REQUEST_FILENAME}`: opens RESOURCE under that key. */
export default openCollection('setrsc', 'RESOURCE');

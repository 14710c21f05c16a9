import { openCollection } from './persistent.js';

/** `setsid:%{REQUEST_COOKIES.PHPSESSID}`: opens SESSION under that key (and sets SESSIONID). */
export default openCollection('setsid', 'SESSION');

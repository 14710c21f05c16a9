import { flag } from './metadata.js';

/** `capture`: operators that support it store the match and groups in TX:0..TX:9. */
export default flag('capture', 'capture', true);

import { openCollection } from './persistent.js';

/** `setuid:%{ARGS.user}`: opens USER under that key (and sets USERID). */
export default openCollection('setuid', 'USER');

import { flag } from './metadata.js';

/** `log`: the match is written to the error log (and counts as a logged match). */
export default flag('log', 'log', true);

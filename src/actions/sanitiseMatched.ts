import { sanitise } from './sanitise.js';

/** `sanitiseMatched`: masks a value in the audit log. */
export default sanitise('sanitiseMatched', 'matched');

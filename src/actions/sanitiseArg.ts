import { sanitise } from './sanitise.js';

/** `sanitiseArg`: masks a value in the audit log. */
export default sanitise('sanitiseArg', 'arg');

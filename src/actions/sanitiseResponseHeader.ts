import { sanitise } from './sanitise.js';

/** `sanitiseResponseHeader`: masks a value in the audit log. */
export default sanitise('sanitiseResponseHeader', 'responseHeader');

import { sanitise } from './sanitise.js';

/** `sanitiseRequestHeader`: masks a value in the audit log. */
export default sanitise('sanitiseRequestHeader', 'requestHeader');

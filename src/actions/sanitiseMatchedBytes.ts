import { sanitise } from './sanitise.js';

/** `sanitiseMatchedBytes`: masks a value in the audit log. */
export default sanitise('sanitiseMatchedBytes', 'matched');

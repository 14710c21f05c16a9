import { unsupported } from './unsupported.js';

/** `prepend`: accepted for compatibility; response content injection is not supported. */
export default unsupported('prepend', 'response content injection is not supported');

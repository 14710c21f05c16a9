import { unsupported } from './unsupported.js';

/** `append`: accepted for compatibility; response content injection is not supported. */
export default unsupported('append', 'response content injection is not supported');

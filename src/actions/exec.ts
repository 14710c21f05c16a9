import { unsupported } from './unsupported.js';

/** `exec`: accepted for compatibility; running external programs is not supported. */
export default unsupported('exec', 'running external programs is not supported');

import { disruptive } from './disruptive.js';

/** `pass`: continue with the next rule. */
export default disruptive('pass');

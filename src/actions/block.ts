import { disruptive } from './disruptive.js';

/** `block`: the disruptive action of the SecDefaultAction of the rule phase. */
export default disruptive('block');

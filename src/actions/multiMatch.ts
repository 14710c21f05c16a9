import { flag } from './metadata.js';

/** `multiMatch`: run the operator on the value before and after every transformation. */
export default flag('multiMatch', 'multiMatch', true);

import { disruptive } from './disruptive.js';

/** `pause:ms`: delay the response; recorded, not enforced by the engine. */
export default disruptive('pause');

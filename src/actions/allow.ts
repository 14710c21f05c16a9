import { disruptive } from './disruptive.js';

/** `allow`, `allow:phase`, `allow:request`: stop inspecting the rest of the phase, the request, or everything. */
export default disruptive('allow');

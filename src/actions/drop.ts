import { disruptive } from './disruptive.js';

/** `drop`: close the connection (the host destroys the socket). */
export default disruptive('drop');

import { disruptive } from './disruptive.js';

/** `proxy:URL`: only meaningful inside Apache; recorded as an intervention carrying the URL. */
export default disruptive('proxy', true);

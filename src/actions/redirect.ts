import { disruptive } from './disruptive.js';

/** `redirect:URL`: answer with a redirect (302 unless status says 301/303/307). */
export default disruptive('redirect', true);

import { textMetadata } from './metadata.js';

/** `ver:...`: metadata recorded on the rule and shown in its log entry. */
export default textMetadata('ver', 'ver');

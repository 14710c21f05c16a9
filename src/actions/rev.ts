import { textMetadata } from './metadata.js';

/** `rev:...`: metadata recorded on the rule and shown in its log entry. */
export default textMetadata('rev', 'rev');

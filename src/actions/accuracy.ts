import { textMetadata } from './metadata.js';

/** `accuracy:...`: metadata recorded on the rule and shown in its log entry. */
export default textMetadata('accuracy', 'accuracy');

import { textMetadata } from './metadata.js';

/** `maturity:...`: metadata recorded on the rule and shown in its log entry. */
export default textMetadata('maturity', 'maturity');

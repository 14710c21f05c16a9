import { disruptive } from './disruptive.js';

/** `deny`: stop the transaction with the rule status (403 by default). */
export default disruptive('deny');

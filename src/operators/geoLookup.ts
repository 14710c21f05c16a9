import { unavailableOperator } from './support/unavailable.js';
import type { OperatorDefinition } from './types.js';

/** @geoLookup cannot work here: no GeoIP database is configured. */
export default unavailableOperator('geoLookup', 'no GeoIP database is configured') satisfies OperatorDefinition;

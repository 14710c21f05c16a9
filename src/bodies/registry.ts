/** The request body processors by the names ctl:requestBodyProcessor uses. */
import type { BodyProcessor } from './types.js';
import { jsonProcessor } from './json.js';
import { multipartProcessor } from './multipart.js';
import { urlencodedProcessor } from './urlencoded.js';
import { xmlProcessor } from './xml.js';

export const bodyProcessors: ReadonlyMap<string, BodyProcessor> = new Map(
  [urlencodedProcessor, multipartProcessor, jsonProcessor, xmlProcessor].map((p) => [p.name, p]),
);

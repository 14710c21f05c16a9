import type { VariableDefinition } from './types.js';
import { NO_ENTRIES } from './types.js';
import { scalar } from './derive.js';
import { compileXPath } from '../bodies/xpath.js';

/** Request body variables and the body processors' error flags. */
export const bodyVariables: VariableDefinition[] = [
  scalar('REQUEST_BODY', (tx) => tx.requestBodyVariable()),
  scalar('REQUEST_BODY_LENGTH', (tx) => String(tx.requestBody.length)),
  scalar('REQBODY_ERROR', (tx) => (tx.reqbodyError ? '1' : '0')),
  scalar('REQBODY_ERROR_MSG', (tx) => tx.reqbodyErrorMsg),
  scalar('REQBODY_PROCESSOR_ERROR', (tx) => (tx.reqbodyError ? '1' : '0')),
  scalar('REQBODY_PROCESSOR_ERROR_MSG', (tx) => tx.reqbodyErrorMsg),
  scalar('REQBODY_PROCESSOR', (tx) => tx.reqbodyProcessor),
  scalar('URLENCODED_ERROR', (tx) => (tx.urlencodedError ? '1' : '0')),
  scalar('INBOUND_DATA_ERROR', (tx) => (tx.inboundDataError ? '1' : '0')),
  {
    // XML:/xpath evaluates the XPath over the parsed document; bare XML is the whole document.
    name: 'XML',
    collection: true,
    read(tx) {
      return tx.xml ? [{ key: '', value: tx.xmlText() }] : NO_ENTRIES;
    },
    compileSelector(selector) {
      const xpath = compileXPath(selector);
      return (tx) => {
        const doc = tx.xml;
        if (!doc) return NO_ENTRIES;
        return xpath(doc).map((value) => ({ key: selector, value }));
      };
    },
  },
];

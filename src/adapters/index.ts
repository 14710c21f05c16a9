export { protect, createWafHandler, type Listener, type WafHandler } from './node-http.js';
export { wafMiddleware, type WafMiddleware } from './express.js';
export type { ProtectOptions, WafLogEntry, WafTransactionSummary } from './core.js';
export { interventionResponse, type InterventionResponse } from './intervention.js';
export { wafPlugin } from './fastify.js';

/** go-ftw compatible runner for the CRS regression suite (`portcullis ftw`). */
export { runFtw, runStageInProcess, type FtwRunOptions, type FtwSummary, type FtwFailure, type FtwCounts, type StageExecutor } from './run.js';
export { ftwMain, parseFtwArgs, FTW_USAGE, type FtwCliOptions } from './cli.js';
export { buildStage, buildGoFtwRequest, parseRawRequest, serializeRequest, encodeFormData, type BuiltStage, type FtwRequest, type HeaderList } from './request.js';
export { frameBody, frontEnd, dechunk, type ServerProfile } from './frontend.js';
export { reflectResponse, EMPTY_RESPONSE, type FtwResponse } from './albedo.js';
export { judgeStage, hasLogExpectation, SERVER_REJECTED, type StageOutcome, type StageVerdict } from './judge.js';
export { loadFtwTests, readTestFile, FtwOverrides, type FtwSuite, type FtwTest, type FtwStage, type FtwExpectation, type FtwOverride } from './load.js';
export type { FtwWaf, FtwTransaction, FtwIntervention, FtwMatchedRule, FtwConnection, FtwWafLoader } from './engine-api.js';
export { startHttpHarness, type HttpHarness, type HttpHarnessOptions } from './http.js';

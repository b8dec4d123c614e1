/**
 * Node's llhttp binding for the lean front end: it lives in `common/llhttp-parser.ts` (the ground
 * floor, shared with the lean back-end client); this name is kept for the front end's imports.
 */
export { HTTPParser, HTTP_METHODS, MAX_HEADER_SIZE } from '../common/llhttp-parser';
export type { LlhttpParser } from '../common/llhttp-parser';

export { startMirror, type Mirror, type SiteHandler, type LoggedRequest } from './server.js';
export type { Fault, FaultRule } from './faults.js';

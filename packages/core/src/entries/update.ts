// @rommer/core/update: the update orchestrator (plan, check, fetch, verify, commit, import), for the app.
export { runUpdate, selectSources, type UpdateOptions, type UpdateSummary } from '../update/run-update.js';

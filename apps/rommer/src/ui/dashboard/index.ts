// The dashboard as plain functions: each renders Ink itself and resolves with an exit code when
// the user quits or the run ends. The components stay private to this folder.
export { runDashboard, runLiveUpdate, type DashboardInput, type LiveUpdateInput, type TerminalIO } from './render-app.js';
export type { RunOptions } from './progress-model.js';
export type { SourceRow } from '../../services/source-rows.js';

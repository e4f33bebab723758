// @rommer/core/config: reading sources.conf (cosmiconfig + TOML), for the app.
export { loadConfig, type RommerConfig, type SourceSettings } from '../config/load.js';

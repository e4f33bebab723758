// @rommer/core: the contracts every package shares. Nothing here loads a transport: zod is the one
// runtime dependency. Transports and services are entry points of their own (see package.json).
export { escapeControl, humanText, redactUrl, redactUrlCredentials } from './output-text.js';
export {
  RommerError,
  ConfigError,
  UsageError,
  NetworkError,
  UpstreamChangedError,
  CredentialsError,
  LockHeldError,
  CancelledError,
  NotAvailableError,
  describeError,
  type ErrorCode,
} from './errors.js';
export { chooseCatalogue, isPostgresUrlText, type CatalogueChoice } from './config/database-url.js';
export { resolvePaths, type RommerPaths, type PathOverrides } from './paths.js';
export { defaultsSchema, sourceConfigSchema, type ResolvedDefaults, type CommonSourceConfig } from './config/schema.js';
export type * from './source.js';
export type * from './events.js';
export type * from './ports.js';
export { SourceRegistry, createSourceRegistry } from './registry.js';
export { rommerVersion, userAgent } from './version.js';

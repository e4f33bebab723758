// What the global setup hands the tests: inject('postgresAdminUrl') is typed wherever this package is imported.
import type {} from 'vitest';

declare module 'vitest' {
  export interface ProvidedContext {
    postgresAdminUrl: string;
  }
}

export type PostgresProvidedContext = { postgresAdminUrl: string };

import { expect, test } from 'vitest';
import { ConfigError } from '../errors.js';
import { chooseCatalogue } from './database-url.js';

const conf = { database_url: 'postgresql://rommer@conf.example/rommer' };

test('the environment wins over sources.conf, which wins over the SQLite file', () => {
  expect(chooseCatalogue(conf, { ROMMER_DATABASE_URL: 'postgres://env.example/db' })).toEqual({
    databaseUrl: 'postgres://env.example/db',
    from: 'ROMMER_DATABASE_URL',
  });
  expect(chooseCatalogue(conf, { ROMMER_DATABASE_URL: ' ' })).toEqual({ databaseUrl: conf.database_url, from: 'sources.conf' });
  expect(chooseCatalogue({}, {})).toEqual({ databaseUrl: null, from: null });
});

test('a ROMMER_DATABASE_URL that is not PostgreSQL is a config error that hides its password', () => {
  const attempt = () => chooseCatalogue({}, { ROMMER_DATABASE_URL: 'mysql://root:hunter2@db/rommer' });
  expect(attempt).toThrow(ConfigError);
  expect(attempt).toThrow('ROMMER_DATABASE_URL must be a postgresql:// URL (got "mysql://root:***@db/rommer")');
});

import { sharedConfig } from '../../vitest.shared.mjs';

// The shared 'import' condition is also handed to the test workers as `--conditions import`,
// which makes CommonJS require() pick ESM builds: yazl (the mirror builds zips with it) then gets
// buffer-crc32's ESM namespace and fails. Node adds import/require by itself, so leave it out.
// (mergeConfig would concatenate the lists, so they are replaced here.)
const conditions = ['@rommer/source', 'node', 'default'];

export default {
  ...sharedConfig,
  resolve: { ...sharedConfig.resolve, conditions },
  ssr: { ...sharedConfig.ssr, resolve: { ...sharedConfig.ssr?.resolve, conditions } },
};

import { sharedConfig } from '../../vitest.shared.mjs';

// The shared 'import' condition reaches the test workers as `--conditions import`, which makes
// CommonJS require() pick ESM builds: yazl (the mirror builds the MAME release zip with it) then gets
// buffer-crc32's ESM namespace and fails. Node adds import/require by itself, so leave it out.
const conditions = ['@rommer/source', 'node', 'default'];

export default {
  ...sharedConfig,
  resolve: { ...sharedConfig.resolve, conditions },
  ssr: { ...sharedConfig.ssr, resolve: { ...sharedConfig.ssr?.resolve, conditions } },
};

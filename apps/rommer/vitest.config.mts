import { mergeConfig } from 'vitest/config';
import { sharedConfig } from '../../vitest.shared.mjs';

// Ink renders only the last frame when it believes it runs in CI (CI=true, as .ci/run sets):
// component tests assert intermediate frames, so they run as on a developer's terminal.
export default mergeConfig(sharedConfig, {
  test: { env: { CI: 'false' } },
});

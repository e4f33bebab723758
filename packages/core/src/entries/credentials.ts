// @rommer/core/credentials: passwords from the environment, the OS keyring (keytar) or sources.conf.
export {
  getPassword,
  setPassword,
  deletePassword,
  keyringAccount,
  passwordEnvVar,
  resetCredentialWarnings,
  type FoundPassword,
  type GetPasswordOptions,
  type PasswordOrigin,
} from '../credentials/credentials.js';
export { keyringStatus, setKeyringBackend, type KeyringBackend, type KeyringStatus } from '../credentials/keyring.js';

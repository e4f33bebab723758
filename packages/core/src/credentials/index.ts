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
} from './credentials.js';
export { keyringStatus, keyringService, setKeyringBackend, type KeyringBackend, type KeyringStatus } from './keyring.js';

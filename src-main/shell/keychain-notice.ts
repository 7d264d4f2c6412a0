import type { KeychainStatus } from '../../src-preload/contract.ts';

/**
 * What both shells say once at start when secrets cannot outlive this run (no keychain answers, or keytar
 * cannot load); null when the keychain is available.
 */
export function keychainFallbackNotice(status: KeychainStatus): string | null {
  if (status.state === 'available') return null;
  const reason = status.reason ? ` (${status.reason.replace(/\.$/, '')})` : '';
  return (
    `The system keychain is ${status.state}${reason}: new sign-ins can be kept for this run only until a keychain ` +
    '(GNOME Keyring, KWallet, macOS Keychain, Windows Credential Manager) is available. The local demo needs no keychain.'
  );
}

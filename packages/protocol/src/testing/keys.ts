// Test support: well-formed key and signature strings for schema tests (the shapes of [P14];
// no real key behind them). Not part of the package's exports.

/** A raw P-256 public key's shape: 65 bytes, base64url (87 characters). */
export const TEST_PUBLIC_KEY = `B${'A'.repeat(86)}`;

/** A P-256 signature's shape: 64 bytes, base64url (86 characters). */
export const TEST_SIGNATURE = 'S'.repeat(86);

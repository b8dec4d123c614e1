import { ServerCertificates } from '../certificates/server-certificates';

/** A SHA-256 fingerprint in hex form: 64 lower-case hex digits, no separators. */
const HEX_FINGERPRINT = /^[0-9a-f]{64}$/;

/**
 * A certificate fingerprint in the hex form plans, state and names use: separators dropped,
 * lower case (`AB:CD:...` as OpenSSL and Node print it gives `abcd...`). Any other text is
 * reformatted the same way; check the result with `isHexFingerprint`.
 */
export function fingerprintHex(fingerprint: string): string {
  return fingerprint.replace(/:/g, '').toLowerCase();
}

/** True when `value` is a SHA-256 fingerprint in hex form (64 lower-case hex digits). */
export function isHexFingerprint(value: string): boolean {
  return HEX_FINGERPRINT.test(value);
}

/**
 * The hex-form SHA-256 fingerprint of a PEM certificate.
 * @throws an Error starting with `SECLB_CERT_BODY_NOT_PEM` when `pem` holds no readable certificate
 */
export function certificateFingerprintHex(pem: string): string {
  return fingerprintHex(ServerCertificates.fingerprint(pem));
}

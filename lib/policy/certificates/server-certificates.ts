import { Finding } from '../findings';
import { readCertificateBody } from './certificate-body';
import { CERTIFICATE_CODES } from './certificate-codes';
import { checkServerCertificateName } from '../rules/server-certificate-name';
import { checkChainOrder } from './chain-order';
import { checkSizeLimits } from './size-limits';
import { parseCertificate, pemBlocks } from './pem';
import { checkKeyType, checkPrivateKey } from './private-key';
import { checkValidityWindow } from './validity-window';

/**
 * Checks server certificates the way IAM `UploadServerCertificate` does before a listener can use
 * them: the body is exactly one PEM certificate, the private key is unencrypted and matches it
 * (`KeyPairMismatch`), the certificate is inside its validity window (`MalformedCertificate`), and
 * the chain starts with the leaf's issuer and ends with the root.
 */
export class ServerCertificates {
  /**
   * Every problem with a server certificate, its private key and its chain. Never throws; private
   * key material never appears in a finding.
   *
   * Findings name `<path>.body`, `<path>.privateKey` and `<path>.chain[i]`.
   *
   * @param body the certificate, one PEM block
   * @param privateKey the certificate's private key, PEM, unencrypted
   * @param chain the issuing certificates as concatenated PEM, leaf's issuer first, root last
   *   (default: none, fine for a self-signed certificate and a warning otherwise)
   * @param path the property path to name in findings (default: `serverCertificate`)
   * @param at the moment the validity window is checked against (default: now)
   */
  public static check(body: string, privateKey: string, chain?: string, path: string = 'serverCertificate', at?: Date): Finding[] {
    const findings: Finding[] = checkSizeLimits(path, body, privateKey, chain);
    const read = readCertificateBody(`${path}.body`, body);
    findings.push(...read.findings);
    findings.push(...checkPrivateKey(`${path}.privateKey`, privateKey, read.certificate));
    if (read.certificate) {
      findings.push(...checkKeyType(`${path}.body`, read.certificate));
      findings.push(...checkValidityWindow(`${path}.body`, read.certificate, at ?? new Date()));
      findings.push(...checkChainOrder(`${path}.chain`, read.certificate, chain));
    }
    return findings;
  }

  /**
   * Checks the IAM name (1-128 characters of letters, digits and `+=,.@_-`) and, when given, the
   * IAM path (`/` or `/folder/`) of a server certificate. Findings name `<path>.name` and
   * `<path>.path`.
   *
   * @param name the server certificate name
   * @param iamPath the IAM path (default: none, which IAM treats as `/`)
   * @param path the property path to name in findings (default: `serverCertificate`)
   */
  public static checkName(name: string, iamPath?: string, path: string = 'serverCertificate'): Finding[] {
    return checkServerCertificateName(path, name, iamPath);
  }

  /**
   * The SHA-256 fingerprint of a PEM certificate, as colon-separated upper-case hex
   * (`AB:CD:...`, the form `openssl x509 -noout -fingerprint -sha256` prints).
   *
   * @throws an Error whose message starts with `SECLB_CERT_BODY_NOT_PEM` when `pem` holds no
   *   readable certificate
   */
  public static fingerprint(pem: string): string {
    const block = pemBlocks(pem).find((b) => b.label === 'CERTIFICATE');
    const cert = block ? parseCertificate(block.text) : undefined;
    if (!cert) {
      throw new Error(`${CERTIFICATE_CODES.BODY_NOT_PEM}: the value holds no readable PEM certificate, so it has no fingerprint.`);
    }
    return cert.fingerprint256;
  }

  private constructor() {}
}

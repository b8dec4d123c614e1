import { Token } from 'cdktf';
import { Construct, IConstruct } from 'constructs';
import { DeploymentTarget } from '../targets/deployment-target';
import { IDeploymentTarget } from '../targets/deployment-target-interface';
import { ServerCertificates } from '../policy/certificates/server-certificates';
import { throwError } from './private/errors';
import { report } from './private/validate-document';
import { assertSameFramework } from './private/framework-check';
import { certificateFingerprintHex } from '../policy/queries/fingerprint-hex';

/** PEM text as IAM stores it: LF line endings only, no leading or trailing whitespace. */
function normalizePem(text: string): string {
  return text.replace(/\r\n?/g, '\n').trim();
}

/**
 * A server certificate an HTTPS or SSL listener can present: one this stack uploads
 * (`new ServerCertificate`) or one that exists already (`ServerCertificate.fromArn`).
 */
export interface IServerCertificate extends IConstruct {
  /**
   * The identifier listeners reference: the certificate's ARN (IAM or ACM) on AWS. A reference
   * (token) when the certificate is created in this stack.
   */
  readonly certificateArn: string;
}

/** Props of `ServerCertificate`. */
export interface ServerCertificateProps {
  /**
   * The certificate's name. The uploaded name is this plus `-` and the first 8 hex digits of the
   * certificate's SHA-256 fingerprint, so a new certificate gets a new name and can be created
   * before the old one is deleted (IAM names are unique; a fixed name would collide).
   * @default - the construct id, with the same fingerprint suffix; or `namePrefix` when given
   */
  readonly name?: string;
  /**
   * A name prefix instead of a name: the provider appends a unique suffix. Use it when the
   * certificate body is a token (its fingerprint cannot be known at synth).
   * @default - `name` with a fingerprint suffix is used
   */
  readonly namePrefix?: string;
  /**
   * The IAM path of the certificate.
   * @default '/'
   */
  readonly path?: string;
  /** The leaf certificate, PEM. Line endings are normalised to LF and the text trimmed. */
  readonly certificateBody: string;
  /**
   * The private key of the certificate, PEM. It goes only into the Terraform JSON (the provider
   * marks it sensitive); the construct exposes no property holding it.
   */
  readonly privateKey: string;
  /**
   * The intermediate certificates, PEM, the leaf's issuer first.
   * @default - none: the chain argument is omitted
   */
  readonly certificateChain?: string;
  /**
   * Tags for the certificate.
   * @default - no tags
   */
  readonly tags?: { [key: string]: string };
  /**
   * Where to deploy.
   * @default - the `seclb:target` app context, else `DeploymentTarget.aws()`
   */
  readonly target?: IDeploymentTarget;
}

/** A server certificate imported by ARN. */
class ImportedServerCertificate extends Construct implements IServerCertificate {
  constructor(scope: Construct, id: string, public readonly certificateArn: string) {
    super(scope, id);
  }
}

/**
 * A server certificate uploaded by this stack (on AWS an `aws_iam_server_certificate` with
 * `create_before_destroy`), for HTTPS and SSL listeners.
 *
 * @example
 * const cert = new ServerCertificate(this, 'testCert', {
 *   name: 'testCert', path: '/',
 *   certificateBody: certPem, privateKey: keyPem, certificateChain: chainPem,
 * });
 */
export class ServerCertificate extends Construct implements IServerCertificate {
  /**
   * A certificate that already exists (IAM server certificate or ACM), by ARN.
   *
   * @example ServerCertificate.fromArn(this, 'myCert', 'arn:aws:iam::55555555555:server-certificate/production/myCert')
   */
  public static fromArn(scope: Construct, id: string, certificateArn: string): IServerCertificate {
    if (!Token.isUnresolved(certificateArn) && !/^arn:aws[a-z-]*:(iam|acm):/.test(certificateArn)) {
      throwError(scope, 'SECLB_CERT_ARN_INVALID', 'certificateArn', `'${certificateArn}'`,
        `certificateArn is '${certificateArn}', which is not an IAM server certificate or ACM certificate ARN.`,
        'A listener references its certificate by ARN: arn:aws:iam::ACCOUNT:server-certificate/PATH/NAME or arn:aws:acm:REGION:ACCOUNT:certificate/ID.',
        'pass the ARN shown by `aws iam list-server-certificates` or the ACM console.');
    }
    return new ImportedServerCertificate(scope, id, certificateArn);
  }

  /** The certificate's ARN (a reference to the uploaded certificate). */
  public readonly certificateArn: string;
  /**
   * The exact uploaded name (`name` plus the fingerprint suffix).
   * @default - undefined when `namePrefix` is used (the provider picks the name)
   */
  public readonly certificateName?: string;
  /** SHA-256 fingerprint (hex) of the certificate body, or undefined when the body is a token. */
  public readonly fingerprint?: string;

  constructor(scope: Construct, id: string, props: ServerCertificateProps) {
    super(scope, id);
    assertSameFramework(this);
    const target = DeploymentTarget.resolve(this, props.target);
    const bodyIsToken = Token.isUnresolved(props.certificateBody);
    const body = bodyIsToken ? props.certificateBody : normalizePem(props.certificateBody);
    const keyIsToken = Token.isUnresolved(props.privateKey);
    const chainIsToken = props.certificateChain !== undefined && Token.isUnresolved(props.certificateChain);
    const privateKey = keyIsToken ? props.privateKey : normalizePem(props.privateKey);
    const chain = props.certificateChain === undefined || chainIsToken ? props.certificateChain : normalizePem(props.certificateChain);
    if (!bodyIsToken && !keyIsToken && !chainIsToken) {
      // IAM's upload rules (one leaf, matching unencrypted key, validity window, chain order); the
      // private key never appears in a finding.
      report(this, ServerCertificates.check(body, privateKey, chain || undefined, 'serverCertificate'));
    }
    if (props.name !== undefined && props.namePrefix !== undefined) {
      throwError(this, 'SECLB_CERT_NAME_AND_PREFIX', 'namePrefix', `'${props.namePrefix}'`,
        `name ('${props.name}') and namePrefix ('${props.namePrefix}') are both set.`,
        'A certificate has either a fixed name (fingerprint-suffixed here) or a prefix the provider completes.',
        'remove one of them.');
    }
    this.fingerprint = bodyIsToken ? undefined : certificateFingerprintHex(body);
    // The default name is the construct id with characters IAM does not allow replaced.
    const stem = props.name ?? (id.replace(/[^\w+=,.@-]+/g, '-').slice(0, 119) || 'certificate');
    let namePrefix = props.namePrefix;
    if (namePrefix === undefined && this.fingerprint === undefined) namePrefix = `${stem}-`;
    if (namePrefix === undefined) this.certificateName = `${stem}-${this.fingerprint!.slice(0, 8)}`;
    if (!Token.isUnresolved(this.certificateName ?? namePrefix)) {
      // IAM's name and path rules; a prefix is checked for its characters (the provider adds 26).
      report(this, ServerCertificates.checkName(this.certificateName ?? `${namePrefix}x`, props.path ?? '/', 'serverCertificate'));
    }
    this.certificateArn = target.renderServerCertificate(this, {
      name: this.certificateName,
      namePrefix,
      path: props.path ?? '/',
      certificateBody: body,
      privateKey,
      certificateChain: chain === '' ? undefined : chain,
      tags: props.tags ?? {},
    });
  }
}

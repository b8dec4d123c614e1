import { Token } from 'cdktf';
import { Construct } from 'constructs';
import { PolicyDocument } from '../policy/document/load-balancer-document';
import { Finding } from '../policy/findings';
import { ContentHash } from '../policy/hashing/content-hash';
import { PolicyTypeName } from '../policy/policy-types/policy-type-name';
import { CipherPolicies } from '../policy/resolution/cipher-policies';
import { IBackendAuth } from './backend-auth-interface';
import type { ISecureClassicLoadBalancer } from './load-balancer-interface';
import { acknowledge } from './private/acknowledgements';
import { throwError, throwIfErrors } from './private/errors';
import { PublicKeys } from '../policy/certificates/public-keys';
import { attributeNameOf } from './private/policy-attribute-name';
import { assertSameFramework } from './private/framework-check';

/** Props of `BackendAuth`. */
export interface BackendAuthProps {
  /** The load balancer whose back ends are authenticated (created here or imported by name). */
  readonly loadBalancer: ISecureClassicLoadBalancer;
  /** The instance (back-end) port, whose listeners must use HTTPS or SSL to the instances. */
  readonly instancePort: number;
  /**
   * The keys a back end may present: each a PEM certificate, a PEM public key, or the base64 DER
   * public key. One PublicKeyPolicyType policy per key; a back end whose certificate carries any of
   * them passes. Must be known at synth (not a token): the policies are named from their content.
   */
  readonly publicKeys: string[];
}

/**
 * Back-end server authentication for one instance port: the load balancer only talks HTTPS/SSL to
 * back ends whose certificate carries one of the given public keys.
 *
 * It creates one `PublicKeyPolicyType` policy per key and one
 * `BackendServerAuthenticationPolicyType` policy naming all of them, bound to the instance port.
 * All are named from their content, so rotating a key creates the new policies, moves the port to
 * them, and then deletes the old ones.
 *
 * @example
 * new BackendAuth(this, 'MyBackendServerAuthenticationPolicy', {
 *   loadBalancer: lb, instancePort: 443, publicKeys: [backendCertPem],
 * });
 */
export class BackendAuth extends Construct implements IBackendAuth {
  /** The instance port the policies are bound to. */
  public readonly instancePort: number;
  /** The normalised keys: base64 DER SubjectPublicKeyInfo, one line each. */
  public readonly publicKeys: string[];
  /** The name of the BackendServerAuthenticationPolicyType policy. */
  public readonly policyName: string;
  private readonly documents: PolicyDocument[];

  constructor(scope: Construct, id: string, props: BackendAuthProps) {
    super(scope, id);
    assertSameFramework(this);
    this.instancePort = props.instancePort;
    if (!props.publicKeys || props.publicKeys.length === 0) {
      throwError(this, 'SECLB_BACKEND_AUTH_NO_KEYS', 'publicKeys', '[]',
        'publicKeys is empty.',
        'A BackendServerAuthenticationPolicyType policy names one or more PublicKeyPolicyType policies (cardinality ONE_OR_MORE).',
        'pass at least one back-end certificate or public key.');
    }
    const findings: Finding[] = [];
    const keys: string[] = [];
    props.publicKeys.forEach((input, i) => {
      if (Token.isUnresolved(input)) {
        throwError(this, 'SECLB_BACKEND_KEY_TOKEN', `publicKeys[${i}]`, 'a token',
          `publicKeys[${i}] is a token (a value only known at apply time).`,
          'Back-end key policies are named from their content, so the key must be known at synth.',
          'pass the PEM text (e.g. read the file with fs.readFileSync) instead of a resource attribute.');
      }
      const normalized = PublicKeys.normalize(input, `publicKeys[${i}]`);
      findings.push(...normalized.findings);
      if (normalized.publicKey) keys.push(normalized.publicKey);
    });
    throwIfErrors(this, findings);
    this.publicKeys = keys;
    const keyPolicies: PolicyDocument[] = keys.map((key, i) => {
      const attributes = [{ name: attributeNameOf(PolicyTypeName.PUBLIC_KEY), value: key }];
      return {
        policyName: CipherPolicies.policyName(`${id}-PublicKey${keys.length > 1 ? i + 1 : ''}`, ContentHash.of(attributes)),
        policyTypeName: PolicyTypeName.PUBLIC_KEY,
        attributes,
      };
    });
    const authAttributes = keyPolicies.map((p) => ({ name: attributeNameOf(PolicyTypeName.BACKEND_SERVER_AUTHENTICATION), value: p.policyName }));
    this.policyName = CipherPolicies.policyName(id, ContentHash.of(authAttributes));
    this.documents = [...keyPolicies, {
      policyName: this.policyName,
      policyTypeName: PolicyTypeName.BACKEND_SERVER_AUTHENTICATION,
      attributes: authAttributes,
    }];
    props.loadBalancer.attachBackendAuth(this);
  }

  /** The policies as the canonical document lists them: the public-key policies, then the authentication policy. */
  public toPolicyDocuments(): PolicyDocument[] {
    return this.documents.map((d) => ({ ...d, attributes: d.attributes.slice() }));
  }

  /**
   * Accepts a security warning about this back-end authentication for a reason.
   *
   * @param ruleId the warning's rule id (`SecurityWarningIds`)
   * @param reason why it is accepted
   */
  public acknowledge(ruleId: string, reason: string): void {
    acknowledge(this, ruleId, reason);
  }
}

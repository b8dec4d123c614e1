import { PublicKeys } from '../certificates/public-keys';
import { LoadBalancerDocument } from '../document/load-balancer-document';
import { Finding } from '../findings';
import { PolicyTypeName } from '../policy-types/policy-type-name';
import { attributeValues, policyNamed, soleAttributeName } from './policy-lookup';

/** One public key a back-end authentication policy pins, read from its public-key policy. */
export interface PinnedKey {
  /** The public-key policy's name (a `PublicKeyPolicyName` value). */
  readonly keyPolicyName: string;
  /**
   * The key as one-line base64 SPKI (`PublicKeys.normalize`).
   * @default - undefined when the policy is missing, holds no `PublicKey`, or the key does not read
   */
  readonly publicKey?: string;
  /** The model's findings about the key's text (empty when it reads, or when there is no text). */
  readonly findings: Finding[];
}

/** One back-end authentication policy bound to an instance port: the keys a back end there must present. */
export interface BackendPinPolicy {
  /** Index of the binding in the document's `backendServers`. */
  readonly backendIndex: number;
  /** The instance port. */
  readonly instancePort: number;
  /** The `BackendServerAuthenticationPolicyType` policy's name. */
  readonly policyName: string;
  /** Its public keys, in `PublicKeyPolicyName` order. */
  readonly keys: readonly PinnedKey[];
}

/**
 * A document's back-end pins: for each back-end server binding, in document order, each
 * `BackendServerAuthenticationPolicyType` policy it names, with the public keys its
 * `PublicKeyPolicyName` attributes point at. A name that matches no policy is skipped. The
 * engine's compiler pins TLS back ends with these; the deploy core reads which instance ports
 * are authenticated from them.
 *
 * @param doc the load balancer's document
 */
export function backendPins(doc: LoadBalancerDocument): BackendPinPolicy[] {
  const keyPolicyAttribute = soleAttributeName(PolicyTypeName.BACKEND_SERVER_AUTHENTICATION);
  const keyAttribute = soleAttributeName(PolicyTypeName.PUBLIC_KEY);
  const out: BackendPinPolicy[] = [];
  doc.backendServers.forEach((b, backendIndex) => {
    for (const policyName of b.policyNames) {
      const p = policyNamed(doc.policies, policyName);
      if (p?.policyTypeName !== PolicyTypeName.BACKEND_SERVER_AUTHENTICATION) continue;
      const keys = attributeValues(p, keyPolicyAttribute).map((keyPolicyName): PinnedKey => {
        const kp = policyNamed(doc.policies, keyPolicyName);
        const text = kp ? attributeValues(kp, keyAttribute)[0] : undefined;
        if (text === undefined) return { keyPolicyName, findings: [] };
        const normalized = PublicKeys.normalize(text, `policies['${keyPolicyName}'].attributes.PublicKey`);
        return { keyPolicyName, ...(normalized.publicKey === undefined ? {} : { publicKey: normalized.publicKey }), findings: normalized.findings };
      });
      out.push({ backendIndex, instancePort: b.instancePort, policyName, keys });
    }
  });
  return out;
}

/**
 * The instance ports with back-end authentication, each with the names of its authentication
 * policies (in the order the binding names them), in document order of the bindings.
 */
export function authenticatedInstancePorts(doc: LoadBalancerDocument): Map<number, string[]> {
  const ports = new Map<number, string[]>();
  const byBinding = new Map<number, string[]>();
  for (const pin of backendPins(doc)) {
    const names = byBinding.get(pin.backendIndex) ?? [];
    names.push(pin.policyName);
    byBinding.set(pin.backendIndex, names);
  }
  for (const [index, names] of byBinding) ports.set(doc.backendServers[index].instancePort, names);
  return ports;
}

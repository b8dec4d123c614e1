import {
  ContentHash, ListenerDocument, LoadBalancerDocument, PolicyDocument, PredefinedPolicies,
  ResolvedCipherPolicy, SecurityComparison, SecurityEffect,
} from '../../../lib/policy';
import { authenticatedInstancePorts } from '../../../lib/policy/queries/backend-pins';
import { documentSecurityAdvice } from '../../../lib/policy/queries/document-security-advice';
import { SecurityAdvice } from '../../../lib/policy/security/security-advice';
import { effectiveSslPolicy } from '../../../lib/policy/queries/effective-ssl-policy';
import { isSecureProtocol } from '../../../lib/policy/queries/secure-protocol';
import { ChangeOrigin } from '../plan/plan-change';
import { SecurityItem } from '../plan/security-item';

/** The SSL negotiation policy a listener negotiates with, resolved. */
export interface ListenerCipherPolicy {
  /** The policy's name, or a label for ELB's default when the listener names none. */
  readonly name: string;
  /** The canonical policy. */
  readonly policy: ResolvedCipherPolicy;
}

/**
 * Reviews the security of an update: for each listener on both sides, the SSL negotiation policy in
 * force before and after (a policy replaced under a new name is paired with the one it replaces on
 * the same listener) compared attribute by attribute with `SecurityComparison`; a front end or back
 * end that stops or starts using TLS; back-end authentication removed from or added to an instance port;
 * and a listener that is new judged on what its policy enables (as `reviewNewLoadBalancer` does).
 *
 * @param before the live document
 * @param after the desired document
 * @param lastApplied what this tool applied last; a listener whose live policy differs from it is drift
 */
export function reviewSecurity(before: LoadBalancerDocument, after: LoadBalancerDocument,
  lastApplied?: LoadBalancerDocument): SecurityItem[] {
  const items: SecurityItem[] = [];
  const afterPorts = new Map(after.listeners.map((l) => [l.loadBalancerPort, l]));
  for (const b of before.listeners) {
    const a = afterPorts.get(b.loadBalancerPort);
    if (!a) continue;
    const scope = `listener ${a.loadBalancerPort}`;
    const origin = listenerOrigin(before, b, lastApplied);
    const wasTls = isSecureProtocol(b.protocol);
    const isTls = isSecureProtocol(a.protocol);
    if (wasTls !== isTls) {
      items.push(tlsSwitch(scope, 'front-end protocol', b.protocol, a.protocol, isTls, 'client connections', origin));
    }
    if (isSecureProtocol(b.instanceProtocol) !== isSecureProtocol(a.instanceProtocol)) {
      items.push(tlsSwitch(scope, 'back-end protocol', b.instanceProtocol, a.instanceProtocol,
        isSecureProtocol(a.instanceProtocol), 'connections to the instances', origin));
    }
    if (!wasTls || !isTls) continue;
    const old = listenerCipherPolicy(before, b);
    const now = listenerCipherPolicy(after, a);
    if (!old || !now || old.policy.contentHash === now.policy.contentHash) continue;
    for (const c of SecurityComparison.compare(old.policy, now.policy).changes) {
      items.push({ scope, ...c, beforePolicy: old.name, afterPolicy: now.name, origin });
    }
  }
  // A listener added to an existing load balancer is judged on what it enables, as a new load balancer is.
  const beforePorts = new Set(before.listeners.map((l) => l.loadBalancerPort));
  for (const a of after.listeners) {
    if (!beforePorts.has(a.loadBalancerPort)) items.push(...listenerPosture(after, a, 'new listener'));
  }
  items.push(...reviewBackendAuthentication(before, after, lastApplied));
  return sortItems(items);
}

/**
 * Reviews a load balancer that does not exist yet on its absolute posture: what it enables, not
 * what changes. Every piece of the model's security advice for the document
 * (`documentSecurityAdvice`: SSL 3.0, TLS 1.0/1.1, 3DES, RC4 and other weak ciphers, client cipher
 * order; HTTPS/SSL back end without back-end authentication, HTTP without HTTPS) becomes a
 * weakening item, with `before` 'absent': a new load balancer that enables SSLv3 or RC4 never
 * reports "0 weakening".
 *
 * @param doc the desired document of the new load balancer
 */
export function reviewNewLoadBalancer(doc: LoadBalancerDocument): SecurityItem[] {
  return documentSecurityAdvice(doc, { sslPolicy: (l) => listenerCipherPolicy(doc, l) }).map(({ scope, sslPolicy, finding: f }) => ({
    scope, attribute: f.code, before: 'absent', after: f.value, effect: SecurityEffect.WEAKENS,
    reason: `new load balancer: ${f.message}`, ...(sslPolicy ? { afterPolicy: sslPolicy.name } : {}), origin: ChangeOrigin.CONFIGURATION,
  }));
}

/** The weakening items of one listener that did not exist before: every warning about its SSL negotiation policy. */
function listenerPosture(doc: LoadBalancerDocument, l: ListenerDocument, what: string): SecurityItem[] {
  const policy = listenerCipherPolicy(doc, l);
  if (!policy) return [];
  const scope = `listener ${l.loadBalancerPort}`;
  return SecurityAdvice.forCipherPolicy(policy.policy, `policy '${policy.name}'`, `listeners[${l.loadBalancerPort}]`).map((f) => ({
    scope, attribute: f.code, before: 'absent', after: f.value, effect: SecurityEffect.WEAKENS,
    reason: `${what}: ${f.message}`, afterPolicy: policy.name, origin: ChangeOrigin.CONFIGURATION,
  }));
}

/**
 * The SSL negotiation policy in force on a listener: the first `SSLNegotiationPolicyType` policy it
 * names (compared as written when the model cannot resolve it), or ELB's default for HTTPS/SSL
 * listeners that name none; undefined for HTTP/TCP listeners.
 */
export function listenerCipherPolicy(doc: LoadBalancerDocument, listener: ListenerDocument): ListenerCipherPolicy | undefined {
  const effective = effectiveSslPolicy(doc, listener);
  if (!effective) return undefined;
  if (!effective.policy) return { name: `${PredefinedPolicies.DEFAULT} (ELB default)`, policy: effective.resolution.policy! };
  return { name: effective.policy.policyName, policy: effective.resolution.policy ?? asWritten(effective.policy) };
}

/**
 * A policy the model cannot resolve (e.g. an incomplete attribute list in a Terraform plan) is
 * compared as written: its boolean attributes, anything unlisted counting as `false`.
 */
function asWritten(policy: PolicyDocument): ResolvedCipherPolicy {
  const attributes = policy.attributes.filter((a) => a.value === 'true' || a.value === 'false');
  return { protocols: [], ciphers: [], serverDefinedCipherOrder: false, attributes, contentHash: ContentHash.of(attributes) };
}

/** Weakening items first, then by scope; stable otherwise. */
export function sortItems(items: SecurityItem[]): SecurityItem[] {
  const rank = (i: SecurityItem) => (i.effect === SecurityEffect.WEAKENS ? 0 : 1);
  return items.map((item, index) => ({ item, index }))
    .sort((x, y) => rank(x.item) - rank(y.item) || x.index - y.index)
    .map((x) => x.item);
}

function listenerOrigin(live: LoadBalancerDocument, listener: ListenerDocument, lastApplied?: LoadBalancerDocument): ChangeOrigin {
  if (!lastApplied) return ChangeOrigin.CONFIGURATION;
  const applied = lastApplied.listeners.find((l) => l.loadBalancerPort === listener.loadBalancerPort);
  if (!applied) return ChangeOrigin.DRIFT;
  const fields = (l: ListenerDocument) => `${l.protocol}|${l.instanceProtocol}`;
  if (fields(applied) !== fields(listener)) return ChangeOrigin.DRIFT;
  const was = listenerCipherPolicy(lastApplied, applied)?.policy.contentHash;
  const is = listenerCipherPolicy(live, listener)?.policy.contentHash;
  return was === is ? ChangeOrigin.CONFIGURATION : ChangeOrigin.DRIFT;
}

function tlsSwitch(scope: string, attribute: string, before: string, after: string, nowTls: boolean, what: string,
  origin: ChangeOrigin): SecurityItem {
  return nowTls
    ? { scope, attribute, before, after, effect: SecurityEffect.STRENGTHENS, reason: `${what} are now encrypted with TLS`, origin }
    : { scope, attribute, before, after, effect: SecurityEffect.WEAKENS, reason: `${what} are no longer encrypted: traffic crosses the network in clear text`, origin };
}

function reviewBackendAuthentication(before: LoadBalancerDocument, after: LoadBalancerDocument,
  lastApplied?: LoadBalancerDocument): SecurityItem[] {
  const old = authenticatedInstancePorts(before);
  const now = authenticatedInstancePorts(after);
  const applied = lastApplied ? authenticatedInstancePorts(lastApplied) : undefined;
  const items: SecurityItem[] = [];
  const ports = [...new Set([...old.keys(), ...now.keys()])].sort((x, y) => x - y);
  for (const port of ports) {
    const b = old.get(port);
    const a = now.get(port);
    if ((b === undefined) === (a === undefined)) continue;
    const origin = applied && (applied.get(port) === undefined) !== (b === undefined) ? ChangeOrigin.DRIFT : ChangeOrigin.CONFIGURATION;
    const scope = `instance port ${port}`;
    items.push(a === undefined
      ? { scope, attribute: 'backend authentication', before: b!.join(', '), after: 'none', effect: SecurityEffect.WEAKENS,
        reason: 'back-end certificates are no longer checked against pinned public keys', beforePolicy: b!.join(', '), origin }
      : { scope, attribute: 'backend authentication', before: 'none', after: a.join(', '), effect: SecurityEffect.STRENGTHENS,
        reason: 'back-end certificates are now checked against pinned public keys', afterPolicy: a.join(', '), origin });
  }
  return items;
}

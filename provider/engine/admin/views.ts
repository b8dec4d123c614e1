import { X509Certificate } from 'crypto';
import { LoadBalancerDocument } from '../../../lib/policy/document/load-balancer-document';
import { ServerCertificateRecord, ServerCertificateView } from '../certificates/server-certificate';
import { CompiledListener } from '../model/compiled-load-balancer';
import { PolicyModel } from '../model/policy-model';
import { ObjectOwners } from '../../../lib/policy/ownership/object-owner';

/**
 * How the admin API renders live objects. Pure functions over compiled and persisted state; the
 * private key of a certificate has no rendering at all.
 */
export class AdminViews {
  /** One listener with the TLS settings it enforces. */
  public static listener(l: CompiledListener): Record<string, unknown> {
    const t = l.tlsSettings;
    return {
      loadBalancerPort: l.port, protocol: l.protocol, instancePort: l.instancePort, instanceProtocol: l.instanceProtocol,
      sslPolicyName: l.sslPolicyName, sslCertificateId: l.certificateName,
      stickiness: l.stickiness ? { kind: l.stickiness.kind, policyName: l.stickiness.policyName } : undefined,
      tls: t ? {
        minVersion: t.minVersion, maxVersion: t.maxVersion, disabledVersions: t.disabledVersions,
        offeredCiphers: t.offeredCiphers, honorCipherOrder: t.honorCipherOrder, securityLevel: t.securityLevel,
        conditions: t.conditions, unenforceable: t.unenforceable, canNegotiate: t.canNegotiate,
      } : undefined,
    };
  }

  /** A TLS listener's line in /v1/status. */
  public static statusListener(l: CompiledListener): Record<string, unknown> | undefined {
    if (!l.tlsSettings) return undefined;
    return { loadBalancer: l.loadBalancerName, port: l.port, protocol: l.protocol, sslPolicyName: l.sslPolicyName, canNegotiate: l.tlsSettings.canNegotiate, unenforceable: l.tlsSettings.unenforceable };
  }

  /** The shape of DescribeLoadBalancerPolicies. */
  public static policies(revision: number, doc: LoadBalancerDocument): Record<string, unknown> {
    return {
      revision,
      PolicyDescriptions: doc.policies.map((p) => ({
        PolicyName: p.policyName,
        PolicyTypeName: p.policyTypeName,
        PolicyAttributeDescriptions: p.attributes.map((a) => ({ AttributeName: a.name, AttributeValue: a.value })),
      })),
    };
  }

  /**
   * A server certificate: everything but the key, plus its fingerprint, subject, expiry, owner
   * (`unknown` when not on record) and the load balancers whose listeners name it.
   */
  public static certificate(c: ServerCertificateRecord, usedBy: string[]): ServerCertificateView {
    const x = new X509Certificate(c.certificateBody);
    return {
      name: c.name, certificateBody: c.certificateBody, certificateChain: c.certificateChain,
      fingerprintSha256: PolicyModel.fingerprint(c.certificateBody), subject: x.subject.replace(/\n/g, ', '), notAfter: x.validTo, revision: c.revision,
      owner: c.owner ?? ObjectOwners.unknown(), usedBy,
    };
  }

  private constructor() {}
}

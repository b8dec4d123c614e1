import { Construct } from 'constructs';
import { LoadBalancerDocument } from '../../policy/document/load-balancer-document';
import { IDeploymentTarget } from '../deployment-target-interface';
import { PolicyAttachmentDocument } from '../../policy/document/policy-attachment-document';
import { RenderedLoadBalancer } from '../rendered-load-balancer';
import { ServerCertificateRequest } from '../server-certificate-request';
import { DeploymentTargetKind } from '../target-kind';
import { renderBackendServerPolicies } from './backend-server-policies';
import { renderInstanceAttachments } from './instance-attachments';
import { renderListenerPolicies } from './listener-policies';
import { renderElb } from './load-balancer';
import { renderPolicies } from './policies';
import { renderServerCertificate } from './server-certificate';

/**
 * The AWS target: maps canonical documents to `@cdktf/provider-aws` resources (aws-provider-facts
 * §16 is the reference layout). Obtain it with `DeploymentTarget.aws()`.
 */
export class AwsTarget implements IDeploymentTarget {
  /** Always AWS. */
  public readonly kind = DeploymentTargetKind.AWS;

  /** An `aws_iam_server_certificate`; returns its ARN (a reference). */
  public renderServerCertificate(scope: Construct, certificate: ServerCertificateRequest): string {
    return renderServerCertificate(scope, certificate).arn;
  }

  /** The `aws_elb`, its policies, their binders and one attachment per instance. */
  public renderLoadBalancer(scope: Construct, doc: LoadBalancerDocument): RenderedLoadBalancer {
    const elb = renderElb(scope, doc);
    // `elb.name` is a reference: every resource below depends on the load balancer.
    const policies = renderPolicies(scope, elb.name, doc.policies);
    renderListenerPolicies(scope, elb.name, doc.listeners.map((l) => ({
      loadBalancerPort: l.loadBalancerPort,
      policyNames: l.policyNames,
      triggers: {
        listener: `${l.loadBalancerPort}:${l.protocol.toLowerCase()}:${l.instancePort}:${l.instanceProtocol.toLowerCase()}`,
        ...(l.sslCertificateId ? { certificate: l.sslCertificateId } : {}),
      },
    })), policies);
    renderBackendServerPolicies(scope, elb.name, doc.backendServers, policies);
    renderInstanceAttachments(scope, elb.name, doc.instances);
    return { loadBalancerName: elb.name, dnsName: elb.dnsName, canonicalHostedZoneId: elb.zoneId };
  }

  /** Policies and binders on a load balancer created elsewhere, addressed by its literal name. */
  public renderPolicyAttachments(scope: Construct, doc: PolicyAttachmentDocument): void {
    const policies = renderPolicies(scope, doc.loadBalancerName, doc.policies);
    renderListenerPolicies(scope, doc.loadBalancerName, doc.listeners.map((l) => ({
      loadBalancerPort: l.loadBalancerPort, policyNames: l.policyNames, triggers: {},
    })), policies);
    renderBackendServerPolicies(scope, doc.loadBalancerName, doc.backendServers, policies);
  }
}

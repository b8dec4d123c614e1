import type { LoadBalancerDocument, PolicyDocument } from '../../../lib/policy/document/load-balancer-document';
import { PolicyTypeName } from '../../../lib/policy/policy-types/policy-type-name';
import { AwsNames, LOCAL_HOSTED_ZONE_ID } from './aws-names';
import { PortMap } from './port-map';
import { list, XmlStruct } from './protocol/xml';

/**
 * The ELB API's answer shapes built from engine documents (`LoadBalancerDescription`, policy and
 * attribute descriptions), ports shown as AWS ports (`PortMap`), in the member order of the 2012-06-01 API reference.
 */
export class ElbViews {
  /** `LoadBalancerDescription` of DescribeLoadBalancers. */
  public static loadBalancer(doc: LoadBalancerDocument, ports: PortMap): XmlStruct {
    const stickiness = (type: string) => doc.policies.filter((p) => p.policyTypeName === type);
    const sticky = new Set([...stickiness(PolicyTypeName.APP_COOKIE_STICKINESS), ...stickiness(PolicyTypeName.LB_COOKIE_STICKINESS)].map((p) => p.policyName));
    return {
      LoadBalancerName: doc.name,
      DNSName: AwsNames.dnsName(doc.name),
      CanonicalHostedZoneName: AwsNames.dnsName(doc.name),
      CanonicalHostedZoneNameID: LOCAL_HOSTED_ZONE_ID,
      ListenerDescriptions: list([...doc.listeners].sort((a, b) => ports.listenerAws(a.loadBalancerPort) - ports.listenerAws(b.loadBalancerPort)).map((l) => ({
        Listener: {
          Protocol: l.protocol,
          LoadBalancerPort: ports.listenerAws(l.loadBalancerPort),
          InstanceProtocol: l.instanceProtocol,
          InstancePort: ports.instanceAws(l.instancePort),
          SSLCertificateId: l.sslCertificateId === undefined ? undefined : ElbViews.certificateArn(l.sslCertificateId),
        },
        PolicyNames: list(l.policyNames),
      }))),
      Policies: {
        AppCookieStickinessPolicies: list(stickiness(PolicyTypeName.APP_COOKIE_STICKINESS).map((p) => ({ PolicyName: p.policyName, CookieName: ElbViews.attribute(p, 'CookieName') }))),
        LBCookieStickinessPolicies: list(stickiness(PolicyTypeName.LB_COOKIE_STICKINESS).map((p) => ({ PolicyName: p.policyName, CookieExpirationPeriod: ElbViews.attribute(p, 'CookieExpirationPeriod') }))),
        OtherPolicies: list(doc.policies.filter((p) => !sticky.has(p.policyName)).map((p) => p.policyName)),
      },
      BackendServerDescriptions: list([...doc.backendServers].sort((a, b) => ports.instanceAws(a.instancePort) - ports.instanceAws(b.instancePort)).map((b) => ({ InstancePort: ports.instanceAws(b.instancePort), PolicyNames: list(b.policyNames) }))),
      AvailabilityZones: list(doc.availabilityZones),
      Subnets: list(doc.subnets),
      Instances: list(doc.instances.map((i) => ({ InstanceId: i.instanceId }))),
      HealthCheck: ElbViews.healthCheck(doc, ports),
      SourceSecurityGroup: { OwnerAlias: 'amazon-elb', GroupName: 'amazon-elb-sg' },
      SecurityGroups: list(doc.securityGroups),
      Scheme: doc.internal ? 'internal' : 'internet-facing',
    };
  }

  /** `HealthCheck`. */
  public static healthCheck(doc: LoadBalancerDocument, ports: PortMap): XmlStruct {
    const h = doc.healthCheck;
    return { Target: ports.targetAws(h.target), Interval: h.intervalSeconds, Timeout: h.timeoutSeconds, UnhealthyThreshold: h.unhealthyThreshold, HealthyThreshold: h.healthyThreshold };
  }

  /** `LoadBalancerAttributes`. */
  public static attributes(doc: LoadBalancerDocument): XmlStruct {
    const log = doc.accessLog;
    return {
      CrossZoneLoadBalancing: { Enabled: doc.crossZoneLoadBalancing },
      AccessLog: log
        ? { Enabled: log.enabled, S3BucketName: log.s3BucketName || undefined, EmitInterval: log.emitIntervalMinutes, S3BucketPrefix: log.s3BucketPrefix ?? '' }
        : { Enabled: false },
      ConnectionDraining: { Enabled: doc.connectionDraining.enabled, Timeout: doc.connectionDraining.timeoutSeconds },
      ConnectionSettings: { IdleTimeout: doc.idleTimeoutSeconds },
      AdditionalAttributes: list([{ Key: DESYNC_KEY, Value: doc.desyncMitigationMode }]),
    };
  }

  /** `PolicyDescription`. */
  public static policy(p: { policyName: string; policyTypeName: string; attributes: ReadonlyArray<{ name: string; value: string }> }): XmlStruct {
    return {
      PolicyName: p.policyName,
      PolicyTypeName: p.policyTypeName,
      PolicyAttributeDescriptions: list(p.attributes.map((a) => ({ AttributeName: a.name, AttributeValue: a.value }))),
    };
  }

  /** A listener's certificate as AWS shows it: the IAM ARN of the engine's certificate. */
  public static certificateArn(id: string): string {
    return id.startsWith('arn:') ? id : AwsNames.serverCertificateArn(id);
  }

  private static attribute(p: PolicyDocument, name: string): string | undefined {
    return p.attributes.find((a) => a.name === name)?.value;
  }

  private constructor() {}
}

/** The AdditionalAttributes key of the desync mitigation mode. */
export const DESYNC_KEY = 'elb.http.desyncmitigationmode';

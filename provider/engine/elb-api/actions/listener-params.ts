import type { ListenerDocument } from '../../../../lib/policy/document/load-balancer-document';
import { ListenerProtocol } from '../../../../lib/policy/document/listener-protocol';
import { AwsNames } from '../aws-names';
import { PortMap } from '../port-map';
import { ApiError, ApiErrors } from '../protocol/api-error';
import { QueryParams } from '../protocol/query-params';

/**
 * Reads `Listeners.member.N.{Protocol,LoadBalancerPort,InstanceProtocol,InstancePort,SSLCertificateId}`
 * into listener documents, ports mapped to the engine's local ports. An IAM server-certificate ARN names the engine certificate of that name;
 * anything else (an ACM ARN, another account) is `CertificateNotFound`.
 */
export function readListeners(params: QueryParams, ports: PortMap, name = 'Listeners'): ListenerDocument[] {
  const structs = params.optionalStructs(name);
  if (structs === undefined) throw ApiErrors.missingParameter(name);
  return structs.map((fields, i) => {
    const at = `${name}.member.${i + 1}`;
    const field = (f: string) => {
      const v = fields.get(f);
      if (v === undefined || v === '') throw ApiErrors.missingParameter(`${at}.${f}`);
      return v;
    };
    const port = (f: string) => {
      const v = field(f);
      if (!/^\d{1,5}$/.test(v) || +v < 1 || +v > 65535) throw ApiErrors.badType(`${at}.${f}`, v, 'an integer from 1 to 65535');
      return +v;
    };
    const protocol = field('Protocol').toUpperCase() as ListenerProtocol;
    const instanceProtocol = (fields.get('InstanceProtocol') || protocol).toUpperCase() as ListenerProtocol;
    const cert = fields.get('SSLCertificateId');
    return {
      loadBalancerPort: ports.listenerLocal(port('LoadBalancerPort')),
      protocol,
      instancePort: ports.instanceLocal(port('InstancePort')),
      instanceProtocol,
      ...(cert ? { sslCertificateId: certificateName(cert) } : {}),
      policyNames: [],
    };
  });
}

/** The engine certificate an SSLCertificateId names; `CertificateNotFound` for what the engine cannot hold. */
export function certificateName(id: string): string {
  const name = AwsNames.certificateNameOf(id);
  if (name === undefined) {
    throw new ApiError('CertificateNotFound',
      `Server Certificate not found for the key: ${id.slice(0, 300)}. Rule: this engine holds IAM server certificates uploaded to it, under the path / (arn:aws:iam::123456789012:server-certificate/<name>); ACM certificates, other accounts' ARNs and other paths are not available locally. Fix: upload the certificate with UploadServerCertificate (aws_iam_server_certificate) and use its ARN.`);
  }
  return name;
}

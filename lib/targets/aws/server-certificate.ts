import { IamServerCertificate } from '@cdktf/provider-aws/lib/iam-server-certificate';
import { Construct } from 'constructs';
import { ServerCertificateRequest } from '../server-certificate-request';

/**
 * Renders one `aws_iam_server_certificate`.
 *
 * `create_before_destroy`: a listener still bound to the old certificate blocks its deletion (IAM
 * DeleteConflict), so the new certificate must exist and the listener must have moved before the
 * old one goes. That only works because the name changes with the certificate (a fingerprint
 * suffix, or `name_prefix`): IAM names are unique, so a fixed name would collide.
 */
export function renderServerCertificate(scope: Construct, request: ServerCertificateRequest): IamServerCertificate {
  return new IamServerCertificate(scope, 'Resource', {
    name: request.name,
    namePrefix: request.name === undefined ? request.namePrefix : undefined,
    path: request.path,
    certificateBody: request.certificateBody,
    // Only present in the Terraform JSON (the provider marks it sensitive in plans and state).
    privateKey: request.privateKey,
    certificateChain: request.certificateChain,
    tags: Object.keys(request.tags).length ? request.tags : undefined,
    lifecycle: { createBeforeDestroy: true },
  });
}

import { documentField, fieldDefault } from '../document/document-fields';
import { Finding, Findings } from '../findings';
import { q } from './rule-helpers';

/** Codes of the access log rules. */
export const ACCESS_LOG_CODES = {
  EMIT_INTERVAL: 'SECLB_ACCESS_LOG_EMIT_INTERVAL_INVALID',
  PREFIX_AWSLOGS: 'SECLB_ACCESS_LOG_PREFIX_CONTAINS_AWSLOGS',
  BUCKET_REQUIRED: 'SECLB_ACCESS_LOG_BUCKET_REQUIRED',
} as const;

/**
 * Access logs are emitted every 5 or 60 minutes, the key prefix must not contain `AWSLogs` (ELB
 * adds that part itself), and enabled logs need a bucket.
 */
export function checkAccessLog(path: string, enabled: boolean, s3BucketName: string, emitIntervalMinutes: number, s3BucketPrefix?: string): Finding[] {
  const findings: Finding[] = [];
  const allowed = (documentField('accessLog.emitIntervalMinutes').allowed ?? []).map(Number);
  const choices = allowed.join(' or ');
  if (!allowed.includes(emitIntervalMinutes)) {
    findings.push(Findings.error(ACCESS_LOG_CODES.EMIT_INTERVAL, `${path}.emitIntervalMinutes`, q(emitIntervalMinutes),
      `${path}.emitIntervalMinutes is ${q(emitIntervalMinutes)}, which is neither ${allowed.join(' nor ')}.`,
      `Classic ELB publishes access logs every ${allowed.join(' or every ')} minutes (AccessLog.EmitInterval).`,
      `set ${path}.emitIntervalMinutes to ${choices} (ELB's default is ${fieldDefault('accessLog.emitIntervalMinutes')}).`));
  }
  if (typeof s3BucketPrefix === 'string' && s3BucketPrefix.includes('AWSLogs')) {
    findings.push(Findings.error(ACCESS_LOG_CODES.PREFIX_AWSLOGS, `${path}.s3BucketPrefix`, q(s3BucketPrefix),
      `${path}.s3BucketPrefix is ${q(s3BucketPrefix)}, which contains 'AWSLogs'.`,
      'ELB writes logs under <prefix>/AWSLogs/<account>/...; the prefix itself must not contain AWSLogs.',
      `remove 'AWSLogs' from ${path}.s3BucketPrefix (e.g. '${s3BucketPrefix.replace(/\/?AWSLogs\/?/g, '/').replace(/^\/+|\/+$/g, '') || 'elb'}').`));
  }
  if (enabled && (typeof s3BucketName !== 'string' || s3BucketName.trim() === '')) {
    findings.push(Findings.error(ACCESS_LOG_CODES.BUCKET_REQUIRED, `${path}.s3BucketName`, q(s3BucketName),
      `${path}.s3BucketName is empty but ${path}.enabled is true.`,
      'Enabled access logs need an S3 bucket in the load balancer\'s region (AccessLog.S3BucketName).',
      `set ${path}.s3BucketName, or set ${path}.enabled to false.`));
  }
  return findings;
}

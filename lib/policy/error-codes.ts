import { CERTIFICATE_CODES as C, PUBLIC_KEY_CODES as K } from './certificates/certificate-codes';
import { DOCUMENT_CODES as D } from './document/document-codes';
import { Severity } from './findings';
import { RESOLUTION_CODES as R } from './resolution/cipher-policies';
import { ACCESS_LOG_CODES } from './rules/access-log';
import { BACKEND_POLICY_BINDING_CODES as B } from './rules/backend-policy-binding';
import { CIPHER_POLICY_CONTENT_CODES as CP } from './rules/cipher-policy-content';
import { CONNECTION_DRAINING_CODES } from './rules/connection-draining';
import { DESYNC_MITIGATION_MODE_CODES } from './rules/desync-mitigation-mode';
import { HEALTH_CHECK_RANGE_CODES as HR } from './rules/health-check-ranges';
import { HEALTH_CHECK_TARGET_CODES as HT } from './rules/health-check-target';
import { HEALTH_CHECK_TIMEOUT_CODES } from './rules/health-check-timeout';
import { IDLE_TIMEOUT_CODES } from './rules/idle-timeout';
import { INSTANCE_PORT_SECURITY_CODES } from './rules/instance-port-security';
import { INSTANCE_CODES } from './rules/instances';
import { LISTENER_CERTIFICATE_CODES as LC } from './rules/listener-certificate';
import { LISTENER_POLICY_BINDING_CODES as LB } from './rules/listener-policy-binding';
import { LISTENER_PORT_CODES } from './rules/listener-ports';
import { LISTENER_PROTOCOL_CODES } from './rules/listener-protocol';
import { LISTENER_PROTOCOL_PAIR_CODES } from './rules/listener-protocol-pair';
import { LOAD_BALANCER_NAME_CODES } from './rules/load-balancer-name';
import { POLICY_ATTRIBUTE_CODES as PA } from './rules/policy-attributes';
import { POLICY_NAME_CODES } from './rules/policy-name';
import { POLICY_NAME_UNIQUE_CODES } from './rules/policy-name-unique';
import { PLACEMENT_CODES } from './rules/placement';
import { POLICY_REFERENCE_CODES } from './rules/policy-references';
import { QUOTA_CODES } from './rules/quotas';
import { TAG_CODES } from './rules/tags';
import { UNIQUE_LISTENER_PORT_CODES } from './rules/unique-listener-port';
import { SERVER_CERTIFICATE_NAME_CODES as SN } from './rules/server-certificate-name';
import { UNKNOWN_ATTRIBUTE_CODE } from './rules/unknown-attribute';
import { SecurityWarningIds as SW } from './security/security-warning-ids';

/** One stable error code of the policy model. */
export interface ErrorCodeEntry {
  /** The code, e.g. `SECLB_HC_TIMEOUT_NOT_BELOW_INTERVAL`. Never reused or renamed. */
  readonly code: string;
  /** What went wrong, in one line. */
  readonly title: string;
  /** The part of the input it concerns: `document`, `name`, `placement`, `listener`, `policy`, `backend`, `health-check`, `attributes`, `certificate`, `public-key` or `security`. */
  readonly area: string;
  /** The severity findings with this code carry. */
  readonly severity: Severity;
}

const E = Severity.ERROR;
const W = Severity.WARNING;
const entry = (code: string, area: string, title: string, severity: Severity = E): ErrorCodeEntry => ({ code, title, area, severity });

const ENTRIES: ErrorCodeEntry[] = [
  entry(D.INVALID_JSON, 'document', 'The document text is not valid JSON.'),
  entry(D.SCHEMA_VERSION_UNSUPPORTED, 'document', 'The document has a schemaVersion this library does not read.'),
  entry(D.UNKNOWN_KEY, 'document', 'A key the document schema does not define.'),
  entry(D.MISSING_FIELD, 'document', 'A required document field is missing.'),
  entry(D.WRONG_TYPE, 'document', 'A document field has the wrong JSON type.'),
  entry(LOAD_BALANCER_NAME_CODES.INVALID, 'name', 'The load balancer name is not 1-32 letters, digits and hyphens without a hyphen at either end.'),
  entry(PLACEMENT_CODES.BOTH, 'placement', 'Both availability zones and subnets are given.'),
  entry(PLACEMENT_CODES.NEITHER, 'placement', 'Neither availability zones nor subnets are given (AWS target).'),
  entry(QUOTA_CODES.NO_LISTENER, 'listener', 'The load balancer has no listener.'),
  entry(QUOTA_CODES.TOO_MANY_LISTENERS, 'listener', 'More than 100 listeners.'),
  entry(QUOTA_CODES.TOO_MANY_INSTANCES, 'backend', 'More than 1000 registered instances.'),
  entry(LISTENER_PORT_CODES.OUT_OF_RANGE, 'listener', 'A listener port is not from 1 to 65535.'),
  entry(LISTENER_PROTOCOL_CODES.UNSUPPORTED, 'listener', 'A listener protocol is not HTTP, HTTPS, TCP or SSL.'),
  entry(LISTENER_PROTOCOL_PAIR_CODES.INVALID_PAIR, 'listener', 'A listener mixes layers (HTTP/HTTPS with TCP/SSL).'),
  entry(INSTANCE_PORT_SECURITY_CODES.MISMATCH, 'listener', 'Listeners sharing an instance port disagree on a secure or plain back end.'),
  entry(UNIQUE_LISTENER_PORT_CODES.DUPLICATE, 'listener', 'Two listeners on one load balancer port.'),
  entry(LC.REQUIRED, 'listener', 'An HTTPS or SSL listener has no certificate.'),
  entry(LC.UNEXPECTED, 'listener', 'An HTTP or TCP listener has a certificate.'),
  entry(POLICY_NAME_CODES.INVALID, 'policy', 'A policy name has characters other than letters, digits and hyphens.'),
  entry(POLICY_NAME_CODES.RESERVED, 'policy', 'A custom SSL negotiation policy uses a reserved ELBSecurityPolicy-/ELBSample- name.'),
  entry(POLICY_NAME_UNIQUE_CODES.DUPLICATE, 'policy', 'Two policies share a name.'),
  entry(PA.UNKNOWN_TYPE, 'policy', 'An unknown policy type.'),
  entry(PA.ATTRIBUTE_NOT_IN_TYPE, 'policy', 'An attribute the policy type does not have.'),
  entry(PA.ATTRIBUTE_MISSING, 'policy', 'A required attribute of the policy type is missing.'),
  entry(PA.ATTRIBUTE_REPEATED, 'policy', 'A single-valued attribute appears more than once.'),
  entry(PA.VALUE_INVALID, 'policy', 'An attribute value does not fit its type (Boolean, Long, PolicyName, cookie name).'),
  entry(POLICY_REFERENCE_CODES.NOT_FOUND, 'policy', 'A referenced policy does not exist.'),
  entry(POLICY_REFERENCE_CODES.NOT_A_PUBLIC_KEY_POLICY, 'policy', 'PublicKeyPolicyName names a policy that is not a PublicKeyPolicyType policy.'),
  entry(LB.SSL_ON_PLAIN_LISTENER, 'policy', 'An SSL negotiation policy on an HTTP or TCP listener.'),
  entry(LB.MULTIPLE_SSL, 'policy', 'More than one SSL negotiation policy on a listener.'),
  entry(LB.STICKINESS_ON_TCP_LISTENER, 'policy', 'A stickiness policy on a TCP or SSL listener.'),
  entry(LB.MULTIPLE_STICKINESS, 'policy', 'More than one cookie stickiness policy on a listener.'),
  entry(LB.BACKEND_POLICY_ON_LISTENER, 'policy', 'A back-end authentication or proxy protocol policy attached to a listener.'),
  entry(LB.PUBLIC_KEY_ATTACHED, 'policy', 'A PublicKeyPolicyType policy attached directly.'),
  entry(B.PORT_OUT_OF_RANGE, 'backend', 'A back-end server instance port is not from 1 to 65535.'),
  entry(B.DUPLICATE_PORT, 'backend', 'Two back-end server entries for one instance port.'),
  entry(B.PORT_UNUSED, 'backend', 'Back-end policies on an instance port no listener forwards to.', W),
  entry(B.LISTENER_POLICY_ON_BACKEND, 'backend', 'An SSL negotiation or stickiness policy attached to an instance port.'),
  entry(B.BACKEND_AUTH_ON_PLAIN_BACKEND, 'backend', 'Back-end authentication on an instance port reached over HTTP/TCP.'),
  entry(B.PROXY_PROTOCOL_ON_HTTP_LISTENER, 'backend', 'Proxy protocol on an instance port used by an HTTP/HTTPS listener.'),
  entry(B.PROXY_PROTOCOL_SSL_TO_SSL, 'backend', 'Proxy protocol on an instance port used by an SSL -> SSL listener, which does not support it.', W),
  entry(HT.INVALID, 'health-check', 'The health-check target is not TCP:port, SSL:port, HTTP:port/path or HTTPS:port/path.'),
  entry(HT.TOO_LONG, 'health-check', 'The health-check target is longer than 1024 characters.'),
  entry(HR.INTERVAL, 'health-check', 'The health-check interval is not 5-300 seconds.'),
  entry(HR.TIMEOUT, 'health-check', 'The health-check timeout is not 2-60 seconds.'),
  entry(HR.THRESHOLD, 'health-check', 'A health-check threshold is not 2-10.'),
  entry(HEALTH_CHECK_TIMEOUT_CODES.NOT_BELOW_INTERVAL, 'health-check', 'The health-check timeout is not below the interval.'),
  entry(IDLE_TIMEOUT_CODES.OUT_OF_RANGE, 'attributes', 'The idle timeout is not 1-4000 seconds.'),
  entry(IDLE_TIMEOUT_CODES.ABOVE_SDK_MAXIMUM, 'attributes', "The idle timeout is above 3600 seconds, botocore's maximum.", W),
  entry(CONNECTION_DRAINING_CODES.TIMEOUT_OUT_OF_RANGE, 'attributes', 'The connection draining timeout is not 1-3600 seconds.'),
  entry(ACCESS_LOG_CODES.EMIT_INTERVAL, 'attributes', 'The access-log emit interval is not 5 or 60 minutes.'),
  entry(ACCESS_LOG_CODES.PREFIX_AWSLOGS, 'attributes', 'The access-log prefix contains AWSLogs.'),
  entry(ACCESS_LOG_CODES.BUCKET_REQUIRED, 'attributes', 'Access logs are enabled without a bucket.'),
  entry(DESYNC_MITIGATION_MODE_CODES.INVALID, 'attributes', 'The desync mitigation mode is not monitor, defensive or strictest.'),
  entry(TAG_CODES.TOO_MANY, 'attributes', 'More than 10 tags.'),
  entry(TAG_CODES.KEY_INVALID, 'attributes', 'A tag key is not 1-128 characters of the tag alphabet.'),
  entry(TAG_CODES.VALUE_INVALID, 'attributes', 'A tag value is not 0-256 characters of the tag alphabet.'),
  entry(INSTANCE_CODES.EMPTY_ID, 'backend', 'A registered instance has no id.'),
  entry(INSTANCE_CODES.DUPLICATE, 'backend', 'An instance is registered twice.'),
  entry(INSTANCE_CODES.INVALID_FORMAT, 'backend', "A literal instance id is not 'i-' and 8 or 17 lower-case hex digits."),
  entry(UNKNOWN_ATTRIBUTE_CODE, 'policy', 'An SSL negotiation attribute name ELB does not know.'),
  entry(CP.NO_PROTOCOL, 'policy', 'An SSL negotiation policy enables no protocol.'),
  entry(CP.NO_CIPHER, 'policy', 'An SSL negotiation policy enables no cipher.'),
  entry(CP.NO_USABLE_PAIR, 'policy', 'No enabled cipher can be carried by any enabled protocol.'),
  entry(CP.SSLV2, 'policy', 'An SSL negotiation policy enables SSL 2.0.'),
  entry(R.MIXED_FORMS, 'policy', 'A cipher policy mixes the explicit and the relative form.'),
  entry(R.ENABLE_DISABLE_CONFLICT, 'policy', 'An attribute is both enabled and disabled.'),
  entry(R.UNKNOWN_PREDEFINED, 'policy', 'A predefined security policy name Classic ELB does not have.'),
  entry(R.NOT_A_PROTOCOL, 'policy', 'A non-protocol attribute listed under protocols.'),
  entry(R.NOT_A_CIPHER, 'policy', 'A non-cipher attribute listed under ciphers.'),
  entry(R.REFERENCE_IN_LIST, 'policy', 'Reference-Security-Policy listed under enable/disable.'),
  entry(R.BAD_BOOLEAN, 'policy', "An SSL negotiation attribute value is not 'true' or 'false'."),
  entry(R.DUPLICATE_ATTRIBUTE, 'policy', 'An SSL negotiation attribute appears more than once.'),
  entry(C.BODY_NOT_PEM, 'certificate', 'The certificate body is not a readable PEM certificate.'),
  entry(C.BODY_NOT_SINGLE, 'certificate', 'The certificate body holds more than one certificate.'),
  entry(C.TOO_LARGE, 'certificate', 'The body, key or chain is longer than IAM accepts.'),
  entry(SN.NAME_INVALID, 'certificate', 'The IAM server certificate name is not 1-128 characters of letters, digits and +=,.@_-.'),
  entry(SN.PATH_INVALID, 'certificate', "The IAM server certificate path is not '/' or '/folder/'."),
  entry(C.KEY_NOT_PEM, 'certificate', 'The private key is not one readable PEM private key.'),
  entry(C.KEY_ENCRYPTED, 'certificate', 'The private key is encrypted with a passphrase.'),
  entry(C.KEY_PAIR_MISMATCH, 'certificate', 'The private key does not match the certificate (IAM KeyPairMismatch).'),
  entry(C.KEY_TYPE_UNSUPPORTED, 'certificate', 'The certificate key is not RSA 1024/2048/4096 or ECDSA.'),
  entry(C.NOT_YET_VALID, 'certificate', 'The certificate is not valid yet.'),
  entry(C.EXPIRED, 'certificate', 'The certificate has expired.'),
  entry(C.CHAIN_NOT_PEM, 'certificate', 'The chain holds something other than readable PEM certificates.'),
  entry(C.CHAIN_MISSING, 'certificate', 'No chain for a certificate that is not self-signed.', W),
  entry(C.CHAIN_INCLUDES_LEAF, 'certificate', 'The chain repeats the server certificate.'),
  entry(C.CHAIN_ORDER, 'certificate', 'The chain holds the right certificates in the wrong order.'),
  entry(C.CHAIN_BROKEN, 'certificate', 'The chain misses an issuer or holds a certificate that signs nothing in it.'),
  entry(K.EMPTY, 'public-key', 'The public key is empty.'),
  entry(K.INVALID, 'public-key', 'The public key is neither a PEM key, a PEM certificate nor base64 SPKI/certificate DER.'),
  entry(K.PRIVATE_KEY_GIVEN, 'public-key', 'A private key was given where a public key belongs.'),
  entry(K.MULTIPLE, 'public-key', 'More than one PEM block where one public key belongs.'),
  entry(K.NOT_NORMALIZED, 'public-key', 'A valid public key not written as one-line base64 SPKI.'),
  entry(SW.SSLV3_ENABLED, 'security', 'An SSL negotiation policy in use enables SSL 3.0.', W),
  entry(SW.TLS10_ENABLED, 'security', 'An SSL negotiation policy in use enables TLS 1.0.', W),
  entry(SW.TLS11_ENABLED, 'security', 'An SSL negotiation policy in use enables TLS 1.1.', W),
  entry(SW.TRIPLE_DES, 'security', 'An SSL negotiation policy in use enables a 3DES cipher.', W),
  entry(SW.WEAK_CIPHER, 'security', 'An SSL negotiation policy in use enables another weak cipher.', W),
  entry(SW.CLIENT_CIPHER_ORDER, 'security', 'An SSL negotiation policy in use lets the client\'s cipher order win.', W),
  entry(SW.NO_BACKEND_AUTH, 'security', 'An HTTPS/SSL back end without back-end authentication.', W),
  entry(SW.HTTP_WITHOUT_HTTPS, 'security', 'HTTP listeners and no HTTPS listener.', W),
  entry(SW.HEALTH_CHECK_PORT_UNSERVED, 'security', 'The health check probes an instance port no listener forwards to.', W),
];

/**
 * The registry of every `SECLB_*` code the policy model reports. Match findings on `code`, never
 * on message text; codes are never reused or renamed. Documented in docs/errors.md.
 */
export class ErrorCodes {
  /** Every code, grouped by area. */
  public static all(): ErrorCodeEntry[] {
    return ENTRIES.slice();
  }

  /** The entry for `code`, or undefined when the policy model has no such code. */
  public static find(code: string): ErrorCodeEntry | undefined {
    return ENTRIES.find((e) => e.code === code);
  }

  private constructor() {}
}

import { inUserTerms } from '../../../lib/constructs/private/validate-document';
import { Findings } from '../../../lib/policy/findings';

/** Finding paths and texts in document terms are renamed to the props a user wrote (from the field table). */
const renamed = (path: string) => {
  const f = inUserTerms(Findings.error('SECLB_X', path, "'1'", `${path} is wrong.`, 'A rule.', `set ${path}.`));
  return [f.path, f.message, f.fix];
};

describe('document paths in the user\'s terms', () => {
  test.each([
    ['healthCheck.intervalSeconds', 'healthCheck.interval'],
    ['healthCheck.timeoutSeconds', 'healthCheck.timeout'],
    ['healthCheck.healthyThreshold', 'healthCheck.healthyThreshold'],
    ['idleTimeoutSeconds', 'idleTimeout'],
    ['connectionDraining.timeoutSeconds', 'connectionDrainingTimeout'],
    ['connectionDraining.enabled', 'connectionDraining'],
    ['crossZoneLoadBalancing', 'crossZone'],
    ['accessLog.s3BucketName', 'accessLogs.bucket'],
    ['accessLog.s3BucketPrefix', 'accessLogs.prefix'],
    ['accessLog.emitIntervalMinutes', 'accessLogs.interval'],
    ['accessLog.enabled', 'accessLogs.enabled'],
    ['accessLog', 'accessLogs'],
    ['listeners[3].sslCertificateId', 'listeners[3].certificate'],
    ['listeners[3].instancePort', 'listeners[3].instancePort'],
    ['instances[12].instanceId', 'instances[12]'],
    ['serverCertificate.body', 'certificateBody'],
    ['serverCertificate.chain', 'certificateChain'],
    ['serverCertificate.privateKey', 'privateKey'],
    ['serverCertificate.name', 'name'],
    ['serverCertificate.path', 'path'],
    // internetFacing says the opposite of internal: a message about `internal` keeps its name.
    ['internal', 'internal'],
  ])('%s reads %s', (path, prop) => {
    expect(renamed(path)).toEqual([prop, `${prop} is wrong.`, `set ${prop}.`]);
  });

  test('a path named inside a longer text is renamed there too', () => {
    const f = inUserTerms(Findings.error('SECLB_X', 'healthCheck.timeoutSeconds', '5', 'healthCheck.timeoutSeconds is 5s but healthCheck.intervalSeconds is 5s.', 'r', 'raise healthCheck.intervalSeconds.'));
    expect([f.message, f.fix]).toEqual(['healthCheck.timeout is 5s but healthCheck.interval is 5s.', 'raise healthCheck.interval.']);
  });
});

import { checkAccessLog } from '../../../lib/policy/rules/access-log';
import { expectOnly } from './expect-finding';

describe('checkAccessLog', () => {
  test('accepts 5 and 60 minutes with a plain prefix', () => {
    expect(checkAccessLog('accessLog', true, 'my-logs', 5, 'my-app')).toEqual([]);
    expect(checkAccessLog('accessLog', true, 'my-logs', 60)).toEqual([]);
  });

  test('rejects a 10-minute interval', () => {
    expectOnly(checkAccessLog('accessLog', true, 'b', 10), 'SECLB_ACCESS_LOG_EMIT_INTERVAL_INVALID', /^accessLog\.emitIntervalMinutes is 10, which is neither 5 nor 60\.$/);
  });

  test('rejects a prefix containing AWSLogs', () => {
    const f = expectOnly(checkAccessLog('accessLog', true, 'b', 60, 'app/AWSLogs'), 'SECLB_ACCESS_LOG_PREFIX_CONTAINS_AWSLOGS',
      /^accessLog\.s3BucketPrefix is 'app\/AWSLogs', which contains 'AWSLogs'\.$/);
    expect(f.fix).toMatch(/e\.g\. 'app'/);
  });

  test('rejects enabled logs without a bucket, but not disabled ones', () => {
    expectOnly(checkAccessLog('accessLog', true, '', 60), 'SECLB_ACCESS_LOG_BUCKET_REQUIRED', /^accessLog\.s3BucketName is empty but accessLog\.enabled is true\.$/);
    expect(checkAccessLog('accessLog', false, '', 60)).toEqual([]);
  });
});

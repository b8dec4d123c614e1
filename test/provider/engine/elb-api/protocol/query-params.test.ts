import { QueryParams } from '../../../../../provider/engine/elb-api/protocol/query-params';
import { refusal } from '../helpers/refusal';

const parse = (body: string, query = '') => QueryParams.parse(body, new URLSearchParams(query));


test('lists come back in member order, whatever the order of the form fields', () => {
  const p = parse('PolicyNames.member.2=b&PolicyNames.member.10=c&PolicyNames.member.1=a');
  expect(p.optionalList('PolicyNames')).toEqual(['a', 'b', 'c']);
});

test('`Name=` is the empty list; an absent list is undefined; a required absent list is MissingParameter', () => {
  expect(parse('PolicyNames=').optionalList('PolicyNames')).toEqual([]);
  expect(parse('').optionalList('PolicyNames')).toBeUndefined();
  expect(refusal(() => parse('').requiredList('PolicyNames'))).toMatchObject({ code: 'MissingParameter', message: 'The request must contain the parameter PolicyNames.' });
});

test('structures per member, values form-decoded', () => {
  const p = parse('Listeners.member.1.Protocol=https&Listeners.member.1.SSLCertificateId=arn%3Aaws%3Aiam%3A%3A1%3Aserver-certificate%2Fx&Listeners.member.2.Protocol=http');
  expect(p.optionalStructs('Listeners')!.map((m) => Object.fromEntries(m))).toEqual([
    { Protocol: 'https', SSLCertificateId: 'arn:aws:iam::1:server-certificate/x' },
    { Protocol: 'http' },
  ]);
});

test('the body wins over the query string for the same name', () => {
  expect(parse('Action=DescribeTags', 'Action=DeleteLoadBalancer').optional('Action')).toBe('DescribeTags');
});

test('typed readers answer ValidationError naming the parameter, the value and the constraint', () => {
  expect(refusal(() => parse('HealthCheck.Interval=3x').requiredInt('HealthCheck.Interval'))).toMatchObject({
    code: 'ValidationError', message: "1 validation error detected: Value '3x' at 'HealthCheck.Interval' failed to satisfy constraint: Member must be an integer.",
  });
  expect(refusal(() => parse('LoadBalancerPort=0').requiredInt('LoadBalancerPort', 1, 65535)).message).toMatch(/greater than or equal to 1 and less than or equal to 65535/);
  expect(refusal(() => parse('X.Enabled=yes').optionalBool('X.Enabled')).message).toMatch(/'yes' at 'X.Enabled'.*boolean/);
  expect(parse('X.Enabled=TRUE').optionalBool('X.Enabled')).toBe(true);
  expect(refusal(() => parse('Names.member.0=a').optionalList('Names')).message).toMatch(/Names.member.N with N from 1/);
  expect(refusal(() => parse('LoadBalancerName=').required('LoadBalancerName')).code).toBe('MissingParameter');
});

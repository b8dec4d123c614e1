import { createHash, createHmac } from 'crypto';
import { SignedRequest, SigV4Verifier } from '../../../../../provider/engine/elb-api/protocol/sigv4';
import { refusal } from '../helpers/refusal';

// The verifier: its signing key against AWS's published example value, requests signed here by
// hand from the SigV4 specification (POST form, GET with a query string), and its refusals.

const KEY = 'AKIDEXAMPLE';
const SECRET = 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY';
const NOW = Date.UTC(2015, 7, 30, 12, 36, 0);

function sign(req: { method: string; path: string; query: string; headers: Array<[string, string]>; body: string }, service = 'service', secret = SECRET): SignedRequest {
  const amzDate = '20150830T123600Z';
  const headers: Array<[string, string]> = [...req.headers, ['X-Amz-Date', amzDate]];
  const names = headers.map(([n]) => n.toLowerCase()).sort();
  const value = (n: string) => headers.filter(([h]) => h.toLowerCase() === n).map(([, v]) => v.trim().replace(/\s+/g, ' ')).join(',');
  const query = req.query.split('&').filter(Boolean).sort().join('&');
  const canonical = [req.method, req.path, query, names.map((n) => `${n}:${value(n)}\n`).join(''), names.join(';'), createHash('sha256').update(req.body).digest('hex')].join('\n');
  const scope = `20150830/us-east-1/${service}/aws4_request`;
  const toSign = ['AWS4-HMAC-SHA256', amzDate, scope, createHash('sha256').update(canonical).digest('hex')].join('\n');
  const signature = createHmac('sha256', SigV4Verifier.signingKey(secret, '20150830', 'us-east-1', service)).update(toSign).digest('hex');
  const raw = headers.flat();
  raw.push('Authorization', `AWS4-HMAC-SHA256 Credential=${KEY}/${scope}, SignedHeaders=${names.join(';')}, Signature=${signature}`);
  return { method: req.method, path: req.path, query: req.query, rawHeaders: raw, body: Buffer.from(req.body) };
}


test('the signing key is AWS\'s published example value', () => {
  // AWS General Reference, "Examples of how to derive a signing key for Signature Version 4".
  expect(SigV4Verifier.signingKey(SECRET, '20120215', 'us-east-1', 'iam').toString('hex'))
    .toBe('f4780e2d9f65fa895f9c67b32ce1baf0b0d8a43505a000a1a9e090d414db404d');
});

test('a signed POST for elasticloadbalancing verifies; the scope says which service', () => {
  const verifier = new SigV4Verifier(KEY, SECRET, () => NOW);
  const req = sign({ method: 'POST', path: '/', query: '', headers: [['Host', '127.0.0.1:4000'], ['Content-Type', 'application/x-www-form-urlencoded']], body: 'Action=DescribeLoadBalancers&Version=2012-06-01' }, 'elasticloadbalancing');
  expect(verifier.verify(req)).toEqual({ accessKeyId: KEY, region: 'us-east-1', service: 'elasticloadbalancing' });
});

test('a GET with its parameters in the query string (in any order) verifies', () => {
  const verifier = new SigV4Verifier(KEY, SECRET, () => NOW);
  const req = sign({ method: 'GET', path: '/', query: 'Version=2010-05-08&Action=ListServerCertificates', headers: [['Host', 'iam.amazonaws.com']], body: '' }, 'iam');
  expect(verifier.verify(req).service).toBe('iam');
});

test('refusals: unsigned, another key, a changed body, a stale date, an unsigned host, another service', () => {
  const verifier = new SigV4Verifier(KEY, SECRET, () => NOW);
  const good = sign({ method: 'POST', path: '/', query: '', headers: [['Host', 'h']], body: 'Action=A' }, 'iam');
  expect(refusal(() => verifier.verify({ ...good, rawHeaders: ['Host', 'h'] })).code).toBe('MissingAuthenticationToken');
  expect(refusal(() => new SigV4Verifier('AKIAOTHER', SECRET, () => NOW).verify(good)).code).toBe('InvalidClientTokenId');
  expect(refusal(() => verifier.verify({ ...good, body: Buffer.from('Action=B') }))).toMatchObject({ code: 'SignatureDoesNotMatch', httpStatus: 403 });
  expect(refusal(() => new SigV4Verifier(KEY, SECRET, () => NOW + 16 * 60_000).verify(good)).message).toMatch(/^Signature expired/);
  const noHost = sign({ method: 'POST', path: '/', query: '', headers: [['Content-Type', 'x']], body: 'Action=A' }, 'iam');
  expect(refusal(() => verifier.verify(noHost)).message).toMatch(/Host header must be signed/);
  expect(refusal(() => verifier.verify(sign({ method: 'POST', path: '/', query: '', headers: [['Host', 'h']], body: '' }, 's3'))).message).toMatch(/scoped to a valid service/);
  expect(refusal(() => verifier.verify({ ...good, rawHeaders: [...good.rawHeaders.slice(0, -1), 'AWS4-HMAC-SHA256 Credential=x'] })).code).toBe('IncompleteSignature');
  expect(refusal(() => verifier.verify({ ...good, rawHeaders: [...good.rawHeaders.slice(0, -1), 'Bearer abc'] })).code).toBe('IncompleteSignature');
});

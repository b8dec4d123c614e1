import { ENGINE_CODES, ENGINE_FINDING_CODES, EngineErrors, SeclbError } from '../../../provider/engine/errors';

// Table test: every factory's code, HTTP status and the parts of its message (code first, the value, the fix).
describe('engine error registry', () => {
  const cases: Array<[string, SeclbError, string, number, RegExp]> = [
    ['stateCorrupt', EngineErrors.stateCorrupt('/s/state.json', 'not valid JSON'), ENGINE_CODES.STATE_CORRUPT, 500, /'\/s\/state\.json'.*not valid JSON.*Fix:/s],
    ['stateDir', EngineErrors.stateDir('/nope', 'EACCES'), ENGINE_CODES.STATE_DIR, 500, /'\/nope'.*EACCES.*Fix:/s],
    ['stateLocked', EngineErrors.stateLocked('/s', 4242), ENGINE_CODES.STATE_LOCKED, 500, /'\/s'.*pid 4242.*Fix:/s],
    ['portInUse', EngineErrors.portInUse('web', 8443, 'EADDRINUSE'), ENGINE_CODES.PORT_IN_USE, 409, /'web'.*8443.*EADDRINUSE.*Fix:.*unchanged/s],
    ['portConflict', EngineErrors.portConflict('a', 80, 'b'), ENGINE_CODES.PORT_CONFLICT, 409, /'a'.*80.*'b'.*Fix:/s],
    ['invalidDocument', EngineErrors.invalidDocument('web', [{}], 'X: y'), ENGINE_CODES.INVALID_DOCUMENT, 400, /'web'.*1 finding.*nothing was changed/s],
    ['staleRevision', EngineErrors.staleRevision('web', 3, 5), ENGINE_CODES.STALE_REVISION, 409, /revision 5.*against 3.*Fix:/s],
    ['notFound', EngineErrors.notFound('load balancer', 'x'), ENGINE_CODES.NOT_FOUND, 404, /load balancer 'x'.*Fix:/],
    ['unauthorized', EngineErrors.unauthorized(), ENGINE_CODES.UNAUTHORIZED, 401, /Bearer.*admin-token.*Nothing was changed/s],
    ['badRequest', EngineErrors.badRequest('body.x', "'1'", 'rule', 'fix it'), ENGINE_CODES.BAD_REQUEST, 400, /body\.x is '1'. Rule: rule. Fix: fix it/],
    ['bodyTooLarge', EngineErrors.bodyTooLarge('5242880 bytes (Content-Length)', 4194304), ENGINE_CODES.BODY_TOO_LARGE, 413, /5242880 bytes.*limit of 4194304 bytes.*Rule:.*Fix:.*Nothing was changed/s],
    ['bodyTooDeep', EngineErrors.bodyTooDeep(32), ENGINE_CODES.BODY_TOO_DEEP, 400, /more than 32 levels.*Rule:.*Fix:.*Nothing was changed/s],
    ['unsupportedMediaType', EngineErrors.unsupportedMediaType("'text/plain'"), ENGINE_CODES.UNSUPPORTED_MEDIA_TYPE, 415, /Content-Type is 'text\/plain'.*application\/json.*Fix:.*Nothing was changed/s],
    ['notFound (a long name is quoted as an excerpt)', EngineErrors.notFound('admin route', `/${'p'.repeat(10_000)}`), ENGINE_CODES.NOT_FOUND, 404, /admin route '\/p{199}\.\.\.' \(10001 characters\) does not exist/],
    ['methodNotAllowed', EngineErrors.methodNotAllowed('POST', '/v1/x', ['GET']), ENGINE_CODES.METHOD_NOT_ALLOWED, 405, /POST.*'\/v1\/x'.*GET/],
    ['certificateInvalid', EngineErrors.certificateInvalid('c', [], ''), ENGINE_CODES.CERTIFICATE_INVALID, 400, /'c' was refused/],
    ['certificateInUse', EngineErrors.certificateInUse('c', ["load balancer 'w'"]), ENGINE_CODES.CERTIFICATE_IN_USE, 409, /'c'.*'w'.*Fix:/s],
    ['ownerConflict', EngineErrors.ownerConflict('server certificate', 'c', { tool: 'terraform-plugin', stack: '/w:default' }, { tool: 'seclb-cli', stack: 'web' }), ENGINE_CODES.OWNER_CONFLICT, 409, /server certificate 'c' belongs to terraform-plugin \(stack '\/w:default'\).*seclb-cli \(stack 'web'\).*Rule:.*Fix:.*forceOwner=true.*Nothing was changed/s],
    ['backendPinMismatch', EngineErrors.backendPinMismatch('i-1', 443, 'auth'), ENGINE_CODES.BACKEND_PIN_MISMATCH, 502, /'i-1' port 443.*'auth'.*Fix:/s],
    ['backendNoCertificate', EngineErrors.backendNoCertificate('i-1', 443), ENGINE_CODES.BACKEND_NO_CERTIFICATE, 502, /'i-1' port 443.*Fix:/s],
    ['badOption', EngineErrors.badOption('--x', '2', 'a rule', '1'), ENGINE_CODES.BAD_OPTION, 500, /--x is '2'. Rule: a rule. Fix: e.g. --x 1\./],
    ['applyFailed', EngineErrors.applyFailed('web', 'disk full'), ENGINE_CODES.APPLY_FAILED, 500, /'web'.*disk full.*rolled back/s],
    ['workerFailed', EngineErrors.workerFailed(2, 'prepare', 'no answer within 60000 ms'), ENGINE_CODES.WORKER_FAILED, 503, /worker 2 failed to prepare: no answer.*Nothing was changed.*Fix:/s],
  ];

  test.each(cases)('%s', (_name, error, code, status, message) => {
    expect(error).toBeInstanceOf(SeclbError);
    expect(error).toBeInstanceOf(Error);
    expect(error.code).toBe(code);
    expect(error.httpStatus).toBe(status);
    expect(error.message.startsWith(`${code}: `)).toBe(true);
    expect(error.message).toMatch(message);
  });

  test('every registered code has a factory case above, and codes are unique SECLB_ENGINE_*', () => {
    const codes = Object.values(ENGINE_CODES);
    expect(new Set(codes).size).toBe(codes.length);
    for (const c of codes) expect(c).toMatch(/^SECLB_ENGINE_[A-Z_]+$/);
    const withoutFactory = [ENGINE_CODES.INTERNAL, ENGINE_CODES.START_FAILED]; // wrap unexpected errors
    expect(new Set([...cases.map((c) => c[2]), ...withoutFactory])).toEqual(new Set(codes));
    for (const c of Object.values(ENGINE_FINDING_CODES)) expect(codes).not.toContain(c);
  });

  test('instanceof works through the brand, across copies of the class', () => {
    const foreign = Object.assign(new Error('x'), { [Symbol.for('seclb.error')]: true });
    expect(foreign instanceof SeclbError).toBe(true);
    expect(new Error('x') instanceof SeclbError).toBe(false);
  });
});

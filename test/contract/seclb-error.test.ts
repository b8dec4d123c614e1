import { SeclbError, seclbErrorBrand } from '../../lib/contract/seclb-error';
import { CliError, CliErrors } from '../../provider/cli/errors';
import { EngineRequestError } from '../../provider/deploy/engine-client/engine-request-error';
import { DeployError, DeployErrors } from '../../provider/deploy/errors';
import { EngineErrors } from '../../provider/engine/errors';
import { PluginError, PluginErrors } from '../../provider/plugin/errors';

// One error base for the engine, the deploy core, the CLI and the plugin: `instanceof` is the same
// brand check for every class, so `x instanceof C` holds exactly when C built x or is a base of
// the class that did — also across two copies of the package.

const CLASSES = { SeclbError, DeployError, PluginError, CliError, EngineRequestError } as const;
type ClassName = keyof typeof CLASSES;

/** One error of each class, built the way the code builds them. */
const SAMPLES: Array<[ClassName, Error]> = [
  ['SeclbError', EngineErrors.notFound('load balancer', 'web')],
  ['DeployError', DeployErrors.planFormat('p.json', 'not JSON')],
  ['PluginError', PluginErrors.stopped()],
  ['CliError', CliErrors.approvalDeclined()],
  ['EngineRequestError', new EngineRequestError('SECLB_ENGINE_NOT_FOUND', 404, "SECLB_ENGINE_NOT_FOUND: load balancer 'web' does not exist")],
];

const isA = (built: ClassName, asked: ClassName) => built === asked || asked === 'SeclbError';

describe('instanceof across every seclb error class', () => {
  const pairs = SAMPLES.flatMap(([built, error]) => (Object.keys(CLASSES) as ClassName[]).map((asked) => [built, asked, error] as const));

  test.each(pairs)('a %s is instanceof %s only when that class built it or is the base', (built, asked, error) => {
    expect(error instanceof CLASSES[asked]).toBe(isA(built, asked));
    expect(error).toBeInstanceOf(Error);
  });

  test.each(SAMPLES)('a %s from another copy of the package (only the brand symbols) is recognized the same way', (built, error) => {
    const foreign = new Error(error.message);
    for (const symbol of Object.getOwnPropertySymbols(error)) Object.defineProperty(foreign, symbol, { value: true });
    for (const asked of Object.keys(CLASSES) as ClassName[]) expect(foreign instanceof CLASSES[asked]).toBe(isA(built, asked));
  });

  test('plain errors and look-alikes without the brand are no seclb errors', () => {
    const lookAlike = Object.assign(new Error('SECLB_X: y'), { code: 'SECLB_X', httpStatus: 400 });
    for (const C of Object.values(CLASSES)) {
      expect(new Error('x') instanceof C).toBe(false);
      expect(lookAlike instanceof C).toBe(false);
      expect((null as unknown) instanceof C).toBe(false);
      expect(('SECLB_X' as unknown) instanceof C).toBe(false);
    }
  });

  test('every subclass declares a brand of its own (else it would accept its parent\'s instances)', () => {
    const brands = Object.values(CLASSES).map((C) => (Object.prototype.hasOwnProperty.call(C, 'brand') ? C.brand : undefined));
    expect(brands).toEqual(['seclb.error', ...['DeployError', 'PluginError', 'CliError', 'EngineRequestError'].map(seclbErrorBrand)]);
  });

  test('an error carries the shared brand and one per code, so old copies of the classes still recognize it', () => {
    const e = DeployErrors.planFormat('p.json', 'not JSON') as unknown as Record<symbol, unknown>;
    expect(e[Symbol.for('seclb.error')]).toBe(true);
    expect(e[Symbol.for('seclb.error.SECLB_DEPLOY_PLAN_FORMAT')]).toBe(true);
  });
});

describe('the base carries code, path, HTTP status and details', () => {
  test('the code leads the message once, and name is the class name', () => {
    const e = new SeclbError('SECLB_X', 'what. Fix: y.');
    expect(e.message).toBe('SECLB_X: what. Fix: y.');
    expect(new SeclbError('SECLB_X', 'SECLB_X: already led').message).toBe('SECLB_X: already led');
    expect(SAMPLES.map(([, error]) => error.name)).toEqual(SAMPLES.map(([name]) => name));
  });

  test('defaults: HTTP status 500, no path, no details', () => {
    const e = new SeclbError('SECLB_X', 'm');
    expect([e.httpStatus, e.path, e.details]).toEqual([500, undefined, undefined]);
  });

  test('each front end fills what it knows', () => {
    const engine = EngineErrors.portInUse('web', 8443, 'EADDRINUSE');
    expect([engine.httpStatus, engine.details]).toEqual([409, { port: 8443 }]);
    const deploy = DeployErrors.planFormat('p.json', 'not JSON') as DeployError;
    expect([deploy.path, deploy.httpStatus]).toEqual(['p.json', 500]);
    const plugin = PluginErrors.nameMismatch('name', 'a', 'name', 'b', 'document');
    expect(plugin.path).toBe('name');
    const relayed = new EngineRequestError('SECLB_ENGINE_PORT_IN_USE', 409, 'SECLB_ENGINE_PORT_IN_USE: x', [], { port: 443 });
    expect([relayed.status, relayed.httpStatus, relayed.details, relayed.isStale]).toEqual([409, 409, { port: 443 }, false]);
  });
});

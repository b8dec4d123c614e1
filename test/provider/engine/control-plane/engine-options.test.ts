import { resolveEngineOptions } from '../../../../provider/engine/control-plane/engine-options';
import { ENGINE_CODES } from '../../../../provider/engine/errors';
import { HttpBackend } from '../../../../provider/engine/backends/http-backend';

describe('resolveEngineOptions: the HTTP back-end client', () => {
  test.each(['lean', 'undici', undefined])('%s is accepted', (httpBackend) => {
    expect(resolveEngineOptions({ stateDir: '/nonexistent', httpBackend: httpBackend as HttpBackend | undefined })).toEqual({ timeScale: 1, workerCount: 1 });
  });

  test('anything else is SECLB_ENGINE_BAD_OPTION naming the option, the value and the choices', () => {
    let caught: (Error & { code?: string }) | undefined;
    try {
      resolveEngineOptions({ stateDir: '/nonexistent', httpBackend: 'curl' as HttpBackend });
    } catch (e) {
      caught = e as Error & { code?: string };
    }
    expect(caught?.code).toBe(ENGINE_CODES.BAD_OPTION);
    expect(caught?.message).toContain('httpBackend');
    expect(caught?.message).toContain('curl');
    expect(caught?.message).toContain('lean, undici');
  });
});

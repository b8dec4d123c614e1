import { BackendTarget } from '../../../../provider/engine/backends/backend-target';
import { redispatchTarget, refusedOrReset } from '../../../../provider/engine/backends/redispatch';

const target = (instanceId: string): BackendTarget => ({ instanceId, address: '127.0.0.1', port: 1, tls: false });
const first = (c: readonly BackendTarget[]) => c[0];

describe('redispatch rules', () => {
  test('only refusals and resets qualify; pinning refusals, timeouts and aborts do not', () => {
    for (const code of ['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'UND_ERR_SOCKET']) expect(refusedOrReset({ code })).toBe(true);
    for (const code of ['SECLB_ENGINE_BACKEND_PIN_MISMATCH', 'SECLB_ENGINE_BACKEND_NO_CERTIFICATE', 'ETIMEDOUT', 'UND_ERR_HEADERS_TIMEOUT', 'SECLB_CLIENT_CLOSED', undefined]) {
      expect(refusedOrReset({ code })).toBe(false);
    }
  });

  test('the next instance is an untried one, not suspect when there is a choice; none when all were tried', () => {
    const all = ['i-1', 'i-2', 'i-3'].map(target);
    expect(redispatchTarget(all, ['i-1'], (id) => id === 'i-2', first)?.instanceId).toBe('i-3');
    expect(redispatchTarget(all, ['i-1', 'i-3'], (id) => id === 'i-2', first)?.instanceId).toBe('i-2');
    expect(redispatchTarget(all, ['i-1', 'i-2', 'i-3'], () => false, first)).toBeUndefined();
  });
});

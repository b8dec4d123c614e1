import { checkDesyncMitigationMode } from '../../../lib/policy/rules/desync-mitigation-mode';
import { expectOnly } from './expect-finding';

describe('checkDesyncMitigationMode', () => {
  test.each(['monitor', 'defensive', 'strictest'])('accepts %s', (m) => {
    expect(checkDesyncMitigationMode('desyncMitigationMode', m)).toEqual([]);
  });

  test('rejects a typo and suggests the mode', () => {
    const f = expectOnly(checkDesyncMitigationMode('desyncMitigationMode', 'defencive'), 'SECLB_DESYNC_MODE_INVALID',
      /^desyncMitigationMode is 'defencive', which is not a desync mitigation mode\. Did you mean 'defensive'\?$/);
    expect(f.fix).toBe("use 'defensive'.");
  });

  test('rejects an unrelated word without a guess', () => {
    const f = expectOnly(checkDesyncMitigationMode('desyncMitigationMode', 'paranoid'), 'SECLB_DESYNC_MODE_INVALID', /not a desync mitigation mode\.$/);
    expect(f.fix).toMatch(/defensive/);
  });
});

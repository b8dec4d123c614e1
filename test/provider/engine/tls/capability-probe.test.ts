import { CipherCatalog } from '../../../../lib/policy/attributes/cipher-catalog';
import { NodeTlsSupport } from '../../../../lib/policy/attributes/types';
import { CapabilityProbe } from '../../../../provider/engine/tls/capability-probe';

describe('TLS capability probe (elb-facts §9)', () => {
  const caps = CapabilityProbe.probe();

  test('names the OpenSSL build it probed', () => {
    expect(caps.source).toContain(process.versions.openssl);
  });
  test('TLS 1.0-1.2 are available; SSLv2 and SSLv3 are not', () => {
    expect(caps.protocols).toEqual(['Protocol-TLSv1', 'Protocol-TLSv1.1', 'Protocol-TLSv1.2']);
  });
  test('agrees with the model\'s documented build on which catalog ciphers exist at all', () => {
    // The documented facts were measured on Node 20 / OpenSSL 3.0 and found again on Node 22 / OpenSSL 3.5;
    // another build may differ, which is why the engine probes.
    const documented = CipherCatalog.all().filter((c) => c.nodeSupport !== NodeTlsSupport.ABSENT).map((c) => c.name);
    if (/^3\.[05]\./.test(process.versions.openssl)) expect(caps.ciphers).toEqual(documented);
    else expect(caps.ciphers.length).toBeGreaterThan(0);
  });
});

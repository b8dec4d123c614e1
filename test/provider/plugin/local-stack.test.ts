import { LoadBalancerDocuments } from '../../../lib/policy/document/load-balancer-documents';
import { lbDocument, listener, sslPolicy } from '../engine/helpers/documents';
import { httpGet } from '../engine/helpers/http-client';
import { waitFor } from '../engine/helpers/wait';
import { usePluginFixture } from './helpers/plugin-fixture';
import { structuredDocument } from './helpers/structured';

// The shape the local target synthesizes: a server certificate and an HTTPS load balancer that
// names it (and depends on it), planned and applied together; HTTPS traffic flows; a cipher
// change plans as exactly that change; destroy removes both in dependency order.

jest.setTimeout(120_000);

const fixture = usePluginFixture({ backend: { instanceId: 'i-secure-1', address: '127.0.0.13' }, certificates: ['secure.example'] });
const cert = () => fixture.certificate('secure.example');

const TLS12 = { protocols: ['Protocol-TLSv1.2'], ciphers: ['ECDHE-ECDSA-AES128-GCM-SHA256', 'ECDHE-ECDSA-AES256-GCM-SHA384'], serverDefinedCipherOrder: true };

function configure(ciphers: string[] = TLS12.ciphers): void {
  const doc = lbDocument('secure', {
    listeners: [listener(fixture.listenerPort, 'HTTPS', fixture.backend.port, 'HTTP', { sslCertificateId: 'secure-cert', policyNames: ['front'] })],
    policies: [sslPolicy('front', { ...TLS12, ciphers })],
    healthCheck: { target: `TCP:${fixture.backend.port}` },
    instances: [{ instanceId: 'i-secure-1', address: '127.0.0.13' }],
  });
  fixture.ws.writeResources({
    seclb_server_certificate: { cert: { name: 'secure-cert', certificate_body: cert().certPem, private_key: cert().keyPem } },
    seclb_load_balancer: { secure: { name: 'secure', document: structuredDocument(LoadBalancerDocuments.normalize(doc)), depends_on: ['seclb_server_certificate.cert'] } },
  });
}

beforeAll(() => configure());

test('init and apply create the certificate, then the load balancer; HTTPS traffic reaches the back end', async () => {
  expect((await fixture.ws.init()).code).toBe(0);
  const run = await fixture.ws.apply();
  expect(run.code).toBe(0);
  expect(run.text).toContain('Apply complete! Resources: 2 added');
  const answer = await waitFor('a 200 through the HTTPS listener', async () => {
    const r = await httpGet(`https://127.0.0.1:${fixture.listenerPort}/`, { rejectUnauthorized: false });
    return r.status === 200 ? r : undefined;
  }, 15_000);
  expect(answer.body).toBe('i-secure-1');
  expect((await fixture.ws.plan()).code).toBe(0);
});

test('a cipher change plans as exactly that change, and applies', async () => {
  configure(['ECDHE-ECDSA-AES128-GCM-SHA256']);
  const plan = await fixture.ws.plan();
  expect(plan.code).toBe(2);
  expect(plan.text).toContain('Plan: 0 to add, 1 to change, 0 to destroy.');
  expect(plan.text).toContain('# seclb_load_balancer.secure will be updated in-place');
  expect(plan.text).toMatch(/name += "ECDHE-ECDSA-AES256-GCM-SHA384"/);
  expect(plan.text).toMatch(/value += "true" -> "false"/);
  expect(plan.text).not.toContain('seclb_server_certificate.cert will be');
  expect((await fixture.ws.apply()).code).toBe(0);
  expect((await fixture.ws.plan()).code).toBe(0);
});

test('a cipher the local engine cannot negotiate applies with a warning naming it', async () => {
  configure(['ECDHE-ECDSA-AES128-GCM-SHA256', 'DES-CBC3-SHA']);
  try {
    const run = await fixture.ws.apply();
    expect(run.code).toBe(0);
    expect(run.text).toContain(`Warning: SECLB_ENGINE_UNENFORCEABLE: the listener on port ${fixture.listenerPort} enables 'DES-CBC3-SHA', which the local engine cannot negotiate.`);
    expect(run.text).toContain('with seclb_load_balancer.secure');
  } finally {
    configure(['ECDHE-ECDSA-AES128-GCM-SHA256']);
  }
});

test('destroy removes the load balancer, then the certificate', async () => {
  const run = await fixture.ws.destroy();
  expect(run.code).toBe(0);
  expect(run.text).toContain('Destroy complete! Resources: 2 destroyed.');
  expect(await fixture.engine.client.listLoadBalancers()).toEqual([]);
  expect(await fixture.engine.client.listCertificates()).toEqual([]);
});

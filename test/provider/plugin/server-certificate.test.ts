import { usePluginFixture } from './helpers/plugin-fixture';

// seclb_server_certificate under the real Terraform CLI against a real engine.

jest.setTimeout(120_000);

const fixture = usePluginFixture({ certificates: ['web.example', 'other.example'] });
const cert = () => fixture.certificate('web.example');
const other = () => fixture.certificate('other.example');

function configure(resources: Record<string, Record<string, unknown>> = { web: { name: 'web-cert', certificate_body: cert().certPem, private_key: cert().keyPem } }): void {
  fixture.ws.writeResources({ seclb_server_certificate: resources });
}

beforeAll(() => configure());

test('init, then plan shows the create with the key hidden and the fingerprint known after apply', async () => {
  expect((await fixture.ws.init()).code).toBe(0);
  const run = await fixture.ws.plan();
  expect(run.code).toBe(2);
  expect(run.text).toContain('+ private_key = (sensitive value)');
  expect(run.text).toContain('+ fingerprint = (known after apply)');
  expect(run.text).not.toContain('PRIVATE KEY');
});

test('apply uploads the certificate; the next plan shows no changes', async () => {
  const run = await fixture.ws.apply();
  expect(run.code).toBe(0);
  const live = await fixture.engine.client.getCertificate('web-cert');
  expect(live?.certificateBody).toBe(cert().certPem);
  expect(run.text).not.toContain('PRIVATE KEY');
  expect((await fixture.ws.plan()).code).toBe(0);
});

test('a certificate replaced through the admin API shows as drift (a replacement), and apply restores it', async () => {
  const before = (await fixture.engine.client.getCertificate('web-cert'))!.fingerprintSha256;
  await fixture.engine.client.putCertificate('web-cert', { certificateBody: other().certPem, privateKey: other().keyPem });
  const drift = await fixture.ws.plan();
  expect(drift.code).toBe(2);
  expect(drift.text).toContain('# seclb_server_certificate.web must be replaced');
  expect(drift.text).toMatch(/certificate_body = <<-EOT # forces replacement|certificate_body = .*# forces replacement/);
  const restore = await fixture.ws.apply();
  expect(restore.code).toBe(0);
  expect((await fixture.engine.client.getCertificate('web-cert'))!.fingerprintSha256).toBe(before);
  expect((await fixture.ws.plan()).code).toBe(0);
});

test('terraform import adopts an existing certificate by name; the key (never readable) is adopted in place', async () => {
  const imported = await fixture.ws.reimport('seclb_server_certificate.web', 'web-cert');
  expect(imported.code).toBe(0);
  const plan = await fixture.ws.plan();
  expect(plan.code).toBe(2);
  expect(plan.text).toContain('# seclb_server_certificate.web will be updated in-place');
  expect(plan.text).toContain('+ private_key = (sensitive value)');
  expect(plan.text).toContain('Plan: 0 to add, 1 to change, 0 to destroy.');
  expect((await fixture.ws.apply()).code).toBe(0);
  expect((await fixture.ws.plan()).code).toBe(0);
});

test('destroy removes the certificate from the engine', async () => {
  const run = await fixture.ws.destroy();
  expect(run.code).toBe(0);
  expect(await fixture.engine.client.listCertificates()).toEqual([]);
});

test('a key that does not match the certificate fails the apply with the engine\'s diagnostic, not a crash', async () => {
  configure({ bad: { name: 'bad-cert', certificate_body: cert().certPem, private_key: other().keyPem } });
  try {
    const run = await fixture.ws.apply();
    expect(run.code).toBe(1);
    expect(run.text).toMatch(/Error: SECLB_[A-Z_]+: /);
    expect(run.text).toContain('with seclb_server_certificate.bad');
    expect(run.text).toContain('SECLB_CERT_KEY_PAIR_MISMATCH: serverCertificate.privateKey does not belong to the certificate');
    expect(run.text).not.toContain('PRIVATE KEY');
    expect(run.text).not.toMatch(/Plugin error|Plugin did not respond|inconsistent result/);
    expect(await fixture.engine.client.listCertificates()).toEqual([]);
  } finally {
    configure();
  }
});

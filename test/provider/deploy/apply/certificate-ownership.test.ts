/**
 * Orphan judgement over real files: a seclb stack's applied record and a Terraform working
 * directory's local state file, as `seclb apply` and `terraform apply` write them.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { AppliedRecord } from '../../../../provider/deploy/apply/applied-record';
import { judgeCertificates } from '../../../../provider/deploy/apply/certificate-ownership';
import { LiveServerCertificate } from '../../../../provider/deploy/engine-client/engine-admin-client';

let root: string;
beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'seclb-orphans-'));
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

const live = (name: string, owner: { tool: string; stack: string }, usedBy: string[] = []): LiveServerCertificate => ({
  name, owner, usedBy, fingerprintSha256: 'ab'.repeat(32), certificateBody: '', revision: 1,
});
const tfState = (dir: string, names: string[]) => writeFileSync(join(dir, 'terraform.tfstate'), JSON.stringify({
  version: 4, resources: names.map((n) => ({ mode: 'managed', type: 'seclb_server_certificate', name: n.replace(/\W/g, '_'), instances: [{ attributes: { id: n, name: n } }] })),
}));

test('in use, unknown owner, seclb stacks with and without the certificate in their applied record', () => {
  const stateDir = join(root, 'state');
  AppliedRecord.write(stateDir, 'web', { loadBalancers: [], serverCertificates: [{ name: 'declared', fingerprint: 'ab'.repeat(32) }] });
  const judged = judgeCertificates(stateDir, [
    live('used', { tool: 'unknown', stack: '' }, ['lb']),
    live('nobody', { tool: 'unknown', stack: '' }),
    live('declared', { tool: 'seclb-cli', stack: 'web' }),
    live('dropped', { tool: 'seclb-cli', stack: 'web' }),
    live('gone-stack', { tool: 'seclb-cli', stack: 'destroyed' }),
  ]);
  expect(judged.map((j) => [j.certificate.name, j.orphan])).toEqual([
    ['declared', false], ['dropped', true], ['gone-stack', true], ['nobody', true], ['used', false],
  ]);
  expect(judged.find((j) => j.certificate.name === 'used')!.why).toBe("in use by load balancer 'lb'");
  expect(judged.find((j) => j.certificate.name === 'dropped')!.why).toMatch(/stack 'web' no longer applies it/);
});

test('Terraform owners: state file with and without the certificate, a workspace, a remote backend, a vanished directory', () => {
  const local = join(root, 'tf-local');
  const ws = join(root, 'tf-ws');
  const remote = join(root, 'tf-remote');
  mkdirSync(local);
  mkdirSync(join(ws, 'terraform.tfstate.d', 'staging'), { recursive: true });
  mkdirSync(remote);
  tfState(local, ['managed']);
  tfState(join(ws, 'terraform.tfstate.d', 'staging'), ['staged']);
  const judged = judgeCertificates(join(root, 'state'), [
    live('managed', { tool: 'terraform-plugin', stack: `${local}#default` }),
    live('forgotten', { tool: 'terraform-plugin', stack: `${local}#default` }),
    live('staged', { tool: 'terraform-plugin', stack: `${ws}#staging` }),
    live('remote', { tool: 'terraform-plugin', stack: `${remote}#default` }),
    live('vanished', { tool: 'terraform-plugin', stack: `${join(root, 'nope')}#default` }),
  ]);
  expect(Object.fromEntries(judged.map((j) => [j.certificate.name, j.orphan]))).toEqual({
    managed: false, forgotten: true, staged: false, remote: false, vanished: true,
  });
  expect(judged.find((j) => j.certificate.name === 'remote')!.why).toMatch(/no local state file/);
});

/**
 * The walk-through's two local flows (README "Deploy to the local engine") use the same
 * unprivileged ports: the repository's cdktf.json (AWS for `cdktf synth`; `seclb` adds the local
 * target) and examples/walkthrough/local/cdktf.json (local, for `cdktf deploy`).
 */
import { readFileSync } from 'fs';
import { join, resolve } from 'path';
import { PACKAGE_ROOT } from '../../provider/version';

const read = (file: string) => JSON.parse(readFileSync(join(PACKAGE_ROOT, file), 'utf8'));
const root = read('cdktf.json');
const local = read('examples/walkthrough/local/cdktf.json');

test('the repository cdktf.json synthesizes for AWS and carries unprivileged local options', () => {
  expect(root.context['seclb:target']).toBeUndefined();
  const ports = root.context['seclb:local'];
  for (const map of [ports.listenerPorts, ports.instancePorts]) {
    for (const port of Object.values<number>(map)) expect(port).toBeGreaterThanOrEqual(1024);
  }
  // Every privileged port of the walk-through (listeners 80 and 443, instance port 443) is remapped.
  expect(Object.keys(ports.listenerPorts).sort()).toEqual(['443', '80']);
  expect(Object.keys(ports.instancePorts)).toEqual(['443']);
});

test('examples/walkthrough/local selects the local target with the same ports and the repository engine state', () => {
  expect(local.context['seclb:target']).toBe('local');
  const { stateDirectory, ...ports } = local.context['seclb:local'];
  expect(ports).toEqual(root.context['seclb:local']);
  const folder = join(PACKAGE_ROOT, 'examples', 'walkthrough', 'local');
  expect(resolve(folder, stateDirectory)).toBe(join(PACKAGE_ROOT, '.seclb'));
  expect(resolve(folder, local.app.replace(/^node /, ''))).toBe(join(PACKAGE_ROOT, root.app.replace(/^node /, '')));
});

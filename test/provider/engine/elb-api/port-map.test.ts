import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { PortMap } from '../../../../provider/engine/elb-api/port-map';

let dir: string;
beforeEach(() => { dir = fs.mkdtempSync(path.join(os.tmpdir(), 'seclb-ports-')); });
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));
const write = (content: string) => fs.writeFileSync(path.join(dir, 'elb-api-ports.json'), content);

test('no file: every port as given', () => {
  const m = PortMap.read(dir);
  expect([m.listenerLocal(443), m.instanceAws(8080), m.targetLocal('HTTP:80/ping')]).toEqual([443, 8080, 'HTTP:80/ping']);
});

test('AWS -> local and back, health-check targets included', () => {
  write(JSON.stringify({ listenerPorts: { 80: 18080, 443: 18443 }, instancePorts: { 443: 8443 } }));
  const m = PortMap.read(dir);
  expect([m.listenerLocal(80), m.listenerAws(18080), m.listenerLocal(8443)]).toEqual([18080, 80, 8443]);
  expect([m.instanceLocal(443), m.instanceAws(8443), m.instanceLocal(80)]).toEqual([8443, 443, 80]);
  expect([m.targetLocal('HTTPS:443/health'), m.targetAws('SSL:8443'), m.targetLocal('TCP:22')]).toEqual(['HTTPS:8443/health', 'SSL:443', 'TCP:22']);
});

test.each([
  ['not JSON', '{', /is not JSON/],
  ['an unknown key', '{"ports": {}}', /unknown key\(s\) ports/],
  ['a port out of range', '{"listenerPorts": {"80": 70000}}', /listenerPorts.80 is 70000, which is not a port/],
  ['two ports onto one', '{"instancePorts": {"80": 9000, "81": 9000}}', /maps two ports to 9000/],
])('a file with %s is a ValidationError naming the file and the rule', (_what, content, message) => {
  write(content);
  let error: { code?: string; message?: string } = {};
  try { PortMap.read(dir); } catch (e) { error = e as Error & { code: string }; }
  expect(error.code).toBe('ValidationError');
  expect(error.message).toMatch(message);
  expect(error.message).toContain(path.join(dir, 'elb-api-ports.json'));
});

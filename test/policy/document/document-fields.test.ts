import { readFileSync } from 'fs';
import { join } from 'path';
import { documentField, DOCUMENT_FIELDS, DocumentField, fieldRange } from '../../../lib/policy/document/document-fields';
import { DOCUMENT_SHAPE, Shape } from '../../../lib/policy/document/document-shape';
import { LoadBalancerDocuments } from '../../../lib/policy/document/load-balancer-documents';

/** The shape at a field's path (`[]` steps into a list's items). */
function shapeAt(path: string): Shape | undefined {
  let shape: Shape | undefined = DOCUMENT_SHAPE;
  for (const part of path.split('.')) {
    const list = part.endsWith('[]');
    const name = list ? part.slice(0, -2) : part;
    shape = shape?.kind === 'object' ? shape.fields[name]?.shape : undefined;
    if (list) shape = shape?.kind === 'array' ? shape.items : undefined;
  }
  return shape;
}

describe('the field table', () => {
  test('names only fields the document has', () => {
    expect(DOCUMENT_FIELDS.filter((f) => shapeAt(f.path) === undefined).map((f) => f.path)).toEqual([]);
  });

  test('names each field once', () => {
    const paths = DOCUMENT_FIELDS.map((f) => f.path);
    expect(paths.filter((p, i) => paths.indexOf(p) !== i)).toEqual([]);
  });

  test('every default lies in its range or among its choices', () => {
    const outside = (f: DocumentField) => f.default !== undefined && (
      (f.range !== undefined && (typeof f.default !== 'number' || f.default < f.range.min || f.default > f.range.max))
      || (f.allowed !== undefined && !f.allowed.includes(f.default as number | string)));
    expect(DOCUMENT_FIELDS.filter(outside).map((f) => f.path)).toEqual([]);
  });

  test('the shape (and so the JSON Schema) carries the table\'s ranges and choices', () => {
    for (const f of DOCUMENT_FIELDS) {
      const shape = shapeAt(f.path)!;
      if (f.range && shape.kind === 'integer') expect([f.path, shape.minimum, shape.maximum]).toEqual([f.path, f.range.min, f.range.max]);
      if (f.range && shape.kind === 'array') expect([f.path, shape.maxItems]).toEqual([f.path, f.range.max]);
      if (f.range && shape.kind === 'map') expect([f.path, shape.maxProperties]).toEqual([f.path, f.range.max]);
      if (f.allowed) expect([f.path, shape.kind === 'integer' || shape.kind === 'string' ? shape.enum : undefined]).toEqual([f.path, f.allowed]);
    }
  });

  test('the rules hold values to the table\'s ranges: the bounds pass, one past them fails with the field\'s path', () => {
    const valid = JSON.parse(LoadBalancerDocuments.serialize({
      schemaVersion: 1, name: 'lb', availabilityZones: ['us-east-1a'], subnets: [], securityGroups: [], internal: false,
      crossZoneLoadBalancing: true, idleTimeoutSeconds: 60, connectionDraining: { enabled: false, timeoutSeconds: 300 },
      desyncMitigationMode: 'defensive', listeners: [{ loadBalancerPort: 80, protocol: 'HTTP' as any, instancePort: 80, instanceProtocol: 'HTTP' as any, policyNames: [] }],
      policies: [], backendServers: [], healthCheck: { target: 'TCP:80', intervalSeconds: 300, timeoutSeconds: 2, healthyThreshold: 10, unhealthyThreshold: 10 },
      instances: [], tags: {},
    }));
    const scalar = ['healthCheck.intervalSeconds', 'healthCheck.timeoutSeconds', 'healthCheck.healthyThreshold', 'healthCheck.unhealthyThreshold',
      'idleTimeoutSeconds', 'connectionDraining.timeoutSeconds'];
    const set = (doc: any, path: string, value: number) => {
      const parts = path.split('.');
      const parent = parts.slice(0, -1).reduce((o, k) => o[k], doc);
      parent[parts[parts.length - 1]] = value;
      return doc;
    };
    const errorsAt = (doc: any) => LoadBalancerDocuments.validate(doc).filter((f) => f.severity === 'error').map((f) => f.path);
    for (const path of scalar) {
      const { min, max } = fieldRange(path);
      const at = (value: number) => ({ path, value, errors: errorsAt(set(JSON.parse(JSON.stringify(valid)), path, value)) });
      expect([at(min), at(max)]).toEqual([{ path, value: min, errors: [] }, { path, value: max, errors: [] }]);
      expect([at(min - 1), at(max + 1)]).toEqual([{ path, value: min - 1, errors: [path] }, { path, value: max + 1, errors: [path] }]);
    }
  });

  test('docs/errors.md states the table\'s ranges in the rows of the range codes', () => {
    const errors = readFileSync(join(__dirname, '..', '..', '..', 'docs', 'errors.md'), 'utf8');
    const row = (code: string) => errors.split('\n').find((l) => l.startsWith(`| \`${code}\` |`)) ?? `(no row for ${code})`;
    const range = (path: string) => `${fieldRange(path).min}-${fieldRange(path).max}`;
    const expected: Array<[string, string]> = [
      ['SECLB_HC_INTERVAL_OUT_OF_RANGE', range('healthCheck.intervalSeconds')],
      ['SECLB_HC_TIMEOUT_OUT_OF_RANGE', range('healthCheck.timeoutSeconds')],
      ['SECLB_HC_THRESHOLD_OUT_OF_RANGE', range('healthCheck.healthyThreshold')],
      ['SECLB_IDLE_TIMEOUT_OUT_OF_RANGE', range('idleTimeoutSeconds')],
      ['SECLB_DRAINING_TIMEOUT_OUT_OF_RANGE', range('connectionDraining.timeoutSeconds')],
      ['SECLB_LISTENER_PORT_OUT_OF_RANGE', `${fieldRange('listeners[].loadBalancerPort').min} to ${fieldRange('listeners[].loadBalancerPort').max}`],
      ['SECLB_BACKEND_PORT_OUT_OF_RANGE', `${fieldRange('backendServers[].instancePort').min} to ${fieldRange('backendServers[].instancePort').max}`],
      ['SECLB_ACCESS_LOG_EMIT_INTERVAL_INVALID', (documentField('accessLog.emitIntervalMinutes').allowed ?? []).join(' or ')],
      ['SECLB_TOO_MANY_LISTENERS', `More than ${fieldRange('listeners').max} `],
      ['SECLB_TOO_MANY_INSTANCES', `More than ${fieldRange('instances').max} `],
      ['SECLB_TAGS_TOO_MANY', `More than ${fieldRange('tags').max} `],
    ];
    expect(expected.filter(([code, text]) => !row(code).includes(text)).map(([code, text]) => `${row(code)} (expected '${text}')`)).toEqual([]);
  });
});

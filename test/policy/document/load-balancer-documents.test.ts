import { generateKeyPairSync } from 'crypto';
import { LoadBalancerDocuments } from '../../../lib/policy/document/load-balancer-documents';
import { Findings } from '../../../lib/policy/findings';
import { walkthroughDocument, WALKTHROUGH_NAMES } from '../fixtures/walkthrough-document';
import { expectOnly, expectSome } from '../rules/expect-finding';
import { schemaErrors } from './json-schema-subset';

const text = () => LoadBalancerDocuments.serialize(walkthroughDocument());
const edit = (change: (doc: any) => void): string => {
  const doc = JSON.parse(text());
  change(doc);
  return JSON.stringify(doc);
};

describe('LoadBalancerDocuments.parse', () => {
  test('accepts the walk-through document without findings', () => {
    const result = LoadBalancerDocuments.parse(text());
    expect(result.findings).toEqual([]);
    expect(result.document?.name).toBe('my-loadbalancer');
  });

  test('round trip: parse -> serialize -> parse -> serialize is byte-identical', () => {
    const first = LoadBalancerDocuments.serialize(LoadBalancerDocuments.parse(text()).document!);
    const second = LoadBalancerDocuments.serialize(LoadBalancerDocuments.parse(first).document!);
    expect(second).toBe(first);
    expect(first).toBe(text());
  });

  test('round trip from a shuffled, lower-case, compact input reaches the canonical text', () => {
    const shuffled = edit((d) => {
      d.listeners.reverse();
      d.policies.reverse();
      d.instances.reverse();
      d.listeners[0].protocol = 'https';
      d.tags = { b: '2', a: '1' };
    });
    const parsed = LoadBalancerDocuments.parse(shuffled);
    expect(parsed.findings).toEqual([]);
    const canonical = LoadBalancerDocuments.serialize(parsed.document!);
    expect(parsed.document!.listeners.map((l) => l.loadBalancerPort)).toEqual([80, 443]);
    expect(parsed.document!.listeners[1].protocol).toBe('HTTPS');
    expect(parsed.document!.instances.map((i) => i.instanceId)).toEqual(['i-0bb7ca62', 'i-4f8cf126']);
    expect(Object.keys(parsed.document!.tags)).toEqual(['a', 'b']);
    expect(LoadBalancerDocuments.serialize(LoadBalancerDocuments.parse(canonical).document!)).toBe(canonical);
  });

  test('rejects text that is not JSON', () => {
    expectOnly(LoadBalancerDocuments.parse('{"schemaVersion": 1,').findings, 'SECLB_DOC_INVALID_JSON', /not valid JSON/);
  });

  test('rejects another schemaVersion', () => {
    expectOnly(LoadBalancerDocuments.parse(edit((d) => { d.schemaVersion = 2; })).findings,
      'SECLB_DOC_SCHEMA_VERSION_UNSUPPORTED', /^schemaVersion is 2, which this library does not read/);
  });

  test('rejects an unknown key and suggests the nearest one', () => {
    const f = expectOnly(LoadBalancerDocuments.parse(edit((d) => {
      d.listeners[1].instancePrt = 443;
    })).findings.filter((x) => x.code === 'SECLB_DOC_UNKNOWN_KEY'), 'SECLB_DOC_UNKNOWN_KEY',
    /^listeners\[1\]\.instancePrt is not a field of listeners\[1\]\. Did you mean 'instancePort'\?/);
    expect(f.path).toBe('listeners[1].instancePrt');
    expect(f.fix).toBe("rename it to 'instancePort'.");
  });

  test('reports a missing field with its path', () => {
    const f = expectOnly(LoadBalancerDocuments.parse(edit((d) => { delete d.healthCheck.intervalSeconds; })).findings,
      'SECLB_DOC_MISSING_FIELD', /^healthCheck\.intervalSeconds is missing\.$/);
    expect(f.path).toBe('healthCheck.intervalSeconds');
  });

  test('reports a wrong type with its path and value', () => {
    const f = expectOnly(LoadBalancerDocuments.parse(edit((d) => { d.listeners[1].instancePort = '443'; })).findings,
      'SECLB_DOC_WRONG_TYPE', /^listeners\[1\]\.instancePort is a string \('443'\), but must be a whole number\.$/);
    expect(f.path).toBe('listeners[1].instancePort');
  });

  test('runs the semantic rules after the structure and returns no document on error', () => {
    const result = LoadBalancerDocuments.parse(edit((d) => { d.healthCheck.timeoutSeconds = 30; }));
    expect(result.document).toBeUndefined();
    expectOnly(result.findings, 'SECLB_HC_TIMEOUT_NOT_BELOW_INTERVAL', /^healthCheck\.timeoutSeconds is 30s but healthCheck\.intervalSeconds is 30s\.$/);
  });

  test('returns the document with warnings only', () => {
    const result = LoadBalancerDocuments.parse(edit((d) => { d.idleTimeoutSeconds = 4000; }));
    expect(result.document?.idleTimeoutSeconds).toBe(4000);
    expect(Findings.hasErrors(result.findings)).toBe(false);
    expect(result.findings.map((f) => f.code)).toEqual(['SECLB_IDLE_TIMEOUT_ABOVE_SDK_MAXIMUM']);
  });

  test('reports every problem at once', () => {
    const result = LoadBalancerDocuments.parse(edit((d) => {
      d.name = '-bad-';
      d.listeners[0].instancePort = 0;
      d.listeners[1].sslCertificateId = undefined;
      d.healthCheck.target = 'HTTP:8080';
    }));
    const codes = result.findings.map((f) => f.code).sort();
    expect(codes).toEqual(['SECLB_HC_TARGET_INVALID', 'SECLB_LB_NAME_INVALID', 'SECLB_LISTENER_CERTIFICATE_REQUIRED', 'SECLB_LISTENER_PORT_OUT_OF_RANGE']);
  });
});

describe('LoadBalancerDocuments.validate', () => {
  test('accepts the walk-through document', () => {
    expect(LoadBalancerDocuments.validate(walkthroughDocument())).toEqual([]);
  });

  test("checks every SSL negotiation policy's content", () => {
    const doc = walkthroughDocument();
    const ssl = doc.policies.find((p) => p.policyName === WALKTHROUGH_NAMES.sslPolicy())!;
    const attributes = ssl.attributes.map((a) => (a.name.startsWith('Protocol-') ? { name: a.name, value: 'false' } : a));
    const broken = { ...doc, policies: doc.policies.map((p) => (p === ssl ? { ...p, attributes } : p)) };
    const f = expectSome(LoadBalancerDocuments.validate(broken), 'SECLB_POLICY_NO_PROTOCOL', /enables no protocol/);
    expect(f.path).toBe('policies[0].attributes');
  });

  test('reports a structurally broken document instead of throwing', () => {
    const doc: any = { ...walkthroughDocument(), healthCheck: undefined };
    expectOnly(LoadBalancerDocuments.validate(doc), 'SECLB_DOC_MISSING_FIELD', /^healthCheck is missing/);
  });

  test('still runs the rules beside a value of the wrong type (e.g. a placeholder known later)', () => {
    const doc: any = { ...walkthroughDocument(), idleTimeoutSeconds: '${var.idle}', name: '-bad' };
    const findings = LoadBalancerDocuments.validate(doc);
    expect(findings.map((f) => [f.code, f.path])).toEqual([
      ['SECLB_DOC_WRONG_TYPE', 'idleTimeoutSeconds'],
      ['SECLB_LB_NAME_INVALID', 'name'],
    ]);
  });

  test('accepts a listener that references a predefined policy by name', () => {
    const doc = walkthroughDocument();
    const listeners = doc.listeners.map((l) => (l.loadBalancerPort === 443 ? { ...l, policyNames: ['ELBSecurityPolicy-TLS-1-2-2017-01'] } : l));
    expect(LoadBalancerDocuments.validate({ ...doc, listeners })).toEqual([]);
  });
});

describe('LoadBalancerDocuments.normalize / revision', () => {
  test('the revision ignores order and protocol case', () => {
    const doc = walkthroughDocument();
    const shuffled = { ...doc, listeners: [...doc.listeners].reverse().map((l) => ({ ...l, protocol: l.protocol.toLowerCase() as any })), instances: [...doc.instances].reverse() };
    expect(LoadBalancerDocuments.revision(shuffled)).toBe(LoadBalancerDocuments.revision(doc));
    expect(LoadBalancerDocuments.revision(doc)).toMatch(/^[0-9a-f]{64}$/);
  });

  test('normalize upper-cases the health-check protocol but keeps the path', () => {
    const doc = walkthroughDocument();
    expect(LoadBalancerDocuments.normalize({ ...doc, healthCheck: { ...doc.healthCheck, target: 'http:8080/Ping' } }).healthCheck.target).toBe('HTTP:8080/Ping');
  });

  test('the revision changes with the content', () => {
    const doc = walkthroughDocument();
    expect(LoadBalancerDocuments.revision({ ...doc, idleTimeoutSeconds: 61 })).not.toBe(LoadBalancerDocuments.revision(doc));
  });

  test('normalize sorts and upper-cases without touching attribute order', () => {
    const doc = walkthroughDocument();
    const n = LoadBalancerDocuments.normalize({ ...doc, policies: [...doc.policies].reverse(), subnets: ['subnet-b', 'subnet-a'] });
    expect(n.policies.map((p) => p.policyName)).toEqual([WALKTHROUGH_NAMES.sslPolicy(), 'my-PublicKey-policy', 'my-authentication-policy']);
    expect(n.subnets).toEqual(['subnet-a', 'subnet-b']);
    expect(n.policies[0].attributes).toEqual(doc.policies[0].attributes);
  });
});

describe('LoadBalancerDocuments.JSON_SCHEMA', () => {
  const schema = JSON.parse(LoadBalancerDocuments.JSON_SCHEMA);

  test('is a versioned draft-07 schema', () => {
    expect(schema.$schema).toBe('http://json-schema.org/draft-07/schema#');
    expect(schema.$id).toMatch(/\/load-balancer-document\/v1\.json$/);
    expect(schema.$id).toBe(LoadBalancerDocuments.SCHEMA_ID);
    expect(schema.additionalProperties).toBe(false);
  });

  test('lists the same fields the parser knows, and marks the optional ones', () => {
    const doc = walkthroughDocument();
    expect(Object.keys(schema.properties).sort()).toEqual([...Object.keys(doc), 'accessLog'].sort());
    expect(schema.required).not.toContain('accessLog');
    expect(schema.properties.listeners.items.required).not.toContain('sslCertificateId');
    expect(schema.properties.healthCheck.properties.intervalSeconds).toMatchObject({ minimum: 5, maximum: 300 });
  });

  test('accepts the canonical walk-through document, with and without an access log', () => {
    expect(schemaErrors(schema, JSON.parse(text()))).toEqual([]);
    const withLog = JSON.parse(edit((d) => { d.accessLog = { enabled: true, s3BucketName: 'logs', s3BucketPrefix: 'elb', emitIntervalMinutes: 5 }; }));
    expect(schemaErrors(schema, withLog)).toEqual([]);
  });

  test('rejects what the parser rejects structurally, and out-of-range values', () => {
    expect(schemaErrors(schema, JSON.parse(edit((d) => { d.listeners[0].instancePrt = 1; })))).toEqual(['$.listeners[0]: unknown key instancePrt']);
    expect(schemaErrors(schema, JSON.parse(edit((d) => { delete d.tags; })))).toEqual(['$: missing tags']);
    expect(schemaErrors(schema, JSON.parse(edit((d) => { d.healthCheck.intervalSeconds = 301; })))).toEqual(['$.healthCheck.intervalSeconds: above 300']);
    expect(schemaErrors(schema, JSON.parse(edit((d) => { d.healthCheck.target = 'HTTP:80'; })))).toHaveLength(1);
    expect(schemaErrors(schema, JSON.parse(edit((d) => { d.desyncMitigationMode = 'off'; })))).toHaveLength(1);
  });

  test('every field has a description', () => {
    const walk = (node: any, at: string): string[] => {
      if (!node || typeof node !== 'object') return [];
      const missing = node.type && !node.description ? [at] : [];
      const children = [
        ...Object.entries(node.properties ?? {}).map(([k, v]) => walk(v, `${at}.${k}`)),
        walk(node.items, `${at}[]`),
        node.additionalProperties && typeof node.additionalProperties === 'object' ? walk(node.additionalProperties, `${at}{}`) : [],
      ];
      return [...missing, ...children.flat()];
    };
    expect(walk(schema, '$')).toEqual([]);
  });
});

describe('LoadBalancerDocuments.fromValue', () => {
  test.each([[null, 'null'], [[], 'an array'], ['x', 'a string']])('rejects %j at the top level', (value, kind) => {
    expectOnly(LoadBalancerDocuments.fromValue(value).findings, 'SECLB_DOC_WRONG_TYPE', new RegExp(`^the document is ${kind} .*but must be an object\\.$`));
  });
});

describe('LoadBalancerDocuments.validatePolicies', () => {
  test('checks a policy set on its own, without listeners, naming only name and policies paths', () => {
    const spki = generateKeyPairSync('ec', { namedCurve: 'P-256' }).publicKey.export({ type: 'spki', format: 'der' }).toString('base64');
    const good = [{ policyName: 'key-1', policyTypeName: 'PublicKeyPolicyType', attributes: [{ name: 'PublicKey', value: spki }] }];
    expect(LoadBalancerDocuments.validatePolicies('existing-lb', good)).toEqual([]);
    const bad = LoadBalancerDocuments.validatePolicies('bad_name', [{ ...good[0], policyName: 'key 1' }]);
    expect(bad.map((f) => f.path).sort()).toEqual(['name', 'policies[0].policyName']);
    expect(bad.map((f) => f.code).sort()).toEqual(['SECLB_LB_NAME_INVALID', 'SECLB_POLICY_NAME_INVALID']);
  });
});

import { ListenerProtocol, PolicyTypeName, SecurityEffect, SecurityPolicy } from '../../../lib/policy';
import {
  assertPlanFresh, ChangeAction, ChangeOrigin, ChangeSubject, DEPLOY_CODES, DeployError, PlanAction, PlanExitCode,
  planDeployment, planExitCode,
} from '../../../provider/deploy';
import { fingerprint, NO_TLS10_SSL, sslPolicy, walkthrough, WALKTHROUGH_SSL } from './fixtures/documents';

const CERTS = [{ name: 'my-server-cert', fingerprint: fingerprint('a') }];

function planOf(desired = walkthrough(), live = walkthrough(), lastApplied?: ReturnType<typeof walkthrough>) {
  return planDeployment(
    { loadBalancers: [desired], serverCertificates: CERTS },
    { loadBalancers: [live], serverCertificates: CERTS, revisions: { [live.name]: 7 } },
    lastApplied ? { lastApplied: { loadBalancers: [lastApplied], serverCertificates: CERTS } } : {});
}

describe('planDeployment: actions per load balancer', () => {
  test('live equal to desired is a no-op with exit code 0', () => {
    const plan = planOf();
    expect(plan.loadBalancers.map((lb) => [lb.name, lb.action])).toEqual([['my-loadbalancer', PlanAction.NO_OP]]);
    expect(plan.loadBalancers[0].changes).toEqual([]);
    expect(plan.summary).toMatchObject({ hasChanges: false, noOp: 1, weakening: 0, strengthening: 0 });
    expect(planExitCode(plan)).toBe(PlanExitCode.NO_CHANGES);
    expect(planExitCode(plan, true)).toBe(PlanExitCode.NO_CHANGES);
  });

  test('a certificate-only change still counts as a change (exit code 2 with --detailed-exitcode)', () => {
    const plan = planDeployment({ loadBalancers: [], serverCertificates: CERTS }, { loadBalancers: [] });
    expect(plan.serverCertificates).toEqual([expect.objectContaining({ name: 'my-server-cert', action: PlanAction.CREATE })]);
    expect(planExitCode(plan, true)).toBe(PlanExitCode.CHANGES);
    expect(planExitCode(plan)).toBe(PlanExitCode.NO_CHANGES); // without --detailed-exitcode, as terraform plan
  });

  test('a desired load balancer that is not live is created, planned against revision null', () => {
    const plan = planDeployment({ loadBalancers: [walkthrough()] }, { loadBalancers: [] });
    const lb = plan.loadBalancers[0];
    expect(lb).toMatchObject({ action: PlanAction.CREATE, liveRevision: null });
    expect(lb.changes.every((c) => c.action === ChangeAction.ADD)).toBe(true);
    expect(lb.changes.map((c) => c.key)).toEqual(expect.arrayContaining(['listeners[80]', 'listeners[443]', `policies[${WALKTHROUGH_SSL.policyName}]`, 'instances[i-4f8cf126]']));
    expect(planExitCode(plan, true)).toBe(PlanExitCode.CHANGES);
    expect(planExitCode(plan)).toBe(PlanExitCode.NO_CHANGES); // without --detailed-exitcode, as terraform plan
  });

  test('a live load balancer that is not desired is deleted and carries no desired document', () => {
    const plan = planDeployment({ loadBalancers: [] }, { loadBalancers: [walkthrough()], revisions: { 'my-loadbalancer': 3 } });
    expect(plan.loadBalancers[0]).toMatchObject({ action: PlanAction.DELETE, liveRevision: 3 });
    expect(plan.loadBalancers[0].desired).toBeUndefined();
    expect(plan.summary).toMatchObject({ delete: 1, hasChanges: true });
  });

  test('an update records the live revision it was computed against', () => {
    const plan = planOf(walkthrough({ idleTimeoutSeconds: 120 }));
    expect(plan.loadBalancers[0]).toMatchObject({ action: PlanAction.UPDATE, liveRevision: 7 });
  });
});

describe('planDeployment: changes inside an update', () => {
  const changesOf = (desired: ReturnType<typeof walkthrough>, live = walkthrough()) => planOf(desired, live).loadBalancers[0].changes;

  test('listeners are compared by port: added, removed, and field by field', () => {
    const base = walkthrough();
    const desired = walkthrough({
      listeners: [
        { ...base.listeners[1], instancePort: 8443 },
        { loadBalancerPort: 8080, protocol: ListenerProtocol.TCP, instancePort: 8080, instanceProtocol: ListenerProtocol.TCP, policyNames: [] },
      ],
    });
    const changes = changesOf(desired);
    expect(changes.filter((c) => c.subject === ChangeSubject.LISTENER).map((c) => [c.key, c.action, c.before, c.after])).toEqual([
      ['listeners[80]', ChangeAction.REMOVE, expect.objectContaining({ protocol: 'HTTP', instancePort: 8080 }), undefined],
      ['listeners[443].instancePort', ChangeAction.MODIFY, 443, 8443],
      ['listeners[8080]', ChangeAction.ADD, undefined, expect.objectContaining({ protocol: 'TCP' })],
    ]);
  });

  test('an SSL policy replaced on the same listener is classified attribute by attribute: dropping TLS 1.0 strengthens', () => {
    const plan = planOf(walkthrough({}, NO_TLS10_SSL));
    const lb = plan.loadBalancers[0];
    expect(lb.changes.map((c) => [c.key, c.action]).sort()).toEqual([
      ['listeners[443].policyNames', ChangeAction.MODIFY],
      [`policies[${NO_TLS10_SSL.policyName}]`, ChangeAction.ADD],
      [`policies[${WALKTHROUGH_SSL.policyName}]`, ChangeAction.REMOVE],
    ].sort());
    expect(lb.security).toEqual([expect.objectContaining({
      scope: 'listener 443', attribute: 'Protocol-TLSv1', before: 'true', after: 'false', effect: SecurityEffect.STRENGTHENS,
      beforePolicy: WALKTHROUGH_SSL.policyName, afterPolicy: NO_TLS10_SSL.policyName, origin: ChangeOrigin.CONFIGURATION,
    })]);
    expect(plan.summary).toMatchObject({ strengthening: 1, weakening: 0 });
  });

  test('enabling SSLv3 weakens', () => {
    const weak = sslPolicy({ enable: ['Protocol-TLSv1', 'Protocol-SSLv3', 'DHE-RSA-AES256-SHA'] });
    const plan = planOf(walkthrough({}, weak));
    expect(plan.loadBalancers[0].security.map((i) => [i.attribute, i.effect])).toEqual([['Protocol-SSLv3', SecurityEffect.WEAKENS]]);
    expect(plan.summary.weakening).toBe(1);
  });

  test('a policy changed in place is compared attribute by attribute', () => {
    const live = walkthrough();
    const desired = walkthrough({
      policies: live.policies.map((p) => (p.policyTypeName === PolicyTypeName.PUBLIC_KEY ? { ...p, attributes: [{ name: 'PublicKey', value: 'MIIBNEWKEY' }] } : p)),
    });
    expect(changesOf(desired, live).map((c) => [c.subject, c.key, c.before, c.after])).toEqual([
      [ChangeSubject.POLICY_ATTRIBUTE, 'policies[my-PublicKey-policy].attributes[PublicKey]', 'MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEAwAPYUBLICKEY', 'MIIBNEWKEY'],
    ]);
  });

  test('removing back-end authentication from a port changes the binding and weakens security', () => {
    const plan = planOf(walkthrough({ backendServers: [] }));
    const lb = plan.loadBalancers[0];
    expect(lb.changes).toEqual([expect.objectContaining({ subject: ChangeSubject.BACKEND_SERVER, key: 'backendServers[443].policyNames', action: ChangeAction.REMOVE })]);
    expect(lb.security).toEqual([expect.objectContaining({ scope: 'instance port 443', attribute: 'backend authentication', effect: SecurityEffect.WEAKENS })]);
  });

  test('health check fields, load balancer attributes and tags are reported one by one', () => {
    const desired = walkthrough({
      healthCheck: { ...walkthrough().healthCheck, intervalSeconds: 10 },
      idleTimeoutSeconds: 120,
      connectionDraining: { enabled: true, timeoutSeconds: 300 },
      crossZoneLoadBalancing: false,
      tags: { team: 'platform', env: 'prod' },
    });
    expect(changesOf(desired).map((c) => [c.subject, c.key, c.action, c.before, c.after])).toEqual([
      [ChangeSubject.HEALTH_CHECK, 'healthCheck.intervalSeconds', ChangeAction.MODIFY, 30, 10],
      [ChangeSubject.ATTRIBUTE, 'crossZoneLoadBalancing', ChangeAction.MODIFY, true, false],
      [ChangeSubject.ATTRIBUTE, 'idleTimeoutSeconds', ChangeAction.MODIFY, 60, 120],
      [ChangeSubject.ATTRIBUTE, 'connectionDraining.enabled', ChangeAction.MODIFY, false, true],
      [ChangeSubject.TAG, 'tags[env]', ChangeAction.ADD, undefined, 'prod'],
      [ChangeSubject.TAG, 'tags[team]', ChangeAction.MODIFY, 'edge', 'platform'],
    ]);
  });

  test('instance registrations are added and removed by id', () => {
    const desired = walkthrough({ instances: [{ instanceId: 'i-0bb7ca62', address: '127.0.0.12' }, { instanceId: 'i-99', address: '127.0.0.13' }] });
    expect(changesOf(desired).map((c) => [c.key, c.action])).toEqual([
      ['instances[i-4f8cf126]', ChangeAction.REMOVE],
      ['instances[i-99]', ChangeAction.ADD],
    ]);
  });

  test('a certificate is compared by fingerprint: same name, new certificate', () => {
    const plan = planDeployment(
      { loadBalancers: [walkthrough()], serverCertificates: [{ name: 'my-server-cert', fingerprint: fingerprint('b') }] },
      { loadBalancers: [walkthrough()], serverCertificates: [{ name: 'my-server-cert', fingerprint: 'AA:'.repeat(31) + 'AA' }] });
    expect(plan.serverCertificates).toEqual([expect.objectContaining({ name: 'my-server-cert', action: PlanAction.UPDATE })]);
    expect(plan.serverCertificates[0].changes[0]).toMatchObject({ before: fingerprint('a'), after: fingerprint('b') });
    expect(plan.loadBalancers[0].changes).toEqual([expect.objectContaining({
      subject: ChangeSubject.CERTIFICATE, key: 'listeners[443].certificateFingerprint', before: fingerprint('a'), after: fingerprint('b'),
    })]);
    expect(plan.summary).toMatchObject({ certificateChanges: 1, hasChanges: true });
  });
});

describe('planDeployment: drift', () => {
  test('a live value changed outside the tool is drift, with the last-applied value', () => {
    const applied = walkthrough();
    const plan = planOf(applied, walkthrough({ idleTimeoutSeconds: 5 }), applied);
    expect(plan.loadBalancers[0].changes).toEqual([expect.objectContaining({
      key: 'idleTimeoutSeconds', before: 5, after: 60, lastApplied: 60, origin: ChangeOrigin.DRIFT,
    })]);
    expect(plan.loadBalancers[0].drifted).toBe(true);
    expect(plan.summary.driftChanges).toBe(1);
  });

  test('the user\'s own change, with live equal to last applied, is not drift', () => {
    const applied = walkthrough();
    const plan = planOf(walkthrough({ idleTimeoutSeconds: 120 }), applied, applied);
    expect(plan.loadBalancers[0].changes).toEqual([expect.objectContaining({ key: 'idleTimeoutSeconds', origin: ChangeOrigin.CONFIGURATION })]);
    expect(plan.loadBalancers[0].changes[0].lastApplied).toBeUndefined();
    expect(plan.loadBalancers[0].drifted).toBe(false);
  });

  test('both at once: drift and own change are told apart', () => {
    const applied = walkthrough();
    const plan = planOf(walkthrough({ idleTimeoutSeconds: 120 }), walkthrough({ tags: { team: 'edge', owner: 'someone' } }), applied);
    expect(plan.loadBalancers[0].changes.map((c) => [c.key, c.origin])).toEqual([
      ['idleTimeoutSeconds', ChangeOrigin.CONFIGURATION],
      ['tags[owner]', ChangeOrigin.DRIFT],
    ]);
  });

  test('an SSL policy swapped outside the tool is drift, and reverting it is classified', () => {
    const applied = walkthrough({}, NO_TLS10_SSL);
    const plan = planOf(applied, walkthrough({}, WALKTHROUGH_SSL), applied);
    const lb = plan.loadBalancers[0];
    expect(lb.changes.every((c) => c.origin === ChangeOrigin.DRIFT)).toBe(true);
    expect(lb.security).toEqual([expect.objectContaining({ attribute: 'Protocol-TLSv1', effect: SecurityEffect.STRENGTHENS, origin: ChangeOrigin.DRIFT })]);
  });

  test('a certificate replaced outside the tool is drift', () => {
    const plan = planDeployment(
      { loadBalancers: [walkthrough()], serverCertificates: CERTS },
      { loadBalancers: [walkthrough()], serverCertificates: [{ name: 'my-server-cert', fingerprint: fingerprint('c') }] },
      { lastApplied: { loadBalancers: [walkthrough()], serverCertificates: CERTS } });
    expect(plan.serverCertificates[0]).toMatchObject({ action: PlanAction.UPDATE, drifted: true });
    expect(plan.serverCertificates[0].changes[0]).toMatchObject({ before: fingerprint('c'), after: fingerprint('a'), lastApplied: fingerprint('a'), origin: ChangeOrigin.DRIFT });
    expect(plan.loadBalancers[0].changes).toEqual([expect.objectContaining({ key: 'listeners[443].certificateFingerprint', origin: ChangeOrigin.DRIFT })]);
  });

  test('a load balancer deleted outside the tool is re-created as drift', () => {
    const plan = planDeployment({ loadBalancers: [walkthrough()] }, { loadBalancers: [] }, { lastApplied: { loadBalancers: [walkthrough()] } });
    expect(plan.loadBalancers[0]).toMatchObject({ action: PlanAction.CREATE, drifted: true });
  });
});

describe('planDeployment: ownership', () => {
  test('with a last-applied record, a live load balancer the stack never applied is left alone', () => {
    const other = walkthrough({ name: 'someone-elses-lb' });
    const plan = planDeployment({ loadBalancers: [walkthrough()] }, { loadBalancers: [walkthrough(), other] },
      { lastApplied: { loadBalancers: [walkthrough()] } });
    expect(plan.loadBalancers.map((lb) => lb.name)).toEqual(['my-loadbalancer']);
  });

  test('a load balancer the stack applied before and no longer declares is deleted', () => {
    const gone = walkthrough({ name: 'retired-lb' });
    const plan = planDeployment({ loadBalancers: [walkthrough()] }, { loadBalancers: [walkthrough(), gone] },
      { lastApplied: { loadBalancers: [walkthrough(), gone] } });
    expect(plan.loadBalancers.map((lb) => [lb.name, lb.action])).toEqual([['my-loadbalancer', PlanAction.NO_OP], ['retired-lb', PlanAction.DELETE]]);
    expect(plan.loadBalancers[1].drifted).toBe(false);
  });
});

describe('planDeployment: bad input and stale plans', () => {
  test('two documents with one name are refused', () => {
    expect(() => planDeployment({ loadBalancers: [walkthrough(), walkthrough()] }, { loadBalancers: [] }))
      .toThrow(expect.objectContaining({ code: DEPLOY_CODES.DUPLICATE_LOAD_BALANCER, message: expect.stringMatching(/desired state holds load balancer 'my-loadbalancer' more than once/) }));
  });

  test('a certificate fingerprint that is not SHA-256 is refused', () => {
    expect(() => planDeployment({ loadBalancers: [], serverCertificates: [{ name: 'c', fingerprint: 'abc' }] }, { loadBalancers: [] }))
      .toThrow(/SECLB_DEPLOY_BAD_FINGERPRINT: server certificate 'c' .* 'abc'/);
  });

  test('a plan is refused when live state moved since, and accepted when it did not', () => {
    const plan = planOf(walkthrough({ idleTimeoutSeconds: 120 }));
    expect(() => assertPlanFresh(plan, { 'my-loadbalancer': 7 })).not.toThrow();
    let error: unknown;
    try {
      assertPlanFresh(plan, { 'my-loadbalancer': 8 });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(DeployError);
    expect(error).toMatchObject({ code: DEPLOY_CODES.STALE_PLAN, message: expect.stringMatching(/revision 7, but live state is now at 8/) });
  });

  test('a create is refused when the load balancer appeared meanwhile', () => {
    const plan = planDeployment({ loadBalancers: [walkthrough()] }, { loadBalancers: [] });
    expect(() => assertPlanFresh(plan, { 'my-loadbalancer': 1 })).toThrow(/planned against live revision none \(absent\)/);
  });
});

describe('planDeployment: documents shared between live state and the last-applied record', () => {
  // readLiveState hands back the record's own objects for load balancers still at the recorded
  // revision; the diff normalizes each object once. The plan must be the one distinct copies give.
  const copy = <T>(x: T): T => JSON.parse(JSON.stringify(x));

  test.each([
    ['no change', walkthrough(), walkthrough()],
    ['the user\'s own change', walkthrough({ idleTimeoutSeconds: 120 }), walkthrough()],
    ['a policy swapped', walkthrough({}, NO_TLS10_SSL), walkthrough({}, WALKTHROUGH_SSL)],
  ])('%s: the same plan as with distinct copies', (_name, desired, applied) => {
    const state = (docs: typeof applied[]) => ({ loadBalancers: docs, serverCertificates: CERTS, revisions: { [applied.name]: 3 } });
    const shared = planDeployment(state([desired]), state([applied]), { lastApplied: state([applied]), createdAt: new Date(0) });
    const distinct = planDeployment(state([copy(desired)]), state([copy(applied)]), { lastApplied: state([copy(applied)]), createdAt: new Date(0) });
    expect(shared).toEqual(distinct);
  });

  test('a document given on both sides is not changed by planning', () => {
    const doc = walkthrough();
    const before = JSON.stringify(doc);
    planDeployment({ loadBalancers: [doc], serverCertificates: CERTS }, { loadBalancers: [doc], serverCertificates: CERTS }, { lastApplied: { loadBalancers: [doc] } });
    expect(JSON.stringify(doc)).toBe(before);
  });
});

describe('a new load balancer is judged on what it enables', () => {
  test('SSL 3.0 and RC4 on a new load balancer are weakening items (never "0 weakening")', () => {
    const weak = sslPolicy({ enable: ['Protocol-SSLv3', 'RC4-SHA'] }, 'Weak');
    const plan = planDeployment({ loadBalancers: [walkthrough({}, weak)] }, { loadBalancers: [] });
    const [lb] = plan.loadBalancers;
    expect(lb.action).toBe(PlanAction.CREATE);
    expect(lb.security.map((i) => [i.scope, i.attribute, i.before, i.after, i.effect])).toEqual(expect.arrayContaining([
      ['listener 443', 'SECLB_WARN_SSLV3_ENABLED', 'absent', "'Protocol-SSLv3'", SecurityEffect.WEAKENS],
      ['listener 443', 'SECLB_WARN_WEAK_CIPHER', 'absent', "'RC4-SHA'", SecurityEffect.WEAKENS],
    ]));
    expect(plan.summary.weakening).toBe(lb.security.length);
    expect(plan.summary.weakening).toBeGreaterThanOrEqual(2);
  });

  test('a new load balancer with a strict policy and back-end authentication has no weakening item', () => {
    const strict = sslPolicy({ basedOn: SecurityPolicy.ELB_SECURITY_POLICY_TLS_1_2_2017_01 }, 'Strict');
    const plan = planDeployment({ loadBalancers: [walkthrough({}, strict)] }, { loadBalancers: [] });
    expect(plan.loadBalancers[0].security).toEqual([]);
    expect(plan.summary.weakening).toBe(0);
  });
});

test('a listener added to an existing load balancer is judged on what it enables', () => {
  const weak = sslPolicy({ enable: ['Protocol-SSLv3'] }, 'Weak');
  const live = walkthrough();
  const extra = { loadBalancerPort: 8443, protocol: ListenerProtocol.HTTPS, instancePort: 443, instanceProtocol: ListenerProtocol.HTTPS,
    sslCertificateId: 'my-server-cert', policyNames: [weak.policyName] };
  const desired = walkthrough({ listeners: [...live.listeners, extra], policies: [...live.policies, weak] });
  const plan = planDeployment({ loadBalancers: [desired] }, { loadBalancers: [live], revisions: { [live.name]: 1 } });
  expect(plan.loadBalancers[0].action).toBe(PlanAction.UPDATE);
  expect(plan.loadBalancers[0].security.map((i) => [i.scope, i.attribute, i.effect])).toEqual(expect.arrayContaining([
    ['listener 8443', 'SECLB_WARN_SSLV3_ENABLED', SecurityEffect.WEAKENS],
  ]));
  expect(plan.loadBalancers[0].security.every((i) => i.scope === 'listener 8443')).toBe(true);
});

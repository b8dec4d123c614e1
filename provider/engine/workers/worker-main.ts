import { TlsCapabilities } from '../../../lib/policy/tls/tls-capabilities';
import { Findings } from '../../../lib/policy/findings';
import { ServerCertificateRecord } from '../certificates/server-certificate';
import { DataPlane } from '../data-plane/data-plane';
import { LoadBalancerChange, PreparedChange } from '../data-plane/data-plane-driver';
import { EngineErrors } from '../errors';
import { InstanceState } from '../health/instance-health';
import { ReplicatedHealth } from '../health/replicated-health';
import { createLogger, EngineLogger } from '../logging/logger';
import { CompiledLoadBalancer, LoadBalancerCompiler } from '../model/compiled-load-balancer';
import { PolicyModel } from '../model/policy-model';
import { PrimaryMessage, toWireError, WireChange, WorkerCounters, WorkerMessage } from './worker-messages';

/**
 * One worker of a multi-worker engine (started by `WorkerPool` through `cluster`). It runs a data
 * plane: listeners shared with the other workers (the primary holds each listening socket; every
 * worker accepts from it), its own TLS contexts compiled from the documents the primary sends, and
 * instance health replicated from the primary's checker. It holds no state file and no admin API.
 * It exits when the primary tells it to stop or goes away (cluster closes the channel).
 */
class Worker {
  private plane?: DataPlane;
  private logger!: EngineLogger;
  private capabilities!: TlsCapabilities;
  private ticketKeySecret!: Buffer;
  /** Instance states last reported by the primary, per load balancer (read when a runtime is created). */
  private readonly health = new Map<string, readonly InstanceState[]>();
  /** The live compiled revision per load balancer (its TLS contexts are reused when unchanged). */
  private readonly live = new Map<string, CompiledLoadBalancer>();
  private readonly pending = new Map<number, { prepared: PreparedChange; changes: LoadBalancerChange[] }>();

  public async handle(m: PrimaryMessage): Promise<unknown> {
    switch (m.kind) {
      case 'init': return this.init(m);
      case 'prepare': return this.prepare(m.applyId, m.changes, m.certificates);
      case 'commit': return this.commit(m.applyId, m.health);
      case 'rollback': {
        const p = this.pending.get(m.applyId);
        this.pending.delete(m.applyId);
        await p?.prepared.rollback();
        return undefined;
      }
      case 'health': return this.replicate(m.name, m.states);
      case 'counters': return this.counters(m.name);
      case 'view': return (await this.plane!.workers())[0];
      case 'draining': return this.plane!.runtime(m.name)?.draining.describe() ?? [];
      case 'stop':
        await this.plane?.stop();
        return undefined;
    }
  }

  private init(m: Extract<PrimaryMessage, { kind: 'init' }>): void {
    this.logger = createLogger(m.logLevel).child({ worker: m.workerId });
    this.capabilities = m.capabilities;
    this.ticketKeySecret = Buffer.from(m.ticketKeySecret, 'hex');
    this.plane = new DataPlane({
      logger: this.logger,
      healthSources: (plan, _counters, _pins, onChange) => new ReplicatedHealth(plan, this.health.get(plan.loadBalancerName), onChange),
      accessLog: { root: m.accessLogRoot, nodeTag: `w${m.workerId}` },
      httpFront: m.httpFront,
      httpBackend: m.httpBackend,
      exclusivePorts: false,
      workerId: m.workerId,
    });
  }

  private async prepare(applyId: number, wire: readonly WireChange[], certificateList: readonly ServerCertificateRecord[]): Promise<void> {
    const certificates = new Map(certificateList.map((c) => [c.name, c]));
    const changes: LoadBalancerChange[] = wire.map((c) => {
      if (!c.document) return { name: c.name };
      const { compiled, findings } = LoadBalancerCompiler.compile(c.document, certificates, this.capabilities, { previous: this.live.get(c.name), ticketKeySecret: this.ticketKeySecret });
      if (!compiled) throw EngineErrors.invalidDocument(c.name, findings, PolicyModel.formatErrors(Findings.errors(findings)));
      return { name: c.name, compiled };
    });
    this.pending.set(applyId, { prepared: await this.plane!.prepare(changes), changes });
  }

  private async commit(applyId: number, health: Readonly<Record<string, readonly InstanceState[]>>): Promise<void> {
    const p = this.pending.get(applyId);
    if (!p) throw new Error(`apply ${applyId} was not prepared in this worker`);
    this.pending.delete(applyId);
    await p.prepared.commit();
    // After the commit: a runtime created by this apply exists only now.
    for (const [name, states] of Object.entries(health)) this.replicate(name, states);
    for (const c of p.changes) {
      if (c.compiled) this.live.set(c.name, c.compiled);
      else {
        this.live.delete(c.name);
        this.health.delete(c.name);
      }
    }
  }

  private replicate(name: string, states: readonly InstanceState[]): void {
    this.health.set(name, states);
    const source = this.plane?.runtime(name)?.health;
    if (source instanceof ReplicatedHealth) source.replicate(states);
  }

  private counters(only?: string): WorkerCounters {
    const names = only === undefined ? [...this.live.keys()] : [only];
    const loadBalancers = names.flatMap((name) => {
      const r = this.plane!.runtime(name);
      return r ? [{ name, counters: r.counters.toRecord() }] : [];
    });
    return { loadBalancers };
  }
}

const worker = new Worker();
// Ctrl-C in a terminal signals the whole process group: the primary stops the workers itself (it
// sends 'stop'), so a worker must not die on its own first and be mistaken for a crash.
process.on('SIGINT', () => undefined);
// Messages are handled one at a time, in the order the primary sent them: several can arrive in one
// read of the channel, and e.g. a health report must not overtake the commit sent before it.
let queue: Promise<void> = Promise.resolve();
process.on('message', (m: PrimaryMessage) => {
  const id = (m as { id?: number }).id;
  queue = queue.then(async () => {
    let reply: WorkerMessage | undefined;
    try {
      const data = await worker.handle(m);
      if (id !== undefined) reply = { kind: 'reply', id, ok: true, data };
    } catch (e) {
      if (id !== undefined) reply = { kind: 'reply', id, ok: false, error: toWireError(e) };
    }
    if (reply && process.connected) process.send!(reply);
    if (m.kind === 'stop' && process.connected) process.disconnect();
  }).catch(() => undefined);
});
process.send!({ kind: 'hello' } satisfies WorkerMessage);

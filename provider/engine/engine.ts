import * as fs from 'fs';
import * as path from 'path';
import { Finding, Findings } from '../../lib/policy/findings';
import { LoadBalancerDocument } from '../../lib/policy/document/load-balancer-document';
import { TlsCapabilities } from '../../lib/policy/tls/tls-capabilities';
import { SECLB_VERSION } from '../version';
import { AdminAuth } from './admin/auth';
import { AdminServer } from './admin/server';
import { AdminViews } from './admin/views';
import { parseLoadBalancerWrite } from './admin/write-body';
import { WriteOwnership } from './admin/write-owner';
import { ObjectOwner, ObjectOwners } from '../../lib/policy/ownership/object-owner';
import { ServerCertificateRecord, ServerCertificateView } from './certificates/server-certificate';
import { DataPlane } from './data-plane/data-plane';
import { DataPlaneDriver, LoadBalancerChange, WorkerView } from './data-plane/data-plane-driver';
import { ENGINE_FINDING_CODES, ENGINE_LOG_CODES, EngineErrors, SeclbError } from './errors';
import { InstanceState } from './health/instance-health';
import { DEFAULT_HTTP_FRONT, HTTP_FRONTS, HttpFront } from './listeners/http-front';
import { createLogger, EngineLogger } from './logging/logger';
import { CompiledLoadBalancer, LoadBalancerCompiler, NotEnforced } from './model/compiled-load-balancer';
import { PrometheusExporter } from './metrics/prometheus-exporter';
import { MODEL_VALIDATORS, PolicyModel } from './model/policy-model';
import { StateLock } from './state/state-lock';
import { EngineState, StateStore } from './state/state-store';
import { HealthChecker } from './health/health-checker';
import { CapabilityProbe } from './tls/capability-probe';
import { awaitLeftoverWorkers } from './workers/leftover-workers';
import { WorkerPool } from './workers/worker-pool';

/** Options of an engine. */
export interface EngineOptions {
  /** Directory for state.json and admin-token; created (0700) when missing. */
  readonly stateDir: string;
  /**
   * Admin API port on 127.0.0.1.
   * @default 0 - an ephemeral port, reported by `start()`
   */
  readonly adminPort?: number;
  /** A logger; @default - pino on stderr */
  readonly logger?: EngineLogger;
  /**
   * TEST ONLY: multiplies every health-check interval and timeout (0 < scale ≤ 1) so tests need not
   * wait real seconds. Never set by users; documented in docs/admin-api.md.
   * @default 1
   */
  readonly healthCheckTimeScale?: number;
  /** Overrides the TLS capability probe (tests). @default - probed at start */
  readonly capabilities?: TlsCapabilities;
  /**
   * Processes serving traffic. 1 runs the data plane in this process; N > 1 forks N workers
   * (`WorkerPool`) behind this process, which keeps the admin API, the state and the health checks.
   * @default 1 (the `seclb-engine` command defaults to the number of CPUs)
   */
  readonly workers?: number;
  /** The workers' log level (multi-worker only). @default - the level of `logger` */
  readonly workerLogLevel?: string;
  /**
   * Which code reads HTTP/1.1 from clients on HTTP and HTTPS listeners: `lean` (Node's llhttp
   * parser driven directly) or `node` (Node's `http.Server`, the earlier client side).
   * @default 'lean'
   */
  readonly httpFront?: HttpFront;
}

/** The most workers an engine forks. */
export const MAX_WORKERS = 64;

/** What `start()` reports; main.ts prints it as one JSON line. */
export interface EngineReady {
  readonly adminUrl: string;
  readonly pid: number;
  readonly stateDir: string;
  readonly version: string;
  /** Processes serving traffic (1 = this process). */
  readonly workers: number;
}

/** A load balancer as the admin API returns it. */
export interface LoadBalancerView {
  readonly name: string;
  readonly revision: number;
  readonly engineRevision: number;
  /** The model's content hash of the document (`LoadBalancerDocuments.revision`). */
  readonly contentRevision: string;
  /** Who created it (`{ tool: 'unknown', stack: '' }` when not on record). */
  readonly owner: ObjectOwner;
  readonly document: LoadBalancerDocument;
  readonly listeners: unknown[];
  readonly counters: Record<string, number>;
  /** Parts of the document the engine accepts but does not enforce. */
  readonly notEnforced: readonly NotEnforced[];
}

/**
 * The engine's control plane: desired state (validated by the policy model, persisted atomically),
 * revisions and optimistic concurrency, and the admin API. It feeds compiled revisions to the
 * `DataPlane`. Writes are serialized: one apply at a time, each all-or-nothing.
 */
export class Engine {
  private readonly logger: EngineLogger;
  private readonly store: StateStore;
  private readonly timeScale: number;
  /** Processes serving traffic (1 = this one). */
  private readonly workerCount: number;
  private state!: EngineState;
  private capabilities!: TlsCapabilities;
  private dataPlane!: DataPlaneDriver;
  private admin?: AdminServer;
  private lock?: StateLock;
  private exporter!: PrometheusExporter;
  private queue: Promise<unknown> = Promise.resolve();
  private readonly compiled = new Map<string, CompiledLoadBalancer>();

  constructor(private readonly options: EngineOptions) {
    this.logger = options.logger ?? createLogger();
    this.store = new StateStore(options.stateDir);
    const scale = options.healthCheckTimeScale ?? 1;
    if (!(scale > 0 && scale <= 1)) throw EngineErrors.badOption('healthCheckTimeScale', String(scale), 'a test-only factor with 0 < scale <= 1', '1');
    this.timeScale = scale;
    const workers = options.workers ?? 1;
    if (!Number.isInteger(workers) || workers < 1 || workers > MAX_WORKERS) {
      throw EngineErrors.badOption('workers', String(options.workers), `a whole number of processes from 1 to ${MAX_WORKERS} (1 = serve from the engine process itself)`, '2');
    }
    this.workerCount = workers;
    if (options.httpFront !== undefined && !HTTP_FRONTS.includes(options.httpFront)) {
      throw EngineErrors.badOption('httpFront', String(options.httpFront), `one of ${HTTP_FRONTS.join(', ')}`, DEFAULT_HTTP_FRONT);
    }
  }

  /** Whether this process serves traffic itself (1 worker) and so needs TLS contexts; workers build their own. */
  private get servesTraffic(): boolean {
    return this.workerCount === 1;
  }

  /** Loads state, restores every load balancer, opens the admin API. */
  public async start(): Promise<EngineReady> {
    try {
      fs.mkdirSync(this.options.stateDir, { recursive: true, mode: 0o700 });
      fs.accessSync(this.options.stateDir, fs.constants.W_OK);
    } catch (e) {
      throw EngineErrors.stateDir(this.options.stateDir, (e as Error).message);
    }
    this.lock = StateLock.acquire(this.options.stateDir);
    try {
      return await this.startLocked();
    } catch (e) {
      this.lock.release();
      throw e;
    }
  }

  private async startLocked(): Promise<EngineReady> {
    const auth = AdminAuth.loadOrCreate(this.options.stateDir);
    this.state = this.store.load();
    this.capabilities = this.options.capabilities ?? CapabilityProbe.probe();
    this.logger.info({ version: SECLB_VERSION, tls: { source: this.capabilities.source, protocols: this.capabilities.protocols, ciphers: this.capabilities.ciphers.length }, validators: MODEL_VALIDATORS }, 'engine starting');
    const accessLogRoot = path.join(this.options.stateDir, 'access-logs');
    // A killed engine's workers may still hold its ports for a moment.
    await awaitLeftoverWorkers(this.options.stateDir, this.logger);
    this.dataPlane = this.workerCount > 1
      ? await WorkerPool.start({
        count: this.workerCount, logger: this.logger, logLevel: this.options.workerLogLevel ?? this.logger.level, healthCheckTimeScale: this.timeScale,
        capabilities: this.capabilities, accessLogRoot, stateDir: this.options.stateDir, httpFront: this.options.httpFront ?? DEFAULT_HTTP_FRONT,
      })
      : new DataPlane({
        logger: this.logger,
        healthSources: (plan, counters, onPinFailure, onChange) => new HealthChecker(plan, this.timeScale, counters, this.logger, onPinFailure, onChange),
        accessLog: { root: accessLogRoot },
        httpFront: this.options.httpFront,
      });
    this.exporter = new PrometheusExporter();
    const certs = this.certificateMap(this.state);
    const restored: LoadBalancerChange[] = [];
    for (const [name, lb] of Object.entries(this.state.loadBalancers)) {
      const { compiled, findings } = LoadBalancerCompiler.compile(lb.document, certs, this.capabilities, { secureContexts: this.servesTraffic });
      if (!compiled) {
        await this.dataPlane.stop();
        throw EngineErrors.stateCorrupt(this.store.file, `load balancer '${name}' no longer compiles:\n${Findings.formatAll(Findings.errors(findings))}`);
      }
      restored.push({ name, compiled });
    }
    try {
      const change = await this.dataPlane.prepare(restored, certs);
      await change.commit();
    } catch (e) {
      await this.dataPlane.stop();
      throw e;
    }
    for (const { name, compiled } of restored) {
      this.compiled.set(name, compiled!);
      this.reportUnenforceable(compiled!);
    }
    this.admin = new AdminServer(this, auth, this.logger);
    const port = await this.admin.listen(this.options.adminPort ?? 0);
    const ready: EngineReady = { adminUrl: `http://127.0.0.1:${port}`, pid: process.pid, stateDir: this.options.stateDir, version: SECLB_VERSION, workers: this.workerCount };
    this.logger.info({ ...ready, loadBalancers: Object.keys(this.state.loadBalancers), engineRevision: this.state.engineRevision }, 'engine ready');
    return ready;
  }

  /** Closes the admin API and every listener. */
  public async stop(): Promise<void> {
    // Traffic and the admin API stop together (the pool marks itself stopping at once, so workers
    // that go away meanwhile are not replaced).
    const plane = this.dataPlane?.stop();
    await this.admin?.close();
    await plane;
    this.lock?.release();
    this.logger.info('engine stopped');
  }

  /** The state file path (tests and docs). */
  public get stateFile(): string {
    return this.store.file;
  }

  // ---------------------------------------------------------------- reads

  /** GET /v1/status */
  public async status(): Promise<Record<string, unknown>> {
    const workers: WorkerView[] = await this.dataPlane.workers();
    const listeners = [...this.compiled.values()].flatMap((c) => c.listeners.map((l) => AdminViews.statusListener(l)).filter((v) => v !== undefined));
    return {
      version: SECLB_VERSION,
      pid: process.pid,
      engineRevision: this.state.engineRevision,
      tls: { openssl: process.versions.openssl, node: process.version, capabilities: this.capabilities },
      validators: MODEL_VALIDATORS,
      loadBalancers: Object.keys(this.state.loadBalancers).sort(),
      listeners,
      workers,
    };
  }

  /** GET /v1/metrics — Prometheus text. */
  public async metrics(): Promise<{ contentType: string; text: string }> {
    return { contentType: this.exporter.contentType, text: await this.exporter.metrics(await this.dataPlane.metricsRows()) };
  }

  /** GET /v1/load-balancers */
  public listLoadBalancers(): Record<string, unknown> {
    return {
      engineRevision: this.state.engineRevision,
      loadBalancers: Object.entries(this.state.loadBalancers).sort(([a], [b]) => (a < b ? -1 : 1)).map(([name, lb]) => ({ name, revision: lb.revision, owner: lb.owner ?? ObjectOwners.unknown() })),
    };
  }

  /** GET /v1/load-balancers/{name} */
  public async getLoadBalancer(name: string): Promise<LoadBalancerView> {
    const lb = this.state.loadBalancers[name];
    if (!lb) throw EngineErrors.notFound('load balancer', name);
    const compiled = this.compiled.get(name);
    return {
      name,
      revision: lb.revision,
      engineRevision: this.state.engineRevision,
      contentRevision: PolicyModel.contentRevision(lb.document),
      owner: lb.owner ?? ObjectOwners.unknown(),
      document: lb.document,
      listeners: (compiled?.listeners ?? []).map((l) => AdminViews.listener(l)),
      counters: (await this.dataPlane.counters(name)) ?? {},
      notEnforced: compiled?.notEnforced ?? [],
    };
  }

  /** GET /v1/load-balancers/{name}/policies — the shape of DescribeLoadBalancerPolicies. */
  public describePolicies(name: string): Record<string, unknown> {
    const lb = this.state.loadBalancers[name];
    if (!lb) throw EngineErrors.notFound('load balancer', name);
    return AdminViews.policies(lb.revision, lb.document);
  }

  /** GET /v1/load-balancers/{name}/instance-health — the shape of DescribeInstanceHealth. */
  public async describeInstanceHealth(name: string): Promise<{ revision: number; InstanceStates: InstanceState[] }> {
    const lb = this.state.loadBalancers[name];
    const states = lb ? await this.dataPlane.describeHealth(name) : undefined;
    if (!lb || !states) throw EngineErrors.notFound('load balancer', name);
    return { revision: lb.revision, InstanceStates: states };
  }

  /** GET /v1/server-certificates */
  public listCertificates(): Record<string, unknown> {
    return {
      engineRevision: this.state.engineRevision,
      serverCertificates: Object.values(this.state.serverCertificates).map((c) => AdminViews.certificate(c, this.usersOf(c.name))),
    };
  }

  /** GET /v1/server-certificates/{name} — never the key. */
  public getCertificate(name: string): ServerCertificateView {
    const c = this.state.serverCertificates[name];
    if (!c) throw EngineErrors.notFound('server certificate', name);
    return AdminViews.certificate(c, this.usersOf(name));
  }

  // ---------------------------------------------------------------- writes

  /**
   * PUT /v1/load-balancers/{name} with `{ document, expectedRevision }`. A create records the
   * writer as owner; an update keeps the recorded owner, or its absence (another stack may attach
   * policies, which never makes it the owner).
   */
  public putLoadBalancer(name: string, body: unknown, ownership: WriteOwnership = { force: false }): Promise<Record<string, unknown>> {
    return this.serialized(async () => {
      const { document, expectedRevision } = parseLoadBalancerWrite(body);
      const parsed = PolicyModel.parseDocument(document);
      const findings = [...parsed.findings];
      const docName = (document as { name?: unknown }).name;
      if (docName !== name) {
        const quoted = Findings.quote(docName);
        findings.push(Findings.error(ENGINE_FINDING_CODES.NAME_MISMATCH, 'name', quoted,
          `name is ${quoted} but the URL names '${name}'.`, 'A document is written under its own name.',
          `PUT it to /v1/load-balancers/ followed by its name, or set name to '${name}'.`));
      }
      if (!parsed.document || Findings.hasErrors(findings)) throw EngineErrors.invalidDocument(name, findings, PolicyModel.formatErrors(findings));
      this.checkRevision(name, expectedRevision);
      const normalized = parsed.document;
      const compiledResult = LoadBalancerCompiler.compile(normalized, this.certificateMap(this.state), this.capabilities, { previous: this.compiled.get(name), secureContexts: this.servesTraffic });
      if (!compiledResult.compiled) {
        throw EngineErrors.invalidDocument(name, compiledResult.findings, PolicyModel.formatErrors(compiledResult.findings));
      }
      const compiled = compiledResult.compiled;
      const revision = this.state.engineRevision + 1;
      const next: EngineState = {
        ...this.state,
        engineRevision: revision,
        loadBalancers: Engine.sortedRecord({ ...this.state.loadBalancers, [name]: Engine.withOwner({ revision, document: normalized }, Engine.ownerAfterWrite(this.state.loadBalancers[name], ownership.requester)) }),
      };
      const created = !this.state.loadBalancers[name];
      await this.commitChange(next, [[name, compiled]]);
      this.reportUnenforceable(compiled);
      const warnings = Findings.warnings([...findings, ...compiledResult.findings]);
      return {
        name, revision, engineRevision: revision, created, warnings,
        notEnforced: compiled.notEnforced,
        unenforceable: compiled.listeners.filter((l) => l.tlsSettings?.unenforceable.length).map((l) => ({ port: l.port, unenforceable: l.tlsSettings!.unenforceable })),
      };
    });
  }

  /**
   * DELETE /v1/load-balancers/{name}; `expectedRevision` optional (query or body). Refused (409
   * `SECLB_ENGINE_OWNER_CONFLICT`) when another owner holds it, unless forced.
   */
  public deleteLoadBalancer(name: string, expectedRevision: number | undefined, ownership: WriteOwnership = { force: false }): Promise<Record<string, unknown>> {
    return this.serialized(async () => {
      if (!this.state.loadBalancers[name]) throw EngineErrors.notFound('load balancer', name);
      Engine.checkOwner('load balancer', name, this.state.loadBalancers[name].owner, ownership);
      if (expectedRevision !== undefined) this.checkRevision(name, expectedRevision);
      const rest = { ...this.state.loadBalancers };
      delete rest[name];
      const revision = this.state.engineRevision + 1;
      await this.commitChange({ ...this.state, engineRevision: revision, loadBalancers: rest }, [[name, undefined]]);
      return { name, deleted: true, engineRevision: revision };
    });
  }

  /**
   * PUT /v1/server-certificates/{name} with `{ certificateBody, privateKey, certificateChain? }`;
   * the owner is kept as for load balancers.
   */
  public putCertificate(name: string, body: unknown, ownership: WriteOwnership = { force: false }): Promise<Record<string, unknown>> {
    return this.serialized(async () => {
      if (!/^[\w+=,.@-]{1,128}$/.test(name)) {
        throw EngineErrors.badRequest('the certificate name', `'${name}'`, 'IAM server certificate names are 1-128 of letters, digits and +=,.@_-', 'choose such a name');
      }
      const b = (typeof body === 'object' && body !== null ? body : {}) as Record<string, unknown>;
      const certificateBody = typeof b.certificateBody === 'string' ? b.certificateBody : '';
      const privateKey = typeof b.privateKey === 'string' ? b.privateKey : '';
      const certificateChain = typeof b.certificateChain === 'string' && b.certificateChain.trim() ? b.certificateChain : undefined;
      const findings: Finding[] = PolicyModel.checkCertificate(certificateBody, privateKey, certificateChain, 'serverCertificate');
      if (Findings.hasErrors(findings)) throw EngineErrors.certificateInvalid(name, findings, Findings.formatAll(Findings.errors(findings)));
      const revision = this.state.engineRevision + 1;
      const record: ServerCertificateRecord = Engine.withOwner({ name, certificateBody, privateKey, certificateChain, revision },
        Engine.ownerAfterWrite(this.state.serverCertificates[name], ownership.requester));
      const next: EngineState = {
        ...this.state,
        engineRevision: revision,
        serverCertificates: Engine.sortedRecord({ ...this.state.serverCertificates, [name]: record }),
      };
      // Listeners that name this certificate get new contexts in the same apply.
      const certs = this.certificateMap(next);
      const changes: Array<[string, CompiledLoadBalancer]> = [];
      for (const lbName of this.usersOf(name)) {
        const { compiled, findings: f } = LoadBalancerCompiler.compile(this.state.loadBalancers[lbName].document, certs, this.capabilities, { secureContexts: this.servesTraffic });
        if (!compiled) throw EngineErrors.certificateInvalid(name, f, Findings.formatAll(Findings.errors(f)));
        changes.push([lbName, compiled]);
      }
      await this.commitChange(next, changes);
      this.logger.info({ certificate: name, fingerprintSha256: PolicyModel.fingerprint(certificateBody), engineRevision: revision, reloaded: changes.map(([n]) => n) }, 'server certificate stored');
      return { ...AdminViews.certificate(record, this.usersOf(name)), engineRevision: revision };
    });
  }

  /**
   * DELETE /v1/server-certificates/{name}; refused while a listener names it, and (unless forced)
   * when another owner holds it.
   */
  public deleteCertificate(name: string, ownership: WriteOwnership = { force: false }): Promise<Record<string, unknown>> {
    return this.serialized(async () => {
      if (!this.state.serverCertificates[name]) throw EngineErrors.notFound('server certificate', name);
      Engine.checkOwner('server certificate', name, this.state.serverCertificates[name].owner, ownership);
      const users = this.usersOf(name);
      if (users.length) throw EngineErrors.certificateInUse(name, users.map((u) => `load balancer '${u}'`));
      const rest = { ...this.state.serverCertificates };
      delete rest[name];
      const revision = this.state.engineRevision + 1;
      await this.commitChange({ ...this.state, engineRevision: revision, serverCertificates: rest }, []);
      return { name, deleted: true, engineRevision: revision };
    });
  }

  // ---------------------------------------------------------------- internals

  /**
   * All-or-nothing: prepare every change in every serving process (bind new ports, build TLS
   * contexts), persist the new state, then commit everywhere. A failure before the commit undoes the
   * preparation and leaves memory, disk and traffic as they were. Resolves once every process serves
   * the new revision.
   */
  private async commitChange(next: EngineState, changes: Array<[string, CompiledLoadBalancer | undefined]>): Promise<void> {
    const batch: LoadBalancerChange[] = changes.map(([name, compiled]) => ({ name, compiled }));
    const certificates = this.certificateMap(next);
    let prepared;
    try {
      prepared = await this.dataPlane.prepare(batch, certificates);
    } catch (e) {
      if (e instanceof SeclbError) throw e;
      throw EngineErrors.applyFailed(changes.map(([n]) => n).join(', ') || 'state', (e as Error).message);
    }
    try {
      this.store.save(next);
    } catch (e) {
      await prepared.rollback();
      throw EngineErrors.applyFailed(changes.map(([n]) => n).join(', ') || 'state', (e as Error).message);
    }
    this.state = next;
    await prepared.commit();
    for (const [name, compiled] of changes) {
      if (compiled) this.compiled.set(name, compiled);
      else this.compiled.delete(name);
    }
  }

  /**
   * The owner an object has after a write: the writer on a create; on an update, whatever was
   * recorded (possibly nothing). An update never changes hands: a stack attaching policies to a
   * load balancer, or restoring a certificate changed outside its tool, does not become the owner.
   */
  private static ownerAfterWrite(existing: { readonly owner?: ObjectOwner } | undefined, writer: ObjectOwner | undefined): ObjectOwner | undefined {
    return existing ? existing.owner : writer;
  }

  /** `entry` with `owner` set last (so older entries without one keep their exact bytes), or without it. */
  private static withOwner<T extends object>(entry: T, owner: ObjectOwner | undefined): T {
    return owner ? { ...entry, owner: { tool: owner.tool, stack: owner.stack } } : entry;
  }

  /**
   * A delete goes ahead when it is forced, when the requester is the owner, or when neither names
   * anyone (an old client deleting an object written before owners were recorded). An owner not on
   * record is treated conservatively: an identified front end must force the delete.
   */
  private static checkOwner(kind: string, name: string, recorded: ObjectOwner | undefined, ownership: WriteOwnership): void {
    if (ownership.force) return;
    const owner = recorded ?? ObjectOwners.unknown();
    const requester = ownership.requester;
    if (requester ? ObjectOwners.same(owner, requester) : !ObjectOwners.known(owner)) return;
    throw EngineErrors.ownerConflict(kind, name, owner, requester);
  }

  private checkRevision(name: string, expected: number | null): void {
    const live = this.state.loadBalancers[name]?.revision ?? null;
    if (expected !== live) throw EngineErrors.staleRevision(name, expected, live);
  }

  private serialized<T>(fn: () => Promise<T>): Promise<T> {
    const run = this.queue.then(fn, fn);
    this.queue = run.catch(() => undefined);
    return run;
  }

  private usersOf(certificate: string): string[] {
    return Object.entries(this.state.loadBalancers)
      .filter(([, lb]) => lb.document.listeners.some((l) => l.sslCertificateId === certificate))
      .map(([n]) => n);
  }

  private certificateMap(state: EngineState): Map<string, ServerCertificateRecord> {
    return new Map(Object.entries(state.serverCertificates));
  }

  private reportUnenforceable(compiled: CompiledLoadBalancer): void {
    if (compiled.notEnforced.length) this.logger.info({ loadBalancer: compiled.name, notEnforced: compiled.notEnforced }, 'parts of the document the local engine does not enforce');
    for (const l of compiled.listeners) {
      if (!l.tlsSettings) continue;
      if (l.tlsSettings.unenforceable.length) {
        this.logger.warn({ loadBalancer: compiled.name, port: l.port, sslPolicyName: l.sslPolicyName, unenforceable: l.tlsSettings.unenforceable, source: l.tlsSettings.capabilitySource },
          `${ENGINE_LOG_CODES.UNENFORCEABLE}: the policy enables attributes this OpenSSL cannot negotiate; they are not offered`);
      }
      if (!l.tlsSettings.canNegotiate) {
        this.logger.error({ loadBalancer: compiled.name, port: l.port, sslPolicyName: l.sslPolicyName },
          `${ENGINE_LOG_CODES.CANNOT_NEGOTIATE}: nothing this policy enables can be negotiated here; every handshake on this listener is refused`);
      }
    }
  }

  private static sortedRecord<T>(r: Record<string, T>): Record<string, T> {
    return Object.fromEntries(Object.entries(r).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
  }
}

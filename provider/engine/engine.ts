import * as fs from 'fs';
import * as path from 'path';
import { Findings } from '../../lib/policy/findings';
import { TlsCapabilities } from '../../lib/policy/tls/tls-capabilities';
import { ObjectOwners } from '../../lib/policy/ownership/object-owner';
import { SECLB_VERSION } from '../version';
import { AdminOperations } from './admin/admin-operations';
import { AdminAuth } from './admin/auth';
import { AdminServer } from './admin/server';
import { AdminViews } from './admin/views';
import { WriteOwnership } from './admin/write-owner';
import { ServerCertificateRecord, ServerCertificateView } from './certificates/server-certificate';
import { validateCertificateWrite } from './control-plane/certificate-write';
import { startDataPlane } from './control-plane/data-plane-start';
import { EngineOptions, EngineReady, resolveEngineOptions } from './control-plane/engine-options';
import { validateLoadBalancerWrite } from './control-plane/load-balancer-write';
import { LoadBalancerView } from './control-plane/load-balancer-view';
import { checkOwner, ownerAfterWrite, withOwner } from './control-plane/ownership-rules';
import { certificateMap, sortedRecord, usersOf } from './control-plane/state-records';
import { reportUnenforceable } from './control-plane/unenforceable-report';
import { WriteQueue } from './control-plane/write-queue';
import { DataPlaneDriver, LoadBalancerChange, WorkerView } from './data-plane/data-plane-driver';
import { EngineErrors, SeclbError } from './errors';
import { InstanceState } from './health/instance-health';
import { DEFAULT_HTTP_BACKEND } from './backends/http-backend';
import { DEFAULT_HTTP_FRONT } from './listeners/http-front';
import { createLogger, EngineLogger } from './logging/logger';
import { CompiledLoadBalancer, LoadBalancerCompiler } from './model/compiled-load-balancer';
import { PrometheusExporter } from './metrics/prometheus-exporter';
import { MODEL_VALIDATORS, PolicyModel } from './model/policy-model';
import { StateLock } from './state/state-lock';
import { EngineState, StateStore } from './state/state-store';
import { CapabilityProbe } from './tls/capability-probe';
import { awaitLeftoverWorkers } from './workers/leftover-workers';
import { AWS_ACCOUNT_ID } from './elb-api/aws-names';
import { ELB_API_CREDENTIALS_FILE, ElbApiCredentials } from './elb-api/credentials';
import { ElbApiEndpoints } from './elb-api/endpoint-file';
import { InstanceAddressBook } from './elb-api/instance-addresses';
import { ElbApiServer } from './elb-api/server';
import { withUnmappedInstances } from './health/unmapped-instances';


// The engine's options and views keep their import path here; each part lives in control-plane/.
export { MAX_WORKERS } from './control-plane/engine-options';
export type { EngineOptions, EngineReady } from './control-plane/engine-options';
export type { LoadBalancerView } from './control-plane/load-balancer-view';

/**
 * The engine's control plane: desired state (validated by the policy model, persisted atomically),
 * revisions and optimistic concurrency, and the admin API. It feeds compiled revisions to the
 * `DataPlane`. Writes are serialized: one apply at a time, each all-or-nothing.
 */
export class Engine implements AdminOperations {
  private readonly logger: EngineLogger;
  private readonly store: StateStore;
  private readonly timeScale: number;
  /** Processes serving traffic (1 = this one). */
  private readonly workerCount: number;
  private state!: EngineState;
  private capabilities!: TlsCapabilities;
  private dataPlane!: DataPlaneDriver;
  private admin?: AdminServer;
  private elbApi?: ElbApiServer;
  private lock?: StateLock;
  private exporter!: PrometheusExporter;
  private readonly writes = new WriteQueue();
  private readonly compiled = new Map<string, CompiledLoadBalancer>();

  constructor(private readonly options: EngineOptions) {
    this.logger = options.logger ?? createLogger();
    this.store = new StateStore(options.stateDir);
    ({ timeScale: this.timeScale, workerCount: this.workerCount } = resolveEngineOptions(options));
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
    this.dataPlane = await startDataPlane({
      workerCount: this.workerCount, timeScale: this.timeScale, logger: this.logger, workerLogLevel: this.options.workerLogLevel,
      capabilities: this.capabilities, accessLogRoot, stateDir: this.options.stateDir, httpFront: this.options.httpFront ?? DEFAULT_HTTP_FRONT,
      httpBackend: this.options.httpBackend ?? DEFAULT_HTTP_BACKEND,
    });
    this.exporter = new PrometheusExporter();
    const certs = certificateMap(this.state);
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
      reportUnenforceable(this.logger, compiled!);
    }
    this.admin = new AdminServer(this, auth, this.logger);
    const port = await this.admin.listen(this.options.adminPort ?? 0);
    let elbApiUrl: string | undefined;
    if (this.options.elbApiPort !== undefined) {
      try {
        elbApiUrl = await this.startElbApi(this.options.elbApiPort);
      } catch (e) {
        await this.admin.close();
        await this.dataPlane.stop();
        throw e;
      }
    }
    const ready: EngineReady = { adminUrl: `http://127.0.0.1:${port}`, pid: process.pid, stateDir: this.options.stateDir, version: SECLB_VERSION, workers: this.workerCount, ...(elbApiUrl ? { elbApiUrl } : {}) };
    this.logger.info({ ...ready, loadBalancers: Object.keys(this.state.loadBalancers), engineRevision: this.state.engineRevision }, 'engine ready');
    return ready;
  }

  /** Closes the admin API and every listener. */
  public async stop(): Promise<void> {
    // Traffic and the admin API stop together (the pool marks itself stopping at once, so workers
    // that go away meanwhile are not replaced).
    const plane = this.dataPlane?.stop();
    await this.admin?.close();
    if (this.elbApi) {
      await this.elbApi.close();
      ElbApiEndpoints.remove(this.options.stateDir);
    }
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
    return { revision: lb.revision, InstanceStates: withUnmappedInstances(lb.document, states) };
  }

  /** GET /v1/server-certificates */
  public listCertificates(): Record<string, unknown> {
    return {
      engineRevision: this.state.engineRevision,
      serverCertificates: Object.values(this.state.serverCertificates).map((c) => AdminViews.certificate(c, usersOf(this.state, c.name))),
    };
  }

  /** GET /v1/server-certificates/{name} — never the key. */
  public getCertificate(name: string): ServerCertificateView {
    const c = this.state.serverCertificates[name];
    if (!c) throw EngineErrors.notFound('server certificate', name);
    return AdminViews.certificate(c, usersOf(this.state, name));
  }

  // ---------------------------------------------------------------- writes

  /**
   * PUT /v1/load-balancers/{name} with `{ document, expectedRevision }`. A create records the
   * writer as owner; an update keeps the recorded owner, or its absence (another stack may attach
   * policies, which never makes it the owner).
   */
  public putLoadBalancer(name: string, body: unknown, ownership: WriteOwnership = { force: false }): Promise<Record<string, unknown>> {
    return this.writes.run(async () => {
      const { normalized, expectedRevision, findings } = validateLoadBalancerWrite(name, body);
      this.checkRevision(name, expectedRevision);
      const compiledResult = LoadBalancerCompiler.compile(normalized, certificateMap(this.state), this.capabilities, { previous: this.compiled.get(name), secureContexts: this.servesTraffic });
      if (!compiledResult.compiled) {
        throw EngineErrors.invalidDocument(name, compiledResult.findings, PolicyModel.formatErrors(compiledResult.findings));
      }
      const compiled = compiledResult.compiled;
      const revision = this.state.engineRevision + 1;
      const next: EngineState = {
        ...this.state,
        engineRevision: revision,
        loadBalancers: sortedRecord({ ...this.state.loadBalancers, [name]: withOwner({ revision, document: normalized }, ownerAfterWrite(this.state.loadBalancers[name], ownership.requester)) }),
      };
      const created = !this.state.loadBalancers[name];
      await this.commitChange(next, [[name, compiled]]);
      reportUnenforceable(this.logger, compiled);
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
    return this.writes.run(async () => {
      if (!this.state.loadBalancers[name]) throw EngineErrors.notFound('load balancer', name);
      checkOwner('load balancer', name, this.state.loadBalancers[name].owner, ownership);
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
    return this.writes.run(async () => {
      const { certificateBody, privateKey, certificateChain } = validateCertificateWrite(name, body);
      const revision = this.state.engineRevision + 1;
      const record: ServerCertificateRecord = withOwner({ name, certificateBody, privateKey, certificateChain, revision },
        ownerAfterWrite(this.state.serverCertificates[name], ownership.requester));
      const next: EngineState = {
        ...this.state,
        engineRevision: revision,
        serverCertificates: sortedRecord({ ...this.state.serverCertificates, [name]: record }),
      };
      // Listeners that name this certificate get new contexts in the same apply.
      const certs = certificateMap(next);
      const changes: Array<[string, CompiledLoadBalancer]> = [];
      for (const lbName of usersOf(this.state, name)) {
        const { compiled, findings: f } = LoadBalancerCompiler.compile(this.state.loadBalancers[lbName].document, certs, this.capabilities, { secureContexts: this.servesTraffic });
        if (!compiled) throw EngineErrors.certificateInvalid(name, f, Findings.formatAll(Findings.errors(f)));
        changes.push([lbName, compiled]);
      }
      await this.commitChange(next, changes);
      this.logger.info({ certificate: name, fingerprintSha256: PolicyModel.fingerprint(certificateBody), engineRevision: revision, reloaded: changes.map(([n]) => n) }, 'server certificate stored');
      return { ...AdminViews.certificate(record, usersOf(this.state, name)), engineRevision: revision };
    });
  }

  /**
   * DELETE /v1/server-certificates/{name}; refused while a listener names it, and (unless forced)
   * when another owner holds it.
   */
  public deleteCertificate(name: string, ownership: WriteOwnership = { force: false }): Promise<Record<string, unknown>> {
    return this.writes.run(async () => {
      if (!this.state.serverCertificates[name]) throw EngineErrors.notFound('server certificate', name);
      checkOwner('server certificate', name, this.state.serverCertificates[name].owner, ownership);
      const users = usersOf(this.state, name);
      if (users.length) throw EngineErrors.certificateInUse(name, users.map((u) => `load balancer '${u}'`));
      const rest = { ...this.state.serverCertificates };
      delete rest[name];
      const revision = this.state.engineRevision + 1;
      await this.commitChange({ ...this.state, engineRevision: revision, serverCertificates: rest }, []);
      return { name, deleted: true, engineRevision: revision };
    });
  }

  // ---------------------------------------------------------------- internals

  /** Opens the ELB/IAM Query API (docs/elb-api.md) and records its URL in `<stateDir>/elb-api.json`. */
  private async startElbApi(port: number): Promise<string> {
    const addresses = this.options.instanceAddressesFile ? new InstanceAddressBook(this.options.instanceAddressesFile) : InstanceAddressBook.inStateDir(this.options.stateDir);
    let credentials;
    try {
      credentials = ElbApiCredentials.loadOrCreate(this.options.stateDir);
    } catch (e) {
      throw EngineErrors.stateCorrupt(path.join(this.options.stateDir, ELB_API_CREDENTIALS_FILE), (e as Error).message);
    }
    const server = new ElbApiServer({ engine: this, credentials, addresses, logger: this.logger, stateDir: this.options.stateDir });
    let bound: number;
    try {
      bound = await server.listen(port);
    } catch (e) {
      throw EngineErrors.elbApiListen(port, (e as Error).message);
    }
    this.elbApi = server;
    const url = `http://127.0.0.1:${bound}`;
    ElbApiEndpoints.write(this.options.stateDir, { url, pid: process.pid, accountId: AWS_ACCOUNT_ID });
    return url;
  }

  /**
   * All-or-nothing: prepare every change in every serving process (bind new ports, build TLS
   * contexts), persist the new state, then commit everywhere. A failure before the commit undoes the
   * preparation and leaves memory, disk and traffic as they were. Resolves once every process serves
   * the new revision.
   */
  private async commitChange(next: EngineState, changes: Array<[string, CompiledLoadBalancer | undefined]>): Promise<void> {
    const batch: LoadBalancerChange[] = changes.map(([name, compiled]) => ({ name, compiled }));
    const certificates = certificateMap(next);
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

  private checkRevision(name: string, expected: number | null): void {
    const live = this.state.loadBalancers[name]?.revision ?? null;
    if (expected !== live) throw EngineErrors.staleRevision(name, expected, live);
  }

}

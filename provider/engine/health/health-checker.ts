import * as http from 'http';
import * as net from 'net';
import { isHttpProtocol, isSecureProtocol } from '../../../lib/policy/queries/secure-protocol';
import { BackendConnector, PinFailureListener } from '../backends/backend-connector';
import { BackendPinSet } from '../backends/backend-pin';
import { BackendTarget } from '../backends/backend-target';
import { EngineLogger } from '../logging/logger';
import { LoadBalancerCounters } from '../metrics/load-balancer-counters';
import { CheckedInstance, HealthCheckPlan } from './health-check-plan';
import { HealthCheckTarget, parseHealthCheckTarget } from './health-check-target';
import { HealthSource } from './health-source';
import { InstanceHealth, InstanceState } from './instance-health';

/**
 * Runs ELB health checks for one load balancer (elb-facts §5.1): every instance every `interval`,
 * each check bounded by `timeout`; HTTP/HTTPS succeed only on status 200 (a body must carry
 * Content-Length or chunked encoding), TCP on connect, SSL on a
 * completed handshake (and, when the port is pinned, a matching key).
 *
 * `timeScale` multiplies every interval and timeout. It exists for the engine's own tests only
 * (see docs/admin-api.md, "Test-only options"); users never set it and it is 1 by default.
 */
export class HealthChecker implements HealthSource {
  private readonly health = new Map<string, InstanceHealth>();
  private plan!: HealthCheckPlan;
  private target!: HealthCheckTarget;
  private timer?: NodeJS.Timeout;
  private intervalMs = 0;
  private stopped = false;

  constructor(
    plan: HealthCheckPlan,
    private readonly timeScale: number,
    private readonly counters: LoadBalancerCounters,
    private readonly logger: EngineLogger,
    private readonly onPinFailure: PinFailureListener,
    private readonly onChange: () => void,
  ) {
    this.update(plan);
  }

  /**
   * Takes a new plan (hot apply). Instances still registered keep their state; new ones start as
   * "registration in progress"; the schedule restarts only when the interval changed.
   */
  public update(plan: HealthCheckPlan): void {
    const target = parseHealthCheckTarget(plan.healthCheck.target);
    if (!target) throw new Error(`health check target '${plan.healthCheck.target}' is not HTTP:port/path, HTTPS:port/path, TCP:port or SSL:port`);
    this.plan = plan;
    this.target = target;
    const ids = new Set(plan.instances.map((i) => i.instanceId));
    for (const id of [...this.health.keys()]) if (!ids.has(id)) this.health.delete(id);
    let added = false;
    for (const i of plan.instances) {
      if (!this.health.has(i.instanceId)) { this.health.set(i.instanceId, new InstanceHealth(i.instanceId)); added = true; }
    }
    const intervalMs = Math.max(1, Math.round(plan.healthCheck.intervalSeconds * 1000 * this.timeScale));
    if (intervalMs !== this.intervalMs || !this.timer) {
      this.intervalMs = intervalMs;
      if (this.timer) clearInterval(this.timer);
      this.timer = setInterval(() => this.runRound(), intervalMs);
      this.timer.unref();
      this.runRound();
    } else if (added) {
      this.runRound();
    }
  }

  /** True when the instance may receive traffic. */
  public isInService(instanceId: string): boolean {
    return this.health.get(instanceId)?.isInService ?? false;
  }

  /** DescribeInstanceHealth entries, in the document's instance order. */
  public describe(): InstanceState[] {
    return this.plan.instances.map((i) => this.health.get(i.instanceId)!.describe(this.plan.healthCheck.unhealthyThreshold));
  }

  /** Stops checking. */
  public stop(): void {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
  }

  private runRound(): void {
    const plan = this.plan;
    const target = this.target;
    const timeoutMs = Math.max(1, Math.round(plan.healthCheck.timeoutSeconds * 1000 * this.timeScale));
    for (const instance of plan.instances) {
      this.checkOnce(instance, target, plan.pins, timeoutMs, (ok, detail) => {
        if (this.stopped || this.plan !== plan) return;
        const h = this.health.get(instance.instanceId);
        if (!h) return;
        if (!ok) this.counters.healthCheckFailures++;
        if (!ok) this.logger.debug({ instanceId: instance.instanceId, detail }, 'health check failed');
        const changed = h.record(ok, plan.healthCheck.healthyThreshold, plan.healthCheck.unhealthyThreshold, detail);
        if (changed) {
          const state = h.describe(plan.healthCheck.unhealthyThreshold);
          this.logger.info({ loadBalancer: plan.loadBalancerName, instanceId: instance.instanceId, state: state.State, description: state.Description, lastFailure: h.lastFailureDetail || undefined }, 'instance health changed');
          this.onChange();
        }
      });
    }
  }

  private checkOnce(instance: CheckedInstance, target: HealthCheckTarget, pins: BackendPinSet | undefined, timeoutMs: number,
    done: (ok: boolean, detail: string) => void): void {
    let finished = false;
    let socket: net.Socket | undefined;
    const finish = (ok: boolean, detail: string) => {
      if (finished) return;
      finished = true;
      clearTimeout(timer);
      socket?.destroy();
      done(ok, detail);
    };
    const timer = setTimeout(() => finish(false, `no answer within ${timeoutMs} ms`), timeoutMs);
    const useTls = isSecureProtocol(target.protocol);
    const backend: BackendTarget = { instanceId: instance.instanceId, address: instance.address, port: target.port, tls: useTls, pins: useTls ? pins : undefined };
    BackendConnector.connect(backend, timeoutMs, this.onPinFailure, (err, sock) => {
      if (err || !sock) return finish(false, err?.message ?? 'connect failed');
      socket = sock;
      if (finished) return;
      if (!isHttpProtocol(target.protocol)) return finish(true, '');
      const req = http.request({
        method: 'GET', path: target.path, createConnection: () => sock,
        headers: { host: `${instance.address}:${target.port}`, 'user-agent': 'ELB-HealthChecker/1.0', connection: 'close' },
      });
      req.on('response', (res) => {
        const status = res.statusCode;
        // A body must be delimited by Content-Length or chunked encoding (elb-facts §5.1).
        const delimited = res.headers['content-length'] !== undefined || res.headers['transfer-encoding'] !== undefined;
        let bodyBytes = 0;
        res.on('data', (c: Buffer) => { bodyBytes += c.length; });
        res.on('end', () => {
          if (status !== 200) return finish(false, `status ${status}`);
          if (bodyBytes > 0 && !delimited) return finish(false, 'status 200 with a body delimited by neither Content-Length nor chunked encoding');
          finish(true, '');
        });
        res.on('error', () => finish(false, 'response aborted'));
      });
      req.on('error', (e) => finish(false, e.message));
      req.end();
    });
  }
}

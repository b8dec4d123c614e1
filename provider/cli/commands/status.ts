import { X509Certificate } from 'crypto';
import { Command } from 'commander';
import { standInSourceOfSubject } from '../../../lib/contract/local-mapping';
import { connectToEngine } from '../../deploy/engine-client/engine-connection';
import { EngineAdminClient } from '../../deploy/engine-client/engine-admin-client';
import { CommandContext } from '../context';
import { CliErrors } from '../errors';
import { ObjectOwner, ObjectOwners } from '../../../lib/policy/ownership/object-owner';
import { certificateJson, readCertificates } from './certificates';

type Run = (action: (ctx: CommandContext, ...args: any[]) => Promise<number>) => (...args: any[]) => Promise<void>;

/** One load balancer as `seclb status` shows it. */
export interface LoadBalancerStatus {
  readonly name: string;
  readonly revision: number;
  /** Who created it on the engine (tool `unknown` when not on record). */
  readonly owner: ObjectOwner;
  /** `18443 HTTPS -> 28443 HTTPS` per listener; `loadBalancerPort` is the local port the engine binds on 127.0.0.1. */
  readonly listeners: Array<{ loadBalancerPort: number; protocol: string; instancePort: number; instanceProtocol: string; policyNames: string[] }>;
  /** DescribeInstanceHealth, with each instance's loopback address. */
  readonly instances: Array<{ instanceId: string; address?: string; state: string; reasonCode: string; description: string }>;
}

/** One server certificate as `seclb status` shows it. */
export interface CertificateStatus {
  readonly name: string;
  /** SHA-256 fingerprint, hex. */
  readonly fingerprint: string;
  /**
   * What it stands in for, when the local target generated it in place of a certificate the engine
   * cannot have (an ACM/IAM ARN or a token); read from the certificate's own subject.
   * @default - absent for a certificate the app supplied
   */
  readonly standInFor?: string;
}

/** The engine's server certificates, stand-ins marked. */
export async function readCertificateStatus(client: EngineAdminClient): Promise<CertificateStatus[]> {
  const list = await client.listCertificates();
  return list.sort((a, b) => (a.name < b.name ? -1 : 1)).map((c) => {
    let standInFor: string | undefined;
    try {
      standInFor = standInSourceOfSubject(new X509Certificate(c.certificateBody).subject);
    } catch {
      standInFor = undefined;
    }
    return { name: c.name, fingerprint: c.fingerprintSha256.replace(/:/g, '').toLowerCase(), ...(standInFor === undefined ? {} : { standInFor }) };
  });
}

/** The certificates as lines under the table: stand-ins say what they stand in for. */
export function renderCertificateLines(certificates: CertificateStatus[]): string {
  if (!certificates.length) return '';
  return ['', 'SERVER CERTIFICATES', ...certificates.map((c) => `  ${c.name}  ${c.fingerprint.slice(0, 16)}…${c.standInFor === undefined ? '' : `  stand-in for ${c.standInFor}`}`)].join('\n');
}

/** Live state and instance health of every load balancer on the engine. */
export async function readStatus(client: EngineAdminClient): Promise<LoadBalancerStatus[]> {
  const list = await client.listLoadBalancers();
  const result: LoadBalancerStatus[] = [];
  for (const { name } of list.sort((a, b) => (a.name < b.name ? -1 : 1))) {
    const [live, health] = await Promise.all([client.getLoadBalancer(name), client.describeInstanceHealth(name)]);
    if (!live) continue;
    const addresses = new Map(live.document.instances.map((i) => [i.instanceId, i.address]));
    result.push({
      name,
      revision: live.revision,
      owner: live.owner,
      listeners: live.document.listeners.map((l) => ({
        loadBalancerPort: l.loadBalancerPort, protocol: l.protocol, instancePort: l.instancePort, instanceProtocol: l.instanceProtocol, policyNames: l.policyNames,
      })),
      instances: health.InstanceStates.map((s) => ({
        instanceId: s.InstanceId, ...(addresses.get(s.InstanceId) ? { address: addresses.get(s.InstanceId) } : {}),
        state: s.State, reasonCode: s.ReasonCode, description: s.Description,
      })),
    });
  }
  return result;
}

/** Renders the status as a table, one row per instance. */
export function renderStatusTable(status: LoadBalancerStatus[], paint: (code: string, text: string) => string = (_c, t) => t): string {
  if (!status.length) return 'The engine has no load balancers.';
  const rows: string[][] = [['LOAD BALANCER', 'REVISION', 'OWNER', 'LISTENERS', 'INSTANCE', 'ADDRESS', 'STATE', 'DESCRIPTION']];
  for (const lb of status) {
    const listeners = lb.listeners.map((l) => `${l.loadBalancerPort}/${l.protocol}->${l.instancePort}/${l.instanceProtocol}`).join(' ');
    const instances = lb.instances.length ? lb.instances : [{ instanceId: '-', address: '', state: '', reasonCode: '', description: '' }];
    instances.forEach((i, n) => rows.push([n ? '' : lb.name, n ? '' : String(lb.revision), n ? '' : ObjectOwners.label(lb.owner), n ? '' : listeners, i.instanceId, i.address ?? '', i.state, i.description]));
  }
  const widths = rows[0].map((_, c) => Math.max(...rows.map((r) => r[c].length)));
  return rows.map((r, i) => r.map((cell, c) => {
    const padded = c === r.length - 1 ? cell : cell.padEnd(widths[c]);
    if (i === 0) return paint('1', padded);
    if (c === 6 && cell) return paint(cell === 'InService' ? '32' : '33', padded);
    return padded;
  }).join('  ').trimEnd()).join('\n');
}

/** The orphaned certificates under the status table, with how to remove them. */
export function renderOrphans(orphans: Array<{ name: string; why: string }>): string {
  return [`\n${orphans.length} orphaned server certificate(s) (remove with \`seclb certificates delete NAME\`):`,
    ...orphans.map((o) => `  ${o.name}: ${o.why}`)].join('\n');
}

/**
 * Waits (bounded, polling the health API) until every instance of every load balancer is
 * InService; shows progress on a terminal.
 */
export async function waitInService(ctx: CommandContext, client: EngineAdminClient, timeoutSeconds: number): Promise<LoadBalancerStatus[]> {
  const deadline = Date.now() + timeoutSeconds * 1000;
  for (;;) {
    const status = await readStatus(client);
    const pending = status.flatMap((lb) => lb.instances.filter((i) => i.state !== 'InService').map((i) => `${lb.name}/${i.instanceId} (${i.state}: ${i.description})`));
    const total = status.reduce((n, lb) => n + lb.instances.length, 0);
    if (!pending.length) {
      ctx.output.done(`${total} instance(s) InService`);
      return status;
    }
    if (Date.now() > deadline) throw CliErrors.waitTimeout(timeoutSeconds, pending);
    ctx.output.progress(`waiting for instances to be InService: ${total - pending.length}/${total}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** `seclb status [--json] [--wait]`: live load balancers and instance health as a table. */
export function statusCommand(run: Run): Command {
  return new Command('status')
    .description('live load balancers, instance health and orphaned server certificates (a table, or --json)')
    .option('--wait', 'first wait until every instance is InService')
    .option('--timeout <seconds>', 'with --wait: the longest wait', '60')
    .action(run(async (ctx, opts: { wait?: boolean; timeout: string }) => {
      const client = connectToEngine({ stateDirectory: ctx.stateDirectory(), adminAddress: ctx.options.adminAddress });
      const status = opts.wait ? await waitInService(ctx, client, Number(opts.timeout)) : await readStatus(client);
      const certificates = await readCertificateStatus(client);
      const orphans = (await readCertificates(client, ctx.stateDirectory())).filter((c) => c.orphan);
      if (ctx.output.json) {
        ctx.output.printJson({ loadBalancers: status, serverCertificates: certificates, orphanedCertificates: orphans.map(certificateJson) });
      } else {
        ctx.output.print(`${renderStatusTable(status, (c, t) => ctx.output.paint(c, t))}${renderCertificateLines(certificates)}`);
        if (orphans.length) ctx.output.print(renderOrphans(orphans.map((o) => ({ name: o.certificate.name, why: o.why }))));
      }
      return 0;
    }));
}

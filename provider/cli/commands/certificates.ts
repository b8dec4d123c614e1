import { Command } from 'commander';
import { CertificateOwnership, judgeCertificates } from '../../deploy/apply/certificate-ownership';
import { connectToEngine } from '../../deploy/engine-client/engine-connection';
import { EngineAdminClient } from '../../deploy/engine-client/engine-admin-client';
import { ObjectOwners } from '../../../lib/policy/ownership/object-owner';
import { CommandContext } from '../context';
import { CliErrors } from '../errors';

type Run = (action: (ctx: CommandContext, ...args: any[]) => Promise<number>) => (...args: any[]) => Promise<void>;

/** Every server certificate on the engine, judged (owner, users, orphan or not). */
export async function readCertificates(client: EngineAdminClient, stateDirectory: string): Promise<CertificateOwnership[]> {
  return judgeCertificates(stateDirectory, await client.listCertificates());
}

/** One certificate as JSON output shows it (never the key, nor the PEM body). */
export function certificateJson(c: CertificateOwnership): Record<string, unknown> {
  const x = c.certificate;
  return { name: x.name, fingerprintSha256: x.fingerprintSha256, owner: x.owner, usedBy: x.usedBy, orphan: c.orphan, why: c.why };
}

/** The certificates as a table: name, owner, users, orphan and why. */
export function renderCertificateTable(list: CertificateOwnership[]): string {
  if (!list.length) return 'The engine has no server certificates.';
  const rows = [['CERTIFICATE', 'OWNER', 'USED BY', 'ORPHAN', 'WHY']];
  for (const c of list) {
    rows.push([c.certificate.name, ObjectOwners.label(c.certificate.owner), c.certificate.usedBy.join(',') || '-', c.orphan ? 'yes' : 'no', c.why]);
  }
  const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => r[i].length)));
  return rows.map((r) => r.map((cell, i) => (i === r.length - 1 ? cell : cell.padEnd(widths[i]))).join('  ').trimEnd()).join('\n');
}

/**
 * `seclb certificates list|delete`: the engine's server certificates with their owners, and the
 * removal of orphans (unused, and no live owner manages them). Deleting a certificate in use stays
 * refused by the engine; deleting one a live owner manages needs `--force-owner`.
 */
export function certificatesCommand(run: Run): Command {
  const command = new Command('certificates').description('server certificates on the engine: owners, users, orphans');
  command.command('list')
    .description('every server certificate with its owner, the load balancers using it, and whether it is an orphan')
    .action(run(async (ctx) => {
      const dir = ctx.stateDirectory();
      const list = await readCertificates(connectToEngine({ stateDirectory: dir, adminAddress: ctx.options.adminAddress }), dir);
      if (ctx.output.json) ctx.output.printJson({ serverCertificates: list.map(certificateJson) });
      else ctx.output.print(renderCertificateTable(list));
      return 0;
    }));
  command.command('delete')
    .description('remove an orphaned server certificate (unused, and no live owner manages it)')
    .argument('<name>', 'the certificate name')
    .option('--force-owner', 'remove it even though its owner still manages it (never while a listener uses it)')
    .action(run(async (ctx, name: string, opts: { forceOwner?: boolean }) => {
      const dir = ctx.stateDirectory();
      const client = connectToEngine({ stateDirectory: dir, adminAddress: ctx.options.adminAddress });
      const judged = (await readCertificates(client, dir)).find((c) => c.certificate.name === name);
      if (!judged) {
        // The engine's own 404 names the certificate and the fix.
        await client.deleteCertificate(name);
        return 0;
      }
      if (!judged.orphan && !opts.forceOwner && !judged.certificate.usedBy.length) throw CliErrors.certificateNotOrphan(name, judged.why);
      // An orphan has no live owner to protect: the delete overrides the recorded one. A certificate
      // in use is refused by the engine (409 SECLB_ENGINE_CERTIFICATE_IN_USE) whatever the flags.
      await client.deleteCertificate(name, { forceOwner: true });
      if (ctx.output.json) ctx.output.printJson({ deleted: name, was: certificateJson(judged) });
      else ctx.output.done(`deleted server certificate ${name} (${judged.why})`);
      return 0;
    }));
  return command;
}

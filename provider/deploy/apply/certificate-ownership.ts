import { existsSync, readFileSync } from 'fs';
import { join } from 'path';
import { ObjectOwners } from '../../../lib/policy/ownership/object-owner';
import { LiveServerCertificate } from '../engine-client/engine-admin-client';
import { AppliedRecord } from './applied-record';

/** A server certificate on the engine, with whether anyone still manages it. */
export interface CertificateOwnership {
  /** The live certificate (owner, users; never the key). */
  readonly certificate: LiveServerCertificate;
  /** True when no load balancer uses it and no live owner manages it: safe to remove. */
  readonly orphan: boolean;
  /** Why it is, or is not, an orphan (one sentence). */
  readonly why: string;
}

/**
 * Judges every certificate: an orphan is one no listener names whose owner no longer manages it:
 * - owner not on record: nobody claims it;
 * - `seclb-cli` stack S: S's applied record in the state directory does not list it (S was
 *   destroyed, or no longer declares it);
 * - `terraform-plugin` stack `<dir>#<workspace>`: the working directory is gone, or its local
 *   state file (`terraform.tfstate`, or `terraform.tfstate.d/<workspace>/terraform.tfstate`) holds
 *   no `seclb_server_certificate` of that name. With no local state file (a remote backend) it is
 *   not judged an orphan: Terraform may still manage it.
 */
export function judgeCertificates(stateDirectory: string, certificates: readonly LiveServerCertificate[]): CertificateOwnership[] {
  return [...certificates].sort((a, b) => (a.name < b.name ? -1 : 1)).map((certificate) => {
    const judged = (orphan: boolean, why: string): CertificateOwnership => ({ certificate, orphan, why });
    if (certificate.usedBy.length) return judged(false, `in use by ${certificate.usedBy.map((u) => `load balancer '${u}'`).join(', ')}`);
    const owner = certificate.owner;
    if (!ObjectOwners.known(owner)) return judged(true, 'unused, and its owner is not on record');
    if (owner.tool === 'seclb-cli') {
      const record = safely(() => AppliedRecord.read(stateDirectory, owner.stack));
      if (record === 'unreadable') return judged(false, `unused; the applied record of stack '${owner.stack}' cannot be read, so it is kept`);
      return record?.serverCertificates?.some((c) => c.name === certificate.name)
        ? judged(false, `unused, but stack '${owner.stack}' still declares it`)
        : judged(true, `unused, and stack '${owner.stack}' no longer applies it (seclb-cli)`);
    }
    if (owner.tool === 'terraform-plugin') return judgeTerraform(certificate, owner.stack, judged);
    return judged(false, `unused; owned by ${owner.tool}, which seclb cannot inspect, so it is kept`);
  });
}

function judgeTerraform(certificate: LiveServerCertificate, stack: string, judged: (orphan: boolean, why: string) => CertificateOwnership): CertificateOwnership {
  const hash = stack.lastIndexOf('#');
  const dir = hash < 0 ? stack : stack.slice(0, hash);
  const workspace = hash < 0 ? 'default' : stack.slice(hash + 1);
  if (!existsSync(dir)) return judged(true, `unused, and its Terraform working directory ${dir} is gone`);
  const file = workspace === 'default' ? join(dir, 'terraform.tfstate') : join(dir, 'terraform.tfstate.d', workspace, 'terraform.tfstate');
  if (!existsSync(file)) return judged(false, `unused; ${dir} has no local state file (a remote backend?), so Terraform may still manage it`);
  const state = safely(() => JSON.parse(readFileSync(file, 'utf8')) as { resources?: Array<{ type?: string; instances?: Array<{ attributes?: { name?: string; id?: string } }> }> });
  if (state === 'unreadable') return judged(false, `unused; ${file} cannot be read, so it is kept`);
  const managed = (state?.resources ?? []).some((r) => r.type === 'seclb_server_certificate'
    && (r.instances ?? []).some((i) => i.attributes?.name === certificate.name || i.attributes?.id === certificate.name));
  return managed
    ? judged(false, `unused, but Terraform state ${file} still manages it`)
    : judged(true, `unused, and Terraform state ${file} no longer manages it (terraform-plugin)`);
}

function safely<T>(read: () => T): T | 'unreadable' {
  try {
    return read();
  } catch {
    return 'unreadable';
  }
}

import { SECLB_SERVER_CERTIFICATE } from '../../../lib/contract/seclb-schema';
import { LocalServerCertificates } from '../../deploy/local-resources/local-server-certificates';
import { DiagnosticMessage, Diagnostics } from '../diagnostics';
import { PluginErrors } from '../errors';
import { knownString, TerraformObject, UNKNOWN } from '../values/terraform-value';
import { deleteUnlessOwnedElsewhere } from './owned-delete';
import { PlanResult, ResourceContext, ResourceHandler, StateResult } from './resource-handler';

const ATTRIBUTES = SECLB_SERVER_CERTIFICATE.attributes.map((a) => a.name);
const PEM_ATTRIBUTES = ['certificate_body', 'certificate_chain'] as const;

function upload(v: TerraformObject) {
  return { certificateBody: String(v.certificate_body), privateKey: String(v.private_key), certificateChain: knownString(v.certificate_chain) || undefined };
}

/**
 * `seclb_server_certificate`: a server certificate on the engine. Diagnostics never point at
 * `private_key`, because Terraform quotes the configuration line an attribute path points at.
 * Every argument forces a replacement (as for IAM server certificates). The private key cannot be read back: refresh
 * keeps the one in state, and an imported certificate adopts the configured key with an in-place
 * update (the only update there is).
 */
export class ServerCertificateResource implements ResourceHandler {
  public readonly type = SECLB_SERVER_CERTIFICATE;

  public validate(config: TerraformObject): DiagnosticMessage[] {
    const out: DiagnosticMessage[] = [];
    const body = knownString(config.certificate_body);
    if (body !== undefined && !body.includes('-----BEGIN CERTIFICATE-----')) {
      out.push(Diagnostics.error('SECLB_PLUGIN_VALUE_DECODE: certificate_body is not a PEM certificate.',
        'Rule: certificate_body holds the leaf certificate as PEM (-----BEGIN CERTIFICATE-----).\nFix: pass the PEM text, e.g. file("server.crt").', 'certificate_body'));
    }
    const key = knownString(config.private_key);
    if (key !== undefined && !/-----BEGIN [A-Z ]*PRIVATE KEY-----/.test(key)) {
      out.push(Diagnostics.error('SECLB_PLUGIN_VALUE_DECODE: private_key is not a PEM private key.',
        'Rule: private_key holds the unencrypted private key as PEM (-----BEGIN PRIVATE KEY----- or -----BEGIN RSA/EC PRIVATE KEY-----).\nFix: pass the PEM text of the key.'));
    }
    return out;
  }

  public async plan(prior: TerraformObject | null, proposed: TerraformObject): Promise<PlanResult> {
    if (prior === null) {
      return { planned: { ...proposed, id: proposed.name, fingerprint: UNKNOWN }, requiresReplace: [], diagnostics: [] };
    }
    const planned: TerraformObject = { ...proposed };
    for (const a of PEM_ATTRIBUTES) {
      const p = knownString(prior[a]);
      const c = proposed[a];
      if (typeof c === 'string' && p !== undefined && LocalServerCertificates.samePem(p, c)) planned[a] = prior[a];
    }
    const bodyKept = planned.certificate_body === prior.certificate_body;
    planned.fingerprint = bodyKept && knownString(planned.name) === knownString(prior.name) ? prior.fingerprint : UNKNOWN;
    planned.id = proposed.name;
    // An imported certificate has no key in state: adopting the configured one is an update, not a replacement.
    const requiresReplace = ['name', 'certificate_body', 'certificate_chain', ...(prior.private_key === null ? [] : ['private_key'])];
    return { planned, requiresReplace, diagnostics: [] };
  }

  public async apply(prior: TerraformObject | null, planned: TerraformObject | null, ctx: ResourceContext): Promise<StateResult> {
    const client = ctx.engine();
    const name = String(planned?.name ?? prior?.name);
    try {
      if (planned === null) {
        const id = knownString(prior?.id ?? null) ?? name;
        return { state: null, diagnostics: await deleteUnlessOwnedElsewhere('server certificate', id, () => LocalServerCertificates.delete(client, id)) };
      }
      const live = prior === null
        ? await LocalServerCertificates.create(client, name, upload(planned))
        : await LocalServerCertificates.put(client, name, upload(planned));
      return { state: { ...planned, id: name, fingerprint: live.fingerprintSha256 }, diagnostics: [] };
    } catch (e) {
      // Never point a diagnostic at private_key: Terraform would quote that configuration line.
      return { state: prior, diagnostics: Diagnostics.fromError(e, 'ApplyResourceChange', planned === null ? 'name' : undefined, ATTRIBUTES) };
    }
  }

  public async read(current: TerraformObject, ctx: ResourceContext): Promise<StateResult> {
    const name = knownString(current.id) ?? knownString(current.name) ?? '';
    const live = await LocalServerCertificates.read(ctx.engine(), name);
    if (!live) return { state: null, diagnostics: [] };
    const keep = (mine: unknown, theirs: string | undefined) => (typeof mine === 'string' && LocalServerCertificates.samePem(mine, theirs) ? mine : theirs ?? null);
    return {
      state: {
        id: live.name,
        name: live.name,
        certificate_body: keep(current.certificate_body, live.certificateBody),
        certificate_chain: current.certificate_chain === null && !live.certificateChain ? null : keep(current.certificate_chain, live.certificateChain),
        private_key: current.private_key,
        fingerprint: live.fingerprintSha256,
      },
      diagnostics: [],
    };
  }

  public async importState(id: string, ctx: ResourceContext): Promise<StateResult> {
    if (!(await LocalServerCertificates.read(ctx.engine(), id))) {
      return { state: null, diagnostics: Diagnostics.fromError(PluginErrors.importNotFound(this.type.typeName, 'server certificate', id), 'ImportResourceState') };
    }
    return { state: { id, name: id, certificate_body: null, certificate_chain: null, private_key: null, fingerprint: null }, diagnostics: [] };
  }
}

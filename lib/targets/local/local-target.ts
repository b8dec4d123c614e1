import { resolve } from 'path';
import { dependable, TerraformStack, Token } from 'cdktf';
import { Construct } from 'constructs';
import { LoadBalancerDocument } from '../../policy/document/load-balancer-document';
import { LoadBalancerDocuments } from '../../policy/document/load-balancer-documents';
import { ServerCertificates } from '../../policy/certificates/server-certificates';
import { IDeploymentTarget } from '../deployment-target';
import { LocalTargetOptions } from '../local-target-options';
import { PolicyAttachmentDocument } from '../policy-attachment-document';
import { RenderedLoadBalancer } from '../rendered-load-balancer';
import { ServerCertificateRequest } from '../server-certificate-request';
import { DeploymentTargetKind } from '../target-kind';
import { isLoopbackAddress, LocalAddressing } from './local-addressing';
import { LocalTargetErrors } from './local-target-errors';
import { SECLB_LOAD_BALANCER, SECLB_POLICY_ATTACHMENT, SECLB_SERVER_CERTIFICATE } from './seclb-schema';
import { SeclbProvider, SeclbResource } from './seclb-elements';

/** What the local target keeps per stack: one provider block, one addressing, the certificates by name. */
interface StackRendering {
  readonly provider: SeclbProvider;
  readonly optionsKey: string;
  readonly addressing: LocalAddressing;
  readonly certificates: Map<string, SeclbResource>;
  /** One `depends_on` entry per certificate, shared by the load balancers that serve it. */
  readonly dependencies: Map<SeclbResource, string>;
}

const STACKS = new WeakMap<TerraformStack, StackRendering>();

/** The default state directory, relative to the current directory (docs/local-target.md). */
const DEFAULT_STATE_DIRECTORY = '.seclb';

/**
 * The local target: maps canonical documents to resources of our own `seclb` provider
 * (`seclb_server_certificate`, `seclb_load_balancer`, `seclb_policy_attachment`, see
 * docs/local-target.md) after applying the local options (loopback addresses, port remapping).
 * Obtain it with `DeploymentTarget.local(...)`. Several targets (one per construct when chosen by
 * context) share one provider block and one address plan per stack.
 */
export class LocalTarget implements IDeploymentTarget {
  /** Always LOCAL. */
  public readonly kind = DeploymentTargetKind.LOCAL;
  private readonly options: LocalTargetOptions;

  constructor(options: LocalTargetOptions = {}) {
    if (options.adminAddress !== undefined && !isLoopbackAdminUrl(options.adminAddress)) {
      throw LocalTargetErrors.adminNotLoopback(options.adminAddress);
    }
    // Checks the port and address maps now, so a bad option fails where it is written.
    new LocalAddressing(options);
    this.options = options;
  }

  /** A `seclb_server_certificate`; returns its name, which listeners put in `sslCertificateId`. */
  public renderServerCertificate(scope: Construct, certificate: ServerCertificateRequest): string {
    const stack = this.stackOf(scope);
    for (const [path, value] of [['certificateBody', certificate.certificateBody], ['privateKey', certificate.privateKey],
      ['certificateChain', certificate.certificateChain ?? '']] as const) {
      if (Token.isUnresolved(value)) throw LocalTargetErrors.unresolvedToken(`serverCertificate.${path}`);
    }
    const name = certificate.name
      ?? `${certificate.namePrefix ?? 'certificate-'}${ServerCertificates.fingerprint(certificate.certificateBody).replace(/:/g, '').toLowerCase().slice(0, 8)}`;
    const resource = new SeclbResource(scope, 'Resource', SECLB_SERVER_CERTIFICATE.typeName, stack.provider, {
      name,
      certificate_body: certificate.certificateBody,
      ...(certificate.certificateChain ? { certificate_chain: certificate.certificateChain } : {}),
      private_key: certificate.privateKey,
    });
    // As on AWS: the name carries the fingerprint, so a new certificate is created (and the load
    // balancer moved to it) before the old one goes; the engine refuses to delete one in use.
    resource.lifecycle = { createBeforeDestroy: true };
    stack.certificates.set(name, resource);
    return name;
  }

  /** A `seclb_load_balancer` holding the localized canonical document; depends on its certificates. */
  public renderLoadBalancer(scope: Construct, doc: LoadBalancerDocument): RenderedLoadBalancer {
    const stack = this.stackOf(scope);
    const local = LoadBalancerDocuments.normalize(stack.addressing.localize(doc));
    const resource = new SeclbResource(scope, 'Resource', SECLB_LOAD_BALANCER.typeName, stack.provider, {
      name: doc.name,
      document: LoadBalancerDocuments.serialize(local),
    });
    const certificates = [...new Set(doc.listeners.map((l) => l.sslCertificateId).filter((c): c is string => !!c))]
      .map((name) => stack.certificates.get(name))
      .filter((c): c is SeclbResource => !!c);
    // `dependable` renders a plain address (`seclb_server_certificate.x`); an fqn token renders
    // `${...}`, which Terraform rejects inside depends_on. One token per certificate: cdktf
    // captures a stack trace for each token it creates, and a certificate may serve 1,000 listeners.
    if (certificates.length) resource.dependsOn = certificates.map((c) => dependencyOn(stack, c));
    return { loadBalancerName: resource.deferredStringAttribute('name'), dnsName: resource.deferredStringAttribute('dns_name'), canonicalHostedZoneId: '' };
  }

  /** A `seclb_policy_attachment` naming the existing load balancer, its ports remapped. */
  public renderPolicyAttachments(scope: Construct, doc: PolicyAttachmentDocument): void {
    const stack = this.stackOf(scope);
    new SeclbResource(scope, 'Attachment', SECLB_POLICY_ATTACHMENT.typeName, stack.provider, {
      load_balancer_name: doc.loadBalancerName,
      attachment: JSON.stringify(stack.addressing.localizeAttachment(doc)),
    });
  }

  private stackOf(scope: Construct): StackRendering {
    const stack = TerraformStack.of(scope);
    const optionsKey = JSON.stringify(this.options, Object.keys(flatten(this.options)).sort());
    const known = STACKS.get(stack);
    if (known) {
      if (known.optionsKey !== optionsKey) {
        throw LocalTargetErrors.conflictingOptions(stack.node.id, 'options', known.optionsKey, optionsKey);
      }
      return known;
    }
    const provider = new SeclbProvider(stack, 'seclb', {
      state_directory: resolve(this.options.stateDirectory ?? DEFAULT_STATE_DIRECTORY),
      ...(this.options.adminAddress ? { admin_address: this.options.adminAddress } : {}),
    });
    const rendering: StackRendering = {
      provider, optionsKey, addressing: new LocalAddressing(this.options), certificates: new Map(), dependencies: new Map(),
    };
    STACKS.set(stack, rendering);
    return rendering;
  }
}

/** The `depends_on` entry naming `certificate`, made once per certificate. */
function dependencyOn(stack: StackRendering, certificate: SeclbResource): string {
  let entry = stack.dependencies.get(certificate);
  if (entry === undefined) stack.dependencies.set(certificate, entry = dependable(certificate));
  return entry;
}

function isLoopbackAdminUrl(value: string): boolean {
  try {
    const url = new URL(value);
    const host = url.hostname.replace(/^\[|\]$/g, '');
    return url.protocol === 'http:' && (isLoopbackAddress(host) || host === 'localhost');
  } catch {
    return false;
  }
}

/** Every key at every depth, so JSON.stringify's key list sorts nested maps too. */
function flatten(value: unknown, into: Record<string, true> = {}): Record<string, true> {
  if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      into[k] = true;
      flatten(v, into);
    }
  }
  return into;
}

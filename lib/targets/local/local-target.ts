import { resolve } from 'path';
import { DefaultTokenResolver, dependable, StringConcat, TerraformOutput, TerraformResource, TerraformStack, Token, Tokenization } from 'cdktf';
import { Construct } from 'constructs';
import { DOCUMENT_SHAPE } from '../../policy/document/document-shape';
import { LoadBalancerDocument } from '../../policy/document/load-balancer-document';
import { LoadBalancerDocuments } from '../../policy/document/load-balancer-documents';
import { IDeploymentTarget } from '../deployment-target-interface';
import { LocalTargetOptions } from '../local-target-options';
import { PolicyAttachmentDocument } from '../../policy/document/policy-attachment-document';
import { RenderedLoadBalancer } from '../rendered-load-balancer';
import { ServerCertificateRequest } from '../server-certificate-request';
import { DeploymentTargetKind } from '../target-kind';
import { LoadBalancerLocalMapping, StandInCertificateMapping } from '../../contract/local-mapping';
import { InstanceTokenResolver, isLoopbackAddress, LocalAddressing } from './local-addressing';
import { LocalTargetErrors } from './local-target-errors';
import { keepStandInCertificate, standInName } from './stand-in-certificates';
import { SECLB_LOAD_BALANCER, SECLB_POLICY_ATTACHMENT, SECLB_SERVER_CERTIFICATE } from '../../contract/seclb-schema';
import { SeclbProvider, SeclbResource } from './seclb-elements';
import { ATTACHMENT_SHAPE } from '../../policy/document/policy-attachment-shape';
import { SeclbStructure } from '../../contract/seclb-structure';
import { certificateFingerprintHex } from '../../policy/queries/fingerprint-hex';

/** What the local target keeps per stack: one provider block, one addressing, the certificates by name. */
interface StackRendering {
  readonly provider: SeclbProvider;
  readonly optionsKey: string;
  readonly addressing: LocalAddressing;
  readonly certificates: Map<string, SeclbResource>;
  /** One `depends_on` entry per certificate, shared by the load balancers that serve it. */
  readonly dependencies: Map<SeclbResource, string>;
  /** Stand-in certificate names by what they stand in for. */
  readonly standIns: Map<string, string>;
  /** `type.logicalId` → construct path below the stack, built on the first token instance. */
  resources?: Map<string, string>;
}

/** The host every local listener binds (the engine's front ends listen on 127.0.0.1). */
const LOCAL_LISTENER_HOST = '127.0.0.1';

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
      ?? `${certificate.namePrefix ?? 'certificate-'}${certificateFingerprintHex(certificate.certificateBody).slice(0, 8)}`;
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

  /**
   * A `seclb_load_balancer` holding the localized canonical document; depends on its certificates.
   * Instances given as tokens get a stand-in id and an address, certificates given by ARN or token
   * a stand-in certificate, each listener its local port; the mapping goes into the resource's
   * `"//"` comment (for `seclb plan`) and each listener's endpoint into a `TerraformOutput`.
   */
  public renderLoadBalancer(scope: Construct, doc: LoadBalancerDocument): RenderedLoadBalancer {
    const stack = this.stackOf(scope);
    const terraformStack = TerraformStack.of(scope);
    const localized = stack.addressing.localize(doc, (token) => resolveStackToken(terraformStack, stack, token),
      (port, id) => (stack.certificates.has(id) ? id : this.standInFor(terraformStack, stack, doc.name, port, id)));
    const local = LoadBalancerDocuments.normalize(localized.document);
    const resource = new SeclbResource(scope, 'Resource', SECLB_LOAD_BALANCER.typeName, stack.provider, {
      name: doc.name,
      document: SeclbStructure.toTerraform(DOCUMENT_SHAPE, JSON.parse(LoadBalancerDocuments.serialize(local))),
    });
    const mapping: LoadBalancerLocalMapping = localized.mapping;
    resource.localMapping = mapping;
    const certificates = [...new Set(local.listeners.map((l) => l.sslCertificateId).filter((c): c is string => !!c))]
      .map((name) => stack.certificates.get(name))
      .filter((c): c is SeclbResource => !!c);
    // `dependable` renders a plain address (`seclb_server_certificate.x`); an fqn token renders
    // `${...}`, which Terraform rejects inside depends_on. One token per certificate: cdktf
    // captures a stack trace for each token it creates, and a certificate may serve 1,000 listeners.
    if (certificates.length) resource.dependsOn = certificates.map((c) => dependencyOn(stack, c));
    const listenerEndpoints: { [port: string]: string } = {};
    for (const l of mapping.listeners) {
      const endpoint = `${LOCAL_LISTENER_HOST}:${l.localPort}`;
      listenerEndpoints[String(l.loadBalancerPort)] = endpoint;
      new TerraformOutput(scope, `LocalEndpoint${l.loadBalancerPort}`, {
        value: endpoint,
        description: `Where the local engine serves load balancer '${doc.name}' listener ${l.loadBalancerPort} (${l.rule}).`,
      });
    }
    return {
      loadBalancerName: resource.deferredStringAttribute('name'), dnsName: resource.deferredStringAttribute('dns_name'), canonicalHostedZoneId: '',
      listenerEndpoints,
    };
  }

  /** A `seclb_policy_attachment` naming the existing load balancer, its ports remapped. */
  public renderPolicyAttachments(scope: Construct, doc: PolicyAttachmentDocument): void {
    const stack = this.stackOf(scope);
    new SeclbResource(scope, 'Attachment', SECLB_POLICY_ATTACHMENT.typeName, stack.provider, {
      load_balancer_name: doc.loadBalancerName,
      attachment: SeclbStructure.toTerraform(ATTACHMENT_SHAPE, stack.addressing.localizeAttachment(doc)),
    });
  }

  /**
   * The name of the stand-in certificate for a listener certificate the engine cannot have (an ARN,
   * or a token resolving to a reference), creating its `seclb_server_certificate` once per stack.
   */
  private standInFor(terraformStack: TerraformStack, stack: StackRendering, loadBalancer: string, port: number, certificate: string): string {
    const source = Token.isUnresolved(certificate) ? String(resolveIn(terraformStack, certificate)) : certificate;
    if (this.options.certificateStandIns === false) throw LocalTargetErrors.unmappedCertificate(loadBalancer, port, source);
    const known = stack.standIns.get(source);
    if (known) return known;
    let name = standInName(source);
    // A certificate of the stack's own may have the name already: the stand-in then says what it is.
    if (stack.certificates.has(name)) name = `${name.slice(0, 119)}-stand-in`;
    const kept = keepStandInCertificate(resolve(this.options.stateDirectory ?? DEFAULT_STATE_DIRECTORY), name, source);
    const resource = new SeclbResource(terraformStack, `seclb-stand-in-${name}`, SECLB_SERVER_CERTIFICATE.typeName, stack.provider, {
      name,
      certificate_body: kept.certificateBody,
      private_key: kept.privateKey,
    });
    resource.lifecycle = { createBeforeDestroy: true };
    const mapping: StandInCertificateMapping = { standInFor: source };
    resource.localMapping = mapping;
    stack.certificates.set(name, resource);
    stack.standIns.set(source, name);
    return name;
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
      provider, optionsKey, addressing: new LocalAddressing(this.options), certificates: new Map(), dependencies: new Map(), standIns: new Map(),
    };
    STACKS.set(stack, rendering);
    return rendering;
  }
}

/**
 * What a token (an instance id, a subnet, a security group) references: what it resolves to in its
 * stack and the construct path (below the stack) of the resource it names, absent when it names
 * none (a variable, a function result, a resource of another stack).
 */
function resolveStackToken(terraformStack: TerraformStack, stack: StackRendering, token: string): ReturnType<InstanceTokenResolver> {
  const reference = resolveIn(terraformStack, token);
  if (typeof reference !== 'string') return { reference: JSON.stringify(reference) };
  const m = /^\$\{([A-Za-z0-9_-]+)\.([A-Za-z0-9_-]+)\.[A-Za-z0-9_]+\}$/.exec(reference);
  if (!m) return { reference };
  if (!stack.resources) {
    stack.resources = new Map();
    const prefix = `${terraformStack.node.path}/`;
    for (const c of terraformStack.node.findAll()) {
      if (c instanceof TerraformResource) stack.resources.set(`${c.terraformResourceType}.${c.friendlyUniqueId}`, c.node.path.slice(prefix.length));
    }
  }
  const resourcePath = stack.resources.get(`${m[1]}.${m[2]}`);
  return resourcePath === undefined ? { reference } : { reference, resourcePath };
}

/** What a token resolves to in its stack (`${aws_instance.web.id}` for a reference), as synthesis would write it. */
function resolveIn(stack: TerraformStack, value: string): unknown {
  return Tokenization.resolve(value, { scope: stack, preparing: false, resolver: new DefaultTokenResolver(new StringConcat()) });
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

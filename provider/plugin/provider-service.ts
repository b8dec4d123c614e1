import type * as grpc from '@grpc/grpc-js';
import type { Logger } from 'pino';
import { SECLB_PROVIDER_CONFIG, SECLB_RESOURCE_TYPES } from '../../lib/contract/seclb-schema';
import { DiagnosticMessage, Diagnostics } from './diagnostics';
import { PluginErrors } from './errors';
import { ProviderConfiguration } from './provider-configuration';
import { ProviderSchema } from './provider-schema';
import type { ResourceContext, ResourceHandler } from './resources/resource-handler';
import { DynamicValueCodec, DynamicValueMessage } from './values/dynamic-value-codec';
import { TerraformObject, isUnknown } from './values/terraform-value';

type Req = Record<string, any>;
type Handler = (request: Req) => Promise<Req>;

/**
 * The `tfplugin6.Provider` service: decodes each request with the schema, hands it to the
 * resource type's handler and encodes the answer. Every RPC answers with diagnostics; nothing
 * thrown inside reaches grpc-js (which would show the user "Plugin error").
 */
export class ProviderService {
  private handlersByType?: Map<string, ResourceHandler>;
  private configuration?: ProviderConfiguration;
  private stopped = false;

  /** @param logger the plugin's stderr logger */
  constructor(private readonly logger: Logger) {}

  /** grpc-js implementation object for `tfplugin6.Provider`. */
  public implementation(): grpc.UntypedServiceImplementation {
    const rpcs: { [name: string]: Handler } = {
      GetMetadata: async () => ({
        server_capabilities: { get_provider_schema_optional: true },
        resources: SECLB_RESOURCE_TYPES.map((t) => ({ type_name: t.typeName })),
        data_sources: [],
        diagnostics: [],
      }),
      GetProviderSchema: async () => ({
        provider: ProviderSchema.provider(),
        resource_schemas: ProviderSchema.resources(),
        data_source_schemas: {},
        server_capabilities: { get_provider_schema_optional: true },
        diagnostics: [],
      }),
      GetResourceIdentitySchemas: async () => ({ identity_schemas: {}, diagnostics: [] }),
      ValidateProviderConfig: async (r) => {
        const config = DynamicValueCodec.decodeObject(r.config, SECLB_PROVIDER_CONFIG, 'provider configuration');
        return { diagnostics: config && !isUnknown(config) ? ProviderConfiguration.validate(config) : [] };
      },
      ConfigureProvider: (r) => this.configure(r),
      ValidateResourceConfig: async (r) => {
        const h = this.handler(r.type_name);
        const config = this.decode(r.config, h, 'config');
        return { diagnostics: config && typeof config === 'object' ? h.validate(config) : [] };
      },
      UpgradeResourceState: async (r) => this.upgrade(r),
      ReadResource: (r) => this.read(r),
      PlanResourceChange: (r) => this.plan(r),
      ApplyResourceChange: (r) => this.apply(r),
      ImportResourceState: (r) => this.importState(r),
      StopProvider: async () => {
        this.stopped = true;
        this.logger.info('StopProvider: no new engine operation will start');
        return { Error: '' };
      },
    };
    const impl: grpc.UntypedServiceImplementation = {};
    for (const [name, fn] of Object.entries(rpcs)) impl[name] = this.unary(name, fn);
    return impl;
  }

  private unary(name: string, fn: Handler): grpc.handleUnaryCall<Req, Req> {
    return (call, callback) => {
      const started = Date.now();
      this.logger.debug({ rpc: name, type_name: call.request?.type_name }, 'rpc start');
      fn(call.request ?? {}).then(
        (response) => {
          this.logger.debug({ rpc: name, ms: Date.now() - started, diagnostics: (response.diagnostics ?? []).length }, 'rpc done');
          callback(null, response);
        },
        (e) => {
          this.logger.error({ rpc: name, err: (e as Error)?.stack ?? String(e) }, 'rpc failed');
          const diagnostics = Diagnostics.fromError(e, name);
          callback(null, name === 'StopProvider' ? { Error: String(e) } : { diagnostics });
        });
    };
  }

  private async configure(r: Req): Promise<Req> {
    const config = DynamicValueCodec.decodeObject(r.config, SECLB_PROVIDER_CONFIG, 'provider configuration');
    if (isUnknown(config)) throw PluginErrors.notConfigured();
    this.configuration = new ProviderConfiguration(config);
    this.logger.info({ terraform: r.terraform_version, stateDirectory: this.configuration.stateDirectory, adminAddress: this.configuration.adminAddress }, 'configured');
    try {
      await this.configuration.checkEngine();
    } catch (e) {
      return { diagnostics: Diagnostics.fromError(e, 'ConfigureProvider', this.configuration.adminAddress ? 'admin_address' : 'state_directory', ['state_directory', 'admin_address']) };
    }
    return { diagnostics: [] };
  }

  private context(): ResourceContext {
    const configuration = this.configuration;
    return {
      engine: () => {
        if (!configuration) throw PluginErrors.notConfigured();
        return configuration.engine();
      },
    };
  }

  private async upgrade(r: Req): Promise<Req> {
    const h = this.handler(r.type_name);
    const version = Number(r.version ?? 0);
    if (version > h.type.version) throw PluginErrors.stateUpgrade(h.type.typeName, `it was written with schema version ${version}, newer than this provider's ${h.type.version}`);
    const json = r.raw_state?.json ? Buffer.from(r.raw_state.json).toString('utf8') : undefined;
    if (json === undefined) throw PluginErrors.stateUpgrade(h.type.typeName, 'the state has no JSON form (pre-0.12 flatmap state is not supported)');
    const state = DynamicValueCodec.fromStateJson(json, h.type.attributes, `stored ${h.type.typeName}`);
    return { upgraded_state: DynamicValueCodec.encodeObject(state, h.type.attributes), diagnostics: [] };
  }

  private async read(r: Req): Promise<Req> {
    const h = this.handler(r.type_name);
    const current = this.decodeKnown(r.current_state, h, 'current_state');
    const echo = r.private ?? Buffer.alloc(0);
    if (current === null) return { new_state: DynamicValueCodec.encodeObject(null, h.type.attributes), private: echo, diagnostics: [] };
    try {
      const result = await h.read(current, this.context());
      const keep = result.diagnostics.some((d) => d.severity === 1) ? current : result.state;
      return { new_state: DynamicValueCodec.encodeObject(keep, h.type.attributes), private: echo, diagnostics: result.diagnostics };
    } catch (e) {
      return { new_state: DynamicValueCodec.encodeObject(current, h.type.attributes), private: echo, diagnostics: Diagnostics.fromError(e, 'ReadResource') };
    }
  }

  private async plan(r: Req): Promise<Req> {
    const h = this.handler(r.type_name);
    const prior = this.decodeKnown(r.prior_state, h, 'prior_state');
    const proposed = this.decode(r.proposed_new_state, h, 'proposed_new_state');
    const config = this.decode(r.config, h, 'config');
    const echo = r.prior_private ?? Buffer.alloc(0);
    if (proposed === null || config === null || isUnknown(proposed) || isUnknown(config)) {
      return { planned_state: DynamicValueCodec.encodeObject(null, h.type.attributes), requires_replace: [], planned_private: echo, diagnostics: [] };
    }
    try {
      const result = await h.plan(prior, proposed, config, this.context());
      return {
        planned_state: DynamicValueCodec.encodeObject(result.planned, h.type.attributes),
        requires_replace: result.requiresReplace.map((a) => ({ steps: [{ attribute_name: a }] })),
        planned_private: echo,
        diagnostics: result.diagnostics,
      };
    } catch (e) {
      return { planned_state: DynamicValueCodec.encodeObject(proposed, h.type.attributes), requires_replace: [], planned_private: echo, diagnostics: Diagnostics.fromError(e, 'PlanResourceChange') };
    }
  }

  private async apply(r: Req): Promise<Req> {
    const h = this.handler(r.type_name);
    const prior = this.decodeKnown(r.prior_state, h, 'prior_state');
    const planned = this.decodeKnown(r.planned_state, h, 'planned_state');
    const echo = r.planned_private ?? Buffer.alloc(0);
    if (this.stopped) {
      return { new_state: DynamicValueCodec.encodeObject(prior, h.type.attributes), private: echo, diagnostics: Diagnostics.fromError(PluginErrors.stopped(), 'ApplyResourceChange') };
    }
    let result;
    try {
      result = await h.apply(prior, planned, this.context());
    } catch (e) {
      result = { state: prior, diagnostics: Diagnostics.fromError(e, 'ApplyResourceChange') };
    }
    const failed = result.diagnostics.some((d: DiagnosticMessage) => d.severity === 1);
    // On failure keep the prior object (a null new_state with an error keeps Terraform's previous object).
    const state = failed ? prior : result.state;
    return { new_state: DynamicValueCodec.encodeObject(state, h.type.attributes), private: echo, diagnostics: result.diagnostics };
  }

  private async importState(r: Req): Promise<Req> {
    const h = this.handler(r.type_name);
    const result = await h.importState(String(r.id ?? ''), this.context());
    if (!result.state) return { imported_resources: [], diagnostics: result.diagnostics };
    return {
      imported_resources: [{ type_name: h.type.typeName, state: DynamicValueCodec.encodeObject(result.state, h.type.attributes), private: Buffer.alloc(0) }],
      diagnostics: result.diagnostics,
    };
  }

  /**
   * The resource handlers, loaded on first use: they pull in the policy model and the HTTP client,
   * which the schema-only provider instance Terraform starts first never needs (start-up time
   * counts: Terraform starts the plugin several times per command).
   */
  private get handlers(): Map<string, ResourceHandler> {
    if (!this.handlersByType) {
      /* eslint-disable @typescript-eslint/no-require-imports */
      const { ServerCertificateResource } = require('./resources/server-certificate-resource') as typeof import('./resources/server-certificate-resource');
      const { LoadBalancerResource } = require('./resources/load-balancer-resource') as typeof import('./resources/load-balancer-resource');
      const { PolicyAttachmentResource } = require('./resources/policy-attachment-resource') as typeof import('./resources/policy-attachment-resource');
      /* eslint-enable @typescript-eslint/no-require-imports */
      this.handlersByType = new Map<string, ResourceHandler>(
        [new ServerCertificateResource(), new LoadBalancerResource(), new PolicyAttachmentResource()].map((h) => [h.type.typeName, h]));
    }
    return this.handlersByType;
  }

  private handler(typeName: string): ResourceHandler {
    const h = this.handlers.get(typeName);
    if (!h) throw PluginErrors.unknownResourceType(typeName, [...this.handlers.keys()]);
    return h;
  }

  private decode(value: DynamicValueMessage | undefined, h: ResourceHandler, field: string) {
    return DynamicValueCodec.decodeObject(value, h.type.attributes, `${field} of ${h.type.typeName}`);
  }

  private decodeKnown(value: DynamicValueMessage | undefined, h: ResourceHandler, field: string): TerraformObject | null {
    const v = this.decode(value, h, field);
    if (isUnknown(v)) throw PluginErrors.valueDecode(`${field} of ${h.type.typeName}`, 'the whole object is unknown');
    return v;
  }
}

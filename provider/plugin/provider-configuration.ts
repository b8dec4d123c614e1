import { resolve } from 'path';
import type { EngineAdminClient } from '../deploy/engine-client/engine-admin-client';
import { DiagnosticMessage, Diagnostics } from './diagnostics';
import { PluginErrors } from './errors';
import { pluginOwner } from './plugin-owner';
import { knownString, TerraformObject, isUnknown } from './values/terraform-value';

// The engine client (and its HTTP stack) is loaded on first use, not at plugin start.
/* eslint-disable @typescript-eslint/no-require-imports */
const engineConnection = () => require('../deploy/engine-client/engine-connection') as typeof import('../deploy/engine-client/engine-connection');
const engineAdminClient = () => require('../deploy/engine-client/engine-admin-client') as typeof import('../deploy/engine-client/engine-admin-client');
/* eslint-enable @typescript-eslint/no-require-imports */

/**
 * The `provider "seclb"` block of one provider instance, and the engine client it leads to.
 * Each Terraform provider instance is its own plugin process, so one instance per process.
 */
export class ProviderConfiguration {
  /** The state directory, resolved against the working directory (Terraform's configuration directory). */
  public readonly stateDirectory: string;
  /**
   * The admin address given in configuration.
   * @default - read from `<stateDirectory>/engine.json`
   */
  public readonly adminAddress?: string;
  private client?: EngineAdminClient;

  /**
   * @param config the decoded provider configuration (all-null when there is no provider block);
   *   throws when it still holds unknown values
   */
  constructor(config: TerraformObject | null) {
    if (config && (isUnknown(config.state_directory) || isUnknown(config.admin_address))) throw PluginErrors.notConfigured();
    this.stateDirectory = resolve(knownString(config?.state_directory ?? null) ?? engineConnection().DEFAULT_STATE_DIRECTORY);
    this.adminAddress = knownString(config?.admin_address ?? null) || undefined;
  }

  /**
   * Static checks of a provider block (values may be unknown): an `admin_address` must be a
   * loopback `http://` URL.
   */
  public static validate(config: TerraformObject): DiagnosticMessage[] {
    const address = knownString(config.admin_address);
    if (!address) return [];
    try {
      new URL(address);
    } catch {
      return Diagnostics.fromError(PluginErrors.adminAddressNotUrl(address), 'ValidateProviderConfig', 'admin_address');
    }
    try {
      new (engineAdminClient().EngineAdminClient)(address, '');
      return [];
    } catch (e) {
      return Diagnostics.fromError(e, 'ValidateProviderConfig', 'admin_address');
    }
  }

  /**
   * The engine client (opened once; throws an `EngineRequestError` naming the file or address).
   * It writes as `pluginOwner()`: objects it creates are the plugin's, for this working directory and workspace.
   */
  public engine(): EngineAdminClient {
    this.client ??= engineConnection().connectToEngine({ stateDirectory: this.stateDirectory, adminAddress: this.adminAddress }).as(pluginOwner());
    return this.client;
  }

  /** Checks that the engine answers (GET /v1/status); throws an error naming the admin address. */
  public async checkEngine(): Promise<void> {
    await this.engine().status();
  }
}

/**
 * The provider plugin's error registry: its codes and one factory per failure; `PluginError`
 * is a subclass of the shared base `SeclbError` (`lib/contract/seclb-error.ts`).
 * Match on `code`, never on the message. Codes are never reused or renamed, and the code also
 * leads the message text.
 */

import { SeclbError, seclbErrorBrand } from '../../lib/contract/seclb-error';

/**
 * Base class of every error the plugin raises on purpose: a `SeclbError` whose `path` is the
 * resource attribute the problem is about (a Terraform attribute name).
 */
export class PluginError extends SeclbError {
  /** This class's brand (`instanceof PluginError` holds for plugin errors only). */
  public static readonly brand: string = seclbErrorBrand('PluginError');

  /** Builds an error; the message is prefixed with the code. */
  constructor(code: string, message: string, path?: string) {
    super(code, message, { path });
  }
}

/** Every plugin error code, in one place. Never reuse or rename one. */
export const PLUGIN_CODES = {
  /** The executable was started without Terraform's magic cookie. */
  NOT_STARTED_BY_TERRAFORM: 'SECLB_PLUGIN_NOT_STARTED_BY_TERRAFORM',
  /** Terraform offered no protocol version this plugin speaks (6). */
  PROTOCOL_UNSUPPORTED: 'SECLB_PLUGIN_PROTOCOL_UNSUPPORTED',
  /** PLUGIN_CLIENT_CERT is not a PEM certificate. */
  BAD_CLIENT_CERT: 'SECLB_PLUGIN_BAD_CLIENT_CERT',
  /** The gRPC server could not listen on its unix socket. */
  LISTEN_FAILED: 'SECLB_PLUGIN_LISTEN_FAILED',
  /** Start-up failed for another reason (a missing file, a broken installation). */
  START_FAILED: 'SECLB_PLUGIN_START_FAILED',
  /** A DynamicValue from Terraform does not match the schema. */
  VALUE_DECODE: 'SECLB_PLUGIN_VALUE_DECODE',
  /** A resource type this provider does not have. */
  UNKNOWN_RESOURCE_TYPE: 'SECLB_PLUGIN_UNKNOWN_RESOURCE_TYPE',
  /** A resource RPC arrived before ConfigureProvider succeeded. */
  NOT_CONFIGURED: 'SECLB_PLUGIN_NOT_CONFIGURED',
  /** The `name` attribute and the name inside the JSON document disagree. */
  NAME_MISMATCH: 'SECLB_PLUGIN_NAME_MISMATCH',
  /** Stored state could not be upgraded (unreadable JSON, or written by a newer provider). */
  STATE_UPGRADE: 'SECLB_PLUGIN_STATE_UPGRADE',
  /** `terraform import` named an object the engine does not have. */
  IMPORT_NOT_FOUND: 'SECLB_PLUGIN_IMPORT_NOT_FOUND',
  /** The user interrupted Terraform (StopProvider) before the operation started. */
  STOPPED: 'SECLB_PLUGIN_STOPPED',
  /** An unexpected failure inside the plugin (a bug): reported as a diagnostic, never a crash. */
  INTERNAL: 'SECLB_PLUGIN_INTERNAL',
  /** A provider block value that cannot work (an admin_address that is not a URL). */
  BAD_PROVIDER_CONFIG: 'SECLB_PLUGIN_BAD_PROVIDER_CONFIG',
  /** `installProvider` could not write the mirror or the CLI configuration. */
  INSTALL_FAILED: 'SECLB_PLUGIN_INSTALL_FAILED',
  /** A destroy left an engine object another tool or stack owns (a warning: Terraform forgets it, the engine keeps it). */
  OWNED_ELSEWHERE: 'SECLB_PLUGIN_OWNED_ELSEWHERE',
  /** `installProvider` cannot add its mirror to the user's Terraform CLI configuration without risk. */
  CLI_CONFIG_UNMERGEABLE: 'SECLB_PLUGIN_CLI_CONFIG_UNMERGEABLE',
} as const;

/** Factories: each names the thing, the value, the rule and the fix. */
export const PluginErrors = {
  /** Started by hand instead of by Terraform. */
  notStartedByTerraform(): PluginError {
    return new PluginError(PLUGIN_CODES.NOT_STARTED_BY_TERRAFORM,
      'this program is the seclb Terraform provider plugin and is started by Terraform (TF_PLUGIN_MAGIC_COOKIE is missing or wrong). '
      + 'Fix: run `terraform init` / `cdktf deploy` with the CLI configuration `seclb provider install` printed, or start it with --debug for TF_REATTACH_PROVIDERS.');
  },
  /** No protocol 6 on offer. */
  protocolUnsupported(offered: string): PluginError {
    return new PluginError(PLUGIN_CODES.PROTOCOL_UNSUPPORTED,
      `Terraform offered plugin protocol versions '${offered}', but this provider speaks only protocol 6. `
      + 'Fix: use Terraform 1.0 or later (or OpenTofu).');
  },
  /** Unparsable client certificate. */
  badClientCert(reason: string): PluginError {
    return new PluginError(PLUGIN_CODES.BAD_CLIENT_CERT,
      `PLUGIN_CLIENT_CERT is not a PEM certificate (${reason}). Rule: with AutoMTLS, Terraform passes its one-time client certificate there. `
      + 'Fix: let Terraform start the plugin, or unset PLUGIN_CLIENT_CERT (TF_DISABLE_PLUGIN_TLS=1) to serve plaintext.');
  },
  /** The socket could not be bound. */
  listenFailed(address: string, reason: string): PluginError {
    return new PluginError(PLUGIN_CODES.LISTEN_FAILED,
      `could not listen on the unix socket ${address} (${reason}). Fix: check that the temporary directory (TMPDIR or PLUGIN_UNIX_SOCKET_DIR) is writable and its path short (under 100 bytes).`);
  },
  /** Anything else at start-up. */
  startFailed(reason: string): PluginError {
    return new PluginError(PLUGIN_CODES.START_FAILED,
      `the provider plugin could not start: ${reason}. Fix: rebuild (npm run build) and reinstall the provider (seclb provider install).`);
  },
  /** A value that does not decode with the schema. */
  valueDecode(what: string, reason: string): PluginError {
    return new PluginError(PLUGIN_CODES.VALUE_DECODE,
      `the ${what} Terraform sent does not match the seclb schema: ${reason}. Rule: values are msgpack objects with exactly the schema's attributes. `
      + 'Fix: run `terraform init -upgrade` so Terraform and the provider agree on the schema.');
  },
  /** A type name outside the schema. */
  unknownResourceType(typeName: string, known: string[]): PluginError {
    return new PluginError(PLUGIN_CODES.UNKNOWN_RESOURCE_TYPE,
      `the seclb provider has no resource type '${typeName}' (it has ${known.join(', ')}). Fix: correct the resource type.`);
  },
  /** Resource RPC before configuration. */
  notConfigured(): PluginError {
    return new PluginError(PLUGIN_CODES.NOT_CONFIGURED,
      'the provider was asked to reach the engine before its configuration was known. '
      + 'Fix: give the provider block values known at plan time (state_directory, admin_address), not references to other resources.');
  },
  /** `name` ≠ name in the JSON. */
  nameMismatch(attribute: string, value: string, jsonPath: string, jsonValue: string, jsonAttribute: string): PluginError {
    return new PluginError(PLUGIN_CODES.NAME_MISMATCH,
      `${attribute} is '${value}' but ${jsonAttribute}.${jsonPath} is '${jsonValue}'. Rule: the resource is written under the name its document carries. `
      + `Fix: make ${attribute} and ${jsonPath} in ${jsonAttribute} the same.`, attribute);
  },
  /** Stored state unreadable. */
  stateUpgrade(typeName: string, reason: string): PluginError {
    return new PluginError(PLUGIN_CODES.STATE_UPGRADE,
      `the stored state of a ${typeName} could not be read: ${reason}. Fix: use the provider version that wrote the state, or remove the object from the state (terraform state rm) and import it again.`);
  },
  /** Import of a missing object. */
  importNotFound(typeName: string, what: string, id: string): PluginError {
    return new PluginError(PLUGIN_CODES.IMPORT_NOT_FOUND,
      `the engine has no ${what} '${id}' to import as ${typeName}. Rule: the import id of ${typeName} is ${what === 'server certificate' ? 'the certificate name' : 'the load balancer name'}. `
      + 'Fix: check the name (GET /v1/load-balancers or /v1/server-certificates on the admin API) and the provider\'s state_directory.');
  },
  /** Interrupted. */
  stopped(): PluginError {
    return new PluginError(PLUGIN_CODES.STOPPED, 'the operation was not started because Terraform was interrupted (Ctrl-C). Fix: run the command again.');
  },
  /** A bug: an unexpected exception in an RPC handler. */
  internal(rpc: string, reason: string): PluginError {
    return new PluginError(PLUGIN_CODES.INTERNAL,
      `unexpected failure in ${rpc}: ${reason}. This is a bug in the seclb provider; the plugin log (TF_LOG_PROVIDER=DEBUG) has the details.`);
  },
  /** An admin_address that is not a URL. */
  adminAddressNotUrl(value: string): PluginError {
    return new PluginError(PLUGIN_CODES.BAD_PROVIDER_CONFIG,
      `admin_address is '${value}', which is not a URL. Rule: the admin address is the engine's admin API base URL on loopback. `
      + 'Fix: use http://127.0.0.1:<port> as engine.json in the state directory records it, or leave admin_address unset.', 'admin_address');
  },
  /** Install failure. */
  installFailed(dir: string, reason: string): PluginError {
    return new PluginError(PLUGIN_CODES.INSTALL_FAILED,
      `could not install the seclb provider into ${dir}: ${reason}. Fix: choose a writable directory, and run npm run build first.`);
  },
  /** The user's CLI configuration cannot be merged safely; nothing was written. */
  cliConfigUnmergeable(file: string, reason: string, fix: string): PluginError {
    return new PluginError(PLUGIN_CODES.CLI_CONFIG_UNMERGEABLE,
      `the Terraform CLI configuration ${file} cannot be extended with the seclb mirror: ${reason}; nothing was written. `
      + `Rule: seclb provider install keeps every setting of the user's CLI configuration and only adds its mirror and exclude entries. Fix: ${fix}.`);
  },
};

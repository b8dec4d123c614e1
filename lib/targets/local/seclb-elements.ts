import { existsSync, readFileSync } from 'fs';
import { dirname, join } from 'path';
import { IResolvable, IResolveContext, TerraformProvider, TerraformResource, Token } from 'cdktf';
import { Construct } from 'constructs';
import { LOCAL_MAPPING_KEY } from '../../contract/local-mapping';
import { SECLB_PROVIDER } from './seclb-schema';
import { StructuredValue } from './seclb-structure';

/** This library's package names: one per framework, generated from the same sources (scripts/frameworks). */
const LIBRARY_PACKAGES = ['cdktf-secure-elb', 'cdktn-secure-elb'];

/** The version of this package (the provider version `required_providers` asks for). */
export function packageVersion(): string {
  let dir = __dirname;
  for (;;) {
    const file = join(dir, 'package.json');
    if (existsSync(file)) {
      const pkg = JSON.parse(readFileSync(file, 'utf8')) as { name?: string; version?: string };
      if (pkg.name && LIBRARY_PACKAGES.includes(pkg.name) && pkg.version) return pkg.version;
    }
    const parent = dirname(dir);
    if (parent === dir) return '0.0.0';
    dir = parent;
  }
}

/** The settings of the `provider "seclb"` block (snake_case, as Terraform reads them). */
export interface SeclbProviderSettings {
  /** Absolute path of the engine's state directory. */
  readonly state_directory: string;
  /** The admin API base URL, when given. */
  readonly admin_address?: string;
}

/**
 * The `seclb` provider block and its `required_providers` entry
 * (`cdktf-secure-elb/seclb`, this package's version). Internal to the local target.
 */
export class SeclbProvider extends TerraformProvider {
  /** What the block holds. */
  public readonly settings: SeclbProviderSettings;

  constructor(scope: Construct, id: string, settings: SeclbProviderSettings) {
    super(scope, id, {
      terraformResourceType: SECLB_PROVIDER.name,
      terraformGeneratorMetadata: { providerName: SECLB_PROVIDER.name, providerVersion: packageVersion() },
      terraformProviderSource: SECLB_PROVIDER.shortSource,
    });
    this.settings = settings;
  }

  protected synthesizeAttributes(): { [name: string]: any } {
    return { ...this.settings };
  }
}

/**
 * One `seclb_*` resource with literal attributes, named as in `seclb-schema.ts`. Internal to the
 * local target.
 */
export class SeclbResource extends TerraformResource {
  private readonly attributes: { [name: string]: StructuredValue };
  /** What the local target mapped for this resource, written as `"//": { "seclb_local": ... }` (docs/local-target.md). */
  public localMapping?: object;

  constructor(scope: Construct, id: string, type: string, provider: SeclbProvider, attributes: { [name: string]: StructuredValue }) {
    super(scope, id, {
      terraformResourceType: type,
      terraformGeneratorMetadata: { providerName: SECLB_PROVIDER.name },
      provider,
    });
    this.attributes = attributes;
  }

  protected synthesizeAttributes(): { [name: string]: any } {
    // Terraform's JSON syntax ignores "//" properties, so the mapping reaches seclb and nobody else.
    return { ...this.attributes, ...(this.localMapping ? { '//': { [LOCAL_MAPPING_KEY]: this.localMapping } } : {}) };
  }

  /**
   * Like `getStringAttribute`, but the reference behind the token is made when the token is first
   * resolved, not now. cdktf captures a full stack trace for every reference it creates (tens of
   * microseconds each), and the names and DNS names of 1,000 load balancers are rarely all used.
   * Resolved, the token is exactly `getStringAttribute`'s (the same reference, made once).
   */
  public deferredStringAttribute(attribute: string): string {
    return Token.asString(new DeferredAttribute(this, attribute));
  }
}

/** A resource attribute's reference, made on first resolution (see `deferredStringAttribute`). */
class DeferredAttribute implements IResolvable {
  /** Empty: the reference made on resolution carries the stack trace of a resolution error. */
  public readonly creationStack: string[] = [];
  private reference?: IResolvable;

  constructor(private readonly resource: TerraformResource, private readonly attribute: string) {}

  public resolve(_context: IResolveContext): IResolvable {
    // cdktf resolves what a token returns, so the reference then resolves as it would in place
    // of this token (cross-stack references included: it is the same object every time).
    this.reference ??= this.resource.interpolationForAttribute(this.attribute);
    return this.reference;
  }

  public toString(): string {
    return Token.asString(this);
  }

  /** As cdktf's own tokens: JSON.stringify of the token object (not of its string) says what it is. */
  public toJSON(): string {
    return '<unresolved-token>';
  }
}

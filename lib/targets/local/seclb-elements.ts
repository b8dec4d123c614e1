import { existsSync, readFileSync } from 'fs';
import { dirname, join } from 'path';
import { TerraformProvider, TerraformResource } from 'cdktf';
import { Construct } from 'constructs';
import { SECLB_PROVIDER } from './seclb-schema';

/** The version of this package (the provider version `required_providers` asks for). */
export function packageVersion(): string {
  let dir = __dirname;
  for (;;) {
    const file = join(dir, 'package.json');
    if (existsSync(file)) {
      const pkg = JSON.parse(readFileSync(file, 'utf8')) as { name?: string; version?: string };
      if (pkg.name === 'cdktf-secure-elb' && pkg.version) return pkg.version;
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
  private readonly attributes: { [name: string]: string };

  constructor(scope: Construct, id: string, type: string, provider: SeclbProvider, attributes: { [name: string]: string }) {
    super(scope, id, {
      terraformResourceType: type,
      terraformGeneratorMetadata: { providerName: SECLB_PROVIDER.name },
      provider,
    });
    this.attributes = attributes;
  }

  protected synthesizeAttributes(): { [name: string]: any } {
    return { ...this.attributes };
  }
}

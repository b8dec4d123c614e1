import { existsSync, readFileSync } from 'fs';
import { join, resolve } from 'path';
import type { ObjectOwner } from '../../lib/policy/ownership/object-owner';

/**
 * The owner the plugin writes engine objects as: tool `terraform-plugin`, stack
 * `<Terraform working directory>#<workspace>`. Terraform starts the plugin in its working
 * directory (for cdktf, `cdktf.out/stacks/<stack>`); the workspace is `TF_WORKSPACE`, else the one
 * selected in `<TF_DATA_DIR or .terraform>/environment`, else `default`.
 */
export function pluginOwner(cwd: string = process.cwd(), env: NodeJS.ProcessEnv = process.env): ObjectOwner {
  return { tool: 'terraform-plugin', stack: `${resolve(cwd)}#${terraformWorkspace(cwd, env)}` };
}

/** The selected Terraform workspace of a working directory. */
export function terraformWorkspace(cwd: string, env: NodeJS.ProcessEnv): string {
  if (env.TF_WORKSPACE) return env.TF_WORKSPACE;
  const file = join(resolve(cwd, env.TF_DATA_DIR || '.terraform'), 'environment');
  try {
    if (existsSync(file)) return readFileSync(file, 'utf8').trim() || 'default';
  } catch {
    // unreadable: the default workspace
  }
  return 'default';
}

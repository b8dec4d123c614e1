import { Command } from 'commander';
import { checkInstanceIdFormat } from '../../../lib/policy/rules/instances';
import { ElbApiAccess, readElbApiAccess, readInstanceAddresses, writeInstanceAddresses } from '../../deploy/engine-client/elb-api-files';
import { CommandContext } from '../context';
import { isEngineProcess } from '../engine-process';
import { CliErrors } from '../errors';

type Run = (action: (ctx: CommandContext, ...args: any[]) => Promise<number>) => (...args: any[]) => Promise<void>;

/** The region a provider block names (the engine answers any region a request is signed for). */
const REGION = 'us-east-1';

/**
 * The AWS provider block that points unchanged AWS Terraform at the engine. With `secret`, the key
 * pair is written into it; without, the block takes the keys from the environment
 * (`eval "$(seclb elb-api credentials --env)"`), so no secret lands in a .tf file.
 */
export function providerBlock(access: ElbApiAccess, secret?: string): string {
  return [
    'provider "aws" {',
    `  region                      = "${REGION}"`,
    ...(secret !== undefined
      ? [`  access_key                  = "${access.accessKeyId}"`, `  secret_key                  = "${secret}"`]
      : ['  # access key and secret: eval "$(seclb elb-api credentials --env)" before terraform']),
    '  skip_credentials_validation = true',
    '  skip_requesting_account_id  = true',
    '  skip_metadata_api_check     = true',
    '  skip_region_validation      = true',
    '  endpoints {',
    `    elb = "${access.url}"`,
    `    iam = "${access.url}"`,
    `    ec2 = "${access.url}"`,
    '  }',
    '}',
  ].join('\n');
}

function runningAccess(ctx: CommandContext): ElbApiAccess {
  const dir = ctx.stateDirectory();
  const access = readElbApiAccess(dir);
  if (!access || !isEngineProcess(access.pid)) throw CliErrors.elbApiNotRunning(dir);
  return access;
}

function isLoopback(address: string): boolean {
  const m = /^127\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(address);
  return address === '::1' || (!!m && m.slice(1).every((o) => Number(o) <= 255));
}

/**
 * `seclb elb-api credentials|map`: what a user needs to point existing AWS Terraform (or any AWS
 * SDK) at the engine's ELB/IAM Query API, and the instance address mapping it serves instances from.
 */
export function elbApiCommand(run: Run): Command {
  const api = new Command('elb-api').description('the engine\'s ELB/IAM Query API: endpoint, access key, instance addresses (docs/elb-api.md)');

  api.command('credentials')
    .description('print the endpoint, the access key id and an AWS provider block; the secret only with --show-secret (or --env)')
    .option('--show-secret', 'include the secret access key (stdout only; never logged)')
    .option('--env', 'print `export AWS_ACCESS_KEY_ID=... AWS_SECRET_ACCESS_KEY=...` lines for `eval` (includes the secret)')
    .action(run(async (ctx, opts: { showSecret?: boolean; env?: boolean }) => {
      const access = runningAccess(ctx);
      if (opts.env) {
        ctx.output.print(`export AWS_ACCESS_KEY_ID=${access.accessKeyId}\nexport AWS_SECRET_ACCESS_KEY=${access.secretAccessKey}\nexport AWS_REGION=${REGION}`);
        return 0;
      }
      const secret = opts.showSecret ? access.secretAccessKey : undefined;
      if (ctx.output.json) {
        ctx.output.printJson({
          endpoint: access.url, region: REGION, accountId: access.accountId, accessKeyId: access.accessKeyId,
          ...(opts.showSecret ? { secretAccessKey: access.secretAccessKey } : {}), providerBlock: providerBlock(access, secret),
        });
        return 0;
      }
      ctx.output.print([
        `ELB API            ${access.url}  (elb, iam and ec2 endpoints)`,
        `access key id      ${access.accessKeyId}`,
        `secret access key  ${opts.showSecret ? access.secretAccessKey : '(not shown: add --show-secret)'}`,
        `account id         ${access.accountId}`,
        '',
        providerBlock(access, secret),
      ].join('\n'));
      return 0;
    }));

  api.command('map')
    .description('map an EC2 instance id to the loopback address the engine serves it from (instance-addresses.json); no arguments lists the mapping')
    .argument('[instance-id]', 'e.g. i-4f8cf126')
    .argument('[address]', 'a loopback address, e.g. 127.0.0.11')
    .option('--remove', 'remove the instance\'s mapping')
    .action(run(async (ctx, instanceId: string | undefined, address: string | undefined, opts: { remove?: boolean }) => {
      const dir = ctx.stateDirectory();
      const mapping = readInstanceAddresses(dir);
      if (instanceId !== undefined) {
        const bad = checkInstanceIdFormat('instance-id', instanceId);
        if (bad.length) throw CliErrors.badOption('instance-id', instanceId, bad[0].rule, 'i-4f8cf126');
        if (opts.remove) delete mapping[instanceId];
        else {
          if (address === undefined || !isLoopback(address)) {
            throw CliErrors.badOption('address', String(address ?? ''), 'the engine sends traffic to loopback addresses only (127.0.0.0/8 or ::1).', `${instanceId} 127.0.0.11`);
          }
          mapping[instanceId] = address;
        }
        const file = writeInstanceAddresses(dir, mapping);
        if (!ctx.output.json) ctx.output.note(`${file}: ${opts.remove ? `removed ${instanceId}` : `${instanceId} -> ${address}`}. Registering the instance (again) applies it.`);
      }
      if (ctx.output.json) ctx.output.printJson({ instanceAddresses: mapping });
      else if (instanceId === undefined) ctx.output.print(Object.entries(mapping).map(([id, a]) => `${id}  ${a}`).join('\n') || '(no instance is mapped)');
      return 0;
    }));
  return api;
}

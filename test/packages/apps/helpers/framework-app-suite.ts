import { mkdirSync, readFileSync, writeFileSync } from 'fs';
import { join } from 'path';
import { Backends, startBackends } from '../../../../examples/demo/backends';
import { get, ProbeResponse } from '../../../../examples/demo/probes';
import { loadWalkthroughCertificates, WalkthroughCertificates } from '../../../../examples/walkthrough/certificates';
import { PACKAGE_ROOT } from '../../../../provider/version';
import { INSTANCES } from '../../../e2e/helpers/local-project';
import { freePort, LocalEngine, startLocalEngine } from '../../../provider/plugin/helpers/local-engine';
import { SeclbWorkspace } from '../../../provider/plugin/helpers/seclb-workspace';
import { AWS_PROVIDER_VERSION, findProviderMirror, requireTerraform, TerraformDir } from '../../../targets/aws/terraform-fixture';
import { createTempApp, Framework, resourceCounts, run, tarballs, TempApp } from './temp-app';

const REFERENCE_APP = join(PACKAGE_ROOT, 'build', 'examples', 'walkthrough', 'main.js');

/** Synthesizes `appFile` with node into `outdir` (AWS target unless `context` says otherwise); returns the stack JSON. */
async function synth(cwd: string, appFile: string, outdir: string, env: NodeJS.ProcessEnv): Promise<any> {
  const done = await run(process.execPath, [appFile], { cwd, env: { ...process.env, CDKTF_OUTDIR: outdir, CDKTF_CONTEXT_JSON: '', ...env }, timeoutMs: 120_000 });
  if (done.code !== 0) throw new Error(`synth of ${appFile} failed (exit ${done.code}):\n${done.text}`);
  return JSON.parse(readFileSync(join(outdir, 'stacks', 'walkthrough', 'cdk.tf.json'), 'utf8'));
}

/** GETs through a listener until it answers 200 (instances start healthy once the first check passes); bounded in count and time. */
async function getWhenServing(scheme: 'http' | 'https', port: number, path: string, ca?: string): Promise<ProbeResponse> {
  const deadline = Date.now() + 30_000;
  let last: ProbeResponse | Error = new Error('no attempt');
  for (let attempt = 0; attempt < 120 && Date.now() < deadline; attempt++) {
    try {
      last = await get(scheme, port, path, ca);
      if (last.status === 200) return last;
    } catch (e) {
      last = e as Error;
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`no 200 through ${scheme}://127.0.0.1:${port}${path} within 30 s: last ${last instanceof Error ? last.message : `status ${last.status}`}`);
}

/**
 * The packed library in a user's app of `framework`, installed from its tarball and the registry:
 * the walk-through synthesizes with every resource, its AWS JSON validates with real Terraform,
 * and the local target deploys through the framework's CLI and the seclb plugin to a real engine.
 */
export function frameworkAppSuite(framework: Framework): void {
  let app: TempApp;
  let certificates: WalkthroughCertificates;
  let certificatesFile: string;
  let engine: LocalEngine | undefined;
  let backends: Backends | undefined;
  let cliEnv: NodeJS.ProcessEnv;
  let deployed = false;
  let listenerPorts: { 80: number; 443: number };

  beforeAll(async () => {
    requireTerraform();
    SeclbWorkspace.assertReady();
    const packed = tarballs();
    app = await createTempApp(`${framework.name}-app`, [framework.name === 'cdktf' ? packed.cdktf : packed.cdktn, packed.seclb, ...framework.packages]);
    certificatesFile = join(app.dir, 'certificates.json');
    certificates = loadWalkthroughCertificates(certificatesFile);
    writeFileSync(join(app.dir, 'app.js'), framework.appSource());
  });

  afterAll(async () => {
    if (deployed) await run(framework.cli(app.dir), ['destroy', '--auto-approve'], { cwd: app.dir, env: cliEnv, timeoutMs: 300_000 });
    await backends?.close();
    await engine?.harness.stop();
    app?.remove();
  });

  test(`a ${framework.name} app synthesizes the walk-through with every resource the repository's example has`, async () => {
    const env = { SECLB_WALKTHROUGH_CERTIFICATES: certificatesFile };
    const ours = await synth(app.dir, join(app.dir, 'app.js'), join(app.dir, 'out-aws'), env);
    const reference = await synth(app.dir, REFERENCE_APP, join(app.dir, 'out-reference'), env);
    expect(resourceCounts(ours)).toEqual({
      aws_elb: 1, aws_elb_attachment: 2, aws_iam_server_certificate: 1,
      aws_load_balancer_backend_server_policy: 1, aws_load_balancer_listener_policy: 1, aws_load_balancer_policy: 3,
    });
    expect(resourceCounts(ours)).toEqual(resourceCounts(reference));
    // The same policies, by content-hash name, as the repository's own cdktf build.
    const names = (json: any) => Object.values(json.resource.aws_load_balancer_policy).map((p: any) => p.policy_name).sort();
    expect(names(ours)).toEqual(names(reference));
  });

  test(`its ELB resources validate with real Terraform and the mirror's AWS provider ${AWS_PROVIDER_VERSION} (version constraint relaxed)`, async () => {
    const stack = JSON.parse(readFileSync(join(app.dir, 'out-aws', 'stacks', 'walkthrough', 'cdk.tf.json'), 'utf8'));
    const bindings = JSON.parse(readFileSync(join(app.dir, 'node_modules', framework.providerPackage, 'package.json'), 'utf8'));
    expect(stack.terraform.required_providers.aws.version).toBe(bindings.cdktf.provider.version);
    stack.terraform.required_providers.aws.version = AWS_PROVIDER_VERSION;
    delete stack.terraform.backend;
    const tf = new TerraformDir(findProviderMirror());
    tf.write('main.tf.json', JSON.stringify(stack));
    const init = tf.run('init', '-input=false', '-no-color');
    expect(init.stderr).toBe('');
    expect(init.status).toBe(0);
    const validate = tf.run('validate', '-json');
    expect(JSON.parse(validate.stdout)).toMatchObject({ valid: true, error_count: 0, warning_count: 0 });
  });

  test(`${framework.name} deploy applies the local target through the packed seclb plugin to a real engine, and traffic flows through both listeners`, async () => {
    engine = await startLocalEngine();
    backends = await startBackends(INSTANCES, { certPem: certificates.backendCertPem, keyPem: certificates.backendKeyPem! });
    listenerPorts = { 80: await freePort(), 443: await freePort() };
    // The plugin from the installed seclb package, installed by its own CLI as a user would.
    const providerDir = join(app.dir, 'seclb-provider');
    const install = await run(join(app.dir, 'node_modules', '.bin', 'seclb'), ['provider', 'install', '--dir', providerDir, '--no-cli-config'],
      { cwd: app.dir, timeoutMs: 60_000 });
    expect(install.code).toBe(0);
    const cliConfigFile = join(providerDir, 'terraform.rc');
    expect(install.text).toContain(`export TF_CLI_CONFIG_FILE=${cliConfigFile}`);
    const launcher = /executable\s+(\S+)/.exec(install.text)![1];
    expect(readFileSync(launcher, 'utf8')).toContain(join(app.dir, 'node_modules', 'seclb'));
    const pluginCache = join(app.dir, 'plugin-cache');
    mkdirSync(pluginCache);
    cliEnv = {
      ...process.env, TF_CLI_CONFIG_FILE: cliConfigFile, TF_PLUGIN_CACHE_DIR: pluginCache, CHECKPOINT_DISABLE: '1', CI: '1',
      SECLB_WALKTHROUGH_CERTIFICATES: certificatesFile, CDKTF_CONTEXT_JSON: '',
    };
    writeFileSync(join(app.dir, 'cdktf.json'), JSON.stringify({
      language: 'javascript', app: `"${process.execPath}" app.js`, output: 'cdktf.out',
      context: {
        'seclb:target': 'local',
        'seclb:local': { stateDirectory: engine.stateDirectory, listenerPorts, instancePorts: { 8080: backends.httpPort, 443: backends.httpsPort } },
      },
    }, null, 2));

    const deploy = await run(framework.cli(app.dir), ['deploy', '--auto-approve', '--skip-provider-lock'], { cwd: app.dir, env: cliEnv, timeoutMs: 300_000 });
    deployed = true;
    expect(deploy.text).toContain('Apply complete! Resources: 2 added');
    expect(deploy.code).toBe(0);

    const live = (await engine.client.getLoadBalancer('MyLoadBalancer'))!.document;
    expect(live.listeners.map((l) => `${l.loadBalancerPort}/${l.protocol}`).sort()).toEqual([`${listenerPorts[443]}/HTTPS`, `${listenerPorts[80]}/HTTP`].sort());
    expect(live.policies.map((p) => p.policyTypeName).sort()).toEqual(['BackendServerAuthenticationPolicyType', 'PublicKeyPolicyType', 'SSLNegotiationPolicyType']);
    expect(live.instances.map((i) => i.instanceId).sort()).toEqual(['i-0bb7ca62', 'i-4f8cf126']);

    const ids = INSTANCES.map((i) => i.instanceId);
    const http = await getWhenServing('http', listenerPorts[80], '/hello');
    expect(ids).toContain(http.instance);
    expect(JSON.parse(http.body)).toMatchObject({ scheme: 'http', path: '/hello' });
    const https = await getWhenServing('https', listenerPorts[443], '/secure', certificates.chainPem);
    expect(ids).toContain(https.instance);
    expect(JSON.parse(https.body)).toMatchObject({ scheme: 'https' });
  });

  test(`${framework.name} destroy removes the load balancer and the certificate from the engine`, async () => {
    expect(deployed).toBe(true);
    const destroy = await run(framework.cli(app.dir), ['destroy', '--auto-approve'], { cwd: app.dir, env: cliEnv, timeoutMs: 300_000 });
    expect(destroy.code).toBe(0);
    deployed = false;
    expect(destroy.text).toContain('Destroy complete! Resources: 2 destroyed');
    expect(await engine!.client.getLoadBalancer('MyLoadBalancer')).toBeFalsy();
    expect(await engine!.client.listCertificates()).toEqual([]);
  });
}

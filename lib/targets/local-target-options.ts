/**
 * Options of the local target (`DeploymentTarget.local(...)`, or the `seclb:local` app context when
 * the target is chosen with `seclb:target=local`). See docs/local-target.md.
 */
export interface LocalTargetOptions {
  /**
   * The directory the local engine keeps its state in (`admin-token`, `engine.json`, logs). Written
   * into the `seclb` provider block as an absolute path.
   * @default - `.seclb` in the current directory
   */
  readonly stateDirectory?: string;

  /**
   * The engine's admin API base URL, e.g. `http://127.0.0.1:8490`. Loopback only.
   * @default - read from `<stateDirectory>/engine.json` (written by `seclb engine start`)
   */
  readonly adminAddress?: string;

  /**
   * Where the engine reaches each instance: a loopback address per instance, keyed by the literal
   * instance id (`{ 'i-4f8cf126': '127.0.0.11' }`) or, for an instance given as a token (the `id`
   * of an `aws_instance` in the same stack), by the construct path below the stack of the resource
   * it references (`{ 'Web1': '127.0.0.21' }`, or `'Network/Web1'` when nested). A token instance
   * gets a stand-in instance id (`i-` and 17 hex digits of the path's SHA-256) the engine knows it
   * by; `seclb plan` shows the mapping.
   * @default - `127.0.0.<10+n>` for the n-th instance of the stack (1-based), in the order the
   *   target meets them (load balancers in construct order, instances sorted by key: the id, or
   *   the resource path of a token); past
   *   127.0.0.255 it continues with 127.0.1.0, 127.0.1.1, ...; one instance gets one address
   *   across the stack
   */
  readonly instanceAddresses?: { [instanceIdOrResourcePath: string]: string };

  /**
   * Per load balancer (by its name): load-balancer port → the local port the engine binds for that
   * load balancer only, e.g. `{ 'web-a': { '443': 8443 }, 'web-b': { '443': 9443 } }`. Wins over
   * `listenerPorts`. On AWS each load balancer has its own DNS name, so two may both listen on 443;
   * locally they share 127.0.0.1 and need two ports. `seclb plan` refuses two load balancers on one
   * local port (`SECLB_DEPLOY_LISTENER_PORT_CLASH`).
   * @default - `listenerPorts`, and when an earlier load balancer of the stack (construct order)
   *   already has that local port, the next port up that no earlier one uses
   */
  readonly loadBalancerPorts?: { [loadBalancerName: string]: { [loadBalancerPort: string]: number } };

  /**
   * Whether a listener certificate the engine cannot have (an ACM or IAM ARN from
   * `ServerCertificate.fromArn`, or a token such as an `aws_acm_certificate`'s `arn`) gets a
   * stand-in: a self-signed certificate generated once and kept in
   * `<stateDirectory>/stand-in-certificates/` (mode 0600), named like the original where the ARN
   * says the name. With `false` such a certificate fails at synth
   * (`SECLB_TARGET_LOCAL_UNMAPPED_CERTIFICATE`).
   * @default true
   */
  readonly certificateStandIns?: boolean;

  /**
   * Load-balancer (listener) port → the local port the engine binds instead, e.g.
   * `{ '443': 8443, '80': 8080 }`. Lets a user who cannot bind below 1024 run an app written for
   * ports 80 and 443.
   * @default - unchanged
   */
  readonly listenerPorts?: { [loadBalancerPort: string]: number };

  /**
   * Instance port → the local port the back ends listen on, e.g. `{ '443': 9443 }`. Back-end port
   * policies and the health-check target follow.
   * @default - unchanged
   */
  readonly instancePorts?: { [instancePort: string]: number };
}

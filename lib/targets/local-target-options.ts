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
   * Where the engine reaches each instance: instance id → loopback address, e.g.
   * `{ 'i-4f8cf126': '127.0.0.11' }`.
   * @default - `127.0.0.<10+n>` for the n-th instance id the stack registers (1-based), in the
   *   order the target meets them (load balancers in construct order, instances sorted by id);
   *   past 127.0.0.255 it continues with 127.0.1.0, 127.0.1.1, ...
   */
  readonly instanceAddresses?: { [instanceId: string]: string };

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

import { LoadBalancerRuntime } from '../data-plane/load-balancer-runtime';
import { CompiledListener } from '../model/compiled-load-balancer';

/**
 * What one accepted connection runs with: the listener revision current when it was accepted and
 * the load balancer's live runtime. Captured once per connection, so an established connection
 * keeps its policy while new connections get the new one.
 */
export interface ListenerBinding {
  readonly listener: CompiledListener;
  readonly runtime: LoadBalancerRuntime;
}

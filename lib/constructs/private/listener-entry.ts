import type { LoadBalancerListener } from '../listener';

/** A listener as added, with the path the user wrote it at (`listeners[1]`). */
export interface ListenerEntry {
  /** Where the user wrote it, for messages. */
  readonly path: string;
  /** The listener, protocols in canonical spelling. */
  readonly listener: LoadBalancerListener;
}

/** The instance port a listener forwards to: its own, else its load balancer port. */
export function instancePortOf(listener: LoadBalancerListener): number {
  return listener.instancePort ?? listener.loadBalancerPort;
}

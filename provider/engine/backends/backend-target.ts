import { BackendPinSet } from './backend-pin';

/** One instance port as the data plane reaches it. Immutable; built once per applied revision. */
export interface BackendTarget {
  /** The instance id (`i-...`). */
  readonly instanceId: string;
  /** The loopback address of the instance. */
  readonly address: string;
  /** The instance port. */
  readonly port: number;
  /** True for HTTPS/SSL back ends. */
  readonly tls: boolean;
  /** The pinned keys of this instance port, or undefined when the port has no authentication policy. */
  readonly pins?: BackendPinSet;
}

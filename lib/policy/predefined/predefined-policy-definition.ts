import { TlsProtocol } from '../attributes/types';
import { SecurityPolicy } from './security-policy';

/** The exact content of one predefined ELB security policy, as AWS documents and describes it. */
export interface PredefinedPolicyDefinition {
  /** The policy's name. */
  readonly name: SecurityPolicy;
  /** Other names AWS accepts for the same policy (only the two samples have one). */
  readonly aliases: string[];
  /** What the policy is for and how it differs from its predecessor. */
  readonly summary: string;
  /** The protocols the policy enables, oldest first. */
  readonly protocols: TlsProtocol[];
  /** True when the server's cipher order wins (`Server-Defined-Cipher-Order`). */
  readonly serverDefinedCipherOrder: boolean;
  /** True when AWS's description of the policy lists `Protocol-SSLv2` (as `false`). */
  readonly listsSslV2: boolean;
  /** The cipher suites the policy enables, in catalog order. */
  readonly ciphers: string[];
}

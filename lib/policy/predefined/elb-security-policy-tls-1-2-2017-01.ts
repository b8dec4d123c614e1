import { TlsProtocol } from '../attributes/types';
import { PredefinedPolicyDefinition } from './predefined-policy-definition';
import { SecurityPolicy } from './security-policy';

/** January 2017: TLS 1.2 only; drops TLS 1.1 and every SHA-1 CBC suite. AWS recommends it for strict compliance. */
export const ELB_SECURITY_POLICY_TLS_1_2_2017_01: PredefinedPolicyDefinition = {
  name: SecurityPolicy.ELB_SECURITY_POLICY_TLS_1_2_2017_01,
  aliases: [],
  summary: 'January 2017: TLS 1.2 only; drops TLS 1.1 and every SHA-1 CBC suite. AWS recommends it for strict compliance.',
  protocols: [TlsProtocol.TLS_V1_2],
  serverDefinedCipherOrder: true,
  listsSslV2: false,
  ciphers: [
    'ECDHE-ECDSA-AES128-GCM-SHA256',
    'ECDHE-RSA-AES128-GCM-SHA256',
    'ECDHE-ECDSA-AES128-SHA256',
    'ECDHE-RSA-AES128-SHA256',
    'ECDHE-ECDSA-AES256-GCM-SHA384',
    'ECDHE-RSA-AES256-GCM-SHA384',
    'ECDHE-ECDSA-AES256-SHA384',
    'ECDHE-RSA-AES256-SHA384',
    'AES128-GCM-SHA256',
    'AES128-SHA256',
    'AES256-GCM-SHA384',
    'AES256-SHA256',
  ],
};

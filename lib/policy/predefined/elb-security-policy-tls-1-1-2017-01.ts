import { TlsProtocol } from '../attributes/types';
import { PredefinedPolicyDefinition } from './predefined-policy-definition';
import { SecurityPolicy } from './security-policy';

/** January 2017: ELBSecurityPolicy-2016-08 without TLS 1.0. */
export const ELB_SECURITY_POLICY_TLS_1_1_2017_01: PredefinedPolicyDefinition = {
  name: SecurityPolicy.ELB_SECURITY_POLICY_TLS_1_1_2017_01,
  aliases: [],
  summary: 'January 2017: ELBSecurityPolicy-2016-08 without TLS 1.0.',
  protocols: [TlsProtocol.TLS_V1_1, TlsProtocol.TLS_V1_2],
  serverDefinedCipherOrder: true,
  listsSslV2: false,
  ciphers: [
    'ECDHE-ECDSA-AES128-GCM-SHA256',
    'ECDHE-RSA-AES128-GCM-SHA256',
    'ECDHE-ECDSA-AES128-SHA256',
    'ECDHE-RSA-AES128-SHA256',
    'ECDHE-ECDSA-AES128-SHA',
    'ECDHE-RSA-AES128-SHA',
    'ECDHE-ECDSA-AES256-GCM-SHA384',
    'ECDHE-RSA-AES256-GCM-SHA384',
    'ECDHE-ECDSA-AES256-SHA384',
    'ECDHE-RSA-AES256-SHA384',
    'ECDHE-RSA-AES256-SHA',
    'ECDHE-ECDSA-AES256-SHA',
    'AES128-GCM-SHA256',
    'AES128-SHA256',
    'AES128-SHA',
    'AES256-GCM-SHA384',
    'AES256-SHA256',
    'AES256-SHA',
  ],
};

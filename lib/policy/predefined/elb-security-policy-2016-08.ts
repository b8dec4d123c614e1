import { TlsProtocol } from '../attributes/types';
import { PredefinedPolicyDefinition } from './predefined-policy-definition';
import { SecurityPolicy } from './security-policy';

/** August 2016: the current default for new HTTPS/SSL listeners; 2015-05 without DES-CBC3-SHA (Sweet32). */
export const ELB_SECURITY_POLICY_2016_08: PredefinedPolicyDefinition = {
  name: SecurityPolicy.ELB_SECURITY_POLICY_2016_08,
  aliases: [],
  summary: 'August 2016: the current default for new HTTPS/SSL listeners; 2015-05 without DES-CBC3-SHA (Sweet32).',
  protocols: [TlsProtocol.TLS_V1, TlsProtocol.TLS_V1_1, TlsProtocol.TLS_V1_2],
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

import { documentField, fieldDefault } from '../document/document-fields';
import { Finding, Findings } from '../findings';
import { nearestName, q } from './rule-helpers';

/** Codes of the desync mitigation mode rule. */
export const DESYNC_MITIGATION_MODE_CODES = {
  INVALID: 'SECLB_DESYNC_MODE_INVALID',
} as const;

/** The desync mitigation modes ELB accepts (`elb.http.desyncmitigationmode`), from the field table. */
export const DESYNC_MITIGATION_MODES: string[] = (documentField('desyncMitigationMode').allowed ?? []).map(String);

/** The desync mitigation mode is `monitor`, `defensive` or `strictest` (lower case, as ELB writes it). */
export function checkDesyncMitigationMode(path: string, mode: string): Finding[] {
  if (DESYNC_MITIGATION_MODES.includes(mode)) return [];
  const suggestion = nearestName(String(mode ?? ''), DESYNC_MITIGATION_MODES);
  return [Findings.error(DESYNC_MITIGATION_MODE_CODES.INVALID, path, q(mode),
    `${path} is ${q(mode)}, which is not a desync mitigation mode.${suggestion ? ` Did you mean '${suggestion}'?` : ''}`,
    `The attribute elb.http.desyncmitigationmode takes ${DESYNC_MITIGATION_MODES.map((m) => `'${m}'`).join(', ')}.`,
    suggestion ? `use '${suggestion}'.` : `use '${fieldDefault('desyncMitigationMode')}' (ELB's default).`)];
}

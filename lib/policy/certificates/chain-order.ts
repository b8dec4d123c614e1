import { X509Certificate } from 'crypto';
import { Finding, Findings } from '../findings';
import { CERTIFICATE_CODES } from './certificate-codes';
import { oneLineName, parseCertificate, pemBlocks, preview, signedBy } from './pem';

const RULE = 'The chain starts with the certificate that signed the leaf and each entry is signed by the one after it, root (if included) last (IAM CertificateChain; the order RFC 8446 §4.4.2 describes).';

/**
 * Checks the certificate chain: every entry parses, the leaf is never inside it (an error: the
 * chain's order is defined from the leaf outwards, and a repeated leaf hides a wrong order such as
 * root first, leaf after it), and the order is leaf's issuer first, each entry signed by the next,
 * root last. A wrong order gets the right order as the fix. A missing chain for a certificate that
 * is not self-signed is a warning.
 */
export function checkChainOrder(path: string, leaf: X509Certificate, chain: string | undefined): Finding[] {
  const findings: Finding[] = [];
  const text = chain ?? '';
  const blocks = pemBlocks(text);
  if (blocks.length === 0) {
    if (text.trim() !== '') {
      return [Findings.error(CERTIFICATE_CODES.CHAIN_NOT_PEM, path, preview(text),
        `${path} holds no PEM certificate.`, RULE, 'pass the issuing certificates as concatenated PEM certificates.')];
    }
    if (!signedBy(leaf, leaf)) {
      findings.push(Findings.warning(CERTIFICATE_CODES.CHAIN_MISSING, path, '',
        `${path} is empty but the certificate '${oneLineName(leaf.subject)}' was issued by '${oneLineName(leaf.issuer)}'.`,
        'Without the intermediate certificates many clients cannot build a path to a trusted root.',
        `add the certificate of '${oneLineName(leaf.issuer)}' (and any further intermediates) to ${path}.`));
    }
    return findings;
  }
  const entries: { cert: X509Certificate; index: number }[] = [];
  blocks.forEach((b, i) => {
    const cert = b.label === 'CERTIFICATE' ? parseCertificate(b.text) : undefined;
    if (!cert) {
      findings.push(Findings.error(CERTIFICATE_CODES.CHAIN_NOT_PEM, `${path}[${i}]`, b.label.includes('PRIVATE') ? '' : preview(b.text),
        `${path}[${i}] is a '${b.label}' block that is not a valid certificate.`, RULE,
        `remove ${path}[${i}]; the chain holds certificates only.`));
    } else if (cert.fingerprint256 === leaf.fingerprint256) {
      findings.push(Findings.error(CERTIFICATE_CODES.CHAIN_INCLUDES_LEAF, `${path}[${i}]`, `'${oneLineName(cert.subject)}'`,
        `${path}[${i}] is the server certificate '${oneLineName(cert.subject)}' itself.`,
        'The chain holds the issuers of the server certificate, never the certificate itself: each entry is signed by the next, root last, and the leaf is the body.',
        `remove ${path}[${i}] (the body already carries it).`));
    } else {
      entries.push({ cert, index: i });
    }
  });
  if (findings.some((f) => f.code === CERTIFICATE_CODES.CHAIN_NOT_PEM)) return findings;
  // The right order: from the leaf, repeatedly take the entry that signed the current certificate.
  const ordered: typeof entries = [];
  const left = entries.slice();
  let current = leaf;
  for (;;) {
    const k = left.findIndex((e) => signedBy(current, e.cert));
    if (k < 0) break;
    const [next] = left.splice(k, 1);
    ordered.push(next);
    if (signedBy(next.cert, next.cert)) break;
    current = next.cert;
  }
  const inOrder = ordered.length === entries.length && ordered.every((e, i) => e.index === entries[i].index);
  if (inOrder) return findings;
  // Name the first position that breaks the rule.
  let pos = 0;
  while (pos < entries.length && pos < ordered.length && entries[pos].index === ordered[pos].index) pos++;
  const wrong = entries[pos];
  const signee = pos === 0 ? leaf : entries[pos - 1].cert;
  const signeeText = pos === 0 ? `the leaf '${oneLineName(leaf.subject)}'` : `${path}[${entries[pos - 1].index}] '${oneLineName(signee.subject)}'`;
  const issuer = entries.find((e) => signedBy(signee, e.cert));
  const wrongText = wrong ? `${path}[${wrong.index}] is '${oneLineName(wrong.cert.subject)}', but` : `${path} ends after ${pos} entries, but`;
  const sameName = wrong !== undefined && !issuer && oneLineName(wrong.cert.subject) === oneLineName(signee.issuer);
  const message = sameName
    ? `${path}[${wrong!.index}] is '${oneLineName(wrong!.cert.subject)}', the name of the issuer of ${signeeText}, but its key did not sign ${signeeText}.`
    : `${wrongText} ${signeeText} was issued by '${oneLineName(signee.issuer)}'${issuer ? ` (${path}[${issuer.index}])` : ''}.`;
  const orderText = `[${ordered.map((e) => `${path.split('.').pop()}[${e.index}]`).join(', ')}]`;
  if (ordered.length === entries.length) {
    findings.push(Findings.error(CERTIFICATE_CODES.CHAIN_ORDER, wrong ? `${path}[${wrong.index}]` : path,
      wrong ? `'${oneLineName(wrong.cert.subject)}'` : '', message, RULE, `reorder the chain to ${orderText}.`));
    return findings;
  }
  // The path from the leaf either reached a self-signed root (the leftovers are extra) or stopped
  // at a missing issuer (the leftovers may belong above it, so only the gap is named).
  const last = ordered.length ? ordered[ordered.length - 1].cert : leaf;
  const complete = signedBy(last, last);
  const short = (index: number) => `${path.split('.').pop()}[${index}]`;
  const fixParts = [
    ordered.length ? `order the chain as ${orderText}` : '',
    complete ? `remove ${left.map((e) => `${path}[${e.index}] '${oneLineName(e.cert.subject)}'`).join(', ')} (not on the path from the leaf)`
      : sameName ? `replace ${short(wrong!.index)} with the '${oneLineName(last.issuer)}' certificate whose key signed ${ordered.length ? short(ordered[ordered.length - 1].index) : 'the leaf'} (compare its subjectKeyIdentifier with their authorityKeyIdentifier; a re-keyed CA has a new certificate)`
        : `add the certificate of '${oneLineName(last.issuer)}' ${ordered.length ? `after ${short(ordered[ordered.length - 1].index)}` : 'first'}, each issuer after the certificate it signed, root last`,
  ].filter(Boolean);
  findings.push(Findings.error(CERTIFICATE_CODES.CHAIN_BROKEN, wrong ? `${path}[${wrong.index}]` : path,
    wrong ? `'${oneLineName(wrong.cert.subject)}'` : '', message, RULE, `${fixParts.join('; ')}.`));
  return findings;
}

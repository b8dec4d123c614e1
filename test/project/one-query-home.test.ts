import { readdirSync, readFileSync, statSync } from 'fs';
import { join, relative, sep } from 'path';

const ROOT = join(__dirname, '..', '..');
const SOURCE_DIRS = ['lib', 'provider', 'examples', 'bench'];

function sourceFiles(dir: string): string[] {
  let entries: string[];
  try {
    entries = readdirSync(dir);
  } catch {
    return [];
  }
  return entries.flatMap((name) => {
    const path = join(dir, name);
    if (name === 'node_modules') return [];
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return name.endsWith('.ts') && !name.endsWith('.d.ts') ? [path] : [];
  });
}

/** One fact the model's queries answer, the file that answers it, and how a second answer looks. */
interface OneHome {
  readonly fact: string;
  /** The one file allowed to hold the pattern (relative to the repository, `/`-separated). */
  readonly home: string;
  readonly pattern: RegExp;
  /** Text the pattern must catch (so a pattern that can no longer fail is noticed). */
  readonly caught: string[];
}

const HOMES: OneHome[] = [
  {
    fact: '"HTTPS or SSL means TLS"',
    home: 'lib/policy/queries/secure-protocol.ts',
    pattern: /(===\s*'(HTTPS|SSL)'\s*\|\|[^\n;]*===\s*'(HTTPS|SSL)')|\[\s*'HTTPS'\s*,\s*'SSL'\s*\]|\[\s*'SSL'\s*,\s*'HTTPS'\s*\]|ListenerProtocol\.HTTPS\s*(\|\||,)[^\n;]*ListenerProtocol\.SSL\b/,
    caught: ["x === 'HTTPS' || x === 'SSL'", "p === 'SSL' || p === 'HTTPS'", "new Set(['HTTPS', 'SSL'])", 'x === ListenerProtocol.HTTPS || x === ListenerProtocol.SSL',
      '[ListenerProtocol.HTTPS, ListenerProtocol.SSL]'],
  },
  {
    fact: "the fingerprint's hex form",
    home: 'lib/policy/queries/fingerprint-hex.ts',
    pattern: /\.replace\(\/:\/g,\s*''\)/,
    caught: ["fp.replace(/:/g, '').toLowerCase()"],
  },
  {
    fact: 'canonical JSON',
    home: 'lib/policy/hashing/canonical-json.ts',
    pattern: /function\s+(sortKeys|sortKeysReusing|sortedCopy|sortedView|canonicalJson|canonicalJsonText)\b/,
    caught: ['function sortKeys(value: unknown): unknown {', 'export function canonicalJson(value: unknown): string {'],
  },
  {
    fact: 'resolving an SSL negotiation attribute list',
    home: 'lib/policy/resolution/shared-resolutions.ts',
    pattern: /CipherPolicies\.fromAttributes\(/,
    caught: ['const p = CipherPolicies.fromAttributes(attrs).policy;'],
  },
  {
    fact: '"same document"',
    home: 'lib/policy/queries/same-document.ts',
    pattern: /(LoadBalancerDocuments\.serialize|serializeDocument)\([^)]*\)\s*===/,
    caught: ['return LoadBalancerDocuments.serialize(a) === LoadBalancerDocuments.serialize(b);'],
  },
  {
    fact: "ELB's default SSL negotiation policy for a listener that names none",
    home: 'lib/policy/queries/effective-ssl-policy.ts',
    pattern: /fromPredefined\(PredefinedPolicies\.DEFAULT\)|name:\s*SslNegotiationAttributes\.REFERENCE_SECURITY_POLICY,\s*value:\s*PredefinedPolicies\.DEFAULT/,
    caught: ['CipherPolicies.fromPredefined(PredefinedPolicies.DEFAULT)', '[{ name: SslNegotiationAttributes.REFERENCE_SECURITY_POLICY, value: PredefinedPolicies.DEFAULT }]'],
  },
  {
    fact: "a listener's effective SSL policy (the first SSL negotiation policy it names)",
    home: 'lib/policy/queries/effective-ssl-policy.ts',
    pattern: /policyNames\b[^\n]*\n(?:[^\n]*\n){0,2}[^\n]*policyTypeName\s*===\s*PolicyTypeName\.SSL_NEGOTIATION|policyNames\.map\([^\n]*SSL_NEGOTIATION/,
    caught: ['const ssl = l.policyNames.map((n) => policies.get(n)).filter((p): p is PolicyDocument => p?.policyTypeName === PolicyTypeName.SSL_NEGOTIATION);',
      'const ssl = listener.policyNames.map((n) => policies.get(n)).find((p): p is PolicyDocument =>\n    p !== undefined && p.policyTypeName === PolicyTypeName.SSL_NEGOTIATION);'],
  },
];

describe('each fact the model answers has one home', () => {
  test.each(HOMES.map((h) => [h.fact, h]))('%s', (_fact, h) => {
    for (const text of h.caught) expect(h.pattern.test(text)).toBe(true);
    const found = SOURCE_DIRS.flatMap((d) => sourceFiles(join(ROOT, d)))
      .map((f) => relative(ROOT, f).split(sep).join('/'))
      .filter((f) => h.pattern.test(readFileSync(join(ROOT, f), 'utf8')));
    expect(found.filter((f) => f !== h.home)).toEqual([]);
    expect(found).toContain(h.home);
  });
});

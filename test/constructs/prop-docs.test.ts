import { existsSync, readFileSync } from 'fs';
import { join } from 'path';
import { DOCUMENT_FIELDS, DocumentField } from '../../lib/policy/document/document-fields';

/**
 * The prop docs (and the document's own docs) say what the field table says: each `@default` is
 * the table's default, each range or choice is stated. Read from the jsii assembly, which holds the
 * docs as users see them (API.md, IDE hovers).
 */

const ASSEMBLY = join(__dirname, '..', '..', '.jsii');
const PACKAGE = 'cdktf-secure-elb';

interface Property {
  readonly name: string;
  readonly docs?: { readonly summary?: string; readonly remarks?: string; readonly default?: string };
  readonly type: { readonly primitive?: string; readonly fqn?: string; readonly collection?: { readonly kind: string; readonly elementtype: { readonly fqn?: string; readonly primitive?: string } } };
}

interface Assembly {
  readonly types: { [fqn: string]: { readonly kind: string; readonly properties?: Property[]; readonly members?: Array<{ readonly name: string }> } };
}

function loadAssembly(): Assembly {
  if (!existsSync(ASSEMBLY)) throw new Error(`no jsii assembly at ${ASSEMBLY}: run \`npm run build\` (CI does) before the tests`);
  return JSON.parse(readFileSync(ASSEMBLY, 'utf8')) as Assembly;
}

/** The property a dotted path names, starting at type `root` (`listeners[].instancePort` goes through the listeners' element type). */
function propertyAt(assembly: Assembly, root: string, path: string): Property | undefined {
  let fqn: string | undefined = `${PACKAGE}.${root}`;
  let property: Property | undefined;
  for (const part of path.replace(/\[\]/g, '').split('.')) {
    property = fqn ? assembly.types[fqn]?.properties?.find((p) => p.name === part) : undefined;
    if (!property) return undefined;
    fqn = property.type.fqn ?? property.type.collection?.elementtype.fqn;
  }
  return property;
}

/** What the docs of `property` must say about `field`, and whether they do. */
function mismatches(assembly: Assembly, field: DocumentField, where: string, property: Property, checkDefault: boolean): string[] {
  const out: string[] = [];
  const text = `${property.docs?.summary ?? ''} ${property.docs?.remarks ?? ''}`;
  const written = property.docs?.default;
  const enumType = property.type.fqn ? assembly.types[property.type.fqn] : undefined;
  if (checkDefault && field.default !== undefined) {
    const expected = field.propNegated ? !field.default : field.default;
    if (enumType?.kind === 'enum') {
      const member = written?.match(/^\w+\.(\w+)$/)?.[1];
      if (member === undefined || member.toLowerCase() !== String(expected) || !enumType.members?.some((m) => m.name === member)) {
        out.push(`${where}: @default is '${written}', the field table's default of ${field.path} is '${expected}'`);
      }
    } else if (written !== String(expected)) {
      out.push(`${where}: @default is '${written}', the field table's default of ${field.path} is ${expected}`);
    }
  }
  if (field.range) {
    const collection = property.type.collection !== undefined;
    const stated = collection ? `at most ${field.range.max}` : `${field.range.min}-${field.range.max}`;
    if (!text.includes(stated)) out.push(`${where}: the docs do not say '${stated}' (the field table's range of ${field.path})`);
  }
  if (field.allowed && enumType?.kind === 'enum') {
    // An enum prop states its choices as members.
    for (const choice of field.allowed) {
      if (!enumType.members?.some((m) => m.name.toLowerCase() === String(choice))) out.push(`${where}: ${property.type.fqn} has no member for '${choice}' (a choice the field table gives for ${field.path})`);
    }
  } else if (field.allowed && field.allowed.every((x) => typeof x === 'number')) {
    const stated = field.allowed.join(' or ');
    if (!text.includes(stated)) out.push(`${where}: the docs do not say '${stated}' (the field table's choices for ${field.path})`);
  } else if (field.allowed) {
    for (const choice of field.allowed) {
      if (!text.includes(`\`${choice}\``)) out.push(`${where}: the docs do not name \`${choice}\` (a choice the field table gives for ${field.path})`);
    }
  }
  return out;
}

/**
 * Every disagreement between the docs in `assembly` and the field table: the construct props'
 * (`SecureClassicLoadBalancerProps`, default and range) and the document's (`LoadBalancerDocument`,
 * range), plus fields whose prop the assembly does not have.
 */
function docMismatches(assembly: Assembly, fields: readonly DocumentField[] = DOCUMENT_FIELDS): string[] {
  const out: string[] = [];
  for (const field of fields) {
    if (field.prop !== undefined && field.prop !== 'instances[]') {
      const property = propertyAt(assembly, 'SecureClassicLoadBalancerProps', field.prop);
      if (!property) out.push(`${field.path}: no prop '${field.prop}' in SecureClassicLoadBalancerProps`);
      else out.push(...mismatches(assembly, field, `prop ${field.prop}`, property, true));
    }
    const documented = propertyAt(assembly, 'LoadBalancerDocument', field.path);
    if (documented) out.push(...mismatches(assembly, field, `LoadBalancerDocument.${field.path}`, documented, false));
  }
  return out;
}

describe('the docs agree with the field table', () => {
  test('every @default, range and choice of the props and the document', () => {
    expect(docMismatches(loadAssembly())).toEqual([]);
  });

  test('a prop whose @default differs from the table is reported', () => {
    const assembly = loadAssembly();
    const doctored: Assembly = JSON.parse(JSON.stringify(assembly));
    const interval = doctored.types[`${PACKAGE}.HealthCheck`].properties!.find((p) => p.name === 'interval')!;
    (interval.docs as { default?: string }).default = '60';
    expect(docMismatches(doctored)).toEqual(["prop healthCheck.interval: @default is '60', the field table's default of healthCheck.intervalSeconds is 30"]);
  });

  test('a range the docs leave out or state differently is reported', () => {
    const assembly = loadAssembly();
    const doctored: Assembly = JSON.parse(JSON.stringify(assembly));
    const idle = doctored.types[`${PACKAGE}.SecureClassicLoadBalancerProps`].properties!.find((p) => p.name === 'idleTimeout')!;
    (idle.docs as { summary?: string }).summary = 'Seconds a connection may be idle before it is closed, 1-3600.';
    expect(docMismatches(doctored)).toEqual(["prop idleTimeout: the docs do not say '1-4000' (the field table's range of idleTimeoutSeconds)"]);
  });

  test('a table default the docs disagree with is reported (the table moved, the docs did not)', () => {
    const fields = DOCUMENT_FIELDS.map((f) => (f.path === 'accessLog.emitIntervalMinutes' ? { ...f, default: 5 } : f));
    expect(docMismatches(loadAssembly(), fields)).toEqual(["prop accessLogs.interval: @default is '60', the field table's default of accessLog.emitIntervalMinutes is 5"]);
  });

  test('an enum-typed default is compared by member (DesyncMitigationMode.DEFENSIVE is defensive)', () => {
    const fields = DOCUMENT_FIELDS.map((f) => (f.path === 'desyncMitigationMode' ? { ...f, default: 'strictest' } : f));
    expect(docMismatches(loadAssembly(), fields)).toEqual(["prop desyncMitigationMode: @default is 'DesyncMitigationMode.DEFENSIVE', the field table's default of desyncMitigationMode is 'strictest'"]);
  });
});

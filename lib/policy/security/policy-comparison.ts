import { SslNegotiationAttributes } from '../attributes/ssl-negotiation-attributes';
import { ResolvedCipherPolicy } from '../resolution/resolved-cipher-policy';
import { AttributeRisk, SecurityClassification } from './attribute-classification';

/** Whether a change makes a policy more or less secure. */
export enum SecurityEffect {
  /** Allows something weaker than before (or removes something strong). */
  WEAKENS = 'weakens',
  /** Removes something weak (or allows something strong). */
  STRENGTHENS = 'strengthens',
}

/** One attribute whose value differs between two policies. */
export interface SecurityChange {
  /** The ELB attribute name. */
  readonly attribute: string;
  /** Its value before (`true` / `false`). */
  readonly before: string;
  /** Its value after. */
  readonly after: string;
  /** What the change does to security. */
  readonly effect: SecurityEffect;
  /** Why, in words. */
  readonly reason: string;
}

/** The differences between two resolved SSL negotiation policies, classified. */
export interface PolicyComparison {
  /** Every changed attribute, weakening changes first, then in attribute order. */
  readonly changes: SecurityChange[];
  /** True when at least one change weakens security. */
  readonly weakens: boolean;
  /** True when at least one change strengthens security. */
  readonly strengthens: boolean;
}

/** Compares two resolved policies attribute by attribute and says which changes weaken and which strengthen security. */
export class SecurityComparison {
  /** Compares `before` with `after` (either may be a predefined policy's canonical form). */
  public static compare(before: ResolvedCipherPolicy, after: ResolvedCipherPolicy): PolicyComparison {
    const old = new Map(before.attributes.map((a) => [a.name, a.value]));
    const now = new Map(after.attributes.map((a) => [a.name, a.value]));
    const names = [...new Set([...before.attributes.map((a) => a.name), ...after.attributes.map((a) => a.name)])];
    const changes: SecurityChange[] = [];
    for (const name of names) {
      const b = old.get(name) ?? 'false';
      const a = now.get(name) ?? 'false';
      if (a === b) continue;
      changes.push(SecurityComparison.classify(name, b, a));
    }
    changes.sort((x, y) => (x.effect === y.effect ? 0 : x.effect === SecurityEffect.WEAKENS ? -1 : 1));
    return {
      changes,
      weakens: changes.some((c) => c.effect === SecurityEffect.WEAKENS),
      strengthens: changes.some((c) => c.effect === SecurityEffect.STRENGTHENS),
    };
  }

  private static classify(name: string, before: string, after: string): SecurityChange {
    const enabled = after === 'true';
    if (name === SslNegotiationAttributes.SERVER_DEFINED_CIPHER_ORDER) {
      return enabled
        ? { attribute: name, before, after, effect: SecurityEffect.STRENGTHENS, reason: 'the server\'s cipher order now wins, so clients cannot pick a weaker suite first' }
        : { attribute: name, before, after, effect: SecurityEffect.WEAKENS, reason: 'the client\'s cipher order now wins, so a client may pick the weakest suite both sides allow' };
    }
    const c = SecurityClassification.ofAttribute(name);
    const risky = c !== undefined && c.risk !== AttributeRisk.STRONG;
    const what = risky ? `${name} (${c!.risk}: ${c!.reason})` : name;
    if (enabled) {
      return risky
        ? { attribute: name, before, after, effect: SecurityEffect.WEAKENS, reason: `enables ${what}` }
        : { attribute: name, before, after, effect: SecurityEffect.STRENGTHENS, reason: `enables strong ${name}` };
    }
    return risky
      ? { attribute: name, before, after, effect: SecurityEffect.STRENGTHENS, reason: `disables ${what}` }
      : { attribute: name, before, after, effect: SecurityEffect.WEAKENS, reason: `disables strong ${name}, leaving clients fewer good choices` };
  }

  private constructor() {}
}

import { PolicyDocument } from '../../policy/document/load-balancer-document';

/**
 * The policies of one load balancer as its parts add them: the first document under a name wins
 * (a cipher policy on two listeners is one policy), and the list comes out sorted by name.
 */
export class PolicyCollector {
  private readonly byName = new Map<string, PolicyDocument>();

  /** Adds `doc` unless a policy of that name is already there; returns its name. */
  public add(doc: PolicyDocument): string {
    if (!this.byName.has(doc.policyName)) this.byName.set(doc.policyName, doc);
    return doc.policyName;
  }

  /** Every policy, sorted by name. */
  public sorted(): PolicyDocument[] {
    return [...this.byName.values()].sort((a, b) => (a.policyName < b.policyName ? -1 : a.policyName > b.policyName ? 1 : 0));
  }
}

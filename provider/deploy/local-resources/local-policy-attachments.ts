import { Finding, Findings } from '../../../lib/policy/findings';
import { PolicyAttachmentDocument } from '../../../lib/policy/document/policy-attachment-document';
import { EngineAdminClient } from '../engine-client/engine-admin-client';
import { EngineRequestError } from '../engine-client/engine-request-error';
import { LocalResourceErrors } from './errors';
import { LocalLoadBalancers, LoadBalancerWriteResult } from './local-load-balancers';
import { PolicyAttachments } from './policy-attachment';

/** A policy attachment as it is on the engine. */
export interface LiveAttachment {
  /** What the live load balancer holds of the parts the attachment owns. */
  readonly attachment: PolicyAttachmentDocument;
  /** The load balancer's live revision. */
  readonly revision: number;
}

/** The outcome of writing an attachment. */
export interface AttachmentWriteResult {
  /** The load balancer's revision after the write; undefined when `findings` holds an error. */
  readonly revision?: number;
  /** Rule findings of the merged document (errors stop the write). */
  readonly findings: Finding[];
  /** Per listener port, enabled TLS attributes the engine cannot negotiate (from the write). */
  readonly unenforceable?: LoadBalancerWriteResult['unenforceable'];
}

const ATTEMPTS = 3;

/**
 * Policy attachments on the local engine: read-modify-write of the live load-balancer document
 * with its live revision (retried when a concurrent write wins), for every front end.
 */
export class LocalPolicyAttachments {
  /** The live parts `owned` claims, or undefined when the load balancer is gone. */
  public static async read(client: EngineAdminClient, owned: PolicyAttachmentDocument): Promise<LiveAttachment | undefined> {
    const live = await LocalLoadBalancers.read(client, owned.loadBalancerName);
    if (!live) return undefined;
    return { attachment: PolicyAttachments.extract(live.document, owned), revision: live.revision };
  }

  /** Every policy-related part of a live load balancer (for import), or undefined when it is absent. */
  public static async readAll(client: EngineAdminClient, loadBalancerName: string): Promise<LiveAttachment | undefined> {
    const live = await LocalLoadBalancers.read(client, loadBalancerName);
    if (!live) return undefined;
    return { attachment: PolicyAttachments.everything(live.document), revision: live.revision };
  }

  /**
   * Checks `desired` against the live load balancer without writing: the merged document's
   * findings (a missing listener, ELB rules across policies and listeners).
   */
  public static async check(client: EngineAdminClient, desired: PolicyAttachmentDocument, previous?: PolicyAttachmentDocument): Promise<Finding[]> {
    const live = await LocalLoadBalancers.read(client, desired.loadBalancerName);
    if (!live) throw LocalResourceErrors.loadBalancerMissing(desired.loadBalancerName);
    return PolicyAttachments.merge(live.document, desired, previous).findings;
  }

  /**
   * Merges `desired` into the live load balancer (replacing what `previous` owned) and writes it
   * with the live revision; retried on a stale revision.
   */
  public static async apply(client: EngineAdminClient, desired: PolicyAttachmentDocument, previous?: PolicyAttachmentDocument): Promise<AttachmentWriteResult> {
    for (let attempt = 1; ; attempt++) {
      const live = await LocalLoadBalancers.read(client, desired.loadBalancerName);
      if (!live) throw LocalResourceErrors.loadBalancerMissing(desired.loadBalancerName);
      const merged = PolicyAttachments.merge(live.document, desired, previous);
      if (!merged.document) return { findings: merged.findings };
      try {
        const r = await LocalLoadBalancers.update(client, merged.document, live.revision);
        return { revision: r.revision, findings: Findings.warnings(merged.findings), unenforceable: r.unenforceable };
      } catch (e) {
        if (!(e instanceof EngineRequestError && e.isStale) || attempt >= ATTEMPTS) {
          if (e instanceof EngineRequestError && e.isStale) throw LocalResourceErrors.contended(desired.loadBalancerName, attempt);
          throw e;
        }
      }
    }
  }

  /**
   * Removes the attachment from the live load balancer (its policies and their names in port
   * lists); false when the load balancer is already gone.
   */
  public static async remove(client: EngineAdminClient, attachment: PolicyAttachmentDocument): Promise<boolean> {
    for (let attempt = 1; ; attempt++) {
      const live = await LocalLoadBalancers.read(client, attachment.loadBalancerName);
      if (!live) return false;
      try {
        await LocalLoadBalancers.update(client, PolicyAttachments.remove(live.document, attachment), live.revision);
        return true;
      } catch (e) {
        if (!(e instanceof EngineRequestError && e.isStale) || attempt >= ATTEMPTS) {
          if (e instanceof EngineRequestError && e.isStale) throw LocalResourceErrors.contended(attachment.loadBalancerName, attempt);
          throw e;
        }
      }
    }
  }

  private constructor() {}
}

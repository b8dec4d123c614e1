import type * as http from 'http';
import { ADMIN_API_QUERY } from '../../../lib/contract/admin-api';
import { Findings } from '../../../lib/policy/findings';
import { ObjectOwner, ObjectOwners } from '../../../lib/policy/ownership/object-owner';
import { EngineErrors } from '../errors';

/** Who sends an admin write, and whether it overrides another owner's claim. */
export interface WriteOwnership {
  /** From the `Seclb-Owner` header; undefined when the client sent none. */
  readonly requester?: ObjectOwner;
  /** `?forceOwner=true`: delete even what another owner (or an unknown one) holds. Default false. */
  readonly force: boolean;
}

/**
 * Reading the writer's identity of an admin request: the `Seclb-Owner` header (format in
 * `ObjectOwners.format`) and the `forceOwner` query flag. A malformed value is a 400 that changes nothing.
 */
export class WriteOwners {
  /** The ownership of one request; throws `SECLB_ENGINE_BAD_REQUEST` for a malformed header or flag. */
  public static read(headers: http.IncomingHttpHeaders, query: URLSearchParams): WriteOwnership {
    const raw = headers[ObjectOwners.HEADER];
    let requester: ObjectOwner | undefined;
    if (raw !== undefined) {
      const value = Array.isArray(raw) ? raw.join(';') : raw;
      const parsed = ObjectOwners.parse(value);
      if (!parsed.owner) {
        throw EngineErrors.badRequest('the Seclb-Owner header', Findings.quote(value), `it is 'tool=<tool>; stack=<percent-encoded stack>': ${parsed.problem}`,
          "send e.g. 'tool=seclb-cli; stack=web' (or no header at all)");
      }
      requester = parsed.owner;
    }
    const flag = query.get(ADMIN_API_QUERY.FORCE_OWNER);
    if (flag !== null && flag !== 'true' && flag !== 'false') {
      throw EngineErrors.badRequest('forceOwner', Findings.quote(flag), 'forceOwner is true or false', 'send ?forceOwner=true to delete what another owner holds');
    }
    return { ...(requester ? { requester } : {}), force: flag === 'true' };
  }

  private constructor() {}
}

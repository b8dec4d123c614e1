import { ObjectOwner, ObjectOwners } from '../../../lib/policy/ownership/object-owner';
import { WriteOwnership } from '../admin/write-owner';
import { EngineErrors } from '../errors';

/**
 * The owner an object has after a write: the writer on a create; on an update, whatever was
 * recorded (possibly nothing). An update never changes hands: a stack attaching policies to a
 * load balancer, or restoring a certificate changed outside its tool, does not become the owner.
 */
export function ownerAfterWrite(existing: { readonly owner?: ObjectOwner } | undefined, writer: ObjectOwner | undefined): ObjectOwner | undefined {
  return existing ? existing.owner : writer;
}

/** `entry` with `owner` set last (so older entries without one keep their exact bytes), or without it. */
export function withOwner<T extends object>(entry: T, owner: ObjectOwner | undefined): T {
  return owner ? { ...entry, owner: { tool: owner.tool, stack: owner.stack } } : entry;
}

/**
 * A delete goes ahead when it is forced, when the requester is the owner, or when neither names
 * anyone (an old client deleting an object written before owners were recorded). An owner not on
 * record is treated conservatively: an identified front end must force the delete.
 * @throws SECLB_ENGINE_OWNER_CONFLICT otherwise
 */
export function checkOwner(kind: string, name: string, recorded: ObjectOwner | undefined, ownership: WriteOwnership): void {
  if (ownership.force) return;
  const owner = recorded ?? ObjectOwners.unknown();
  const requester = ownership.requester;
  if (requester ? ObjectOwners.same(owner, requester) : !ObjectOwners.known(owner)) return;
  throw EngineErrors.ownerConflict(kind, name, owner, requester);
}

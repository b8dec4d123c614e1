import { ApiError, ApiErrors } from '../protocol/api-error';
import { QueryParams } from '../protocol/query-params';
import { list } from '../protocol/xml';
import { ActionTable } from './action';

/** `Tags.member.N.{Key,Value}` as a map; undefined when absent. Keys and values are checked by the policy model. */
export function readTags(p: QueryParams, name: string): Record<string, string> | undefined {
  const structs = p.optionalStructs(name);
  if (structs === undefined) return undefined;
  const out: Record<string, string> = {};
  structs.forEach((fields, i) => {
    const key = fields.get('Key');
    if (key === undefined) throw ApiErrors.missingParameter(`${name}.member.${i + 1}.Key`);
    if (key in out) throw new ApiError('DuplicateTagKeys', `Tag key '${key.slice(0, 128)}' appears more than once in ${name}.`);
    out[key] = fields.get('Value') ?? '';
  });
  return out;
}

/** The one load balancer AddTags and RemoveTags act on (ELB takes exactly one name). */
function oneName(p: QueryParams): string {
  const names = p.requiredList('LoadBalancerNames');
  if (names.length !== 1) throw ApiErrors.validation(`LoadBalancerNames has ${names.length} entries; AddTags and RemoveTags take exactly one load balancer.`);
  return names[0];
}

/** AddTags, RemoveTags, DescribeTags. */
export const TAG_ACTIONS: ActionTable = {
  async AddTags(ctx) {
    const name = oneName(ctx.params);
    const tags = readTags(ctx.params, 'Tags');
    if (!tags) throw ApiErrors.missingParameter('Tags');
    await ctx.store.edit(name, (doc) => ({ ...doc, tags: { ...doc.tags, ...tags } }));
    return {};
  },

  async RemoveTags(ctx) {
    const name = oneName(ctx.params);
    const keys = (ctx.params.optionalStructs('Tags') ?? []).map((f) => f.get('Key') ?? '');
    if (!ctx.params.optionalStructs('Tags')) throw ApiErrors.missingParameter('Tags');
    await ctx.store.edit(name, (doc) => ({ ...doc, tags: Object.fromEntries(Object.entries(doc.tags).filter(([k]) => !keys.includes(k))) }));
    return {};
  },

  async DescribeTags(ctx) {
    const names = ctx.params.requiredList('LoadBalancerNames');
    if (names.length < 1 || names.length > 20) throw ApiErrors.validation(`LoadBalancerNames has ${names.length} entries; DescribeTags takes 1 to 20.`);
    const out = [];
    for (const n of names) {
      const lb = await ctx.store.get(n);
      out.push({ LoadBalancerName: n, Tags: list(Object.entries(lb.document.tags).map(([Key, Value]) => ({ Key, Value }))) });
    }
    return { TagDescriptions: list(out) };
  },
};

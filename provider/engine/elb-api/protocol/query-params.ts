import { ApiErrors } from './api-error';

/**
 * The parameters of one Query-API request (the form body of a POST plus the URL's query string),
 * with typed readers that answer AWS's errors: `MissingParameter` for an absent required parameter,
 * `ValidationError` for a value of the wrong type. Lists use the Query protocol's
 * `Name.member.N` form; an empty list is sent as `Name=` (what the AWS SDKs write).
 */
export class QueryParams {
  /** Reads `application/x-www-form-urlencoded` text (and the query string) into parameters. */
  public static parse(body: string, query: URLSearchParams): QueryParams {
    const map = new Map<string, string>();
    for (const [k, v] of query) map.set(k, v);
    for (const [k, v] of new URLSearchParams(body)) map.set(k, v);
    return new QueryParams(map);
  }

  private constructor(private readonly map: Map<string, string>) {}

  /** Every parameter name (for tests and logs; values may be secrets). */
  public get names(): string[] {
    return [...this.map.keys()];
  }

  /** A string parameter; undefined when absent. */
  public optional(name: string): string | undefined {
    return this.map.get(name);
  }

  /** A required string parameter (absent or empty: `MissingParameter`). */
  public required(name: string): string {
    const v = this.map.get(name);
    if (v === undefined || v === '') throw ApiErrors.missingParameter(name);
    return v;
  }

  /** An integer parameter in [min, max]; undefined when absent. */
  public optionalInt(name: string, min = -Infinity, max = Infinity): number | undefined {
    const v = this.map.get(name);
    if (v === undefined) return undefined;
    if (!/^-?\d{1,10}$/.test(v.trim())) throw ApiErrors.badType(name, v, 'an integer');
    const n = Number(v.trim());
    if (n < min || n > max) throw ApiErrors.badType(name, v, `greater than or equal to ${min} and less than or equal to ${max}`);
    return n;
  }

  /** A required integer parameter in [min, max]. */
  public requiredInt(name: string, min = -Infinity, max = Infinity): number {
    if (this.map.get(name) === undefined || this.map.get(name) === '') throw ApiErrors.missingParameter(name);
    return this.optionalInt(name, min, max)!;
  }

  /** A boolean parameter (`true`/`false`, any case); undefined when absent. */
  public optionalBool(name: string): boolean | undefined {
    const v = this.map.get(name);
    if (v === undefined) return undefined;
    const lower = v.trim().toLowerCase();
    if (lower !== 'true' && lower !== 'false') throw ApiErrors.badType(name, v, 'a boolean (true or false)');
    return lower === 'true';
  }

  /** A required boolean parameter. */
  public requiredBool(name: string): boolean {
    if (this.map.get(name) === undefined) throw ApiErrors.missingParameter(name);
    return this.optionalBool(name)!;
  }

  /** A list of strings, `Name.member.1`, `Name.member.2`, ...; `Name=` is the empty list; undefined when absent. */
  public optionalList(name: string): string[] | undefined {
    const entries = this.members(name);
    if (entries.size === 0) return this.map.has(name) ? [] : undefined;
    const out: string[] = [];
    for (const [index, fields] of [...entries].sort(([a], [b]) => a - b)) {
      const v = fields.get('');
      if (v === undefined) throw ApiErrors.badType(`${name}.member.${index}`, [...fields.keys()].join(','), 'a string');
      out.push(v);
    }
    return out;
  }

  /** A required list of strings (absent: `MissingParameter`). */
  public requiredList(name: string): string[] {
    const l = this.optionalList(name);
    if (l === undefined) throw ApiErrors.missingParameter(name);
    return l;
  }

  /** A list of structures, `Name.member.N.Field`; `Name=` is the empty list; undefined when absent. */
  public optionalStructs(name: string): Array<Map<string, string>> | undefined {
    const entries = this.members(name);
    if (entries.size === 0) return this.map.has(name) ? [] : undefined;
    return [...entries].sort(([a], [b]) => a - b).map(([, fields]) => fields);
  }

  /** Index -> (field -> value) of `Name.member.N[.Field]`; the field of a plain member is ''. */
  private members(name: string): Map<number, Map<string, string>> {
    const prefix = `${name}.member.`;
    const out = new Map<number, Map<string, string>>();
    for (const [k, v] of this.map) {
      if (!k.startsWith(prefix)) continue;
      const rest = k.slice(prefix.length);
      const dot = rest.indexOf('.');
      const indexText = dot < 0 ? rest : rest.slice(0, dot);
      if (!/^[1-9]\d{0,4}$/.test(indexText)) throw ApiErrors.badType(k, v, `addressed as ${name}.member.N with N from 1`);
      const index = Number(indexText);
      if (!out.has(index)) out.set(index, new Map());
      out.get(index)!.set(dot < 0 ? '' : rest.slice(dot + 1), v);
    }
    return out;
  }
}

import * as fs from 'fs';
import * as path from 'path';

/** A response of the admin API. */
export interface AdminResponse {
  status: number;
  body: any;
  text: string;
}

/** A minimal admin API client (global fetch; loopback only). */
export class AdminClient {
  /** Reads the token from the state dir. */
  public static forStateDir(adminUrl: string, stateDir: string): AdminClient {
    return new AdminClient(adminUrl, fs.readFileSync(path.join(stateDir, 'admin-token'), 'utf8').trim());
  }

  constructor(public readonly url: string, private readonly token: string | undefined) {}

  /** The same API without (or with another) token. */
  public withToken(token: string | undefined): AdminClient {
    return new AdminClient(this.url, token);
  }

  public get(p: string): Promise<AdminResponse> { return this.request('GET', p); }
  public put(p: string, body: unknown): Promise<AdminResponse> { return this.request('PUT', p, body); }
  public delete(p: string, body?: unknown): Promise<AdminResponse> { return this.request('DELETE', p, body); }

  public async request(method: string, p: string, body?: unknown, rawBody?: string): Promise<AdminResponse> {
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    if (this.token) headers.authorization = `Bearer ${this.token}`;
    const res = await fetch(`${this.url}${p}`, { method, headers, body: rawBody ?? (body === undefined ? undefined : JSON.stringify(body)), signal: AbortSignal.timeout(15_000) });
    const text = await res.text();
    let parsed: any;
    try { parsed = JSON.parse(text); } catch { parsed = undefined; }
    return { status: res.status, body: parsed, text };
  }

  /** PUT a load balancer, expecting success; returns the new revision. */
  public async apply(doc: object & { name: string }, expectedRevision: number | null): Promise<number> {
    const r = await this.put(`/v1/load-balancers/${doc.name}`, { document: doc, expectedRevision });
    if (r.status !== 200) throw new Error(`apply ${doc.name} failed: ${r.status} ${r.text}`);
    return r.body.revision;
  }
}

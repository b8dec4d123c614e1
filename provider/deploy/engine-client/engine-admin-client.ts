import { Agent, request } from 'http';
import { LoadBalancerDocument } from '../../../lib/policy/document/load-balancer-document';
import { ObjectOwner, ObjectOwners } from '../../../lib/policy/ownership/object-owner';
import {
  ADMIN_API_PATHS, ADMIN_API_QUERY, AdminApi, InstanceHealthAnswer, LoadBalancerAnswer, LoadBalancerEntryAnswer, LoadBalancerListAnswer,
  LoadBalancerWriteAnswer, LoadBalancerWriteRequest, ServerCertificateAnswer, ServerCertificateListAnswer, ServerCertificateUploadRequest,
} from '../../../lib/contract/admin-api';
import { EngineRequestError } from './engine-request-error';
import { ENGINE_CLIENT_CODES } from './errors';

/** A load balancer as the engine holds it (the contract's answer, the owner filled in). */
export interface LiveLoadBalancer extends LoadBalancerAnswer {
  /** Who created it on the engine (tool `unknown` when not on record, or from an older engine). */
  readonly owner: ObjectOwner;
}

/** A load balancer's entry in the engine's list (the owner filled in). */
export interface LoadBalancerEntry extends LoadBalancerEntryAnswer {
  /** Who created it (tool `unknown` when not on record). */
  readonly owner: ObjectOwner;
}

/** Options of a delete. */
export interface DeleteOptions {
  /** Delete even when another owner (or one not on record) holds the object. Default false. */
  readonly forceOwner?: boolean;
}

/**
 * A server certificate as the engine shows it (never the key): the contract's answer, of which a
 * client relies on everything but subject and expiry (an older engine may lack them).
 */
export type LiveServerCertificate = Omit<ServerCertificateAnswer, 'subject' | 'notAfter'> & { readonly [key: string]: unknown };

/** What an upload of a server certificate sends. */
export type ServerCertificateUpload = ServerCertificateUploadRequest;

const LOOPBACK = /^(127\.\d{1,3}\.\d{1,3}\.\d{1,3}|\[::1\]|localhost)$/;

/**
 * Kept-alive connections to the engine, shared by every client (an apply sends 1,000 writes).
 * Node's own `http` rather than undici: the CLI loads it in ~3 ms instead of ~60 ms, and Node
 * unreferences an idle kept-alive socket, so it never keeps a finished command running.
 */
const AGENT = new Agent({ keepAlive: true });

/** An answer of the admin API: status and body text. */
interface AdminResponse {
  readonly statusCode: number;
  readonly text: string;
}

/**
 * The engine's admin API, spoken over loopback HTTP with the bearer token. One client for the
 * CLI and the Terraform plugin.
 */
export class EngineAdminClient {
  /** The admin base URL, e.g. `http://127.0.0.1:8490`. */
  public readonly adminUrl: string;
  private readonly token: string;
  private readonly timeoutMs: number;
  /** Who this client writes as (sent in the `Seclb-Owner` header of every write); undefined: no one. */
  public readonly owner?: ObjectOwner;

  /**
   * @param adminUrl the engine's admin base URL; loopback only
   * @param token the bearer token from `<stateDirectory>/admin-token`
   * @param timeoutMs per request (default 30 s: an apply may bind many ports)
   * @param owner the tool and stack every write is made for (default: none, as older clients)
   */
  constructor(adminUrl: string, token: string, timeoutMs = 30_000, owner?: ObjectOwner) {
    const url = new URL(adminUrl);
    if (url.protocol !== 'http:' || !LOOPBACK.test(url.hostname)) {
      throw new EngineRequestError(ENGINE_CLIENT_CODES.ADMIN_NOT_LOOPBACK, 0,
        `SECLB_DEPLOY_ADMIN_NOT_LOOPBACK: the admin address '${adminUrl}' is not a loopback http:// URL.\n`
        + '  Rule: the engine\'s admin API listens on loopback only.\n'
        + '  Fix: use http://127.0.0.1:<port> (see engine.json in the state directory).');
    }
    this.adminUrl = url.origin;
    this.token = token;
    this.timeoutMs = timeoutMs;
    this.owner = owner;
  }

  /** The same engine, writing as `owner`. */
  public as(owner: ObjectOwner): EngineAdminClient {
    return new EngineAdminClient(this.adminUrl, this.token, this.timeoutMs, owner);
  }

  /** GET /v1/status. */
  public status(): Promise<Record<string, unknown>> {
    return this.call('GET', ADMIN_API_PATHS.STATUS);
  }

  /** Every load balancer's name and revision. */
  public async listLoadBalancers(): Promise<LoadBalancerEntry[]> {
    const body = await this.call<LoadBalancerListAnswer>('GET', ADMIN_API_PATHS.LOAD_BALANCERS);
    return body.loadBalancers.map((l) => ({ name: l.name, revision: l.revision, owner: l.owner ?? ObjectOwners.unknown() }));
  }

  /** One load balancer, or undefined when the engine has none of that name. */
  public async getLoadBalancer(name: string): Promise<LiveLoadBalancer | undefined> {
    try {
      const body = await this.call<LoadBalancerAnswer>('GET', AdminApi.loadBalancer(name));
      return { name: body.name, revision: body.revision, document: body.document, owner: body.owner ?? ObjectOwners.unknown() };
    } catch (e) {
      if (e instanceof EngineRequestError && e.isNotFound) return undefined;
      throw e;
    }
  }

  /**
   * Writes a whole document. `expectedRevision` is the live revision the change was planned
   * against, or null to create a load balancer that must not exist yet; the engine refuses the
   * write (409) when live state has moved since.
   */
  public async putLoadBalancer(name: string, document: LoadBalancerDocument, expectedRevision: number | null): Promise<LoadBalancerWriteAnswer> {
    const request: LoadBalancerWriteRequest = { document, expectedRevision };
    return this.call('PUT', AdminApi.loadBalancer(name), request);
  }

  /** Deletes a load balancer (refused when `expectedRevision` is stale, or another owner holds it unless forced). */
  public async deleteLoadBalancer(name: string, expectedRevision?: number, options: DeleteOptions = {}): Promise<void> {
    const query = new URLSearchParams();
    if (expectedRevision !== undefined) query.set(ADMIN_API_QUERY.EXPECTED_REVISION, String(expectedRevision));
    if (options.forceOwner) query.set(ADMIN_API_QUERY.FORCE_OWNER, 'true');
    const q = query.size ? `?${query}` : '';
    await this.call('DELETE', `${AdminApi.loadBalancer(name)}${q}`);
  }

  /** DescribeInstanceHealth for one load balancer. */
  public describeInstanceHealth(name: string): Promise<InstanceHealthAnswer> {
    return this.call('GET', `${AdminApi.loadBalancer(name)}${ADMIN_API_PATHS.INSTANCE_HEALTH}`);
  }

  /** DescribeLoadBalancerPolicies for one load balancer. */
  public describePolicies(name: string): Promise<Record<string, unknown>> {
    return this.call('GET', `${AdminApi.loadBalancer(name)}${ADMIN_API_PATHS.POLICIES}`);
  }

  /** Every server certificate (never keys). */
  public async listCertificates(): Promise<LiveServerCertificate[]> {
    const body = await this.call<ServerCertificateListAnswer>('GET', ADMIN_API_PATHS.SERVER_CERTIFICATES);
    return body.serverCertificates.map((c) => EngineAdminClient.withDefaults(c));
  }

  /** One server certificate, or undefined. */
  public async getCertificate(name: string): Promise<LiveServerCertificate | undefined> {
    try {
      return EngineAdminClient.withDefaults(await this.call<LiveServerCertificate>('GET', AdminApi.serverCertificate(name)));
    } catch (e) {
      if (e instanceof EngineRequestError && e.isNotFound) return undefined;
      throw e;
    }
  }

  /** Uploads (or replaces) a server certificate. */
  public putCertificate(name: string, upload: ServerCertificateUpload): Promise<LiveServerCertificate> {
    return this.call('PUT', AdminApi.serverCertificate(name), upload);
  }

  /** Deletes a server certificate (refused while a listener names it, or another owner holds it unless forced). */
  public async deleteCertificate(name: string, options: DeleteOptions = {}): Promise<void> {
    await this.call('DELETE', `${AdminApi.serverCertificate(name)}${options.forceOwner ? `?${ADMIN_API_QUERY.FORCE_OWNER}=true` : ''}`);
  }

  /** GET /v1/metrics (Prometheus text). */
  public async metrics(): Promise<string> {
    return this.call<string>('GET', ADMIN_API_PATHS.METRICS, undefined, true);
  }

  /** An answer of an older engine lacks owner and users: read as unknown and none. */
  private static withDefaults(c: LiveServerCertificate | ServerCertificateAnswer): LiveServerCertificate {
    return { ...c, owner: c.owner ?? ObjectOwners.unknown(), usedBy: c.usedBy ?? [] };
  }

  private async call<T>(method: 'GET' | 'PUT' | 'DELETE', path: string, body?: unknown, raw = false): Promise<T> {
    let res: AdminResponse;
    const payload = body === undefined ? undefined : JSON.stringify(body);
    try {
      try {
        res = await this.send(method, path, payload);
      } catch (first) {
        // A pooled keep-alive connection the engine closed while it sat idle (the server's idle
        // timeout racing the client's): a GET is safe to send once more on a new connection.
        const code = (first as { code?: string }).code;
        if (method !== 'GET' || code !== 'ECONNRESET') throw first;
        res = await this.send(method, path, payload);
      }
    } catch (e) {
      throw new EngineRequestError(ENGINE_CLIENT_CODES.ENGINE_UNREACHABLE, 0,
        `SECLB_DEPLOY_ENGINE_UNREACHABLE: the engine's admin API at ${this.adminUrl} did not answer ${method} ${path} (${(e as Error).message}).\n`
        + '  Rule: plan and apply read live state from the running engine.\n'
        + '  Fix: start it with `seclb engine start` (or check admin_address / the state directory).');
    }
    const text = res.text;
    if (res.statusCode >= 200 && res.statusCode < 300) {
      return (raw ? text : text ? JSON.parse(text) : undefined) as T;
    }
    const error = AdminApi.readError(text);
    throw new EngineRequestError(error.code ?? `${ENGINE_CLIENT_CODES.ENGINE_HTTP_PREFIX}${res.statusCode}`, res.statusCode,
      error.message ?? `the engine answered ${res.statusCode} to ${method} ${path}`, error.findings ?? [], error.details);
  }

  /**
   * One request: the whole answer as text. Waiting longer than the timeout for the answer to
   * start, or between two parts of it, fails the request ("Headers Timeout Error" / "Body Timeout
   * Error").
   */
  private send(method: string, path: string, payload: string | undefined): Promise<AdminResponse> {
    return new Promise((resolvePromise, rejectPromise) => {
      const headers: Record<string, string | number> = { authorization: `Bearer ${this.token}` };
      if (method !== 'GET' && this.owner) headers[ObjectOwners.HEADER] = ObjectOwners.format(this.owner);
      if (payload !== undefined) {
        headers['content-type'] = 'application/json';
        headers['content-length'] = Buffer.byteLength(payload);
      }
      let answered = false;
      const req = request(`${this.adminUrl}${path}`, { method, headers, agent: AGENT }, (res) => {
        answered = true;
        res.setEncoding('utf8');
        let text = '';
        res.on('data', (chunk: string) => {
          text += chunk;
        });
        res.on('end', () => resolvePromise({ statusCode: res.statusCode ?? 0, text }));
        res.on('error', rejectPromise);
        res.on('aborted', () => rejectPromise(Object.assign(new Error('other side closed'), { code: 'ECONNRESET' })));
      });
      req.setTimeout(this.timeoutMs, () => {
        req.destroy(Object.assign(new Error(answered ? 'Body Timeout Error' : 'Headers Timeout Error'), { code: 'ETIMEDOUT' }));
      });
      req.on('error', rejectPromise);
      req.end(payload);
    });
  }
}

import { randomUUID } from 'crypto';
import * as http from 'http';
import { ObjectOwner } from '../../../lib/policy/ownership/object-owner';
import { EngineLogger } from '../logging/logger';
import { ActionTable } from './actions/action';
import { EC2_ACTIONS, ELB_ACTIONS, IAM_ACTIONS } from './actions/action-table';
import { API_VERSIONS, EC2_NAMESPACE, ELB_NAMESPACE, IAM_NAMESPACE } from './aws-names';
import { AccessKeyPair } from './credentials';
import { apiErrorOf } from './engine-error-mapping';
import { InstanceAddressBook } from './instance-addresses';
import { ElbApiEngine, LoadBalancerStore } from './load-balancer-store';
import { PortMap } from './port-map';
import { ApiError, ApiErrors } from './protocol/api-error';
import { QueryParams } from './protocol/query-params';
import { SignedService, SigV4Verifier } from './protocol/sigv4';
import { actionResponse, ec2ErrorResponse, ec2Response, errorResponse } from './protocol/xml';
import { closeServer, listenOnLoopback } from '../common/loopback-http-server';

/** The largest request body read (an IAM certificate chain may reach 2 MB). */
export const MAX_QUERY_BODY_BYTES = 4 * 1024 * 1024;

/** The owner tool recorded for objects the ELB API creates. */
export const ELB_API_TOOL = 'elb-api';

const SERVICES: Record<SignedService, { actions: ActionTable; namespace: string; version: string }> = {
  elasticloadbalancing: { actions: ELB_ACTIONS, namespace: ELB_NAMESPACE, version: API_VERSIONS.elasticloadbalancing },
  iam: { actions: IAM_ACTIONS, namespace: IAM_NAMESPACE, version: API_VERSIONS.iam },
  ec2: { actions: EC2_ACTIONS, namespace: EC2_NAMESPACE, version: API_VERSIONS.ec2 },
};

/** Options of the ELB API server. */
export interface ElbApiServerOptions {
  readonly engine: ElbApiEngine;
  readonly credentials: AccessKeyPair;
  readonly addresses: InstanceAddressBook;
  readonly logger: EngineLogger;
  /** The state directory (for `elb-api-ports.json`). */
  readonly stateDir: string;
}

/**
 * The Elastic Load Balancing (2012-06-01) and IAM server-certificate (2010-05-08) Query APIs on
 * 127.0.0.1: SigV4 checked before anything is parsed, one request at a time (each action is a
 * read-modify-write of engine state), answers in AWS's XML shapes. Which service a request is for
 * comes from its SigV4 credential scope, so `endpoints { elb = ..., iam = ..., ec2 = ... }` can name
 * the same URL. EC2 answers only the two reads the AWS provider makes around a Classic ELB.
 */
export class ElbApiServer {
  private readonly server: http.Server;
  private readonly verifier: SigV4Verifier;
  private queue: Promise<unknown> = Promise.resolve();

  constructor(private readonly options: ElbApiServerOptions) {
    this.verifier = new SigV4Verifier(options.credentials.accessKeyId, options.credentials.secretAccessKey);
    this.server = http.createServer({ keepAliveTimeout: 30_000 }, (req, res) => { void this.handle(req, res); });
  }

  /** Listens on 127.0.0.1:port; resolves with the bound port. */
  public listen(port: number): Promise<number> {
    return listenOnLoopback(this.server, port);
  }

  /** Stops the API. */
  public close(): Promise<void> {
    return closeServer(this.server);
  }

  private async handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const requestId = randomUUID();
    let namespace = ELB_NAMESPACE;
    let action = '';
    let ec2 = false;
    let target: Record<string, string> = {};
    let status = 200;
    let text: string;
    try {
      const body = await ElbApiServer.readBody(req);
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      const signed = this.verifier.verify({ method: req.method ?? 'GET', path: url.pathname, query: url.search.slice(1), rawHeaders: req.rawHeaders, body });
      const service = SERVICES[signed.service];
      namespace = service.namespace;
      ec2 = signed.service === 'ec2';
      const params = QueryParams.parse(body.toString('utf8'), url.searchParams);
      action = params.optional('Action') ?? '';
      target = ElbApiServer.objectNamed(params);
      if (!action) throw new ApiError('MissingAction', 'The request must contain the parameter Action.');
      const version = params.optional('Version');
      if (version !== undefined && version !== service.version) {
        throw new ApiError('InvalidAction', `Could not find operation ${action.slice(0, 100)} for version ${version.slice(0, 20)}; this endpoint answers ${signed.service} version ${service.version}.`);
      }
      const handler = Object.prototype.hasOwnProperty.call(service.actions, action) ? service.actions[action] : undefined;
      if (!handler) throw ApiErrors.invalidAction(action, signed.service);
      const owner: ObjectOwner = { tool: ELB_API_TOOL, stack: signed.accessKeyId };
      const ctx = { params, store: new LoadBalancerStore(this.options.engine, owner), region: signed.region, addresses: this.options.addresses, ports: PortMap.read(this.options.stateDir) };
      const result = await this.serialized(() => handler(ctx));
      text = ec2 ? ec2Response(action, namespace, result, requestId) : actionResponse(action, namespace, result, requestId);
    } catch (e) {
      const err = apiErrorOf(e);
      status = err.httpStatus;
      text = ec2 ? ec2ErrorResponse(err.code, err.message, requestId) : errorResponse(namespace, err.type, err.code, err.message, requestId);
      if (status >= 500) this.options.logger.error({ action, code: err.code, err: (e as Error).stack }, 'elb api request failed');
      else this.options.logger.debug({ action, code: err.code }, 'elb api request refused');
    }
    // Writes are logged at info with the object they name (never other parameters: they may hold keys).
    if (status === 200) {
      if (!/^(Describe|List|Get)/.test(action)) this.options.logger.info({ action, ...target, requestId }, 'elb api write');
      else this.options.logger.debug({ action }, 'elb api request');
    }
    res.writeHead(status, { 'content-type': 'text/xml', 'x-amzn-requestid': requestId, 'content-length': Buffer.byteLength(text) });
    res.end(text);
  }

  /** The object a request names, for the log: a load balancer, a certificate (never other parameters). */
  private static objectNamed(params: QueryParams): Record<string, string> {
    const lb = params.optional('LoadBalancerName') ?? params.optional('LoadBalancerNames.member.1');
    const cert = params.optional('ServerCertificateName');
    return { ...(lb ? { loadBalancer: lb.slice(0, 64) } : {}), ...(cert ? { certificate: cert.slice(0, 128) } : {}) };
  }

  private serialized<T>(fn: () => Promise<T>): Promise<T> {
    const run = this.queue.then(fn, fn);
    this.queue = run.catch(() => undefined);
    return run;
  }

  /** The body, bounded; over the limit the answer is `RequestEntityTooLarge` (413) and nothing is parsed. */
  private static readBody(req: http.IncomingMessage): Promise<Buffer> {
    return new Promise((resolve, reject) => {
      const chunks: Buffer[] = [];
      let size = 0;
      let refused = false;
      req.on('data', (c: Buffer) => {
        if (refused) return;
        size += c.length;
        if (size > MAX_QUERY_BODY_BYTES) {
          refused = true;
          reject(new ApiError('RequestEntityTooLarge', `The request body is over ${MAX_QUERY_BODY_BYTES} bytes. Nothing was changed.`, 413));
          return;
        }
        chunks.push(c);
      });
      req.on('end', () => { if (!refused) resolve(Buffer.concat(chunks)); });
      req.on('error', reject);
    });
  }
}

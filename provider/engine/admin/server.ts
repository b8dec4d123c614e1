import * as http from 'http';
import { AdminOperations } from './admin-operations';
import { ENGINE_CODES, EngineErrors, SeclbError } from '../errors';
import { EngineLogger } from '../logging/logger';
import { AdminAuth } from './auth';
import { DISCARD_LIMIT_BYTES, MAX_BODY_BYTES, RequestBodies } from './request-body';
import { ADMIN_ROUTES, RawResponse } from './routes';
import { WriteOwners } from './write-owner';
import { AdminApi } from '../../../lib/contract/admin-api';
import { closeServer, listenOnLoopback } from '../common/loopback-http-server';

/**
 * The admin API: HTTP/1.1 on 127.0.0.1 only, JSON in and out, bearer token on every request.
 * Errors are `{ error: { code, message, findings?, ... } }` with the SeclbError's status.
 * Authentication is checked before the body is read or any route runs, so a refused request
 * changes nothing.
 */
export class AdminServer {
  private readonly server: http.Server;

  constructor(private readonly engine: AdminOperations, private readonly auth: AdminAuth, private readonly logger: EngineLogger) {
    // Idle keep-alive connections stay open longer than clients keep them (Node's agent and undici
    // drop idle sockets after 4-5 s), so the client, not the engine, closes them: no request races a close.
    this.server = http.createServer({ keepAliveTimeout: 30_000 }, (req, res) => { void this.handle(req, res); });
    // `Expect: 100-continue`: the engine decides first (token, route, media type, declared size) and
    // sends 100 Continue only when it will read the body, so a refused upload is never sent at all.
    this.server.on('checkContinue', (req: http.IncomingMessage, res: http.ServerResponse) => { void this.handle(req, res, true); });
  }

  /** Listens on 127.0.0.1:port; resolves with the bound port. */
  public listen(port: number): Promise<number> {
    return listenOnLoopback(this.server, port);
  }

  /** Stops the API. */
  public close(): Promise<void> {
    return closeServer(this.server);
  }

  private async handle(req: http.IncomingMessage, res: http.ServerResponse, expectsContinue = false): Promise<void> {
    const started = Date.now();
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    let status = 200;
    let payload: unknown;
    let continued = false;
    try {
      if (!this.auth.check(req.headers.authorization)) throw EngineErrors.unauthorized();
      const candidates = ADMIN_ROUTES.filter((r) => r.pattern.test(url.pathname));
      if (candidates.length === 0) throw EngineErrors.notFound('admin route', url.pathname);
      const route = candidates.find((r) => r.method === req.method);
      if (!route) throw EngineErrors.methodNotAllowed(req.method ?? '', url.pathname, candidates.map((r) => r.method));
      let body: unknown;
      // A PUT always carries a document; a DELETE may carry { expectedRevision }.
      if (route.method === 'PUT' || (route.method === 'DELETE' && RequestBodies.announced(req))) {
        RequestBodies.requireJson(req);
        const declared = RequestBodies.declaredLength(req);
        if (expectsContinue && !(declared !== undefined && declared > MAX_BODY_BYTES)) {
          res.writeContinue();
          continued = true;
        }
        body = await RequestBodies.readJson(req);
      }
      const params = route.pattern.exec(url.pathname)!.slice(1);
      const ownership = WriteOwners.read(req.headers, url.searchParams);
      payload = await route.handle(this.engine, params, body, url.searchParams, ownership);
    } catch (e) {
      const err = e instanceof SeclbError ? e : new SeclbError(ENGINE_CODES.INTERNAL, `unexpected error: ${(e as Error).message}`);
      status = err.httpStatus;
      payload = AdminApi.errorAnswer(err.code, err.message, err.details);
      if (status >= 500) this.logger.error({ code: err.code, err: (e as Error).stack }, 'admin request failed');
    }
    const raw = payload instanceof RawResponse ? payload : undefined;
    const text = raw ? raw.text : `${JSON.stringify(payload, null, 2)}\n`;
    if (!req.complete) {
      // Answered before the whole body arrived (401, 404, 413, 415, ...). A client told to wait for
      // 100-continue never sends the body, and one announcing more than we would ever read is cut
      // off: both connections close after the answer. Otherwise the rest is read and discarded
      // (bounded), so a client still sending reads this answer rather than a reset.
      const declared = RequestBodies.declaredLength(req) ?? 0;
      if ((expectsContinue && !continued) || declared > DISCARD_LIMIT_BYTES) res.setHeader('connection', 'close');
      else RequestBodies.discardRest(req);
    }
    res.writeHead(status, { 'content-type': raw ? raw.contentType : 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text), 'cache-control': 'no-store' });
    res.end(text);
    this.logger.info({ method: req.method, path: url.pathname.slice(0, 200), status, ms: Date.now() - started }, 'admin request');
  }
}

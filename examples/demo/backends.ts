import { createServer as createHttpServer, IncomingMessage, Server, ServerResponse } from 'http';
import { createServer as createHttpsServer } from 'https';
import { AddressInfo } from 'net';

/** One local back-end instance: an HTTP and an HTTPS server on its own loopback address. */
export interface BackendInstance {
  /** The instance id it stands for. */
  readonly instanceId: string;
  /** Its loopback address, e.g. 127.0.0.11. */
  readonly address: string;
  /** The HTTP server (answers /ping for the health check). */
  readonly http: Server;
  /** The HTTPS server (its certificate's key is the one BackendAuth pins). */
  readonly https: Server;
}

/** The running back ends and the two ports they share (each on its own address). */
export interface Backends {
  readonly instances: BackendInstance[];
  /** The local port of instance port 8080 (HTTP). */
  readonly httpPort: number;
  /** The local port of instance port 443 (HTTPS). */
  readonly httpsPort: number;
  /** Closes every server. */
  close(): Promise<void>;
}

function answer(instanceId: string, scheme: string) {
  return (req: IncomingMessage, res: ServerResponse) => {
    if (req.url === '/ping') {
      res.writeHead(200, { 'content-type': 'text/plain' }).end('pong\n');
      return;
    }
    const body = JSON.stringify({ instance: instanceId, scheme, path: req.url, forwardedFor: req.headers['x-forwarded-for'], forwardedProto: req.headers['x-forwarded-proto'] });
    res.writeHead(200, { 'content-type': 'application/json', 'x-backend-instance': instanceId }).end(`${body}\n`);
  };
}

function listen(server: Server, port: number, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve((server.address() as AddressInfo).port);
    });
  });
}

function close(server: Server): Promise<void> {
  return new Promise((resolve) => {
    server.closeAllConnections?.();
    server.close(() => resolve());
  });
}

/**
 * Starts one HTTP and one HTTPS server per instance, all instances on the same two ports (port 0
 * for the first, then the same port on the other addresses; retried when another program holds it).
 * @param ports fixed ports instead (e.g. 8080 and 8443 for examples/elb-api); no retry can help then
 */
export async function startBackends(instances: Array<{ instanceId: string; address: string }>, tls: { certPem: string; keyPem: string },
  ports?: { httpPort: number; httpsPort: number }): Promise<Backends> {
  for (let attempt = 1; ; attempt++) {
    const started: BackendInstance[] = [];
    const servers: Server[] = [];
    try {
      let httpPort = ports?.httpPort ?? 0;
      let httpsPort = ports?.httpsPort ?? 0;
      for (const i of instances) {
        const http = createHttpServer({ keepAliveTimeout: 70_000 }, answer(i.instanceId, 'http'));
        const https = createHttpsServer({ cert: tls.certPem, key: tls.keyPem, keepAliveTimeout: 70_000 }, answer(i.instanceId, 'https'));
        servers.push(http, https);
        httpPort = await listen(http, httpPort, i.address);
        httpsPort = await listen(https, httpsPort, i.address);
        started.push({ ...i, http, https });
      }
      return { instances: started, httpPort, httpsPort, close: async () => { await Promise.all(servers.map(close)); } };
    } catch (e) {
      await Promise.all(servers.filter((s) => s.listening).map(close));
      if (attempt >= 5 || ports) throw e;
    }
  }
}

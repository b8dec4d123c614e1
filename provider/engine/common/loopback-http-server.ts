import * as http from 'http';

/**
 * Listens on 127.0.0.1:port (0 = a free port) and resolves with the bound port: the engine's own
 * HTTP servers (the admin API, the ELB API) never listen beyond loopback.
 */
export function listenOnLoopback(server: http.Server, port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen({ host: '127.0.0.1', port }, () => {
      server.removeListener('error', reject);
      resolve((server.address() as { port: number }).port);
    });
  });
}

/** Stops a server: no new connections, open ones (idle keep-alive included) closed now. */
export function closeServer(server: http.Server): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections();
  });
}

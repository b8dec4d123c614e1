import * as net from 'net';
import { HealthChecker } from '../../../../provider/engine/health/health-checker';
import { createLogger } from '../../../../provider/engine/logging/logger';
import { LoadBalancerCounters } from '../../../../provider/engine/metrics/load-balancer-counters';
import { waitFor } from '../helpers/wait';

/** A raw back end answering every connection with `reply`, then closing. */
async function rawBackend(reply: string): Promise<{ port: number; close: () => Promise<void> }> {
  const server = net.createServer((s) => { s.once('data', () => s.end(reply)); s.on('error', () => s.destroy()); });
  const port = await new Promise<number>((r) => server.listen(0, '127.77.0.161', () => r((server.address() as net.AddressInfo).port)));
  return { port, close: () => new Promise<void>((r) => server.close(() => r())) };
}

async function firstVerdict(reply: string): Promise<string> {
  const backend = await rawBackend(reply);
  const counters = new LoadBalancerCounters();
  const checker = new HealthChecker({
    loadBalancerName: 'hc-unit',
    healthCheck: { target: `HTTP:${backend.port}/ping`, intervalSeconds: 20, timeoutSeconds: 15, healthyThreshold: 2, unhealthyThreshold: 2 },
    instances: [{ instanceId: 'i-hcunit', address: '127.77.0.161' }],
  }, 0.02, counters, createLogger('silent'), () => undefined, () => undefined);
  try {
    return await waitFor('a verdict', () => (checker.isInService('i-hcunit') ? 'InService' : counters.healthCheckFailures > 0 ? 'failed' : undefined), 5_000, 5);
  } finally {
    checker.stop();
    await backend.close();
  }
}

describe('HTTP health-check success criteria (elb-facts §5.1)', () => {
  test.each([
    ['200 with Content-Length', 'HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok', 'InService'],
    ['200 chunked', 'HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n2\r\nok\r\n0\r\n\r\n', 'InService'],
    ['200 with no body and no length', 'HTTP/1.1 200 OK\r\nConnection: close\r\n\r\n', 'InService'],
    ['200 with a body delimited only by close', 'HTTP/1.1 200 OK\r\nConnection: close\r\n\r\nhello', 'failed'],
    ['204', 'HTTP/1.1 204 No Content\r\n\r\n', 'failed'],
    ['302', 'HTTP/1.1 302 Found\r\nLocation: /x\r\nContent-Length: 0\r\n\r\n', 'failed'],
    ['500', 'HTTP/1.1 500 Oops\r\nContent-Length: 0\r\n\r\n', 'failed'],
  ])('%s', async (_what, reply, verdict) => {
    expect(await firstVerdict(reply)).toBe(verdict);
  });
});

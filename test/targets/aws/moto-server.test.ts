import { request } from 'http';
import { MotoServer } from './moto-server';

/* The moto harness itself: it starts, answers, resets, stops; a missing executable is a clear error. */

jest.setTimeout(90_000);

const status = (url: string, method = 'GET') => new Promise<number>((resolve, reject) => {
  const req = request(url, { method, timeout: 5_000 }, (res) => { res.resume(); resolve(res.statusCode ?? 0); });
  req.on('error', reject);
  req.end();
});

test('moto_server starts on a loopback port, answers, resets, and is gone after stop()', async () => {
  const moto = await MotoServer.start();
  try {
    expect(moto.endpoint).toBe(`http://127.0.0.1:${moto.port}`);
    expect(await status(`${moto.endpoint}/moto-api/`)).toBe(200);
    await moto.reset();
    const endpoints = (moto.providerConfig().endpoints as any[])[0];
    expect(endpoints).toEqual({ acm: moto.endpoint, ec2: moto.endpoint, elb: moto.endpoint, iam: moto.endpoint, sts: moto.endpoint });
    expect(moto.providerConfig()).toMatchObject({ skipCredentialsValidation: true, skipRequestingAccountId: true });
  } finally {
    await moto.stop();
  }
  await expect(status(`${moto.endpoint}/moto-api/`)).rejects.toThrow(/ECONNREFUSED/);
});

test('a missing moto_server is an error that says what is missing, not a skip', async () => {
  await expect(MotoServer.start('moto_server-does-not-exist')).rejects.toThrow(/moto_server-does-not-exist not found on PATH: the apply tests need moto/);
});

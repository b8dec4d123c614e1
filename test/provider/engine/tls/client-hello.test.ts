import { ClientHello } from '../../../../provider/engine/tls/client-hello';
import { captureFirstRecord, nodeClient, opensslClient, splitRecord, sslV3ClientHello } from '../helpers/tls-wire';

// Real ClientHellos, as this Node.js and the openssl CLI send them.
describe('ClientHello.read: the versions a real client offers', () => {
  const hellos: Record<string, Buffer> = {};
  beforeAll(async () => {
    hellos.nodeDefault = await captureFirstRecord(nodeClient({}));
    hellos.node12 = await captureFirstRecord(nodeClient({ maxVersion: 'TLSv1.2' }));
    hellos.node10 = await captureFirstRecord(nodeClient({ minVersion: 'TLSv1', maxVersion: 'TLSv1', ciphers: 'ALL:@SECLEVEL=0' }));
    hellos.node13 = await captureFirstRecord(nodeClient({ minVersion: 'TLSv1.3' }));
    hellos.sClient11 = await captureFirstRecord(opensslClient(['-tls1_1', '-cipher', 'ALL:@SECLEVEL=0']));
    hellos.sClientAny = await captureFirstRecord(opensslClient(['-cipher', 'ALL:@SECLEVEL=0']));
  }, 30_000);

  test('a TLS 1.3-capable client lists its versions in supported_versions', () => {
    expect(ClientHello.read(hellos.nodeDefault)).toEqual({ kind: 'hello', offeredVersions: ['TLSv1.3', 'TLSv1.2'] });
    expect(ClientHello.read(hellos.node13)).toEqual({ kind: 'hello', offeredVersions: ['TLSv1.3'] });
    expect(ClientHello.read(hellos.sClientAny)).toMatchObject({ kind: 'hello', offeredVersions: expect.arrayContaining(['TLSv1.3', 'TLSv1.2']) });
  });

  test('a client capped below TLS 1.3 offers every version up to its legacy_version', () => {
    expect(ClientHello.read(hellos.node12)).toEqual({ kind: 'hello', offeredVersions: ['TLSv1.2', 'TLSv1.1', 'TLSv1', 'SSLv3'] });
    expect(ClientHello.read(hellos.node10)).toEqual({ kind: 'hello', offeredVersions: ['TLSv1', 'SSLv3'] });
    expect(ClientHello.read(hellos.sClient11)).toEqual({ kind: 'hello', offeredVersions: ['TLSv1.1', 'TLSv1', 'SSLv3'] });
  });

  test('an SSL 3.0 hello offers SSL 3.0 only', () => {
    expect(ClientHello.read(sslV3ClientHello())).toEqual({ kind: 'hello', offeredVersions: ['SSLv3'] });
  });

  test('every strict prefix is incomplete, and asks for more bytes than it has', () => {
    const hello = hellos.nodeDefault;
    for (let n = 0; n < hello.length; n++) {
      const r = ClientHello.read(hello.subarray(0, n));
      expect(r.kind).toBe('incomplete');
      if (r.kind === 'incomplete') {
        expect(r.atLeast).toBeGreaterThan(n);
        expect(r.atLeast).toBeLessThanOrEqual(hello.length);
      }
    }
  });

  test('a hello split over several records reads the same; bytes after it do not matter', () => {
    const whole = ClientHello.read(hellos.nodeDefault);
    expect(ClientHello.read(splitRecord(hellos.nodeDefault, 100))).toEqual(whole);
    expect(ClientHello.read(splitRecord(hellos.nodeDefault, 3))).toMatchObject({ kind: 'unreadable', reason: expect.stringMatching(/more than 32 records/) });
    expect(ClientHello.read(Buffer.concat([hellos.node12, Buffer.from([0x17, 0x03, 0x03, 0x00, 0x01, 0x00])]))).toEqual(ClientHello.read(hellos.node12));
  });

  test('a hello split into records, read while it arrives, is incomplete until its last byte', () => {
    const split = splitRecord(hellos.nodeDefault, 200);
    expect(ClientHello.read(split.subarray(0, split.length - 1)).kind).toBe('incomplete');
    expect(ClientHello.read(split).kind).toBe('hello');
  });

  test('the SSL 2.0 compatible hello format is read from its version field', () => {
    // msg length, CLIENT-HELLO (1), version 3.1, cipher-spec/session-id/challenge lengths, ...
    const v2 = Buffer.from([0x80, 0x2e, 0x01, 0x03, 0x01, 0x00, 0x15, 0x00, 0x00, 0x00, 0x10]);
    expect(ClientHello.read(v2)).toEqual({ kind: 'hello', offeredVersions: ['TLSv1', 'SSLv3'] });
  });

  test('bytes that are not a ClientHello are unreadable, with the reason', () => {
    expect(ClientHello.read(Buffer.from('GET / HTTP/1.1\r\n\r\n'))).toMatchObject({ kind: 'unreadable', reason: expect.stringMatching(/type 71/) });
    expect(ClientHello.read(Buffer.from([0x16, 0x03, 0x03, 0x00, 0x04, 0x02, 0x00, 0x00, 0x00]))).toMatchObject({ kind: 'unreadable', reason: expect.stringMatching(/not ClientHello/) });
    expect(ClientHello.read(Buffer.from([0x16, 0x03, 0x03, 0x00, 0x00]))).toMatchObject({ kind: 'unreadable', reason: expect.stringMatching(/record length 0/) });
    expect(ClientHello.read(Buffer.from([0x16, 0x03, 0x03, 0x00, 0x04, 0x01, 0x7f, 0xff, 0xff]))).toMatchObject({ kind: 'unreadable', reason: expect.stringMatching(/exceeds/) });
    const truncated = Buffer.from(hellos.node12);
    truncated.writeUInt16BE(0xffff, 5 + 4 + 2 + 32 + 1 + truncated[5 + 4 + 2 + 32] ); // cipher-suite length beyond the message
    expect(ClientHello.read(truncated)).toMatchObject({ kind: 'unreadable', reason: expect.stringMatching(/malformed ClientHello/) });
  });
});

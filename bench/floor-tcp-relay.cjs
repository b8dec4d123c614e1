// The TCP pass-through cell's Node floor in bench/proxy-comparison.sh: a layer-4 relay from TCP_PORT to
// the back end, in one of three ways, to measure what Node's relay itself costs:
//   pipe    client.pipe(backend) and backend.pipe(client) (streams both ways; what the engine does)
//   data    'data' events and socket.write(), pausing the reader while the writer is full (no pipe())
//   handle  stream-free: the sockets' native handles (`socket._handle`, libuv TCP) read into
//           `handle.onread` and write with `handle.writeBuffer` and a WriteWrap, as net.Socket does
//           underneath; a source stops reading only while a write to the other side is pending
//           (libuv could not finish it at once). Node internals used: `socket._handle`,
//           process.binding('stream_wrap') (WriteWrap, streamBaseState) — no engine code.
// Each connection opens one back-end connection (no pooling, as every L4 proxy). Loopback only; no
// error handling beyond closing both sides.
// Usage: node bench/floor-tcp-relay.cjs pipe|data|handle BACKEND_PORT TCP_PORT
'use strict';
const net = require('net');

const [mode, backendPort, tcpPort] = process.argv.slice(2);
if (!['pipe', 'data', 'handle'].includes(mode) || !tcpPort) {
  console.error('usage: node bench/floor-tcp-relay.cjs pipe|data|handle BACKEND_PORT TCP_PORT');
  process.exit(2);
}

function relayPipe(client, backend) {
  client.pipe(backend);
  backend.pipe(client);
}

function relayData(client, backend) {
  const oneWay = (from, to) => {
    from.on('data', (chunk) => {
      if (!to.write(chunk)) { from.pause(); to.once('drain', () => from.resume()); }
    });
    from.on('end', () => to.end());
  };
  oneWay(client, backend);
  oneWay(backend, client);
}

function relayHandle(client, backend) {
  // The process.binding deprecation (DEP0111) is documentation-only: no warning is printed.
  const { WriteWrap, streamBaseState, kReadBytesOrError, kArrayBufferOffset, kLastWriteWasAsync } = process.binding('stream_wrap');
  const oneWay = (from, to) => {
    const src = from._handle;
    const dst = to._handle;
    src.onread = (arrayBuffer) => {
      const n = streamBaseState[kReadBytesOrError];
      if (n < 0) { client.destroy(); backend.destroy(); return; } // EOF or error: close both (HTTP traffic, no half-close needed)
      if (n === 0) return;
      const req = new WriteWrap();
      req.handle = dst;
      req.oncomplete = onWriteComplete;
      req.async = false;
      req.buffer = Buffer.from(arrayBuffer, streamBaseState[kArrayBufferOffset], n); // alive until written
      const err = dst.writeBuffer(req, req.buffer);
      if (err !== 0) { client.destroy(); backend.destroy(); return; }
      if (streamBaseState[kLastWriteWasAsync]) { req.async = true; src.readStop(); }
    };
    function onWriteComplete(status) {
      // Called only for writes that finished later: the source reads again.
      if (status < 0) { client.destroy(); backend.destroy(); return; }
      if (this.async && !from.destroyed) src.readStart();
    }
    src.readStart();
  };
  oneWay(client, backend);
  oneWay(backend, client);
}

const relay = { pipe: relayPipe, data: relayData, handle: relayHandle }[mode];

net.createServer({ noDelay: true, pauseOnConnect: mode === 'handle' }, (client) => {
  const backend = net.connect({ port: Number(backendPort), host: '127.0.0.1', noDelay: true });
  client.on('error', () => backend.destroy());
  backend.on('error', () => client.destroy());
  client.on('close', () => backend.destroy());
  backend.on('close', () => client.destroy());
  // The handle relay needs both handles connected before it reads; the stream relays queue writes until then.
  // pause(): net.Socket would start its own reads right after 'connect' otherwise (EALREADY).
  if (mode === 'handle') backend.once('connect', () => { backend.pause(); relay(client, backend); });
  else relay(client, backend);
}).listen(Number(tcpPort), '127.0.0.1');

// The client side of the Node floor proxies (bench/floor-http-proxy.cjs, bench/floor-answer-server.cjs):
// the cheapest HTTP/1.1 request reader Node allows, for benchmarks only. Node internals used, the same
// the engine's lean front end uses: `_http_common`'s HTTPParser (Node's llhttp binding) in REQUEST
// mode, reading straight from the socket's native handle (`parser.consume(socket._handle)`), so no
// 'data' event, stream or Buffer per read reaches JavaScript; on plain TCP, answers are written on
// the handle too (`writeLatin1String` with a WriteWrap from process.binding('stream_wrap')). Each complete request becomes one small
// object; requests are answered strictly in order (pipelining is queued, one in flight at a time).
// No limits or error answers beyond Node's parser defaults (strict, 16 KiB heads): a parse error
// closes the connection. Not a server to expose to anything but loopback load generators.
'use strict';
const net = require('net');
const { HTTPParser, methods } = require('_http_common');

const { kOnHeaders, kOnHeadersComplete, kOnBody, kOnMessageComplete, kOnExecute } = HTTPParser;
const MAX_HEAD = 16 * 1024;
// The process.binding deprecation (DEP0111) is documentation-only: no warning is printed.
const { WriteWrap } = process.binding('stream_wrap');
const afterWrite = () => undefined;

/**
 * Writes `text` (latin1) on a plain TCP socket's native handle, skipping the Writable stream (no
 * buffering, no callbacks, no 'drain' bookkeeping): libuv keeps writes in order even when one is
 * queued, and `socket.end()` shuts down only after queued writes. No back-pressure (wrk reads
 * everything). TLS sockets (whose handle is the TLS layer), sockets still connecting and sockets the
 * stream already buffers for take the ordinary `socket.write`.
 */
function writeLatin1(socket, text) {
  const handle = socket._handle;
  if (handle === null || socket.connecting || socket.constructor !== net.Socket || socket.writableLength !== 0) { socket.write(text, 'latin1'); return; }
  const req = new WriteWrap();
  req.handle = handle;
  req.oncomplete = afterWrite;
  req.async = false;
  if (handle.writeLatin1String(req, text) !== 0) socket.destroy();
}

/**
 * Serves one accepted (plain or TLS) socket: calls `handler(request, connection)` for each complete
 * request, in order; the handler calls `connection.respond(request, text)` with the whole response
 * (head and body, latin1) exactly once. request = { method, url, headers: [name, value, ...],
 * body: Buffer | null, keepAlive }.
 */
function serveHttp(socket, handler) {
  const parser = new HTTPParser();
  parser.initialize(HTTPParser.REQUEST, {}, MAX_HEAD, HTTPParser.kLenientNone);
  const queue = [];
  let busy = false;
  let partialHeaders = null; // only when a head has more than 32 header lines (llhttp flushes them early)
  let body = null;
  let current = null;
  const connection = {
    socket,
    respond(_request, text) {
      const done = queue.shift();
      writeLatin1(socket, text);
      busy = false;
      if (!done.keepAlive) { socket.end(); return; }
      if (queue.length > 0) next();
    },
  };
  const next = () => {
    if (busy || queue.length === 0) return;
    busy = true;
    handler(queue[0], connection);
  };
  parser[kOnHeaders] = (headers) => { partialHeaders = partialHeaders ? partialHeaders.concat(headers) : headers; };
  parser[kOnHeadersComplete] = (_major, _minor, headers, method, url, _status, _message, _upgrade, keepAlive) => {
    if (partialHeaders) { headers = headers ? partialHeaders.concat(headers) : partialHeaders; partialHeaders = null; }
    current = { method: methods[method], url, headers, body: null, keepAlive };
    body = null;
    return 0;
  };
  // The chunk points into the read buffer, which the next read reuses: copy it.
  parser[kOnBody] = (chunk) => { (body ??= []).push(Buffer.from(chunk)); };
  parser[kOnMessageComplete] = () => {
    if (body) current.body = body.length === 1 ? body[0] : Buffer.concat(body);
    queue.push(current);
    current = null;
    next();
  };
  parser[kOnExecute] = (ret) => { if (ret instanceof Error) socket.destroy(); };
  const handle = socket._handle;
  handle._consumed = true;
  parser._consumed = true;
  parser.consume(handle);
  socket.on('error', () => undefined);
  socket.on('close', () => {
    parser.unconsume();
    parser.remove();
    // Not from inside a parser callback: the native parser goes on the next turn (as Node's freeParser does).
    setImmediate(() => parser.close());
  });
}

module.exports = { serveHttp, writeLatin1 };

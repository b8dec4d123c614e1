// `node-floor` in bench/proxy-comparison.sh: the fastest HTTP keep-alive reverse proxy Node allows, to
// measure how much of the engine's gap to HAProxy and nginx is Node itself. It does only what the
// benchmark's cells need: each request is read with llhttp (bench/floor-http-front.cjs), its head
// rebuilt as one string with X-Forwarded-For / X-Forwarded-Proto (as HAProxy's `option forwardfor`
// and nginx's proxy_set_header do in the script) and sent in one write over a pooled keep-alive
// back-end connection; the back end's response is read by a second llhttp parser (RESPONSE mode)
// consuming the back-end socket's handle, and its head and body go to the client in one write.
// HTTP on HTTP_PORT, TLS 1.2 (ECDHE-RSA-AES128-GCM-SHA256, Node's default session tickets) on
// HTTPS_PORT with the same proxying. No error handling beyond not crashing; loopback only.
// Usage: node bench/floor-http-proxy.cjs CERT KEY BACKEND_PORT HTTP_PORT HTTPS_PORT
'use strict';
const fs = require('fs');
const net = require('net');
const tls = require('tls');
const { HTTPParser } = require('_http_common');
const { serveHttp, writeLatin1 } = require('./floor-http-front.cjs');

const { kOnHeaders, kOnHeadersComplete, kOnBody, kOnMessageComplete, kOnExecute } = HTTPParser;
const [certFile, keyFile, backendPort, httpPort, httpsPort] = process.argv.slice(2);
if (!httpsPort) { console.error('usage: node bench/floor-http-proxy.cjs CERT KEY BACKEND_PORT HTTP_PORT HTTPS_PORT'); process.exit(2); }

const idle = []; // pooled keep-alive back-end connections

/** One keep-alive connection to the back end, its response parser reading from the socket's handle. */
function openBackend() {
  const socket = net.connect({ port: Number(backendPort), host: '127.0.0.1', noDelay: true });
  const parser = new HTTPParser();
  parser.initialize(HTTPParser.RESPONSE, {}, 16 * 1024, HTTPParser.kLenientNone);
  const be = { socket, parser, onResponse: null, closed: false, head: '', body: null, keepAlive: true, clientKeepAlive: true };
  let partialHeaders = null;
  parser[kOnHeaders] = (headers) => { partialHeaders = partialHeaders ? partialHeaders.concat(headers) : headers; };
  parser[kOnHeadersComplete] = (_major, _minor, headers, _method, _url, status, message, _upgrade, keepAlive) => {
    if (partialHeaders) { headers = headers ? partialHeaders.concat(headers) : partialHeaders; partialHeaders = null; }
    let head = `HTTP/1.1 ${status} ${message}\r\n`;
    let chunked = false;
    for (let i = 0; i < headers.length; i += 2) {
      const name = headers[i];
      // Hop-by-hop: this proxy states its own connection handling to the client.
      if (name.length === 10 && name.toLowerCase() === 'connection') continue;
      if (name.length === 10 && name.toLowerCase() === 'keep-alive') continue;
      if (name.length === 17 && name.toLowerCase() === 'transfer-encoding') { chunked = true; continue; }
      head += `${name}: ${headers[i + 1]}\r\n`;
    }
    be.head = head;
    be.chunked = chunked;
    be.keepAlive = keepAlive;
    be.body = null;
    return 0;
  };
  parser[kOnBody] = (chunk) => { (be.body ??= []).push(chunk.latin1Slice(0, chunk.length)); };
  parser[kOnMessageComplete] = () => {
    const body = be.body === null ? '' : be.body.length === 1 ? be.body[0] : be.body.join('');
    // A chunked answer was de-chunked by the parser: it goes to the client with its length instead.
    const framing = be.chunked ? `Content-Length: ${body.length}\r\n` : '';
    const text = be.head + framing + (be.clientKeepAlive ? '\r\n' : 'Connection: close\r\n\r\n') + body;
    const done = be.onResponse;
    be.onResponse = null;
    if (be.keepAlive && !be.closed) idle.push(be); else socket.destroy();
    done(text);
  };
  parser[kOnExecute] = (ret) => { if (ret instanceof Error) socket.destroy(); };
  socket._handle._consumed = true;
  parser.consume(socket._handle);
  socket.on('error', () => undefined);
  socket.on('close', () => {
    be.closed = true;
    const i = idle.indexOf(be);
    if (i >= 0) idle.splice(i, 1);
    parser.unconsume();
    parser.remove();
    setImmediate(() => parser.close());
    // A request in flight on a connection the back end closed: the client gets a 502 and goes on.
    if (be.onResponse) { const done = be.onResponse; be.onResponse = null; done('HTTP/1.1 502 Bad Gateway\r\nContent-Length: 0\r\nConnection: close\r\n\r\n'); }
  });
  return be;
}

/** Builds the request's head for the back end: hop-by-hop Connection dropped, X-Forwarded-* added. */
function forwardHead(request, clientAddress, proto) {
  let head = `${request.method} ${request.url} HTTP/1.1\r\n`;
  let forwardedFor = clientAddress;
  const headers = request.headers;
  for (let i = 0; i < headers.length; i += 2) {
    const name = headers[i];
    if (name.length === 10 && name.toLowerCase() === 'connection') continue;
    if (name.length === 15 && name.toLowerCase() === 'x-forwarded-for') { forwardedFor = `${headers[i + 1]}, ${clientAddress}`; continue; }
    if (name.length === 17 && name.toLowerCase() === 'x-forwarded-proto') continue;
    head += `${name}: ${headers[i + 1]}\r\n`;
  }
  return `${head}X-Forwarded-For: ${forwardedFor}\r\nX-Forwarded-Proto: ${proto}\r\n\r\n`;
}

function proxy(proto) {
  return (socket) => {
    const clientAddress = socket.remoteAddress;
    serveHttp(socket, (request, connection) => {
      const be = idle.pop() ?? openBackend();
      be.clientKeepAlive = request.keepAlive;
      be.onResponse = (text) => connection.respond(request, text);
      const head = forwardHead(request, clientAddress, proto);
      writeLatin1(be.socket, request.body === null ? head : head + request.body.latin1Slice(0, request.body.length));
    });
  };
}

net.createServer({ noDelay: true }, proxy('http')).listen(Number(httpPort), '127.0.0.1');
tls.createServer({
  cert: fs.readFileSync(certFile), key: fs.readFileSync(keyFile),
  minVersion: 'TLSv1.2', maxVersion: 'TLSv1.2', ciphers: 'ECDHE-RSA-AES128-GCM-SHA256', noDelay: true,
}, proxy('https')).listen(Number(httpsPort), '127.0.0.1');

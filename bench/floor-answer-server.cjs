// `node-floor-answer` in bench/proxy-comparison.sh: no proxy at all, Node's ceiling. A server that
// reads each request with llhttp (bench/floor-http-front.cjs) and answers it itself with the same
// response the nginx back end gives (200, nginx's header set, body "ok"), in one write: HTTP on
// HTTP_PORT, a bare tls.createServer (TLS 1.2, ECDHE-RSA-AES128-GCM-SHA256, the same certificate,
// Node's default session tickets) on HTTPS_PORT. What a Node proxy could reach if the back-end
// exchange cost nothing; for the new-TLS cell, the TLS ceiling. Counts full and resumed handshakes
// (`tlsSocket.isSessionReused()`) and prints them to stdout on SIGUSR2 and at exit.
// Usage: node bench/floor-answer-server.cjs CERT KEY HTTP_PORT HTTPS_PORT
'use strict';
const fs = require('fs');
const net = require('net');
const tls = require('tls');
const { serveHttp } = require('./floor-http-front.cjs');

const [certFile, keyFile, httpPort, httpsPort] = process.argv.slice(2);
if (!httpsPort) { console.error('usage: node bench/floor-answer-server.cjs CERT KEY HTTP_PORT HTTPS_PORT'); process.exit(2); }

// The Date header, rebuilt once a second (as Node's and nginx's servers cache it).
let date = '';
const refreshDate = () => { date = new Date().toUTCString(); };
refreshDate();
setInterval(refreshDate, 1000).unref();

const answer = (request, connection) => {
  connection.respond(request, `HTTP/1.1 200 OK\r\nServer: node-floor\r\nDate: ${date}\r\nContent-Type: text/plain\r\nContent-Length: 2\r\n${request.keepAlive ? '' : 'Connection: close\r\n'}\r\nok`);
};

const handshakes = { full: 0, resumed: 0 };
const report = () => process.stdout.write(`${JSON.stringify({ handshakes })}\n`);
process.on('SIGUSR2', report);
process.on('SIGTERM', () => { report(); process.exit(0); });

net.createServer({ noDelay: true }, (socket) => serveHttp(socket, answer)).listen(Number(httpPort), '127.0.0.1');
tls.createServer({
  cert: fs.readFileSync(certFile), key: fs.readFileSync(keyFile),
  minVersion: 'TLSv1.2', maxVersion: 'TLSv1.2', ciphers: 'ECDHE-RSA-AES128-GCM-SHA256', noDelay: true,
}, (socket) => {
  if (socket.isSessionReused()) handshakes.resumed++; else handshakes.full++;
  serveHttp(socket, answer);
}).listen(Number(httpsPort), '127.0.0.1');

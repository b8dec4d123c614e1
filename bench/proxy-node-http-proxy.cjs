// node-http-proxy (npm http-proxy) in front of one back end, for bench/proxy-comparison.sh.
// Usage: NODE_PATH=<tmp>/node_modules node proxy-node-http-proxy.cjs CERT KEY BACKEND_PORT HTTP_PORT HTTPS_PORT
// Keep-alive agent to the back end (as the engine pools), TLS 1.2 with the same cipher as the others.
const fs = require('fs');
const http = require('http');
const https = require('https');
const httpProxy = require('http-proxy');
const [cert, key, backendPort, httpPort, httpsPort] = process.argv.slice(2);
const agent = new http.Agent({ keepAlive: true, maxFreeSockets: 256 });
const proxy = httpProxy.createProxyServer({ target: `http://127.0.0.1:${backendPort}`, agent, xfwd: true });
proxy.on('error', (_e, _req, res) => { if (res.writeHead && !res.headersSent) { res.writeHead(502); res.end(); } else res.destroy?.(); });
const handler = (req, res) => proxy.web(req, res);
http.createServer(handler).listen(Number(httpPort), '127.0.0.1');
https.createServer({ cert: fs.readFileSync(cert), key: fs.readFileSync(key), minVersion: 'TLSv1.2', maxVersion: 'TLSv1.2', ciphers: 'ECDHE-RSA-AES128-GCM-SHA256' }, handler)
  .listen(Number(httpsPort), '127.0.0.1');

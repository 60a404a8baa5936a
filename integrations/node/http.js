'use strict';
// One HTTP exchange over Node's own http module: the one piece of HTTP client code of the rtc-mock package, also
// used by the repository's Node scripts (the official SDK's conformance adapter, the replica suite's driver).

const http = require('http');

// exchange(endpoint, {method, path, headers, body, timeoutMs, agent}) resolves to {status, headers, text, json}
// (json null when the body is not JSON) and rejects on a network error or when no answer comes within timeoutMs.
// endpoint: a URL or its text ("http://127.0.0.1:8080"); path: the path and query. A body (string or Buffer) is
// sent with its Content-Length; without one (null or undefined) no body and no Content-Length. agent: false (a new
// connection, the default) or an http.Agent.
function exchange(endpoint, { method = 'GET', path = '/', headers = {}, body = null, timeoutMs = 30000, agent = false } = {}) {
  const url = endpoint instanceof URL ? endpoint : new URL(endpoint);
  return new Promise((resolve, reject) => {
    const data = body === null || body === undefined ? null : Buffer.isBuffer(body) ? body : Buffer.from(String(body), 'utf8');
    const h = Object.assign({}, headers);
    if (data) h['Content-Length'] = String(data.length);
    const req = http.request(
      { host: url.hostname.replace(/^\[|\]$/g, ''), port: url.port || 80, method, path, headers: h, agent },
      (res) => {
        const chunks = [];
        res.on('data', (c) => chunks.push(c));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          let json = null;
          try {
            json = JSON.parse(text);
          } catch (e) {
            /* not JSON: a balancer's own page, a PNG, an empty body */
          }
          resolve({ status: res.statusCode, headers: res.headers, text, json });
        });
        res.on('error', reject);
      }
    );
    req.setTimeout(timeoutMs, () => req.destroy(new Error(`no answer within ${timeoutMs} ms`)));
    req.on('error', reject);
    req.end(data || undefined);
  });
}

module.exports = { exchange };

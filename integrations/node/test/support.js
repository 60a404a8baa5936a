'use strict';
// What the helper's tests share: a signer for API requests written from docs/signing.md (header form, HMAC-SHA256
// over the raw secret), a raw HTTP call that bypasses the helper, and a callback receiver on loopback.

const crypto = require('crypto');
const fs = require('fs');
const http = require('http');

const { exchange } = require('../http');

const sha256 = (s) => crypto.createHash('sha256').update(s).digest('hex');
const hmac = (key, s) => crypto.createHmac('sha256', key).update(s).digest();
// RFC 3986: unreserved characters kept, everything else %XX.
const escape = (s) => encodeURIComponent(s).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);

// One HTTP exchange that bypasses the helper's admin client; resolves to {status, headers, text, json}.
function raw(endpoint, method, path, { body = '', headers = {} } = {}) {
  return exchange(endpoint, { method, path, headers, body });
}

// An API call signed with the mock's credentials at the mock's own time (its clock may be virtual and advanced).
async function signedCall(mock, method, action, { query = {}, body = '' } = {}) {
  const { accessKeyId, secretKey, region, service } = mock.credentials;
  const admin = mock._token ? { Authorization: `Bearer ${mock._token}` } : {};  // a container mock has a token
  const clock = await raw(mock.endpoint, 'GET', '/_mock/clock', { headers: admin });
  const xDate = new Date(clock.json.NowMs).toISOString().replace(/[-:]|\.\d{3}/g, '');
  const day = xDate.slice(0, 8);
  const host = new URL(mock.endpoint).host;
  const params = Object.assign({}, query, { Action: action, Version: '2020-12-01' });
  const canonicalQuery = Object.keys(params)
    .sort()
    .map((k) => `${escape(k)}=${escape(String(params[k]))}`)
    .join('&');
  const headers = { 'Content-Type': 'application/json', Host: host, 'X-Content-Sha256': sha256(body), 'X-Date': xDate };
  const names = Object.keys(headers).map((h) => h.toLowerCase()).sort();
  const byName = Object.fromEntries(Object.entries(headers).map(([k, v]) => [k.toLowerCase(), v]));
  const canonical = [method, '/', canonicalQuery, names.map((n) => `${n}:${byName[n]}`).join('\n') + '\n', names.join(';'), sha256(body)].join('\n');
  const scope = `${day}/${region}/${service}/request`;
  const toSign = ['HMAC-SHA256', xDate, scope, sha256(canonical)].join('\n');
  const key = hmac(hmac(hmac(hmac(secretKey, day), region), service), 'request');
  const signature = crypto.createHmac('sha256', key).update(toSign).digest('hex');
  headers.Authorization = `HMAC-SHA256 Credential=${accessKeyId}/${scope}, SignedHeaders=${names.join(';')}, Signature=${signature}`;
  return raw(mock.endpoint, method, `/?${canonicalQuery}`, { body, headers });
}

// A receiver on 127.0.0.1 that answers 200 and keeps every body.
function startReceiver() {
  const got = [];
  const server = http.createServer((req, res) => {
    const chunks = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', () => {
      got.push({ path: req.url, body: Buffer.concat(chunks).toString('utf8') });
      res.writeHead(200, { 'Content-Type': 'application/json' });
      res.end('{}');
    });
  });
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () =>
      resolve({
        got,
        url: `http://127.0.0.1:${server.address().port}/hook`,
        close: () => {
          server.closeAllConnections();
          return new Promise((r) => server.close(r));
        },
      })
    )
  );
}

// Whether the process runs: it exists and is not a zombie (an orphan's zombie waits for whoever reaps it).
function alive(pid) {
  try {
    process.kill(pid, 0);
  } catch (e) {
    return false;
  }
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2)[0] !== 'Z';
  } catch (e) {
    return false;
  }
}

async function waitFor(pred, ms) {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    if (await pred()) return true;
    await new Promise((r) => setTimeout(r, 20));
  }
  return pred();
}

module.exports = { raw, signedCall, startReceiver, alive, waitFor };

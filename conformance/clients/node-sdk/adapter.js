#!/usr/bin/env node
'use strict';
// rtc-conformance adapter for the official Node SDK @volcengine/openapi
// (protocol: docs/conformance.md, "Writing an adapter").
//
//   adapter.js                        one call: JSON request on stdin, one JSON line on stdout
//   adapter.js --serve-callbacks PORT webhook receiver on 127.0.0.1:PORT until terminated
//
// The call goes through the SDK's own request path: rtcOpenapi.RtcService#createAPI
// (lib/base/service.js) -> fetchOpenAPI -> Signer#addAuthorization -> axios.
// What is reported as "Error" is what the SDK hands its caller as the failure: the SDK
// never throws for an HTTP status (fetch.js sets validateStatus: null) and returns the
// parsed body; its typed result (OpenApiResponse, lib/base/types.d.ts) carries failures
// in ResponseMetadata.Error. So Error = body.ResponseMetadata.Error when present, else
// null, whatever the HTTP status. The HTTP status is not exposed by the SDK; it is read
// with a response interceptor on the SDK's axios instance (observation only).
// See SDK-NOTES.md.

const http = require('http');
const crypto = require('crypto');
const { sdk, sdkAxios } = require('./sdk');

function out(obj) {
  process.stdout.write(JSON.stringify(obj) + '\n');
}

function readStdin() {
  return new Promise((resolve, reject) => {
    const chunks = [];
    process.stdin.on('data', (c) => chunks.push(c));
    process.stdin.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    process.stdin.on('error', reject);
  });
}

async function callOnce() {
  let req;
  try {
    const text = (await readStdin()).split('\n').find((l) => l.trim() !== '');
    req = JSON.parse(text);
  } catch (e) {
    out({ ClientError: `adapter: cannot read request JSON from stdin: ${e.message}` });
    return;
  }
  const endpoint = process.env.RTC_ENDPOINT || 'http://127.0.0.1:8080';
  let u;
  try {
    u = new URL(endpoint);
  } catch (e) {
    out({ ClientError: `adapter: bad RTC_ENDPOINT ${endpoint}` });
    return;
  }

  // Observe the last HTTP response the SDK received (status is not part of the SDK's result).
  let last = null;
  const axios = sdkAxios();
  axios.interceptors.response.use(
    (res) => {
      last = { status: res.status, data: res.data };
      return res;
    },
    (err) => {
      if (err && err.response) last = { status: err.response.status, data: err.response.data };
      return Promise.reject(err);
    }
  );

  const options = {
    host: u.host, // host:port as given in RTC_ENDPOINT
    protocol: u.protocol, // "http:"
    region: process.env.VOLC_REGION || 'cn-north-1',
    accessKeyId: process.env.VOLC_ACCESSKEY,
    secretKey: process.env.VOLC_SECRETKEY,
  };
  if (process.env.VOLC_SESSION_TOKEN) options.sessionToken = process.env.VOLC_SESSION_TOKEN;
  const service = new sdk.rtcOpenapi.RtcService(options);

  const method = String(req.Method || 'POST').toUpperCase();
  const api =
    method === 'GET'
      ? service.createAPI(req.Action, { method: 'GET', Version: req.Version })
      : service.createAPI(req.Action, { method, contentType: 'json', Version: req.Version });

  let result;
  try {
    result = await api(req.Params || {});
  } catch (e) {
    out({ ClientError: `${(e && e.code) || 'Error'}: ${(e && e.message) || String(e)}` });
    return;
  }
  const body = result;
  let error = null;
  const meta = body && typeof body === 'object' ? body.ResponseMetadata : undefined;
  if (meta && meta.Error) {
    error = { Code: meta.Error.Code === undefined ? null : meta.Error.Code, Message: meta.Error.Message === undefined ? null : meta.Error.Message };
  }
  out({
    HttpStatus: last ? last.status : null,
    Body: body === undefined ? null : body,
    Error: error,
  });
}

// ---- callbacks (docs/service-facts.md §5) ----

function callbackSignature(ev, secret) {
  const vals = [ev.EventType, ev.EventData, ev.EventTime, ev.EventId, ev.AppId, ev.Version, ev.Nonce, secret].map((v) =>
    Buffer.from(v === undefined || v === null ? '' : String(v), 'utf8')
  );
  vals.sort(Buffer.compare);
  return crypto.createHash('sha256').update(Buffer.concat(vals)).digest('hex');
}

function serveCallbacks(port) {
  const secret = process.env.RTC_CALLBACK_SECRET || '';
  const seen = new Set();
  const server = http.createServer((req, res) => {
    const chunks = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', () => {
      const reply = (status, obj) => {
        res.writeHead(status, { 'Content-Type': 'application/json' });
        res.end(JSON.stringify(obj));
      };
      if (req.method !== 'POST') return reply(405, { error: 'POST only' });
      let ev;
      try {
        ev = JSON.parse(Buffer.concat(chunks).toString('utf8'));
      } catch (e) {
        return reply(400, { error: 'body is not JSON' });
      }
      if (!ev || typeof ev !== 'object' || typeof ev.Signature !== 'string') {
        return reply(401, { error: 'missing Signature' });
      }
      const want = callbackSignature(ev, secret);
      if (ev.Signature !== want) {
        process.stderr.write(`callback: bad signature for EventId ${ev.EventId}\n`);
        return reply(401, { error: 'bad signature' });
      }
      const dup = seen.has(ev.EventId);
      seen.add(ev.EventId);
      process.stderr.write(`callback: ${dup ? 'duplicate' : 'accepted'} ${ev.EventType} ${ev.EventId}\n`);
      return reply(200, { ok: true, duplicate: dup });
    });
  });
  server.on('error', (e) => {
    process.stderr.write(`callback server: ${e.message}\n`);
    process.exit(1);
  });
  server.listen(port, '127.0.0.1', () => {
    process.stderr.write(`callback server listening on 127.0.0.1:${server.address().port}\n`);
  });
  const stop = () => {
    server.close(() => process.exit(0));
    if (server.closeAllConnections) server.closeAllConnections();
    setTimeout(() => process.exit(0), 500).unref();
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}

const i = process.argv.indexOf('--serve-callbacks');
if (i >= 0) {
  const port = Number(process.argv[i + 1]);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    process.stderr.write('usage: adapter.js --serve-callbacks PORT\n');
    process.exit(2);
  }
  serveCallbacks(port);
} else {
  callOnce().then(
    () => process.exit(0),
    (e) => {
      out({ ClientError: `adapter: ${e && e.message}` });
      process.exit(0);
    }
  );
}

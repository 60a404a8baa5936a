'use strict';
// Thin helpers around the official SDK (@volcengine/openapi). Nothing here re-implements
// signing: every signature comes from the SDK's own Signer class (lib/base/sign.js).
// The only thing reproduced is how the SDK's transport turns params into the URL it
// sends (lib/base/service.js fetchOpenAPI: querystring.stringify; then axios 0.21
// lib/adapters/http.js: url.parse(), whose auto-escaping turns ' into %27 and so on).

const crypto = require('crypto');
const path = require('path');
const querystring = require('querystring');
const url = require('url');

const { exchange } = require(path.join(__dirname, '../../../integrations/node/http.js'));
const sdk = require('@volcengine/openapi');
const Signer = sdk.Signer;
const SDK_VERSION = require('@volcengine/openapi/package.json').version;

// axios instance the SDK uses (hoisted dependency of @volcengine/openapi).
function sdkAxios() {
  const sdkDir = path.dirname(require.resolve('@volcengine/openapi/package.json'));
  return require(require.resolve('axios', { paths: [sdkDir] }));
}

// "20241201T000010Z" -> Date
function parseXDate(x) {
  const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(x || '');
  if (!m) throw new Error(`bad xdate ${x} (want YYYYMMDDTHHMMSSZ)`);
  return new Date(Date.UTC(+m[1], +m[2] - 1, +m[3], +m[4], +m[5], +m[6]));
}

// The query string exactly as the SDK's transport puts it on the wire for a
// (sorted, by the Signer) params object: querystring.stringify, then url.parse.
function wireQueryFromParams(params) {
  const qs = querystring.stringify(params);
  if (!qs) return '';
  const parsed = url.parse(`http://x/?${qs}`);
  return (parsed.search || '').replace(/^\?/, '');
}

// The query string returned by Signer.getSignUrl goes on the wire after the same
// url.parse step (it is already escaped by the SDK's uriEscape, so normally unchanged).
function wireQueryFromString(qs) {
  if (!qs) return '';
  const parsed = url.parse(`http://x/?${qs}`);
  return (parsed.search || '').replace(/^\?/, '');
}

// Sign with the SDK Signer. spec: {method, path, query, headers, body, ak, sk, token,
// region, service, xdate, form}. Returns {headers, query, canonical_request,
// string_to_sign, signature, authorization?}.
function sdkSign(spec) {
  const date = spec.xdate ? parseXDate(spec.xdate) : new Date();
  const request = {
    method: (spec.method || 'GET').toUpperCase(),
    region: spec.region || 'cn-north-1',
    pathname: spec.path || '/',
    params: Object.assign({}, spec.query || {}),
    headers: Object.assign({}, spec.headers || {}),
  };
  if (spec.body !== undefined && spec.body !== null) request.body = spec.body;
  const signer = new Signer(request, spec.service || 'rtc');
  const captured = {};
  const origCanonical = signer.canonicalString.bind(signer);
  const origSts = signer.stringToSign.bind(signer);
  signer.canonicalString = () => (captured.canonical = origCanonical());
  signer.stringToSign = (dt) => (captured.sts = origSts(dt));
  const creds = { accessKeyId: spec.ak, secretKey: spec.sk };
  if (spec.token) creds.sessionToken = spec.token;
  const out = {};
  if ((spec.form || 'header') === 'query') {
    const q = signer.getSignUrl(creds, date);
    out.headers = Object.assign({}, request.headers);
    out.sdk_query = q;
    out.query = wireQueryFromString(q);
    out.signature = new URLSearchParams(q).get('X-Signature');
  } else {
    signer.addAuthorization(creds, date);
    out.headers = Object.assign({}, request.headers);
    out.query = wireQueryFromParams(request.params);
    const m = /Signature=([0-9a-f]+)/.exec(request.headers.Authorization);
    out.signature = m ? m[1] : null;
  }
  out.canonical_request = captured.canonical;
  out.string_to_sign = captured.sts;
  return out;
}

// A request signed by the SDK's Signer in the header form (what RtcService#fetchOpenAPI does, minus axios).
// `params` holds every query parameter, Action and Version included. Returns {method, query (as the SDK's
// transport puts it on the wire), headers: [[name, value]], body}.
function signedRequest({ method, params, body, contentType, date, creds, region = 'cn-north-1' }) {
  const request = {
    method,
    region,
    pathname: '/',
    params: Object.assign({}, params),
    headers: contentType ? { 'content-type': contentType } : {},
  };
  if (body !== undefined) request.body = body;
  const signer = new Signer(request, 'rtc');
  signer.addAuthorization(creds, date);
  return {
    method,
    query: wireQueryFromParams(request.params),
    headers: Object.entries(request.headers),
    body: body || '',
  };
}

// Sends a request object (as signedRequest returns it) to `endpoint` (a URL) over plain HTTP. Resolves
// {status, json, text, code (ResponseMetadata.Error.Code or null)} or {error}.
async function sendRequest(endpoint, req) {
  const headers = {};
  for (const [n, v] of req.headers) headers[n] = v;
  const body = req.body || '';
  try {
    const { status, json, text } = await exchange(endpoint, {
      method: req.method,
      path: '/' + (req.query ? '?' + req.query : ''),
      headers,
      body: body.length || req.method === 'POST' ? body : null,
      timeoutMs: 10000,
      agent: undefined, // Node's global agent, as before
    });
    const err = json && json.ResponseMetadata && json.ResponseMetadata.Error;
    return { status, json, text, code: err ? err.Code : null };
  } catch (e) {
    return { error: e.message };
  }
}

// The Signature of a callback the service sends (docs/service-facts.md §5): the lowercase hex sha256 of the
// byte-order sorted values of EventType, EventData, EventTime, EventId, AppId, Version, Nonce and the secret.
function callbackSignature(ev, secret) {
  const vals = [ev.EventType, ev.EventData, ev.EventTime, ev.EventId, ev.AppId, ev.Version, ev.Nonce, secret].map((v) =>
    Buffer.from(v === undefined || v === null ? '' : String(v), 'utf8')
  );
  vals.sort(Buffer.compare);
  return crypto.createHash('sha256').update(Buffer.concat(vals)).digest('hex');
}

module.exports = {
  callbackSignature,
  sdk,
  Signer,
  SDK_VERSION,
  sdkAxios,
  parseXDate,
  wireQueryFromParams,
  wireQueryFromString,
  sdkSign,
  signedRequest,
  sendRequest,
};

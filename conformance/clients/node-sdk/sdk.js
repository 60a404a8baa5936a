'use strict';
// Thin helpers around the official SDK (@volcengine/openapi). Nothing here re-implements
// signing: every signature comes from the SDK's own Signer class (lib/base/sign.js).
// The only thing reproduced is how the SDK's transport turns params into the URL it
// sends (lib/base/service.js fetchOpenAPI: querystring.stringify; then axios 0.21
// lib/adapters/http.js: url.parse(), whose auto-escaping turns ' into %27 and so on).

const path = require('path');
const querystring = require('querystring');
const url = require('url');

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

module.exports = { sdk, Signer, SDK_VERSION, sdkAxios, parseXDate, wireQueryFromParams, wireQueryFromString, sdkSign };

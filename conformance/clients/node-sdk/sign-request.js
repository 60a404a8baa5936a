#!/usr/bin/env node
'use strict';
// Sign one request with the official SDK's Signer (@volcengine/openapi lib/base/sign.js).
//
// stdin (JSON):
//   {"method","host","path","query":{k: "v" | ["v1","v2"]},"headers":{...},"body":"...",
//    "ak","sk","token"?,"region","service","xdate"?, "form"?: "header"|"query"}
// stdout (one JSON line):
//   {"headers":{...},"query":"...","signature":"...","canonical_request":"...",
//    "string_to_sign":"...","sdk_version":"..."}
//
// headers: the headers the Signer ends up with (the ones given, plus X-Date,
//   X-Content-Sha256 when the body is non-empty, X-Security-Token when token is given,
//   Authorization), plus "Host" = spec.host added AFTER signing, as the SDK's HTTP
//   layer does (the SDK never signs Host). If spec.headers itself contains Host, the
//   Signer signs it (it signs every header it is given except authorization,
//   content-type, content-length, user-agent, presigned-expires, expect).
// query: the query string as the SDK would put it on the wire. Header form: the SDK's
//   transport encoding (querystring.stringify + url.parse escaping, params sorted by key).
//   Query form ("form":"query"): the string returned by Signer.getSignUrl (it carries
//   X-Date, X-Credential, X-Signature, ...); no Authorization header then.
// xdate: YYYYMMDDTHHMMSSZ; passed to the Signer as its date argument
//   (addAuthorization(credentials, date) / getSignUrl(credentials, date) accept one).

const { sdkSign, SDK_VERSION } = require('./sdk');

function main() {
  const chunks = [];
  process.stdin.on('data', (c) => chunks.push(c));
  process.stdin.on('end', () => {
    let spec;
    try {
      spec = JSON.parse(Buffer.concat(chunks).toString('utf8'));
    } catch (e) {
      process.stderr.write(`sign-request: stdin is not JSON: ${e.message}\n`);
      process.exit(2);
    }
    for (const k of ['ak', 'sk']) {
      if (!spec[k]) {
        process.stderr.write(`sign-request: missing "${k}"\n`);
        process.exit(2);
      }
    }
    let r;
    try {
      r = sdkSign(spec);
    } catch (e) {
      process.stderr.write(`sign-request: ${e.message}\n`);
      process.exit(2);
    }
    const headers = Object.assign({}, r.headers);
    const hasHost = Object.keys(headers).some((k) => k.toLowerCase() === 'host');
    if (spec.host && !hasHost) headers.Host = spec.host;
    process.stdout.write(
      JSON.stringify({
        headers,
        query: r.query,
        signature: r.signature,
        canonical_request: r.canonical_request,
        string_to_sign: r.string_to_sign,
        sdk_version: SDK_VERSION,
      }) + '\n'
    );
  });
}

main();

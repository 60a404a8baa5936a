#!/usr/bin/env node
'use strict';
// Live signing test against a running rtc-mock:  node sign-e2e.js [http://127.0.0.1:PORT]
// (without a URL it starts one itself, through integrations/node, and stops it at the end)
//
// 1. Requests signed by the official SDK (@volcengine/openapi Signer, and the SDK's own
//    RtcService#createAPI path) must not be rejected with a signature-family error.
// 2. For every signed part (method, each signed header, each query param, the body, the
//    signature, the credential), a request changed after signing must fail with the
//    documented error code and HTTP status (docs/service-facts.md §2-§3).
// Prints one line per check, then "N passed, M failed"; exits 1 on any failure.
//
// Credentials: AKLTLOCALMOCK / LOCALMOCKSECRET (account 2100000001 of fixtures/default.json),
// region cn-north-1, service rtc. The mock must run with a clock close to real time.

const crypto = require('crypto');
const path = require('path');
const { sdk, Signer, sdkAxios, wireQueryFromString, signedRequest, sendRequest } = require('./sdk');

const SIG_FAMILY = new Set([
  'MissingAuthenticationToken',
  'MissingRequestInfo',
  'MissingSignature',
  'InvalidTimestamp',
  'InvalidAccessKey',
  'SignatureDoesNotMatch',
  'ServiceNotFound',
]);
const E = {
  SignatureDoesNotMatch: 401,
  InvalidAccessKey: 401,
  MissingAuthenticationToken: 401,
  MissingRequestInfo: 400,
  MissingSignature: 401,
  InvalidTimestamp: 400,
  ServiceNotFound: 404,
  InvalidActionOrVersion: 404,
};

// Temporary credentials of the fixture: valid until 2099, and an expired pair.
const STS = { accessKeyId: 'AKLTSTSLOCALMOCK', secretKey: 'STSLOCALSECRET', sessionToken: 'STSTOKENLOCALMOCK' };
const STS_EXPIRED = { accessKeyId: 'AKLTSTSEXPIRED', secretKey: 'STSEXPIREDSECRET', sessionToken: 'STSTOKENEXPIRED' };
const AK = 'AKLTLOCALMOCK';
const SK = 'LOCALMOCKSECRET';
const REGION = 'cn-north-1';
const APP = '600000000000000000000000';
const VERSION = '2020-12-01';
const RUN = `${Date.now().toString(36)}${crypto.randomBytes(3).toString('hex')}`;

// Without a URL the mock is started here, through the repository's Node helper (integrations/node: the binary
// of RTC_MOCK_BIN, else build/rtc-mock), on the default fixture.
const base = process.argv[2] || process.env.RTC_ENDPOINT;
let endpoint = base ? new URL(base) : null;

let passed = 0;
let failed = 0;
function ok(name) {
  passed++;
  console.log(`ok - ${name}`);
}
function notOk(name, why) {
  failed++;
  console.log(`not ok - ${name}: ${why}`);
}

// ---- signing with the SDK's Signer (sdk.js signedRequest: what RtcService#fetchOpenAPI does, minus axios)
// Returns a request object {method, query, headers: [[n, v]], body}.
function sdkSigned({ method, action, version = VERSION, params = {}, body, date, creds = { accessKeyId: AK, secretKey: SK } }) {
  return signedRequest({
    method,
    region: REGION,
    params: Object.assign({}, params, { Action: action, Version: version }),
    contentType: method === 'GET' ? 'application/x-www-form-urlencoded' : 'application/json; charset=utf-8',
    body,
    date,
    creds,
  });
}
function sdkPresigned({ action, params = {}, date, creds = { accessKeyId: AK, secretKey: SK } }) {
  const request = {
    method: 'GET',
    region: REGION,
    pathname: '/',
    params: Object.assign({}, params, { Action: action, Version: VERSION }),
    headers: {},
  };
  const signer = new Signer(request, 'rtc');
  const q = signer.getSignUrl(creds, date);
  return { method: 'GET', query: wireQueryFromString(q), headers: [], body: '' };
}

const clone = (r) => ({ method: r.method, query: r.query, headers: r.headers.map((h) => [h[0], h[1]]), body: r.body });
const hget = (r, n) => (r.headers.find(([k]) => k.toLowerCase() === n.toLowerCase()) || [])[1];
function hset(r, n, v) {
  const h = r.headers.find(([k]) => k.toLowerCase() === n.toLowerCase());
  if (h) h[1] = v;
  else r.headers.push([n, v]);
}
const hdel = (r, n) => (r.headers = r.headers.filter(([k]) => k.toLowerCase() !== n.toLowerCase()));
function qmap(r, key, fn) {
  r.query = r.query
    .split('&')
    .map((p) => {
      const i = p.indexOf('=');
      const k = i < 0 ? p : p.slice(0, i);
      if (decodeURIComponent(k.replace(/\+/g, ' ')) !== key) return p;
      const v = fn(i < 0 ? '' : p.slice(i + 1));
      return v === null ? null : `${k}=${v}`;
    })
    .filter((p) => p !== null)
    .join('&');
}
const qkeys = (r) => [...new Set(r.query.split('&').map((p) => decodeURIComponent(p.split('=')[0].replace(/\+/g, ' '))))];
const editAuth = (r, fn) => hset(r, 'Authorization', fn(hget(r, 'Authorization')));
const flipLast = (s) => s.replace(/([0-9a-f])$/, (m, c) => (c === 'f' ? 'e' : 'f'));
const fmtDate = (d) => d.toISOString().replace(/[-:]|\.\d{3}/g, '');
// shift a YYYYMMDDTHHMMSSZ value by s seconds
function shiftX(x, s) {
  const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(x);
  return fmtDate(new Date(Date.UTC(+m[1], +m[2] - 1, +m[3], +m[4], +m[5], +m[6]) + s * 1000));
}

const send = (req) => sendRequest(endpoint, req);

function describe(res) {
  if (res.error) return `transport error ${res.error}`;
  return `HTTP ${res.status} Code=${res.code} ${res.json ? '' : 'body=' + JSON.stringify(res.text.slice(0, 200))}`;
}

async function expectAccepted(name, req) {
  const res = await send(req);
  if (res.error) return notOk(name, describe(res));
  if (res.code && SIG_FAMILY.has(res.code)) return notOk(name, `rejected by the signature check: ${describe(res)} ${res.json.ResponseMetadata.Error.Message || ''}`);
  if (res.status >= 500) return notOk(name, `server error: ${describe(res)}`);
  ok(`${name} (${describe(res)})`);
  return res;
}

async function expectError(name, req, code) {
  const res = await send(req);
  if (res.error) return notOk(name, describe(res));
  const status = E[code];
  if (res.code !== code || res.status !== status) return notOk(name, `want ${code}/${status}, got ${describe(res)}`);
  ok(`${name} -> ${code}`);
}

function startBody(taskId) {
  return JSON.stringify({
    AppId: APP,
    RoomId: `e2e-room-${RUN}`,
    TaskId: taskId,
    UserId: 'e2e-bot',
    SourceURL: 'https://example.com/page?a=1&b=2',
  });
}

async function main() {
  let mock = null;
  if (!endpoint) {
    const { startMock } = require('../../../integrations/node');
    mock = await startMock({ config: path.resolve(__dirname, '../../../fixtures/default.json') });
    endpoint = new URL(mock.endpoint);
    console.log(`# started rtc-mock at ${mock.endpoint}`);
  }
  await checks();
  if (mock) {
    const code = await mock.stop();
    if (code !== 0) notOk('rtc-mock exits 0 on SIGTERM', `exit code ${code}`);
  }
  console.log(`${passed} passed, ${failed} failed`);
  process.exit(failed ? 1 : 0);
}

async function checks() {
  const room = `e2e-room-${RUN}`;
  const t1 = `e2e-${RUN}-1`;
  const t2 = `e2e-${RUN}-2`;
  const now = () => new Date();

  // ---------------------------------------------------------------- accepted
  await expectAccepted('POST StartWebcast (Signer)', sdkSigned({ method: 'POST', action: 'StartWebcast', body: startBody(t1), date: now() }));
  await expectAccepted('POST StartWebcast, second task (Signer)', sdkSigned({ method: 'POST', action: 'StartWebcast', body: startBody(t2), date: now() }));
  const getParams = { AppId: APP, RoomId: room, TaskId: t1 };
  await expectAccepted('GET GetWebCastTask (Signer)', sdkSigned({ method: 'GET', action: 'GetWebCastTask', params: getParams, date: now() }));
  await expectAccepted(
    'GET GetWebCastTask with reserved and non-ASCII values (Signer)',
    sdkSigned({
      method: 'GET',
      action: 'GetWebCastTask',
      params: Object.assign({}, getParams, {
        Tag: "a&b=c+d/e?f#g%h i*j~k!l'm(n)",
        Name: '中文 直播😀',
        Empty: '',
      }),
      date: now(),
    })
  );
  await expectAccepted(
    'GET GetWebCastTask with repeated-looking keys taskid/Taskid/TaskId. (Signer)',
    sdkSigned({
      method: 'GET',
      action: 'GetWebCastTask',
      params: Object.assign({}, getParams, { taskid: 'x', Taskid: 'y', 'TaskId.': 'z', 'a/b': '1', 'a.b': '2' }),
      date: now(),
    })
  );
  await expectAccepted(
    'GET GetWebCastTask with a repeated key, values in sorted order (Signer)',
    sdkSigned({ method: 'GET', action: 'GetWebCastTask', params: Object.assign({}, getParams, { Tag: ['a', 'b'] }), date: now() })
  );
  await expectAccepted(
    'GET GetWebCastTask with a repeated key, values NOT sorted (Signer signs them sorted, sends them as given)',
    sdkSigned({ method: 'GET', action: 'GetWebCastTask', params: Object.assign({}, getParams, { Tag: ['b', 'a'] }), date: now() })
  );
  await expectAccepted('GET GetWebCastTask, query (presigned) form (Signer#getSignUrl)', sdkPresigned({ action: 'GetWebCastTask', params: getParams, date: now() }));
  await expectAccepted('POST StopWebcast (Signer)', sdkSigned({ method: 'POST', action: 'StopWebcast', body: JSON.stringify({ AppId: APP, RoomId: room, TaskId: t2 }), date: now() }));

  // the SDK's complete request path (RtcService#createAPI -> fetchOpenAPI -> axios)
  {
    let last = null;
    sdkAxios().interceptors.response.use((res) => ((last = res), res));
    const svc = new sdk.rtcOpenapi.RtcService({ host: endpoint.host, protocol: endpoint.protocol, region: REGION, accessKeyId: AK, secretKey: SK });
    const calls = [
      ['RtcService#createAPI StartWebcast', svc.createAPI('StartWebcast', { method: 'POST', contentType: 'json', Version: VERSION }), JSON.parse(startBody(`e2e-${RUN}-3`))],
      ['RtcService#createAPI GetWebCastTask', svc.createAPI('GetWebCastTask', { method: 'GET', Version: VERSION }), { AppId: APP, RoomId: room, TaskId: `e2e-${RUN}-3`, Note: 'x y+z/中' }],
      ['RtcService#createAPI StopWebcast', svc.createAPI('StopWebcast', { method: 'POST', contentType: 'json', Version: VERSION }), { AppId: APP, RoomId: room, TaskId: `e2e-${RUN}-3` }],
    ];
    for (const [name, fn, data] of calls) {
      try {
        last = null;
        const body = await fn(data);
        const err = body && body.ResponseMetadata && body.ResponseMetadata.Error;
        if (err && SIG_FAMILY.has(err.Code)) notOk(name, `rejected by the signature check: ${err.Code} ${err.Message || ''}`);
        else if (last && last.status >= 500) notOk(name, `server error HTTP ${last.status}`);
        else ok(`${name} (HTTP ${last && last.status} Code=${err ? err.Code : null})`);
      } catch (e) {
        notOk(name, `SDK threw ${e.message}`);
      }
    }
  }

  // ---------------------------------------------------------------- tampered after signing
  const post = sdkSigned({ method: 'POST', action: 'StartWebcast', body: startBody(`e2e-${RUN}-t`), date: now() });
  const get = sdkSigned({ method: 'GET', action: 'GetWebCastTask', params: Object.assign({}, getParams, { Tag: 'a b', Name: '中文' }), date: now() });
  const signedHeaderNames = (r) => /SignedHeaders=([^,]*)/.exec(hget(r, 'Authorization'))[1].split(';');
  const T = async (name, baseReq, fn, code) => {
    const r = clone(baseReq);
    fn(r);
    await expectError(name, r, code);
  };

  // method
  await T('GET signed, sent as POST', get, (r) => (r.method = 'POST'), 'SignatureDoesNotMatch');
  // each signed header
  for (const h of signedHeaderNames(post)) {
    if (h === 'x-date') {
      await T('POST: x-date +1 s after signing', post, (r) => hset(r, 'X-Date', shiftX(hget(r, 'X-Date'), 1)), 'SignatureDoesNotMatch');
    } else if (h === 'x-content-sha256') {
      await T('POST: x-content-sha256 changed after signing', post, (r) => hset(r, 'X-Content-Sha256', crypto.createHash('sha256').update('{}').digest('hex')), 'SignatureDoesNotMatch');
    } else {
      await T(`POST: ${h} changed after signing`, post, (r) => hset(r, h, hget(r, h) + 'x'), 'SignatureDoesNotMatch');
    }
  }
  for (const h of signedHeaderNames(get)) {
    if (h === 'x-date') await T('GET: x-date -1 s after signing', get, (r) => hset(r, 'X-Date', shiftX(hget(r, 'X-Date'), -1)), 'SignatureDoesNotMatch');
    else await T(`GET: ${h} changed after signing`, get, (r) => hset(r, h, hget(r, h) + 'x'), 'SignatureDoesNotMatch');
  }
  // each query param
  for (const k of qkeys(post)) {
    if (k === 'Action') await T('POST: Action StartWebcast -> StopWebcast after signing', post, (r) => qmap(r, k, () => 'StopWebcast'), 'SignatureDoesNotMatch');
    else if (k === 'Version') await T('POST: Version changed after signing (unsupported version)', post, (r) => qmap(r, k, () => '2019-01-01'), 'InvalidActionOrVersion');
  }
  for (const k of qkeys(get)) {
    if (k === 'Action' || k === 'Version') continue;
    await T(`GET: query param ${k} changed after signing`, get, (r) => qmap(r, k, (v) => v + 'x'), 'SignatureDoesNotMatch');
  }
  await T('GET: query param added after signing', get, (r) => (r.query += '&Extra=1'), 'SignatureDoesNotMatch');
  await T('GET: query param TaskId removed after signing', get, (r) => qmap(r, 'TaskId', () => null), 'SignatureDoesNotMatch');
  await T('GET: Tag "a b" re-sent as a%2Bb', get, (r) => qmap(r, 'Tag', () => 'a%2Bb'), 'SignatureDoesNotMatch');
  // body
  await T('POST: body changed after signing', post, (r) => (r.body = r.body.replace('e2e-bot', 'e2e-bou')), 'SignatureDoesNotMatch');
  await T('POST: body changed, x-content-sha256 updated', post, (r) => {
    r.body = r.body.replace('e2e-bot', 'e2e-bou');
    hset(r, 'X-Content-Sha256', crypto.createHash('sha256').update(r.body).digest('hex'));
  }, 'SignatureDoesNotMatch');
  // signature
  await T('POST: signature last hex digit changed', post, (r) => editAuth(r, (a) => flipLast(a)), 'SignatureDoesNotMatch');
  await T('POST: signature in uppercase hex', post, (r) => editAuth(r, (a) => a.replace(/Signature=(\w+)/, (m, s) => 'Signature=' + s.toUpperCase())), 'SignatureDoesNotMatch');
  await T('POST: signature truncated', post, (r) => editAuth(r, (a) => a.slice(0, -1)), 'SignatureDoesNotMatch');
  await T('POST: Signature= removed', post, (r) => editAuth(r, (a) => a.replace(/, Signature=\w+/, '')), 'MissingSignature');
  // credential
  await T('POST: credential AK -> AKLTOTHERACCOUNT', post, (r) => editAuth(r, (a) => a.replace(`Credential=${AK}/`, 'Credential=AKLTOTHERACCOUNT/')), 'SignatureDoesNotMatch');
  await T('POST: credential AK -> unknown key', post, (r) => editAuth(r, (a) => a.replace(`Credential=${AK}/`, 'Credential=AKLTNOSUCHKEY/')), 'InvalidAccessKey');
  await T('POST: credential scope date -> previous day', post, (r) => editAuth(r, (a) => a.replace(/Credential=([^/]+)\/(\d{8})/, (m, ak, d) => `Credential=${ak}/${fmtDate(new Date(Date.now() - 86400000)).slice(0, 8)}`)), 'SignatureDoesNotMatch');
  await T('POST: credential scope region -> cn-beijing', post, (r) => editAuth(r, (a) => a.replace('/cn-north-1/', '/cn-beijing/')), 'SignatureDoesNotMatch');
  await T('POST: credential scope service -> vod', post, (r) => editAuth(r, (a) => a.replace('/rtc/request', '/vod/request')), 'ServiceNotFound');
  await T('POST: SignedHeaders reduced to x-date', post, (r) => editAuth(r, (a) => a.replace(/SignedHeaders=[^,]*/, 'SignedHeaders=x-date')), 'SignatureDoesNotMatch');
  // missing pieces
  await T('POST: Authorization removed', post, (r) => hdel(r, 'Authorization'), 'MissingAuthenticationToken');
  await T('POST: X-Date removed', post, (r) => hdel(r, 'X-Date'), 'MissingRequestInfo');
  await expectError('POST: signed 1000 s in the past', sdkSigned({ method: 'POST', action: 'StartWebcast', body: startBody(`e2e-${RUN}-old`), date: new Date(Date.now() - 1000 * 1000) }), 'InvalidTimestamp');
  await expectError('POST: signed 1000 s in the future', sdkSigned({ method: 'POST', action: 'StartWebcast', body: startBody(`e2e-${RUN}-new`), date: new Date(Date.now() + 1000 * 1000) }), 'InvalidTimestamp');
  // query (presigned) form
  const pre = sdkPresigned({ action: 'GetWebCastTask', params: getParams, date: now() });
  await T('presigned: X-Signature changed', pre, (r) => qmap(r, 'X-Signature', (v) => flipLast(v)), 'SignatureDoesNotMatch');
  await T('presigned: TaskId changed', pre, (r) => qmap(r, 'TaskId', (v) => v + 'x'), 'SignatureDoesNotMatch');
  await T('presigned: X-Date changed by 1 s', pre, (r) => qmap(r, 'X-Date', (v) => shiftX(v, -1)), 'SignatureDoesNotMatch');
  await T('presigned: X-Credential AK -> unknown key', pre, (r) => qmap(r, 'X-Credential', (v) => v.replace(AK, 'AKLTNOSUCHKEY')), 'InvalidAccessKey');
  await T('presigned: X-Signature removed', pre, (r) => qmap(r, 'X-Signature', () => null), 'MissingAuthenticationToken');
  await expectError('presigned: used 1000 s after X-Date (default X-Expires 900)', sdkPresigned({ action: 'GetWebCastTask', params: getParams, date: new Date(Date.now() - 1000 * 1000) }), 'InvalidTimestamp');

  await T('presigned: unsigned X-Expires=86400 appended', pre, (r) => (r.query += '&X-Expires=86400'), 'SignatureDoesNotMatch');

  // ---------------------------------------------------------------- temporary credentials (STS)
  await expectAccepted('STS: POST StartWebcast with X-Security-Token (Signer)', sdkSigned({ method: 'POST', action: 'StartWebcast', body: startBody(`e2e-${RUN}-sts`), date: now(), creds: STS }));
  await expectAccepted('STS: GET GetWebCastTask (Signer)', sdkSigned({ method: 'GET', action: 'GetWebCastTask', params: getParams, date: now(), creds: STS }));
  await expectAccepted('STS: presigned GET (Signer#getSignUrl)', sdkPresigned({ action: 'GetWebCastTask', params: getParams, date: now(), creds: STS }));
  {
    const svc = new sdk.rtcOpenapi.RtcService({ host: endpoint.host, protocol: endpoint.protocol, region: REGION, accessKeyId: STS.accessKeyId, secretKey: STS.secretKey, sessionToken: STS.sessionToken });
    try {
      const body = await svc.createAPI('StartWebcast', { method: 'POST', contentType: 'json', Version: VERSION })(JSON.parse(startBody(`e2e-${RUN}-sts-svc`)));
      const err = body && body.ResponseMetadata && body.ResponseMetadata.Error;
      if (err && SIG_FAMILY.has(err.Code)) notOk('STS: RtcService#createAPI StartWebcast', `rejected by the signature check: ${err.Code} ${err.Message || ''}`);
      else ok(`STS: RtcService#createAPI StartWebcast (Code=${err ? err.Code : null})`);
    } catch (e) {
      notOk('STS: RtcService#createAPI StartWebcast', `SDK threw ${e.message}`);
    }
  }
  const stsPost = sdkSigned({ method: 'POST', action: 'StartWebcast', body: startBody(`e2e-${RUN}-sts-t`), date: now(), creds: STS });
  await T('STS: X-Security-Token changed after signing', stsPost, (r) => hset(r, 'X-Security-Token', 'STSTOKENOTHER'), 'InvalidAccessKey');
  await T('STS: X-Security-Token removed', stsPost, (r) => hdel(r, 'X-Security-Token'), 'MissingAuthenticationToken');
  await T('STS: x-security-token dropped from SignedHeaders', stsPost, (r) => editAuth(r, (a) => a.replace(';x-security-token', '')), 'SignatureDoesNotMatch');
  await T('STS: body changed after signing', stsPost, (r) => (r.body = r.body.replace('e2e-bot', 'e2e-bou')), 'SignatureDoesNotMatch');
  await expectError('STS: signed with the secret of another account', sdkSigned({ method: 'POST', action: 'StartWebcast', body: startBody(`e2e-${RUN}-sts-w`), date: now(), creds: Object.assign({}, STS, { secretKey: SK }) }), 'SignatureDoesNotMatch');
  await expectError('STS: expired credentials', sdkSigned({ method: 'POST', action: 'StartWebcast', body: startBody(`e2e-${RUN}-sts-x`), date: now(), creds: STS_EXPIRED }), 'InvalidAccessKey');
  const stsPre = sdkPresigned({ action: 'GetWebCastTask', params: getParams, date: now(), creds: STS });
  await T('STS presigned: X-Security-Token changed', stsPre, (r) => qmap(r, 'X-Security-Token', () => 'STSTOKENOTHER'), 'InvalidAccessKey');
  await T('STS presigned: X-Security-Token removed', stsPre, (r) => qmap(r, 'X-Security-Token', () => null), 'MissingAuthenticationToken');
}

main().catch((e) => {
  console.log(`not ok - crashed: ${e && e.stack}`);
  console.log(`${passed} passed, ${failed + 1} failed`);
  process.exit(1);
});

#!/usr/bin/env node
'use strict';
// Requests shaped exactly as the official Go SDK sends them (fixtures/sdk-shapes/README.md), signed by the
// official Node SDK's Signer, against a live rtc-mock on a virtual clock:
//   node go-shapes-e2e.js [http://127.0.0.1:PORT]   (without a URL: started here through integrations/node)
//
// Creates the app's default and a BusinessId callback, lists them, updates one, routes two tasks' callbacks
// by BusinessId to a local receiver, deletes both settings through DeleteCallback's query form, runs the five
// task actions at Version 2023-11-01, and checks that an unpublished version is still refused
// (docs/service-facts.md §5, §6). Prints one line per check, then "N passed, M failed"; exits 1 on a failure.
//
// The mock must run with --clock virtual (the callbacks come after POST /_mock/clock/advance) and the default
// fixture (account 2100000001: AKLTLOCALMOCK / LOCALMOCKSECRET, app 600000000000000000000000, no callback).

const http = require('http');
const crypto = require('crypto');
const path = require('path');
const { signedRequest, sendRequest, callbackSignature } = require('./sdk');

const APP = '600000000000000000000000';
const CREDS = { accessKeyId: 'AKLTLOCALMOCK', secretKey: 'LOCALMOCKSECRET' };
const RUN = `${Date.now().toString(36)}${crypto.randomBytes(3).toString('hex')}`;
const ROOM = `go-shapes-${RUN}`;
const BIZ = `biz-${RUN}`;

// Without a URL the mock is started here, through the repository's Node helper (integrations/node: the binary
// of RTC_MOCK_BIN, else build/rtc-mock), on the default fixture and the virtual clock.
const base = process.argv[2] || process.env.RTC_ENDPOINT;
let endpoint = base ? new URL(base) : null;

let passed = 0;
let failed = 0;
function check(name, cond, why) {
  if (cond) {
    passed++;
    console.log(`ok - ${name}`);
  } else {
    failed++;
    console.log(`not ok - ${name}: ${why}`);
  }
  return cond;
}

// Go's encoding/json: struct field order, no spaces, & < > escaped (fixtures/sdk-shapes/README.md).
function goJson(fields) {
  return JSON.stringify(fields).replace(/&/g, '\\u0026').replace(/</g, '\\u003c').replace(/>/g, '\\u003e');
}

// A JSON action as the Go SDK sends it (CtxJson: application/json; query = Action, Version and `query`).
function goPost(action, version, body, query = {}) {
  return sendRequest(
    endpoint,
    signedRequest({
      method: 'POST',
      params: Object.assign({}, query, { Action: action, Version: version }),
      contentType: 'application/json',
      body,
      creds: CREDS,
    })
  );
}
// A query action as the Go SDK sends it (CtxQuery: no body; the Node Signer does not sign Content-Type).
function goGet(action, version, query) {
  return sendRequest(
    endpoint,
    signedRequest({
      method: 'GET',
      params: Object.assign({}, query, { Action: action, Version: version }),
      contentType: undefined,
      creds: CREDS,
    })
  );
}

function admin(method, path, body) {
  return new Promise((resolve) => {
    const data = body === undefined ? '' : JSON.stringify(body);
    const r = http.request(
      { host: endpoint.hostname, port: endpoint.port, method, path, headers: { 'Content-Type': 'application/json' } },
      (res) => {
        const chunks = [];
        res.on('data', (c) => chunks.push(c));
        res.on('end', () => {
          let json = null;
          try {
            json = JSON.parse(Buffer.concat(chunks).toString('utf8'));
          } catch (e) {
            /* not JSON */
          }
          resolve({ status: res.statusCode, json });
        });
      }
    );
    r.on('error', (e) => resolve({ status: 0, error: e.message }));
    r.end(data);
  });
}

const show = (res) => (res.error ? `transport error ${res.error}` : `HTTP ${res.status} ${res.text.slice(0, 300)}`);
const accepted = (res) => !res.error && res.status === 200 && !res.code;

// The receiver: every callback by path, its signature checked against the secret of the setting it is for.
function startReceiver(secrets) {
  const got = [];
  const server = http.createServer((req, res) => {
    const chunks = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', () => {
      let ev = null;
      try {
        ev = JSON.parse(Buffer.concat(chunks).toString('utf8'));
      } catch (e) {
        /* recorded as unparsed */
      }
      const path = req.url.split('?')[0];
      const signed = ev && ev.Signature === callbackSignature(ev, secrets[path]);
      got.push({ path, ev, signed, data: ev && ev.EventData ? JSON.parse(ev.EventData) : null });
      res.writeHead(200, { 'Content-Type': 'application/json' });
      res.end('{"ok":true}');
    });
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve({ server, got, port: server.address().port })));
}

async function waitFor(pred, ms) {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    if (pred()) return true;
    await new Promise((r) => setTimeout(r, 20));
  }
  return pred();
}

function startBody(taskId, businessId) {
  // StartWebcastBody: AppId, RoomId, SourceURL, TaskId, UserId, then the omitempty pointers that are set.
  const b = { AppId: APP, RoomId: ROOM, SourceURL: 'https://example.com/live?a=1&b=2', TaskId: taskId, UserId: `bot-${taskId}` };
  if (businessId) b.BusinessId = businessId;
  b.MaxRunningTime = 600;
  return goJson(b);
}

async function main() {
  let mock = null;
  if (!endpoint) {
    const { startMock } = require('../../../integrations/node');
    mock = await startMock({ clock: 'virtual', config: path.resolve(__dirname, '../../../fixtures/default.json') });
    endpoint = new URL(mock.endpoint);
    console.log(`# started rtc-mock at ${mock.endpoint}`);
  }
  const secrets = { '/default': 'go-default-secret', '/biz': 'go-biz-secret', '/biz-updated': 'go-biz-secret' };
  const rx = await startReceiver(secrets);
  const hook = (path) => `http://127.0.0.1:${rx.port}${path}`;
  try {
    // 1. CreateCallback, every field as the Go SDK sends it: the default setting, then a BusinessId's.
    let r = await goPost(
      'CreateCallback',
      '2020-12-01',
      goJson({ AppID: APP, BusinessId: '', EventList: null, SecretKey: secrets['/default'], URL: hook('/default') })
    );
    check('CreateCallback of the default setting (BusinessId "", EventList null)', accepted(r) && r.json.Result === 'ok', show(r));
    r = await goPost(
      'CreateCallback',
      '2020-12-01',
      goJson({ AppID: APP, BusinessId: BIZ, EventList: ['WebcastStatusChanged'], SecretKey: secrets['/biz'], URL: hook('/biz') })
    );
    check('CreateCallback of a BusinessId setting of the same app', accepted(r), show(r));
    r = await goPost('CreateCallback', '2020-12-01', goJson({ AppID: APP, BusinessId: BIZ, EventList: null, SecretKey: '', URL: hook('/x') }));
    check('CreateCallback of the same AppId + BusinessId again is refused', r.code === 'InvalidParameter.CallbackAlreadyExists', show(r));

    // 2. GetCallback: Result.Callbacks, the default first; never an EventList array at the top level.
    r = await goGet('GetCallback', '2020-12-01', { AppId: APP });
    const list = r.json && r.json.Result && r.json.Result.Callbacks;
    check('GetCallback lists both settings in Result.Callbacks', accepted(r) && Array.isArray(list) && list.length === 2, show(r));
    if (Array.isArray(list) && list.length === 2) {
      check(
        'GetCallback: the default setting first, then the BusinessId one, with the Go model fields',
        list[0].BusinessId === '' &&
          list[1].BusinessId === BIZ &&
          list[1].URL === hook('/biz') &&
          JSON.stringify(list[1].EventList) === '["WebcastStatusChanged"]' &&
          ['AccountId', 'AppId', 'CreatedAt', 'Region', 'SecretKey', 'UpdatedAt'].every((k) => typeof list[1][k] === 'string'),
        JSON.stringify(list)
      );
      check('GetCallback: no EventList array at the top level of Result', !Array.isArray(r.json.Result.EventList), JSON.stringify(r.json.Result));
    }

    // 3. UpdateCallback, every field, BusinessID with a capital D: "" and null leave the others as they were.
    r = await goPost('UpdateCallback', '2020-12-01', goJson({ AppID: APP, BusinessID: BIZ, EventList: null, SecretKey: '', URL: hook('/biz-updated') }));
    check('UpdateCallback of the BusinessId setting', accepted(r) && r.json.Result === 'ok', show(r));
    r = await goGet('GetCallback', '2020-12-01', { AppId: APP });
    const updated = r.json && r.json.Result && (r.json.Result.Callbacks || []).find((c) => c.BusinessId === BIZ);
    check(
      'UpdateCallback changed the URL and kept the SecretKey and EventList sent as "" and null',
      updated && updated.URL === hook('/biz-updated') && updated.SecretKey === secrets['/biz'] && updated.EventList.length === 1,
      JSON.stringify(updated)
    );

    // 4. Two tasks: one with the BusinessId (2023-11-01), one without (2020-12-01): each reports to its setting.
    r = await goPost('StartWebcast', '2023-11-01', startBody('routed', BIZ));
    check('StartWebcast at 2023-11-01 with the BusinessId', accepted(r) && r.json.ResponseMetadata.Version === '2023-11-01', show(r));
    r = await goPost('StartWebcast', '2020-12-01', startBody('plain'));
    check('StartWebcast at 2020-12-01 without a BusinessId', accepted(r) && r.json.ResponseMetadata.Version === '2020-12-01', show(r));
    const adv = await admin('POST', '/_mock/clock/advance', { Seconds: 2 });
    check('the virtual clock advances (the mock runs with --clock virtual)', adv.status === 200, JSON.stringify(adv));
    const both = await waitFor(() => rx.got.length >= 2, 5000);
    const byTask = (t) => rx.got.find((g) => g.data && g.data.TaskId === t);
    check('both tasks called back (Status=1)', both, JSON.stringify(rx.got.map((g) => g.path)));
    const routed = byTask('routed');
    const plain = byTask('plain');
    check('the BusinessId task reported to its setting, signed with its SecretKey', routed && routed.path === '/biz-updated' && routed.signed, JSON.stringify(routed));
    check("the task without a BusinessId reported to the app's default setting", plain && plain.path === '/default' && plain.signed, JSON.stringify(plain));
    const deliveries = await admin('GET', `/_mock/callbacks?app_id=${APP}`);
    const attempts = (deliveries.json && deliveries.json.Attempts) || [];
    check(
      'GET /_mock/callbacks names the BusinessId setting each delivery went to',
      attempts.some((a) => a.Task.endsWith('/routed') && a.BusinessId === BIZ) && attempts.some((a) => a.Task.endsWith('/plain') && a.BusinessId === ''),
      JSON.stringify(attempts.map((a) => [a.Task, a.BusinessId]))
    );

    // 5. The five task actions at Version 2023-11-01.
    r = await goGet('GetWebCastTask', '2023-11-01', { AppId: APP, RoomId: ROOM, TaskId: 'routed' });
    check('GetWebCastTask at 2023-11-01', accepted(r) && r.json.Result.WebCastTask.Status === 2 && r.json.ResponseMetadata.Version === '2023-11-01', show(r));
    r = await goPost('StopWebcast', '2023-11-01', goJson({ AppId: APP, RoomId: ROOM, TaskId: 'routed' }));
    check('StopWebcast at 2023-11-01', accepted(r) && r.json.Result === 'ok', show(r));
    r = await goPost('StopWebcast', '2023-11-01', goJson({ AppId: APP, RoomId: ROOM, TaskId: 'plain' }));
    check('StopWebcast at 2023-11-01 of a task started at 2020-12-01', accepted(r), show(r));
    r = await goPost('StartWBRecord', '2023-11-01', goJson({ AppId: APP, RoomId: ROOM, TaskId: 'wb', UserId: 'wb-user', BusinessId: BIZ }));
    check('StartWBRecord at 2023-11-01', accepted(r) && r.json.ResponseMetadata.Version === '2023-11-01', show(r));
    r = await goPost('StopWBRecord', '2023-11-01', goJson({ AppId: APP, RoomId: ROOM, TaskId: 'wb', UserId: 'wb-user' }));
    check('StopWBRecord at 2023-11-01', accepted(r), show(r));

    // 6. DeleteCallback: AppId (and BusinessId) in the query string, an empty body sent as application/json.
    r = await goPost('DeleteCallback', '2020-12-01', '', { AppId: APP, BusinessId: BIZ });
    check('DeleteCallback of the BusinessId setting through the query string', accepted(r) && r.json.Result === 'ok', show(r));
    r = await goPost('DeleteCallback', '2020-12-01', '', { AppId: APP });
    check('DeleteCallback of the default setting through the query string', accepted(r), show(r));
    r = await goGet('GetCallback', '2020-12-01', { AppId: APP });
    check('after both deletions the app has no callback', r.code === 'InvalidParameter.CallbackNotFound', show(r));

    // 7. What is not published is still refused.
    r = await goPost('StartWebcast', '2024-12-01', startBody('unpublished'));
    check('StartWebcast at an unpublished Version is refused', r.status === 404 && r.code === 'InvalidActionOrVersion', show(r));
    r = await goGet('GetCallback', '2023-11-01', { AppId: APP });
    check('GetCallback at 2023-11-01 (callback actions exist at 2020-12-01 only) is refused', r.status === 404 && r.code === 'InvalidActionOrVersion', show(r));
  } finally {
    rx.server.close();
    if (rx.server.closeAllConnections) rx.server.closeAllConnections();
  }
  if (mock) {
    const code = await mock.stop();
    check('rtc-mock exits 0 on SIGTERM', code === 0, `exit code ${code}`);
  }
  console.log(`${passed} passed, ${failed} failed`);
  process.exit(failed ? 1 : 0);
}

main().catch((e) => {
  console.log(`not ok - go-shapes-e2e crashed: ${e && e.stack}`);
  console.log(`${passed} passed, ${failed + 1} failed`);
  process.exit(1);
});

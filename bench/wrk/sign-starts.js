'use strict';
// Writes COUNT StartWebcast requests, each with a TaskId of its own, signed by the official Node SDK
// (@volcengine/openapi's Signer, through conformance/clients/node-sdk/sdk.js), one per line for wrk-replay.lua:
//   query <TAB> body <TAB> header: value <TAB> header: value ...
// Usage: node sign-starts.js COUNT OUT_FILE AK SK APP_ID [SAME]   (SAME: every line the same TaskId)
const fs = require('fs');
const path = require('path');
const { signedRequest } = require(path.join(__dirname, '../../conformance/clients/node-sdk/sdk.js'));

const [count, out, ak, sk, appId, same] = process.argv.slice(2);
const n = Number(count);
if (!(n > 0) || !out || !ak || !sk || !appId) {
  console.error('usage: node sign-starts.js COUNT OUT_FILE AK SK APP_ID [SAME]');
  process.exit(2);
}
const run = Date.now().toString(36);
const date = new Date();
const lines = [];
for (let i = 0; i < n; i++) {
  const body = JSON.stringify({
    AppId: appId,
    RoomId: 'wrk-room',
    TaskId: same ? `wrk-${run}` : `wrk-${run}-${i}`,
    UserId: 'wrk-user',
    SourceURL: 'https://example.com/page',
  });
  const req = signedRequest({
    method: 'POST',
    params: { Action: 'StartWebcast', Version: '2020-12-01' },
    body,
    contentType: 'application/json',
    date,
    creds: { accessKeyId: ak, secretKey: sk },
  });
  lines.push([req.query, body, ...req.headers.map(([k, v]) => `${k}: ${v}`)].join('\t'));
}
fs.writeFileSync(out, lines.join('\n') + '\n');

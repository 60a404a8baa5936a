'use strict';
// What the browser tests and the screenshot script share: the real rtc-mock on a free loopback port, a
// callback receiver, requests signed by the official Node SDK (conformance/clients/node-sdk), and Debian's
// Chromium driven by playwright-core with background networking off, host resolution limited to loopback and
// every request the page makes checked to stay on loopback.
const {spawn} = require('child_process');
const fs = require('fs');
const http = require('http');
const path = require('path');
const {chromium} = require('playwright-core');
const {sdkSign} = require('../../conformance/clients/node-sdk/sdk.js');

const ROOT = path.resolve(__dirname, '../..');
const MOCK = process.env.RTC_MOCK || path.join(ROOT, 'build/rtc-mock');
const CHROMIUM_CANDIDATES = [
  process.env.CHROMIUM,
  '/usr/lib/chromium/chromium-headless-shell',  // Debian chromium-headless-shell
  '/usr/lib/chromium/chromium',                 // Debian chromium
].filter(Boolean);

const APP = '600000000000000000000000';
const KEY = {ak: 'AKLTLOCALMOCK', sk: 'LOCALMOCKSECRET'};

const BROWSER_FLAGS = [
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-default-apps',
  '--disable-domain-reliability',
  '--no-pings',
  '--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1, EXCLUDE localhost',
];

function chromiumPath() {
  const found = CHROMIUM_CANDIDATES.find((p) => fs.existsSync(p));
  if (!found) throw new Error(`no Chromium binary (tried ${CHROMIUM_CANDIDATES.join(', ')}): scripts/setup.sh installs it`);
  return found;
}

// Starts rtc-mock on --port 0; resolves once it announced its port.
function startMock(flags = []) {
  return new Promise((resolve, reject) => {
    const proc = spawn(MOCK, ['--port', '0', '--config', path.join(ROOT, 'fixtures/default.json'), ...flags],
      {stdio: ['ignore', 'pipe', 'pipe']});
    let out = '';
    let err = '';
    const timer = setTimeout(() => reject(new Error(`rtc-mock did not announce its port: ${err}`)), 10000);
    proc.stderr.on('data', (d) => (err += d));
    proc.stdout.on('data', (d) => {
      out += d;
      const m = /listening on (http:\/\/127\.0\.0\.1:(\d+))/.exec(out);
      if (!m) return;
      clearTimeout(timer);
      resolve({
        url: m[1], port: Number(m[2]), proc,
        stop: () => new Promise((done) => {
          if (proc.exitCode !== null) return done(proc.exitCode);
          proc.once('exit', (code) => done(code));
          proc.kill('SIGTERM');
        }),
      });
    });
    proc.once('exit', (code) => reject(new Error(`rtc-mock exited ${code}: ${err}`)));
  });
}

// A callback receiver on loopback: answers 200 and keeps every body.
function startReceiver() {
  return new Promise((resolve) => {
    const bodies = [];
    const server = http.createServer((req, res) => {
      let body = '';
      req.on('data', (d) => (body += d));
      req.on('end', () => {
        try {
          bodies.push(JSON.parse(body));
        } catch {
          bodies.push(body);
        }
        res.writeHead(200, {'Content-Type': 'text/plain'});
        res.end('ok');
      });
    });
    server.listen(0, '127.0.0.1', () => resolve({
      url: `http://127.0.0.1:${server.address().port}/hook`, bodies,
      close: () => new Promise((done) => server.close(done)),
    }));
  });
}

function request(url, {method = 'GET', headers = {}, body} = {}) {
  return new Promise((resolve, reject) => {
    const req = http.request(url, {method, headers}, (res) => {
      let text = '';
      res.on('data', (d) => (text += d));
      res.on('end', () => {
        let json = null;
        try {
          json = JSON.parse(text);
        } catch {
          // not JSON
        }
        resolve({status: res.statusCode, headers: res.headers, text, json});
      });
    });
    req.on('error', reject);
    if (body !== undefined) req.write(body);
    req.end();
  });
}

// An admin call (JSON).
async function admin(mock, method, route, body, token) {
  const headers = {};
  if (token) headers.Authorization = `Bearer ${token}`;
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  return request(`${mock.url}${route}`, {method, headers, body: body === undefined ? undefined : JSON.stringify(body)});
}

function xdate(ms) {
  return new Date(ms).toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');
}

// Actions the API serves as GET, parameters in the query (docs/reference.md).
const GET_ACTIONS = new Set(['GetWebCastTask']);

// One API call signed by the official SDK with the mock's own time (so a virtual clock signs too).
// Resolves {status, json, requestId, canonicalRequest} (the client's canonical request).
// sentBody: a body other than the one signed (a body-hash mismatch).
async function callApi(mock, action, params, {sk = KEY.sk, ak = KEY.ak, token, sentBody} = {}) {
  const clock = (await admin(mock, 'GET', '/_mock/clock', undefined, token)).json;
  const get = GET_ACTIONS.has(action);
  const body = get ? undefined : JSON.stringify(params);
  const signed = sdkSign({
    method: get ? 'GET' : 'POST', path: '/',
    query: Object.assign({Action: action, Version: '2020-12-01'}, get ? params : {}),
    headers: get ? {} : {'Content-Type': 'application/json'}, body, ak, sk, region: 'cn-north-1',
    service: 'rtc', xdate: xdate(clock.NowMs),
  });
  const res = await request(`${mock.url}/?${signed.query}`,
    {method: get ? 'GET' : 'POST', headers: signed.headers, body: sentBody === undefined ? body : sentBody});
  const meta = (res.json && res.json.ResponseMetadata) || {};
  return {status: res.status, json: res.json, requestId: meta.RequestId, canonicalRequest: signed.canonical_request};
}

function startWebcastParams(taskId, room = 'room-1') {
  return {AppId: APP, RoomId: room, TaskId: taskId, UserId: 'capture', SourceURL: 'https://example.com/board'};
}

// Chromium with a page at 1280x800 whose every request must stay on loopback and whose console must stay
// free of errors: `problems` lists what went wrong, for the test to assert empty.
// launchOptions: more playwright launch options (hold-tab.js handles SIGTERM itself).
async function openBrowser(launchOptions = {}) {
  const browser = await chromium.launch(Object.assign({executablePath: chromiumPath(), args: BROWSER_FLAGS},
    launchOptions));
  const context = await browser.newContext({viewport: {width: 1280, height: 800}});
  const problems = [];
  await context.route('**/*', (route) => {
    const url = new URL(route.request().url());
    if (url.protocol === 'data:' || url.protocol === 'blob:' ||
        ['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname))
      return route.continue();
    problems.push(`a request left loopback: ${url.href}`);
    return route.abort();
  });
  const page = await context.newPage();
  page.on('console', (m) => {
    if (m.type() === 'error') problems.push(`console error: ${m.text()}`);
  });
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  return {browser, context, page, problems};
}

module.exports = {APP, KEY, admin, callApi, openBrowser, startMock, startReceiver, startWebcastParams};

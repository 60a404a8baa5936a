'use strict';
// The admin API client of rtc-mock (docs/admin-api.md of the rtc-mock repository), shared by the process launcher
// (index.js: startMock) and the container (container.js: RtcMockContainer). Node's built-in modules only.

const { exchange } = require('./http');

const ADMIN_TIMEOUT_MS = 30000;

// Account 2100000001 of the default fixture (fixtures/default.json, README "Running the mock").
const CREDENTIALS = Object.freeze({
  accessKeyId: 'AKLTLOCALMOCK',
  secretKey: 'LOCALMOCKSECRET',
  region: 'cn-north-1',
  service: 'rtc',
});

// ---- HTTP

// One request to the mock; resolves to {status, headers, text, json} (json null when the body is not JSON).
function request(base, token, method, pathAndQuery, body) {
  const headers = {};
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  if (token) headers.Authorization = `Bearer ${token}`;
  return exchange(base, {
    method,
    path: pathAndQuery,
    headers,
    body: body === undefined ? null : JSON.stringify(body),
    timeoutMs: ADMIN_TIMEOUT_MS,
  });
}

function queryString(filter, what) {
  if (filter === undefined || filter === null) return '';
  if (typeof filter !== 'object' || Array.isArray(filter)) throw new TypeError(`${what}: the filter must be an object`);
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(filter)) if (v !== undefined && v !== null) q.append(k, String(v));
  const s = q.toString();
  return s ? `?${s}` : '';
}

// An Error whose message is the mock's own ({"error": "..."}), with the status and body attached.
function adminError(method, pathAndQuery, res) {
  const own = res.json && typeof res.json.error === 'string' ? res.json.error : null;
  const err = new Error(own || `${method} ${pathAndQuery} answered HTTP ${res.status}: ${res.text.slice(0, 300)}`);
  err.status = res.status;
  err.body = res.json !== null ? res.json : res.text;
  return err;
}

function describeEntry(e) {
  const what = [e.Method, e.Action || '(no Action)', `HTTP ${e.HttpStatus}`];
  if (e.ErrorCode) what.push(e.ErrorCode);
  if (e.AppId) what.push(`AppId=${e.AppId}`);
  if (e.Fault) what.push(`fault ${e.Fault}`);
  return `  #${e.Seq} ${what.join(' ')}`;
}

// ---- the admin API of one mock

// What a started mock offers, wherever it runs (a process of startMock, a container of RtcMockContainer): its
// endpoint, the fixture's credentials, and the admin API as methods. A subclass adds stop().
class MockApi {
  constructor(endpoint, token) {
    this.endpoint = endpoint;
    this.credentials = Object.assign({}, CREDENTIALS);
    Object.defineProperty(this, '_base', { value: new URL(endpoint) });
    Object.defineProperty(this, '_token', { value: token });
  }

  // The answer's JSON when the status is 2xx, else a rejection with the mock's message.
  async _admin(method, pathAndQuery, body) {
    const res = await request(this._base, this._token, method, pathAndQuery, body);
    if (res.status < 200 || res.status > 299) throw adminError(method, pathAndQuery, res);
    return res.json;
  }

  advance(seconds) {
    if (typeof seconds !== 'number' || !Number.isFinite(seconds))
      return Promise.reject(new TypeError('advance(seconds): seconds must be a finite number'));
    return this._admin('POST', '/_mock/clock/advance', { Seconds: seconds });
  }

  async requests(filter) {
    return (await this._admin('GET', `/_mock/requests${queryString(filter, 'requests')}`)).Requests;
  }

  async verify(filter, count = 1) {
    if (!Number.isInteger(count) || count < 0) throw new TypeError('verify(filter, count): count must be a whole number >= 0');
    queryString(filter, 'verify');
    const body = { Filter: filter || {}, Count: count };
    const res = await request(this._base, this._token, 'POST', '/_mock/requests/verify', body);
    if (res.status === 200) return res.json;
    if (res.status !== 409) throw adminError('POST', '/_mock/requests/verify', res);
    // Like WireMock's verify: say what was found.
    const shown = JSON.stringify(filter || {});
    const matching = await this.requests(Object.assign({}, filter, { limit: 20 }));
    let found;
    if (matching.length) {
      found = `matching ${shown} (newest ${matching.length}):\n${matching.map(describeEntry).join('\n')}`;
    } else {
      const recent = await this.requests({ limit: 10 });
      found = recent.length
        ? `none matches ${shown}; the newest requests received:\n${recent.map(describeEntry).join('\n')}`
        : 'the mock has received no request';
    }
    const err = new Error(`${res.json && res.json.error ? res.json.error : `HTTP ${res.status}`}\n${found}`);
    err.status = res.status;
    err.body = res.json;
    err.count = res.json ? res.json.Count : undefined;
    throw err;
  }

  async callbacks(filter) {
    return (await this._admin('GET', `/_mock/callbacks${queryString(filter, 'callbacks')}`)).Attempts;
  }

  tasks() {
    return this._admin('GET', '/_mock/tasks');
  }

  fault(rule) {
    if (rule === null || typeof rule !== 'object' || Array.isArray(rule))
      return Promise.reject(new TypeError('fault(rule): rule must be an object, e.g. {Type: "error", Count: 1}'));
    return this._admin('POST', '/_mock/faults', rule);
  }

  clearFaults() {
    return this._admin('DELETE', '/_mock/faults');
  }

  pageEvent(appId, roomId, taskId, event) {
    const ids = [appId, roomId, taskId];
    if (ids.some((s) => typeof s !== 'string' || s === '') || typeof event !== 'string')
      return Promise.reject(new TypeError('pageEvent(appId, roomId, taskId, event): four strings'));
    const where = ids.map(encodeURIComponent).join('/');
    return this._admin('POST', `/_mock/tasks/webcast/${where}/events`, { Event: event });
  }

  reset() {
    return this._admin('POST', '/_mock/reset');
  }
}

module.exports = { MockApi, CREDENTIALS, request };

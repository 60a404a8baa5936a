#!/usr/bin/env node
'use strict';
// Traffic and checks of the replica suite (scripts/test.d/50-replicas.sh). Requests are signed by the official
// Node SDK's Signer (conformance/clients/node-sdk/sdk.js). Each command prints what it sees on stderr and, last
// on stdout, "PASS<TAB>figures" or "FAIL<TAB>figures".
//
//   drive.js config --limit L < default.json     the suite's config (below) from `rtc-mock --print-default-config`
//   drive.js race --tasks N                      starts N tasks through the balancer, stops each twice at once
//                                                on two different replicas; one end callback per task
//   drive.js burst --limit L                     StartWebcast bursts over the limit through the balancer
//   drive.js kill --victim URL --pid PID         tasks on a replica that is then killed -9: each ends once
//   drive.js seed --out FILE / check --in FILE   tasks and settings before a Redis restart, found again after
//   drive.js failfast --seconds S                while Redis is down or stalled: fast 5xx envelopes, health 503
//   drive.js recover --since-ms T                how long until every replica (and the balancer) serves again
//   drive.js trips                               Redis round trips per StartWebcast (the replica's metric)
//   drive.js verdicts --report FILE              a conformance run's verdicts against the committed ones
//
// Environment: RTC_LB (the balancer's URL), RTC_REPLICAS (the replicas' URLs, comma-separated), RTC_CB_URL
// (the callback receiver), RTC_CB_LOG (its log: one JSON line per delivery).

const fs = require('fs');
const http = require('http');
const path = require('path');
const { signedRequest } = require(path.join(__dirname, '../../conformance/clients/node-sdk/sdk.js'));
const { exchange: httpExchange } = require(path.join(__dirname, '../../integrations/node/http.js'));

const LB = process.env.RTC_LB;
const REPLICAS = (process.env.RTC_REPLICAS || '').split(',').filter(Boolean);
const CB_URL = process.env.RTC_CB_URL;
const CB_LOG = process.env.RTC_CB_LOG;
const VERSION = '2020-12-01';
// The suite's config (50-replicas.sh): account 2100000004, added for the suite with no rate limit, runs the
// lifecycle steps; account 2100000002 of fixtures/default.json (StartWebcast limited to --limit) the bursts.
const FREE = { creds: { accessKeyId: 'AKLTREPLICAS', secretKey: 'REPLICASSECRET' }, app: '600000000000000000000004' };
const LIMITED = { creds: { accessKeyId: 'AKLTOTHERACCOUNT', secretKey: 'OTHERSECRET' }, app: '600000000000000000000009' };
const END_STATUS = 2; // Callbacks.EndStatus of the fixture: the end callback's EventData.Status
const RUN = Date.now().toString(36);

const agent = new http.Agent({ keepAlive: true, maxSockets: 256 });
const freshAgent = new http.Agent({ keepAlive: false, maxSockets: 256 }); // failfast: every request connects

function log(...a) {
  process.stderr.write(a.join(' ') + '\n');
}
function args() {
  const out = { _: process.argv[2] };
  for (let i = 3; i < process.argv.length; i += 2) out[process.argv[i].replace(/^--/, '')] = process.argv[i + 1];
  return out;
}
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const now = () => Date.now();
function pct(xs, p) {
  if (!xs.length) return NaN;
  const s = xs.slice().sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))];
}
function finish(ok, figures) {
  process.stdout.write(`${ok ? 'PASS' : 'FAIL'}\t${figures.replace(/\s+/g, ' ')}\n`);
  process.exit(0);
}

// One HTTP exchange. Resolves {status, headers, text, json, code, ms} or {error, ms}.
async function exchange(base, { method, path: p, headers = {}, body = '' }, { timeoutMs = 5000, fresh = false } = {}) {
  const t0 = process.hrtime.bigint();
  const elapsed = () => Number(process.hrtime.bigint() - t0) / 1e6;
  try {
    const r = await httpExchange(base, {
      method,
      path: p,
      headers,
      body: body.length || method !== 'GET' ? body : null,
      timeoutMs,
      agent: fresh ? freshAgent : agent,
    });
    const err = r.json && r.json.ResponseMetadata && r.json.ResponseMetadata.Error;
    return Object.assign(r, { code: err ? err.Code : null, ms: elapsed() });
  } catch (e) {
    return { error: e.message, ms: elapsed() };
  }
}

// A signed API request prepared now (signing is not part of what a burst measures) and sent by send().
function prepare(action, params, { account = FREE, method = 'POST' } = {}) {
  const query = { Action: action, Version: VERSION };
  if (method === 'GET') Object.assign(query, params);
  const req = signedRequest({
    method,
    params: query,
    body: method === 'GET' ? undefined : JSON.stringify(params),
    contentType: method === 'GET' ? 'application/x-www-form-urlencoded' : 'application/json; charset=utf-8',
    creds: account.creds,
  });
  const headers = {};
  for (const [n, v] of req.headers) headers[n] = v;
  return { method, path: '/?' + req.query, headers, body: req.body || '' };
}
const send = (base, prepared, opts) => exchange(base, prepared, opts);
const call = (base, action, params, opts = {}) => send(base, prepare(action, params, opts), opts);
const ok = (r) => r.status === 200 && !r.code;

function startParams(task, { account = FREE, maxRunning } = {}) {
  const p = {
    AppId: account.app,
    RoomId: task.room,
    TaskId: task.id,
    UserId: `u-${task.id}`,
    SourceURL: 'https://example.com/page',
  };
  if (maxRunning) p.MaxRunningTime = maxRunning;
  return p;
}
const taskKey = (account, task) => ({ AppId: account.app, RoomId: task.room, TaskId: task.id });

async function admin(base, method, p, body) {
  const r = await exchange(base, {
    method,
    path: p,
    headers: { 'Content-Type': 'application/json' },
    body: body === undefined ? '' : JSON.stringify(body),
  });
  if (r.status !== 200 && r.status !== 201) throw new Error(`${method} ${p} on ${base}: ${r.status || r.error} ${r.text || ''}`);
  return r.json;
}
const setCallback = (app) => admin(LB, 'PUT', `/_mock/apps/${app}/callback`, { URL: CB_URL, SecretKey: 'replicas' });

// Runs fn over items with at most `width` at once.
async function pool(items, width, fn) {
  let next = 0;
  const workers = Array.from({ length: Math.min(width, items.length) }, async () => {
    while (next < items.length) {
      const i = next++;
      await fn(items[i], i);
    }
  });
  await Promise.all(workers);
}

// The end callbacks received so far, by TaskId: [{EventId, Reason, ArrivedMs}].
function endCallbacks(ids) {
  const wanted = new Set(ids);
  const out = new Map();
  const text = fs.existsSync(CB_LOG) ? fs.readFileSync(CB_LOG, 'utf8') : '';
  for (const line of text.split('\n')) {
    if (!line) continue;
    const { ArrivedMs, Body } = JSON.parse(line);
    let data;
    try {
      data = JSON.parse(Body.EventData);
    } catch (e) {
      continue;
    }
    if (!wanted.has(data.TaskId) || data.Status !== END_STATUS) continue;
    if (!out.has(data.TaskId)) out.set(data.TaskId, []);
    out.get(data.TaskId).push({ EventId: Body.EventId, Reason: data.Reason, ArrivedMs });
  }
  return out;
}

// Waits until every task has an end callback (or `timeoutMs`), then `settleMs` more for late duplicates.
// Returns {ends, missing, twice (distinct EventIds > 1), resent (same EventId delivered again), bad reasons}.
async function awaitEnds(ids, reason, timeoutMs, settleMs = 2000) {
  const deadline = now() + timeoutMs;
  let ends = endCallbacks(ids);
  while (ends.size < ids.length && now() < deadline) {
    await sleep(200);
    ends = endCallbacks(ids);
  }
  await sleep(settleMs);
  ends = endCallbacks(ids);
  const verdict = { ends, missing: [], twice: [], resent: 0, badReason: [] };
  for (const id of ids) {
    const got = ends.get(id) || [];
    const eventIds = new Set(got.map((e) => e.EventId));
    if (!got.length) verdict.missing.push(id);
    if (eventIds.size > 1) verdict.twice.push(id);
    verdict.resent += got.length - eventIds.size;
    if (got.some((e) => e.Reason !== reason)) verdict.badReason.push(`${id}:${got.map((e) => e.Reason).join('/')}`);
  }
  return verdict;
}
const few = (xs) => xs.slice(0, 5).join(', ') + (xs.length > 5 ? ', ...' : '');

// ---------------------------------------------------------------------------------------------- race
async function race(a) {
  const n = +(a.tasks || 200);
  await setCallback(FREE.app);
  const tasks = Array.from({ length: n }, (_, i) => ({ id: `race-${RUN}-${i}`, room: 'room-race' }));
  const starts = { ok: 0, other: [] };
  const stops = { ok: 0, notFound: 0, other: [] };
  const perTask = new Map();
  const stopAt = new Map();
  const t0 = now();
  await pool(tasks, 40, async (task, i) => {
    const s = await call(LB, 'StartWebcast', startParams(task));
    if (!ok(s)) return starts.other.push(`${task.id}:${s.status || s.error} ${s.code || ''}`);
    starts.ok++;
    // Half the tasks are stopped at once, half around their first frame (Lifecycle.FirstFrameDelayMs, 1 s):
    // the two stops race each other and, for those, the first-frame transition too.
    if (i % 2) await sleep(900 + Math.random() * 300);
    const a1 = REPLICAS[i % REPLICAS.length];
    const a2 = REPLICAS[(i + 1) % REPLICAS.length];
    const pa = prepare('StopWebcast', taskKey(FREE, task));
    const pb = prepare('StopWebcast', taskKey(FREE, task));
    stopAt.set(task.id, now());
    const rs = await Promise.all([send(a1, pa), send(a2, pb)]);
    let okCount = 0;
    for (const r of rs) {
      if (ok(r)) okCount++;
      else if (r.code === 'InvalidParameter.ErrorActiveTaskNotFound') stops.notFound++;
      else stops.other.push(`${task.id}:${r.status || r.error} ${r.code || ''}`);
    }
    stops.ok += okCount;
    perTask.set(task.id, okCount);
  });
  const sendMs = now() - t0;
  const stopped = tasks.filter((t) => perTask.has(t.id)).map((t) => t.id);
  const notOnce = stopped.filter((id) => perTask.get(id) !== 1);
  log(`   ${starts.ok}/${n} started, ${stops.ok} stops ok, ${stops.notFound} ActiveTaskNotFound in ${sendMs} ms`);
  if (starts.other.length) log(`   starts refused: ${few(starts.other)}`);
  if (stops.other.length) log(`   stops answered otherwise: ${few(stops.other)}`);
  if (notOnce.length) log(`   tasks not stopped exactly once: ${few(notOnce)}`);
  const v = await awaitEnds(stopped, 'StopByAPI', 20000);
  let lastMs = 0;
  for (const [id, got] of v.ends) lastMs = Math.max(lastMs, got[0].ArrivedMs - stopAt.get(id));
  if (v.missing.length) log(`   no end callback: ${few(v.missing)}`);
  if (v.twice.length) log(`   two end events: ${few(v.twice)}`);
  if (v.badReason.length) log(`   other reasons: ${few(v.badReason)}`);
  const once = stopped.length - v.missing.length - v.twice.length;
  const pass =
    starts.ok === n && !stops.other.length && !notOnce.length && !v.missing.length && !v.twice.length &&
    !v.resent && !v.badReason.length;
  finish(
    pass,
    `${n} tasks, ${2 * starts.ok} racing stops on 2 replicas each (${stops.ok} ok, ${stops.notFound} ` +
      `ActiveTaskNotFound, ${stops.other.length} other); ${once}/${stopped.length} exactly one end callback ` +
      `(${v.missing.length} none, ${v.twice.length} two events, ${v.resent} resent); last end ${lastMs} ms after its stops`
  );
}

// ---------------------------------------------------------------------------------------------- burst
async function burst(a) {
  const limit = +a.limit;
  const size = +(a.size || 3 * limit);
  const windowMs = +(a['window-ms'] || 1000);
  const wave = async (name) => {
    const reqs = Array.from({ length: size }, (_, i) =>
      prepare('StartWebcast', startParams({ id: `burst-${RUN}-${name}-${i}`, room: 'room-burst' }, { account: LIMITED }), {
        account: LIMITED,
      })
    );
    const t = now();
    const rs = await Promise.all(reqs.map((r) => send(LB, r)));
    const admitted = rs.filter(ok).length;
    const throttled = rs.filter((r) => r.status === 429 && r.code === 'FlowLimitExceeded.QPSOverLimit');
    const retryAfter = throttled.map((r) => +r.headers['retry-after']);
    const other = rs.filter((r) => !ok(r) && !throttled.includes(r)).map((r) => `${r.status || r.error} ${r.code || ''}`);
    const w = { name, sentAt: t, doneAt: now(), admitted, throttled: throttled.length, retryAfter, other };
    log(`   wave ${name} at +${t - t0} ms, ${w.doneAt - t} ms long: ${admitted} admitted, ${throttled.length} throttled` +
      (other.length ? `, other: ${few(other)}` : '') + `; Retry-After ${[...new Set(retryAfter)].join(',')}`);
    return w;
  };
  // Warm connections through the balancer to every replica (admin route: spends no budget).
  await Promise.all(Array.from({ length: 16 }, () => exchange(LB, { method: 'GET', path: '/_mock/health' })));
  const t0 = now();
  const A = await wave('A');
  await sleep(Math.max(0, t0 + windowMs / 2 - now()));
  const B = await wave('B'); // still inside A's window: spends what A left, no more
  await sleep(Math.max(0, t0 + windowMs + 150 - now()));
  const C = await wave('C'); // A's admissions have left the window: admitted again
  const waves = [A, B, C];
  const sameWindow = B.doneAt - t0 < windowMs;
  let journal = 'journal not read';
  let journalOk = true;
  const j = await exchange(LB, {
    method: 'GET',
    path: `/_mock/requests?action=StartWebcast&account=2100000002&limit=${4 * size}`,
  });
  if (j.json && Array.isArray(j.json.Requests)) {
    const mine = j.json.Requests.filter((e) => (e.Body || '').includes(`burst-${RUN}-`));
    const times = mine.filter((e) => e.HttpStatus === 200 && !e.ErrorCode).map((e) => e.TimeMs).sort((x, y) => x - y);
    let most = 0;
    for (let i = 0, k = 0; i < times.length; i++) {
      while (times[i] - times[k] >= windowMs) k++;
      most = Math.max(most, i - k + 1);
    }
    const replicas = new Set(mine.map((e) => e.Replica).filter(Boolean));
    journal = `journal: ${mine.length}/${3 * size} entries` + (replicas.size ? ` from ${replicas.size} replicas` : '') +
      `, at most ${most} admitted in any rolling ${windowMs} ms`;
    journalOk = most <= limit;
  }
  log(`   ${journal}`);
  const pass =
    sameWindow && A.admitted >= 1 && A.admitted + B.admitted <= limit && C.admitted >= 1 && C.admitted <= limit &&
    waves.every((w) => !w.other.length && w.retryAfter.every((s) => s >= 1)) && journalOk;
  finish(
    pass,
    `limit ${limit}/s, 3 waves of ${size} through the balancer: ${A.admitted} + ${B.admitted} admitted in the first ` +
      `${B.doneAt - t0} ms (<= ${limit}), ${C.admitted} after the window moved; ` +
      `${waves.reduce((s, w) => s + w.throttled, 0)} FlowLimitExceeded with Retry-After; ${journal}` +
      (sameWindow ? '' : ` (waves A+B took ${B.doneAt - t0} ms: not inside one window)`)
  );
}

// ---------------------------------------------------------------------------------------------- kill -9
async function kill(a) {
  const victim = a.victim;
  const pid = +a.pid;
  const maxRunning = +(a['max-running'] || 10);
  const n = +(a.tasks || 30);
  await setCallback(FREE.app);
  // Tasks started on the victim over 1.5 s, then on the balancer; the victim dies while their
  // MaxRunningTime ends fall due, so some are due before the kill, most after.
  const mk = (prefix, count) => Array.from({ length: count }, (_, i) => ({ id: `${prefix}-${RUN}-${i}`, room: 'room-kill' }));
  const onVictim = mk('kill-victim', n);
  const viaLb = mk('kill-lb', Math.ceil(n / 2));
  const startedAt = new Map();
  const refused = [];
  const start = async (base, task) => {
    const t = now();
    const r = await call(base, 'StartWebcast', startParams(task, { maxRunning }));
    if (ok(r)) startedAt.set(task.id, t);
    else refused.push(`${task.id}:${r.status || r.error} ${r.code || ''}`);
  };
  const first = now();
  for (const task of onVictim) {
    await start(victim, task);
    await sleep(1500 / n);
  }
  await pool(viaLb, 8, (task) => start(LB, task));
  const killAt = first + maxRunning * 1000 + 500;
  await sleep(killAt - now());
  process.kill(pid, 'SIGKILL');
  const killedAt = now();
  log(`   ${startedAt.size} tasks started (${onVictim.length} on the victim), victim killed -9 at +${killedAt - first} ms`);
  if (refused.length) log(`   refused: ${few(refused)}`);
  // Reads through the balancer right after the kill: haproxy sends the ones the dead replica refuses elsewhere.
  const reads = [];
  for (let i = 0; i < 40; i++) {
    const r = await call(LB, 'GetWebCastTask', taskKey(FREE, onVictim[i % n]), { method: 'GET' });
    if (!ok(r)) reads.push(`${r.status || r.error} ${r.code || ''}`);
    await sleep(50);
  }
  if (reads.length) log(`   reads through the balancer after the kill that failed: ${few(reads)}`);
  const ids = [...startedAt.keys()];
  const v = await awaitEnds(ids, 'ExceedMaxRunningTime', 30000, 3000);
  // Lateness of each end callback past its MaxRunningTime; the victim's tasks due after the kill were adopted.
  const late = (id) => v.ends.get(id)[0].ArrivedMs - (startedAt.get(id) + maxRunning * 1000);
  const adopted = onVictim.map((t) => t.id).filter((id) => v.ends.has(id) && startedAt.get(id) + maxRunning * 1000 > killedAt);
  const adoptMs = adopted.length ? Math.max(...adopted.map(late)) : NaN;
  const others = ids.filter((id) => v.ends.has(id) && !adopted.includes(id));
  const otherMs = others.length ? Math.max(...others.map(late)) : NaN;
  if (v.missing.length) log(`   no end callback: ${few(v.missing)}`);
  if (v.twice.length) log(`   two end events: ${few(v.twice)}`);
  if (v.badReason.length) log(`   other reasons: ${few(v.badReason)}`);
  const once = ids.length - v.missing.length - v.twice.length;
  const pass =
    !refused.length && !reads.length && !v.missing.length && !v.twice.length && !v.badReason.length && adopted.length > 0;
  finish(
    pass,
    `${ids.length} tasks (MaxRunningTime ${maxRunning} s, ${onVictim.length} started on the killed replica); ` +
      `${once}/${ids.length} exactly one ExceedMaxRunningTime end (${v.missing.length} none, ${v.twice.length} two ` +
      `events, ${v.resent} resent with the same EventId); ${adopted.length} due after the kill ended at most ` +
      `${adoptMs} ms late (adoption), the others at most ${otherMs} ms late; ${40 - reads.length}/40 GetWebCastTask ` +
      `through the balancer right after the kill answered`,
  );
}

// ---------------------------------------------------------------------------------------------- Redis restart
const SEED_APP = '600000000000000000000002';
const SEED_CB_APP = '600000000000000000000001';
async function seed(a) {
  const tasks = Array.from({ length: 20 }, (_, i) => ({ id: `durable-${RUN}-${i}`, room: 'room-durable' }));
  const refused = [];
  await pool(tasks, 8, async (task) => {
    const r = await call(LB, 'StartWebcast', startParams(task, { maxRunning: 3600 }));
    if (!ok(r)) refused.push(`${task.id}:${r.status || r.error} ${r.code || ''}`);
  });
  await admin(LB, 'PUT', `/_mock/apps/${SEED_APP}`, { WhiteboardRecordMode: 'signaling' });
  const cbUrl = `http://127.0.0.1:9/durable-${RUN}`;
  await admin(LB, 'PUT', `/_mock/apps/${SEED_CB_APP}/callback`, { URL: cbUrl, SecretKey: 'durable' });
  fs.writeFileSync(a.out, JSON.stringify({ tasks, cbUrl }));
  finish(!refused.length, `${tasks.length - refused.length} tasks started, 2 app settings changed` +
    (refused.length ? `; refused: ${few(refused)}` : ''));
}

async function check(a) {
  const { tasks, cbUrl } = JSON.parse(fs.readFileSync(a.in, 'utf8'));
  const problems = [];
  for (const base of REPLICAS) {
    const listed = await admin(base, 'GET', '/_mock/tasks');
    const text = JSON.stringify(listed);
    const lost = tasks.filter((t) => !text.includes(t.id));
    if (lost.length) problems.push(`${base}/_mock/tasks lacks ${lost.length} (${few(lost.map((t) => t.id))})`);
    const app = await admin(base, 'GET', `/_mock/apps/${SEED_APP}`);
    if (app.WhiteboardRecordMode !== 'signaling') problems.push(`${base}: ${SEED_APP} WhiteboardRecordMode ${app.WhiteboardRecordMode}`);
    const cb = await admin(base, 'GET', `/_mock/apps/${SEED_CB_APP}`);
    if (!cb.Callback || cb.Callback.URL !== cbUrl) problems.push(`${base}: ${SEED_CB_APP} callback ${JSON.stringify(cb.Callback)}`);
  }
  let running = 0;
  await pool(tasks, 8, async (task) => {
    const r = await call(LB, 'GetWebCastTask', taskKey(FREE, task), { method: 'GET' });
    const st = r.json && r.json.Result && r.json.Result.WebCastTask && r.json.Result.WebCastTask.Status;
    if (ok(r) && (st === 1 || st === 2)) running++;
    else problems.push(`GetWebCastTask ${task.id}: ${r.status || r.error} ${r.code || ''} Status ${st}`);
  });
  for (const p of problems.slice(0, 8)) log(`   ${p}`);
  finish(!problems.length, `${running}/${tasks.length} tasks still running (GetWebCastTask through the balancer), ` +
    `listed by ${REPLICAS.length} replicas, both app settings kept` + (problems.length ? `; ${problems.length} problems` : ''));
}

// ---------------------------------------------------------------------------------------------- Redis down
async function failfast(a) {
  const until = now() + 1000 * +(a.seconds || 2);
  const api = [];
  const health = [];
  const lb = new Map();
  let i = 0;
  while (now() < until) {
    const round = REPLICAS.map(async (base) => {
      const task = { id: `down-${RUN}-${i++}`, room: 'room-down' };
      const rs = await Promise.all([
        call(base, 'StartWebcast', startParams(task), { fresh: true, timeoutMs: 3000 }),
        call(base, 'GetWebCastTask', taskKey(FREE, task), { method: 'GET', fresh: true, timeoutMs: 3000 }),
      ]);
      api.push(...rs);
      health.push(await exchange(base, { method: 'GET', path: '/_mock/health' }, { fresh: true, timeoutMs: 3000 }));
    });
    const viaLb = call(LB, 'GetWebCastTask', taskKey(FREE, { id: 'x', room: 'room-down' }), { method: 'GET', fresh: true, timeoutMs: 3000 });
    await Promise.all(round);
    const r = await viaLb;
    const k = `${r.status || r.error}${r.code ? ' ' + r.code : r.json ? '' : ' (balancer page)'}`;
    lb.set(k, (lb.get(k) || 0) + 1);
  }
  const ms = api.map((r) => r.ms);
  const envelope5xx = api.filter((r) => r.status >= 500 && r.status < 600 && r.code);
  const codes = [...new Set(api.map((r) => `${r.status || r.error} ${r.code || ''}`.trim()))];
  const health503 = health.filter((r) => r.status === 503 && /redis|state/i.test(r.text || ''));
  const maxMs = Math.max(...ms);
  const p50 = pct(ms, 50);
  log(`   API answers: ${codes.join('; ')}; health: ${[...new Set(health.map((r) => r.status || r.error))].join(',')} ` +
    `${(health[0] && health[0].text) || ''}`);
  log(`   balancer meanwhile: ${[...lb].map(([k, c]) => `${c}x ${k}`).join('; ')}`);
  // CONTRACT.md: "within about 200 ms (never over 1 s)"
  const pass = envelope5xx.length === api.length && p50 <= 250 && maxMs < 1000 && health503.length === health.length;
  finish(
    pass,
    `${api.length} API requests to ${REPLICAS.length} replicas: ${envelope5xx.length} 5xx envelopes ` +
      `(${codes.join(', ')}), p50 ${p50.toFixed(0)} ms, p99 ${pct(ms, 99).toFixed(0)} ms, max ${maxMs.toFixed(0)} ms; ` +
      `health ${health503.length}/${health.length} 503 naming the state engine (max ${Math.max(...health.map((r) => r.ms)).toFixed(0)} ms)`,
  );
}

async function recover(a) {
  const since = +a['since-ms'];
  const timeoutMs = 1000 * +(a.timeout || 15);
  const task = { id: `recover-${RUN}`, room: 'room-recover' };
  const serving = async (base) => {
    for (;;) {
      const r = await call(base, 'GetWebCastTask', taskKey(FREE, task), { method: 'GET', fresh: true, timeoutMs: 2000 });
      // Unknown task: the request went through the limiter and the task store, so Redis answered.
      if (r.status === 400 && r.code === 'InvalidParameter.ErrorActiveTaskNotFound') return now() - since;
      if (now() - since > timeoutMs) return Infinity;
      await sleep(50);
    }
  };
  const times = await Promise.all(REPLICAS.map(serving));
  const lbMs = await serving(LB);
  const worst = Math.max(...times);
  const fmt = (x) => (Number.isFinite(x) ? `${(x / 1000).toFixed(2)} s` : `not within ${timeoutMs / 1000} s`);
  finish(worst <= timeoutMs && lbMs <= timeoutMs,
    `replicas serve again ${times.map(fmt).join(', ')} after Redis answers, the balancer ${fmt(lbMs)}`);
}

// ---------------------------------------------------------------------------------------------- skewed clocks
// One replica's clock 10 minutes ahead of the others (POST /_mock/clock/advance: within the X-Date skew, so
// its signatures still pass): the shared windows count on Redis's TIME, so a burst split over the three
// replicas still admits at most `limit` (on the replicas' clocks, the ahead one would start the window afresh).
// A reset afterwards puts every replica's clock back.
async function skew(a) {
  const limit = +a.limit;
  const size = +(a.size || 3 * limit);
  const ahead = REPLICAS[1];
  const moved = await exchange(ahead, { method: 'POST', path: '/_mock/clock/advance', body: JSON.stringify({ Seconds: 600 }) });
  if (moved.status !== 200) return finish(false, `clock advance on ${ahead}: HTTP ${moved.status} ${moved.text || ''}`);
  await sleep(1100); // the earlier bursts leave the window
  const reqs = Array.from({ length: size }, (_, i) => ({
    base: REPLICAS[i % REPLICAS.length],
    req: prepare('StartWebcast', startParams({ id: `skew-${RUN}-${i}`, room: 'room-skew' }, { account: LIMITED }), {
      account: LIMITED,
    }),
  }));
  const t = now();
  const rs = await Promise.all(reqs.map(({ base, req }) => send(base, req)));
  const took = now() - t;
  const admitted = rs.filter(ok).length;
  const aheadAdmitted = rs.filter((r, i) => ok(r) && reqs[i].base === ahead).length;
  const throttled = rs.filter((r) => r.status === 429 && r.code === 'FlowLimitExceeded.QPSOverLimit').length;
  const other = rs.filter((r) => !ok(r) && r.status !== 429).map((r) => `${r.status || r.error} ${r.code || ''}`);
  const reset = await exchange(LB, { method: 'POST', path: '/_mock/reset' });
  finish(
    took < 1000 && admitted >= 1 && admitted <= limit && admitted + throttled === size && reset.status === 200,
    `replica r2's clock 600 s ahead: ${size} StartWebcast split over ${REPLICAS.length} replicas in ${took} ms, ` +
      `${admitted} admitted (<= ${limit}; ${aheadAdmitted} by r2), ${throttled} FlowLimitExceeded` +
      (other.length ? `, other: ${few(other)}` : '') + `; reset ${reset.status}`
  );
}

// ---------------------------------------------------------------------------------------------- live stream
// The inspector's live stream (GET /_mock/events) on one replica shows the requests the other replicas answer:
// on a shared engine its rows come from the shared journal.
async function live(a) {
  const watched = REPLICAS[0];
  const others = REPLICAS.slice(1);
  const n = +(a.requests || 6);
  const url = new URL(watched);
  const seen = new Map(); // RequestId -> Replica-less row
  let hello = false;
  let buffer = '';
  const req = http.get({ host: url.hostname, port: url.port, path: '/_mock/events', agent: false }, (res) => {
    res.setEncoding('utf8');
    res.on('data', (chunk) => {
      buffer += chunk;
      let end;
      while ((end = buffer.indexOf('\n\n')) >= 0) {
        const block = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        const name = /^event: (.*)$/m.exec(block);
        const data = /^data: (.*)$/m.exec(block);
        if (!name || !data) continue;
        if (name[1] === 'hello') hello = true;
        if (name[1] === 'requests') for (const row of JSON.parse(data[1]).Rows) seen.set(row.RequestId, row);
      }
    });
  });
  req.on('error', () => {});
  const until = async (cond, ms) => {
    const end = now() + ms;
    while (!cond() && now() < end) await sleep(50);
    return cond();
  };
  if (!(await until(() => hello, 3000))) {
    req.destroy();
    return finish(false, `no hello on ${watched}/_mock/events within 3 s`);
  }
  const ids = [];
  for (let i = 0; i < n; i++) {
    const task = { id: `live-${RUN}-${i}`, room: 'room-live' };
    const r = await call(others[i % others.length], 'StartWebcast', startParams(task));
    const md = r.json && r.json.ResponseMetadata;
    if (ok(r) && md) ids.push(md.RequestId);
  }
  const t0 = now();
  const all = await until(() => ids.every((id) => seen.has(id)), 3000);
  const ms = now() - t0;
  req.destroy();
  finish(ids.length === n && all,
    `${ids.filter((id) => seen.has(id)).length}/${n} StartWebcast answered by r2 and r3 shown on r1's live stream ` +
      `(within ${ms} ms of the last answer)`);
}

// ---------------------------------------------------------------------------------------------- round trips
// Redis round trips per StartWebcast on one replica: those its requests waited for
// (rtc_mock_state_request_round_trips_total{action="StartWebcast"}, counted per request on its own thread, so the
// due-event poll and the tasks' first frames meanwhile are not in it), and the writes posted without waiting.
// Account 2100000001 keeps its documented limit (150/s), so each start is admitted by the shared limiter; 100
// sequential starts stay under it.
const DEFAULT_ACCOUNT = { creds: { accessKeyId: 'AKLTLOCALMOCK', secretKey: 'LOCALMOCKSECRET' }, app: '600000000000000000000000' };
async function trips(a) {
  const base = REPLICAS[0];
  const n = +(a.starts || 100);
  const counters = async () => {
    const r = await exchange(base, { method: 'GET', path: '/_mock/metrics' });
    const text = r.text || '';
    const waited = /^rtc_mock_state_request_round_trips_total\{action="StartWebcast"\} (\d+)/m.exec(text);
    const posted = /^rtc_mock_state_posted_writes_total\{[^}]*\} (\d+)/m.exec(text);
    const all = /^rtc_mock_state_round_trips_total\{[^}]*\} (\d+)/m.exec(text);
    if (!posted || !all) throw new Error(`no rtc_mock_state_* counters in ${base}/_mock/metrics`);
    return { waited: waited ? +waited[1] : 0, posted: +posted[1], all: +all[1] };
  };
  // The first request after a settings change (the reset of the step before) reads the changed settings once
  // (one round trip each for the apps and the callback settings): not what a StartWebcast costs.
  await call(base, 'StartWebcast', startParams({ id: `trips-${RUN}-warm`, room: 'room-trips' }, { account: DEFAULT_ACCOUNT }), {
    account: DEFAULT_ACCOUNT,
  });
  const c0 = await counters();
  const t0 = now();
  let admitted = 0;
  for (let i = 0; i < n; i++) {
    const task = { id: `trips-${RUN}-${i}`, room: 'room-trips' };
    if (ok(await call(base, 'StartWebcast', startParams(task, { account: DEFAULT_ACCOUNT }), { account: DEFAULT_ACCOUNT }))) admitted++;
  }
  const c1 = await counters();
  const per = (c1.waited - c0.waited) / n;
  // A metrics read is not journaled, so every posted write here is a StartWebcast's journal entry.
  const posted = (c1.posted - c0.posted) / n;
  finish(admitted === n && per <= 2 && per > 0 && posted === 1,
    `${per.toFixed(2)} Redis round trips waited for per StartWebcast (at most 2: the admission and the create), ` +
    `and ${posted.toFixed(2)} write posted without waiting (the journal entry); ${n} sequential starts on one ` +
    `replica in ${now() - t0} ms, ${admitted} admitted; the replica made ${c1.all - c0.all} round trips in all ` +
    `meanwhile (its due-event poll and the tasks' first frames too)`);
}

// ---------------------------------------------------------------------------------------------- conformance
// The verdicts of a run of some scenarios (--only) against the committed ones of the same scenarios.
async function verdicts(a) {
  const expected = JSON.parse(
    fs.readFileSync(path.join(__dirname, '../../conformance/clients/node-sdk/expected-verdicts.json'), 'utf8')
  ).Verdicts;
  const report = JSON.parse(fs.readFileSync(a.report, 'utf8')).Scenarios;
  const changed = [];
  const count = {};
  for (const s of report) {
    count[s.Verdict] = (count[s.Verdict] || 0) + 1;
    const e = expected[s.Id];
    if (!e) changed.push(`${s.Id}: not in expected-verdicts.json`);
    else if (e.Verdict !== s.Verdict || e.Level !== s.Level)
      changed.push(`${s.Id}: expected ${e.Level} ${e.Verdict}, got ${s.Level} ${s.Verdict}: ${s.Why || ''}`);
  }
  for (const c of changed) log(`   ${c}`);
  const tally = Object.entries(count).map(([v, n]) => `${n} ${v}`).join(', ');
  finish(report.length > 0 && !changed.length,
    `${report.length} scenarios (${tally}): ${changed.length ? `${changed.length} verdicts differ from` : 'every verdict as in'} expected-verdicts.json`);
}

// ---------------------------------------------------------------------------------------------- config
// The default fixture (what the conformance verdicts were committed on), plus an account 2100000004 and its app
// with no rate limit for the steps that send fast, and account 2100000002's StartWebcast limited to --limit.
async function config(a) {
  const chunks = [];
  for await (const c of process.stdin) chunks.push(c);
  const cfg = JSON.parse(Buffer.concat(chunks).toString('utf8'));
  cfg.Accounts.push({ AccountId: '2100000004', AccessKey: FREE.creds.accessKeyId, SecretKey: FREE.creds.secretKey });
  cfg.Apps.push({ AppId: FREE.app, AccountId: '2100000004', VodEnabled: true, CloudRecordingEnabled: true, WhiteboardRecordMode: 'video' });
  cfg.RateLimits.Accounts = { 2100000004: { '*': 0 }, 2100000002: { StartWebcast: +a.limit } };
  process.stdout.write(JSON.stringify(cfg, null, 1) + '\n');
}

const commands = { config, race, burst, skew, live, kill, seed, check, failfast, recover, trips, verdicts };
const a = args();
if (!commands[a._]) {
  log(`usage: drive.js ${Object.keys(commands).join('|')} [--flag value ...]`);
  process.exit(2);
}
commands[a._](a).catch((e) => finish(false, `error: ${e.message}`));

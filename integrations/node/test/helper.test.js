'use strict';
// The helper against the real binary (RTC_MOCK_BIN, else the repository's build/rtc-mock): every method, its
// answers checked against what the mock serves, its errors carrying the mock's own message.
//   node --test integrations/node/test/

const assert = require('node:assert/strict');
const { describe, it, before, after } = require('node:test');
const childProcess = require('child_process');
const path = require('path');

const { startMock } = require('..');
const { raw, signedCall, startReceiver, alive, waitFor } = require('./support');

const APP = '600000000000000000000000';
const ROOM = 'helper-room';
const startBody = (taskId) => JSON.stringify({ AppId: APP, RoomId: ROOM, TaskId: taskId, UserId: 'bot', SourceURL: 'https://example.com/live' });

describe('a mock on the virtual clock', () => {
  let mock;
  let receiver;
  before(async () => {
    mock = await startMock({ clock: 'virtual' });
    receiver = await startReceiver();
  });
  after(async () => {
    if (mock) await mock.stop();
    if (receiver) await receiver.close();
  });

  it('is ready at its endpoint with the fixture account 1 as credentials', async () => {
    assert.match(mock.endpoint, /^http:\/\/127\.0\.0\.1:\d+$/);
    assert.notEqual(new URL(mock.endpoint).port, '8080');
    assert.deepEqual(mock.credentials, { accessKeyId: 'AKLTLOCALMOCK', secretKey: 'LOCALMOCKSECRET', region: 'cn-north-1', service: 'rtc' });
    const ready = await raw(mock.endpoint, 'GET', '/_mock/ready');
    assert.equal(ready.status, 200);
    assert.equal(ready.json.status, 'ready');
    // The credentials are the fixture's: a request signed with them is accepted.
    const started = await signedCall(mock, 'POST', 'StartWebcast', { body: startBody('t-cred') });
    assert.equal(started.status, 200, started.text);
    assert.equal(started.json.ResponseMetadata.Error, undefined, started.text);
  });

  it('requests(filter) resolves to the journal entries that match, newest last', async () => {
    await mock.reset();
    await signedCall(mock, 'POST', 'StartWebcast', { body: startBody('t-req') });
    await raw(mock.endpoint, 'POST', '/?Action=StartWebcast&Version=2020-12-01', { body: '{}' }); // unsigned
    const all = await mock.requests();
    assert.equal(all.length, 2);
    assert.deepEqual(all.map((e) => e.HttpStatus), [200, 401]);
    assert.ok(all[0].Seq < all[1].Seq);
    const ok = await mock.requests({ action: 'StartWebcast', code: 'ok' });
    assert.equal(ok.length, 1);
    assert.equal(ok[0].AccountId, '2100000001');
    assert.equal(ok[0].AppId, APP);
    const unsigned = await mock.requests({ verdict: 'unsigned' });
    assert.equal(unsigned.length, 1);
    assert.equal(unsigned[0].ErrorCode, 'MissingAuthenticationToken');
    assert.deepEqual(await mock.requests({ action: 'StopWebcast' }), []);
  });

  it('verify(filter, count) resolves on exactly count and otherwise lists what was found', async () => {
    await mock.reset();
    await signedCall(mock, 'POST', 'StartWebcast', { body: startBody('t-ver') });
    const seq = (await mock.requests())[0].Seq;
    assert.deepEqual(await mock.verify({ action: 'StartWebcast', code: 'ok' }, 1), { Ok: true, Count: 1 });
    assert.deepEqual(await mock.verify({ action: 'StartWebcast' }), { Ok: true, Count: 1 }); // count defaults to 1
    await assert.rejects(mock.verify({ action: 'StartWebcast' }, 2), (e) => {
      assert.match(e.message, /^expected exactly 2 matching requests, found 1\n/);
      assert.match(e.message, new RegExp(`#${seq} POST StartWebcast HTTP 200 AppId=${APP}`));
      assert.equal(e.status, 409);
      assert.equal(e.count, 1);
      return true;
    });
    await assert.rejects(mock.verify({ action: 'StopWebcast' }, 1), (e) => {
      assert.match(e.message, /^expected exactly 1 matching request/);
      assert.match(e.message, /none matches \{"action":"StopWebcast"\}; the newest requests received:\n {2}#\d+ POST StartWebcast HTTP 200/);
      return true;
    });
    assert.deepEqual(await mock.verify({ action: 'StopWebcast' }, 0), { Ok: true, Count: 0 });
    await assert.rejects(mock.verify({ verdict: 'sideways' }, 1), (e) => {
      assert.equal(e.status, 400);
      assert.match(e.message, /verdict/);
      return true;
    });
  });

  it('tasks() resolves to the tasks by kind', async () => {
    await mock.reset();
    await signedCall(mock, 'POST', 'StartWebcast', { body: startBody('t-task') });
    const tasks = await mock.tasks();
    assert.ok(Array.isArray(tasks.WBRecord));
    assert.equal(tasks.Webcast.length, 1);
    assert.equal(tasks.Webcast[0].TaskId, 't-task');
    assert.equal(tasks.Webcast[0].AppId, APP);
  });

  it('advance(seconds) moves the virtual clock and callbacks(filter) shows the deliveries it caused', async () => {
    await mock.reset();
    const put = await raw(mock.endpoint, 'PUT', `/_mock/apps/${APP}/callback`, { body: JSON.stringify({ URL: receiver.url, SecretKey: 's' }) });
    assert.equal(put.status, 200, put.text);
    await signedCall(mock, 'POST', 'StartWebcast', { body: startBody('t-cb') });
    const before = (await raw(mock.endpoint, 'GET', '/_mock/clock')).json.NowMs;
    const clock = await mock.advance(5);
    assert.equal(clock.Virtual, true);
    assert.equal(clock.NowMs, before + 5000);
    assert.ok(await waitFor(async () => (await mock.callbacks({ app_id: APP, outcome: 'delivered' })).length > 0, 5000), 'a delivery');
    const attempts = await mock.callbacks({ app_id: APP });
    assert.ok(attempts.every((a) => a.AppId === APP && a.URL === receiver.url));
    assert.ok(attempts.some((a) => a.Task.endsWith('/t-cb') && a.HttpStatus === 200));
    assert.ok(receiver.got.length > 0);
    assert.deepEqual(await mock.callbacks({ app_id: '600000000000000000000009' }), []);
    await assert.rejects(mock.advance(-1), { message: 'Seconds must be a number in [0, 315360000]', status: 400 });
  });

  it('pageEvent(appId, roomId, taskId, event) plays an event on the task page', async () => {
    await mock.reset();
    await signedCall(mock, 'POST', 'StartWebcast', { body: startBody('t-page') });
    await mock.advance(2);
    const answer = await mock.pageEvent(APP, ROOM, 't-page', 'PageFreeze');
    const raw404 = await raw(mock.endpoint, 'POST', `/_mock/tasks/webcast/${APP}/${ROOM}/no-such-task/events`, { body: '{"Event":"PageFreeze"}' });
    assert.equal(raw404.status, 404);
    await assert.rejects(mock.pageEvent(APP, ROOM, 'no-such-task', 'PageFreeze'), { message: raw404.json.error, status: 404 });
    assert.equal(answer.Applied, true);
    assert.equal(answer.Event, 'PageFreeze');
    assert.equal(answer.Page.Frozen, true);
    const task = (await mock.tasks()).Webcast.find((t) => t.TaskId === 't-page');
    assert.equal(task.Page.Frozen, true);
    await assert.rejects(mock.pageEvent(APP, ROOM, 't-page', 'NoSuchEvent'), {
      status: 400,
      message: 'Event must be one of PageFreeze, PageBlank, PageCrash, PageRecover, WebcastStart, WebcastEnd',
    });
    // Path segments are escaped: an id with a slash names no task rather than another route.
    await assert.rejects(mock.pageEvent(APP, 'a/b', 't-page', 'PageFreeze'), { status: 404 });
  });

  it('fault(rule) applies a rule and clearFaults() removes every rule', async () => {
    await mock.reset();
    const rule = await mock.fault({ Action: 'StartWebcast', Type: 'error', Count: 1 });
    assert.equal(rule.Id, 'f-1');
    assert.equal(rule.Remaining, 1);
    const faulted = await signedCall(mock, 'POST', 'StartWebcast', { body: startBody('t-f1') });
    assert.equal(faulted.status, 500);
    assert.equal(faulted.json.ResponseMetadata.Error.Code, 'InternalError');
    await mock.fault({ Type: 'error' });
    const cleared = await mock.clearFaults();
    assert.equal(cleared.Deleted, 2);
    const fine = await signedCall(mock, 'POST', 'StartWebcast', { body: startBody('t-f2') });
    assert.equal(fine.status, 200, fine.text);
    const bad = await raw(mock.endpoint, 'POST', '/_mock/faults', { body: '{"Type":"sideways"}' });
    assert.equal(bad.status, 400);
    await assert.rejects(mock.fault({ Type: 'sideways' }), { message: bad.json.error, status: 400 });
  });

  it('reset() brings the mock back to the fixture', async () => {
    await signedCall(mock, 'POST', 'StartWebcast', { body: startBody('t-reset') });
    await mock.fault({ Type: 'drop' });
    const answer = await mock.reset();
    assert.equal(answer.status, 'reset');
    assert.deepEqual(await mock.requests(), []);
    assert.deepEqual((await mock.tasks()).Webcast, []);
    assert.deepEqual((await raw(mock.endpoint, 'GET', '/_mock/faults')).json.Faults, []);
  });

  it('rejects bad arguments before sending anything', async () => {
    await assert.rejects(mock.advance('5'), TypeError);
    await assert.rejects(mock.fault(null), TypeError);
    await assert.rejects(mock.pageEvent(APP, ROOM), TypeError);
    await assert.rejects(mock.verify({}, -1), TypeError);
    await assert.rejects(mock.requests('action=x'), TypeError);
  });
});

describe('start-up and stop', () => {
  it('stop() ends the mock with SIGTERM and resolves to its exit code', async () => {
    const mock = await startMock();
    const pid = mock._child.pid;
    assert.ok(alive(pid));
    assert.equal(await mock.stop(), 0);
    assert.equal(alive(pid), false);
    assert.equal(await mock.stop(), 0); // again: the same answer
    await assert.rejects(mock.requests(), /ECONNREFUSED/);
  });

  it('passes env and args to the mock, and sends the admin token it found in them', async () => {
    const mock = await startMock({ env: { RTC_MOCK_CLOCK: 'virtual' }, args: ['--admin-token', 'tok'] });
    try {
      assert.equal((await raw(mock.endpoint, 'GET', '/_mock/clock')).status, 401);
      assert.equal((await mock.advance(1)).Virtual, true); // the variable reached it; the token is sent
      await mock.reset();
    } finally {
      await mock.stop();
    }
    const viaEnv = await startMock({ env: { RTC_MOCK_ADMIN_TOKEN: 'tok2' } });
    try {
      assert.equal((await raw(viaEnv.endpoint, 'GET', '/_mock/clock')).status, 401);
      assert.deepEqual(await viaEnv.tasks(), { Webcast: [], WBRecord: [] });
    } finally {
      await viaEnv.stop();
    }
  });

  it('rejects with the mock\'s stderr when it exits before it is ready', async () => {
    await assert.rejects(startMock({ config: '/nonexistent/rtc-mock.json' }), (e) => {
      assert.match(e.message, /exited with code 2 before it was ready/);
      assert.match(e.message, /rtc-mock: bad config: .*\/nonexistent\/rtc-mock\.json/);
      return true;
    });
    await assert.rejects(startMock({ args: ['--threads', 'many'] }), /--threads must be a whole number/);
  });

  it('rejects a binary that cannot be started, and bad options', async () => {
    await assert.rejects(startMock({ bin: '/nonexistent/rtc-mock' }), /could not be started: spawn \/nonexistent\/rtc-mock ENOENT/);
    await assert.rejects(startMock({ clock: 'sundial' }), TypeError);
    await assert.rejects(startMock({ port: 8080 }), /unknown option "port"/);
    await assert.rejects(startMock({ args: '--verbose' }), TypeError);
  });

  it('kills the mock when the Node process exits without stop()', async () => {
    // A script that starts a mock and forgets it: it still ends (the mock does not hold it open) and so does
    // the mock.
    const script = `require(${JSON.stringify(path.resolve(__dirname, '..'))}).startMock().then((m) => console.log(m._child.pid))`;
    const out = childProcess.execFileSync(process.execPath, ['-e', script], { env: process.env, timeout: 20000 }).toString();
    const pid = Number(out.trim());
    assert.ok(pid > 0, out);
    assert.ok(await waitFor(() => !alive(pid), 2000), `rtc-mock ${pid} still runs`);
    // And when it exits on an uncaught error.
    const failing = `require(${JSON.stringify(path.resolve(__dirname, '..'))}).startMock().then((m) => { console.log(m._child.pid); throw new Error('boom'); })`;
    const r = childProcess.spawnSync(process.execPath, ['-e', failing], { env: process.env, timeout: 20000 });
    const pid2 = Number(r.stdout.toString().trim());
    assert.notEqual(r.status, 0);
    assert.ok(pid2 > 0, r.stderr.toString());
    assert.ok(await waitFor(() => !alive(pid2), 2000), `rtc-mock ${pid2} still runs`);
  });
});

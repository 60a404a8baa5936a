'use strict';
// RtcMockContainer against a real image of scripts/image.sh (RTC_MOCK_IMAGE, e.g. rtc-mock:0.1.0) in the Docker
// daemon of DOCKER_HOST: the same object as startMock, every method with real answers, the admin token sent, a clean
// stop. Skipped without RTC_MOCK_IMAGE (scripts/test.d/25-node-helper.sh runs this folder without Docker).
//   TESTCONTAINERS_RYUK_DISABLED=true RTC_MOCK_IMAGE=rtc-mock:0.1.0 RTC_MOCK_CHROMIUM_IMAGE=rtc-mock:0.1.0-chromium \
//     node --test integrations/node/test/container.test.js
// (the reaper container "ryuk" would be pulled from Docker Hub; scripts/test.d/40-image.sh runs it so)

const assert = require('node:assert/strict');
const fs = require('fs');
const os = require('os');
const path = require('path');
const { describe, it, before, after } = require('node:test');

const { RtcMockContainer, CREDENTIALS } = require('..');
const { raw, signedCall, startReceiver, waitFor } = require('./support');

const IMAGE = process.env.RTC_MOCK_IMAGE;
const skip = IMAGE ? false : 'RTC_MOCK_IMAGE is not set (an image of scripts/image.sh; scripts/test.d/40-image.sh sets it)';
const APP = '600000000000000000000000';
const ROOM = 'container-room';
const startBody = (taskId) => JSON.stringify({ AppId: APP, RoomId: ROOM, TaskId: taskId, UserId: 'bot', SourceURL: 'https://example.com/live' });

describe('RtcMockContainer: a container on the virtual clock', { skip }, () => {
  let mock;
  let receiver;
  before(async () => {
    mock = await new RtcMockContainer(IMAGE, { clock: 'virtual' }).start();
    receiver = await startReceiver();
  });
  after(async () => {
    if (mock) await mock.stop();
    if (receiver) await receiver.close();
  });

  it('is healthy at a loopback endpoint with the fixture account as credentials', async () => {
    assert.match(mock.endpoint, /^http:\/\/127\.0\.0\.1:\d+$/);
    assert.deepEqual(mock.credentials, CREDENTIALS);
    const { getContainerRuntimeClient } = require('testcontainers');
    const client = await getContainerRuntimeClient();
    const info = await client.container.inspect(client.container.getById(mock.container.getId()));
    assert.equal(info.State.Health.Status, 'healthy');
    assert.equal(info.Config.User, '10001:10001');
    const started = await signedCall(mock, 'POST', 'StartWebcast', { body: startBody('t-cred') });
    assert.equal(started.status, 200, started.text);
    assert.equal(started.json.ResponseMetadata.Error, undefined, started.text);
  });

  it('requires its admin token, and sends it', async () => {
    const refused = await raw(mock.endpoint, 'GET', '/_mock/requests');
    assert.equal(refused.status, 401, refused.text);
    assert.match(refused.json.error, /Authorization: Bearer/);
    const mine = await mock.requests({ action: 'StartWebcast' });
    assert.ok(mine.length >= 1);
  });

  it('requests, verify, tasks, advance and callbacks answer from the container', async () => {
    await mock.reset();
    const put = await raw(mock.endpoint, 'PUT', `/_mock/apps/${APP}/callback`, {
      body: JSON.stringify({ URL: receiver.url, SecretKey: 's' }),
      headers: { Authorization: `Bearer ${mock._token}` },
    });
    assert.equal(put.status, 200, put.text);
    await signedCall(mock, 'POST', 'StartWebcast', { body: startBody('t-flow') });
    assert.deepEqual(await mock.verify({ action: 'StartWebcast', code: 'ok' }, 1), { Ok: true, Count: 1 });
    await assert.rejects(mock.verify({ action: 'StartWebcast' }, 2), (e) => {
      assert.equal(e.status, 409);
      assert.match(e.message, /^expected exactly 2 matching requests, found 1\n/);
      return true;
    });
    const entries = await mock.requests({ action: 'StartWebcast' });
    assert.equal(entries.length, 1);
    assert.equal(entries[0].AccountId, '2100000001');
    const [task] = (await mock.tasks()).Webcast;
    assert.equal(task.TaskId, 't-flow');
    const clock = await mock.advance(5);
    assert.equal(clock.Virtual, true);
    // The container shares the host's network: it reaches the receiver on this machine's 127.0.0.1.
    assert.ok(await waitFor(async () => (await mock.callbacks({ app_id: APP, outcome: 'delivered' })).length > 0, 5000), 'a delivery');
    assert.ok(receiver.got.some((g) => g.body.includes('t-flow')));
  });

  it('pageEvent, fault and clearFaults act on the mock in the container', async () => {
    await mock.reset();
    await signedCall(mock, 'POST', 'StartWebcast', { body: startBody('t-page') });
    await mock.advance(2);
    const answer = await mock.pageEvent(APP, ROOM, 't-page', 'PageFreeze');
    assert.equal(answer.Page.Frozen, true);
    const rule = await mock.fault({ Action: 'StartWebcast', Type: 'error', Count: 1 });
    assert.equal(rule.Id, 'f-1');
    const faulted = await signedCall(mock, 'POST', 'StartWebcast', { body: startBody('t-f1') });
    assert.equal(faulted.status, 500);
    await mock.fault({ Type: 'error' });
    assert.equal((await mock.clearFaults()).Deleted, 2); // the spent rule is still listed until cleared
    await assert.rejects(mock.pageEvent(APP, ROOM, 'no-such-task', 'PageFreeze'), { status: 404 });
  });
});

// A bridge network needs a daemon with one (scripts/lib/dockerd.sh makes one where the machine allows it; 40-image
// sets RTC_MOCK_DOCKER_BRIDGE=1 when the daemon lists a network named "bridge").
const skipBridge = skip || (process.env.RTC_MOCK_DOCKER_BRIDGE === '1' ? false : 'RTC_MOCK_DOCKER_BRIDGE is not 1 (the daemon has no bridge network)');

describe('RtcMockContainer: a container on a bridge network', { skip: skipBridge }, () => {
  it('publishes port 8080 on a free port of this machine, and the API and the admin API answer through it', async () => {
    const mock = await new RtcMockContainer(IMAGE, { network: 'bridge', clock: 'virtual' }).start();
    try {
      const { getContainerRuntimeClient } = require('testcontainers');
      const client = await getContainerRuntimeClient();
      const info = await client.container.inspect(client.container.getById(mock.container.getId()));
      assert.ok(['default', 'bridge'].includes(info.HostConfig.NetworkMode), info.HostConfig.NetworkMode);
      assert.ok(info.NetworkSettings.Networks.bridge, JSON.stringify(Object.keys(info.NetworkSettings.Networks)));
      const published = info.NetworkSettings.Ports['8080/tcp'];
      assert.ok(published && published.length > 0, JSON.stringify(info.NetworkSettings.Ports));
      assert.match(mock.endpoint, /^http:\/\/(127\.0\.0\.1|localhost):\d+$/);
      assert.equal(new URL(mock.endpoint).port, String(mock.container.getMappedPort(8080)));
      assert.notEqual(mock.container.getMappedPort(8080), 8080);
      const started = await signedCall(mock, 'POST', 'StartWebcast', { body: startBody('t-bridge') });
      assert.equal(started.status, 200, started.text);
      // From the container's side the client is the bridge's gateway, not loopback: the admin API wants the token.
      const refused = await raw(mock.endpoint, 'GET', '/_mock/requests');
      assert.equal(refused.status, 401, refused.text);
      assert.equal((await mock.requests({ action: 'StartWebcast' })).length, 1);
      assert.equal((await mock.advance(3)).Virtual, true);
      assert.equal((await mock.tasks()).Webcast[0].TaskId, 't-bridge');
    } finally {
      assert.equal(await mock.stop(), 0);
    }
  });
});

// The Chromium image (RTC_MOCK_CHROMIUM_IMAGE, 40-image sets it) with pages: 'chromium' opens a real page of this
// machine's loopback (the container shares the host's network).
const CHROMIUM_IMAGE = process.env.RTC_MOCK_CHROMIUM_IMAGE;
const skipChromium = CHROMIUM_IMAGE ? false : 'RTC_MOCK_CHROMIUM_IMAGE is not set (the -chromium image of scripts/image.sh)';

describe('RtcMockContainer: the Chromium image with real pages', { skip: skipChromium }, () => {
  it('opens the task\'s page in the container\'s browser, and the page reaches capturing', async () => {
    const http = require('http');
    const page = http.createServer((req, res) => {
      res.writeHead(200, { 'Content-Type': 'text/html' });
      res.end('<!doctype html><body style="background:#c02020"><h1>rtc-mock container page</h1></body>');
    });
    await new Promise((r) => page.listen(0, '127.0.0.1', r));
    const mock = await new RtcMockContainer(CHROMIUM_IMAGE, { pages: 'chromium' }).start();
    try {
      const sourceUrl = `http://127.0.0.1:${page.address().port}/`;
      const body = JSON.stringify({ AppId: APP, RoomId: ROOM, TaskId: 't-real', UserId: 'bot', SourceURL: sourceUrl });
      const started = await signedCall(mock, 'POST', 'StartWebcast', { body });
      assert.equal(started.status, 200, started.text);
      let state = null;
      const capturing = await waitFor(async () => {
        const [task] = (await mock.tasks()).Webcast;
        state = task && task.Page ? task.Page : null;
        return state !== null && state.State === 'capturing';
      }, 20000);
      assert.ok(capturing, `the page: ${JSON.stringify(state)}`);
      assert.equal(state.HttpStatus, 200);
      assert.equal(state.LastFrame.White, false);
    } finally {
      assert.equal(await mock.stop(), 0);
      page.closeAllConnections();
      await new Promise((r) => page.close(r));
    }
  });
});

describe('RtcMockContainer: start-up and stop', { skip }, () => {
  it('passes a config file, env and its token; stop() resolves to exit code 0 and removes the container', async () => {
    const fixture = JSON.parse(fs.readFileSync(path.join(__dirname, '..', '..', '..', 'fixtures', 'default.json'), 'utf8'));
    fixture.Apps.push(Object.assign({}, fixture.Apps[0], { AppId: '600000000000000000000042', Description: 'from the test' }));
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rtc-mock-container-'));
    const config = path.join(dir, 'mock.json');
    fs.writeFileSync(config, JSON.stringify(fixture));
    const mock = await new RtcMockContainer(IMAGE, { config, adminToken: 'tok-test', env: { RTC_MOCK_VERBOSE: '1' } }).start();
    let stopped = false;
    try {
      assert.equal(mock._token, 'tok-test');
      const app = await raw(mock.endpoint, 'GET', '/_mock/apps/600000000000000000000042', { headers: { Authorization: 'Bearer tok-test' } });
      assert.equal(app.status, 200, app.text);
      assert.equal((await mock.advance(0)).Virtual, false); // without options.clock: the image's real clock
      const id = mock.container.getId();
      const t0 = Date.now();
      assert.equal(await mock.stop(), 0);
      stopped = true;
      assert.ok(Date.now() - t0 < 5000, `docker stop took ${Date.now() - t0} ms`);
      assert.equal(await mock.stop(), 0); // again: the same answer
      const { getContainerRuntimeClient } = require('testcontainers');
      const client = await getContainerRuntimeClient();
      await assert.rejects(client.container.inspect(client.container.getById(id)), /no such container/i);
    } finally {
      if (!stopped) await mock.stop();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('rejects with the mock\'s own message when the container does not become healthy', async () => {
    await assert.rejects(
      new RtcMockContainer(IMAGE, { env: { RTC_MOCK_CLOCK: 'sideways' }, startupTimeoutMs: 8000 }).start(),
      (e) => {
        assert.match(e.message, /did not become healthy/);
        assert.match(e.message, /RTC_MOCK_CLOCK/);
        return true;
      }
    );
  });

  it('rejects bad options before starting anything', () => {
    assert.throws(() => new RtcMockContainer(IMAGE, { clock: 'sideways' }), /clock must be "real" or "virtual"/);
    assert.throws(() => new RtcMockContainer(IMAGE, { network: 'none' }), /network must be "host" or "bridge"/);
    assert.throws(() => new RtcMockContainer(IMAGE, { bin: 'x' }), /unknown option "bin"/);
    assert.throws(() => new RtcMockContainer(''), /image must be a non-empty string/);
    assert.throws(() => new RtcMockContainer(IMAGE, { args: ['--admin-token', 'x'] }), /options.adminToken/);
  });
});

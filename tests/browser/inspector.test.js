'use strict';
// The web inspector in a real browser (Debian's Chromium through playwright-core): load /_mock/ui/, make API
// calls signed by the official SDK, and assert what a person would see. Every test also asserts that no
// request left loopback and that the console stayed free of errors.
const {after, before, beforeEach, afterEach, describe, it} = require('node:test');
const assert = require('node:assert/strict');
const {APP, admin, callApi, openBrowser, startMock, startReceiver, startWebcastParams} = require('./harness.js');

const SEEN = {timeout: 3000};  // what "live" means here: on screen within 3 s, no reload

describe('the inspector at /_mock/ui/', () => {
  let mock;
  let receiver;
  let session;
  let page;

  before(async () => {
    mock = await startMock(['--clock', 'virtual']);
    receiver = await startReceiver();
    session = await openBrowser();
    page = session.page;
  });

  after(async () => {
    if (session) await session.browser.close();
    if (receiver) await receiver.close();
    if (mock) assert.equal(await mock.stop(), 0, 'rtc-mock exits 0 after the browser is gone');
  });

  beforeEach(async () => {
    await admin(mock, 'POST', '/_mock/reset');
    await page.goto(`${mock.url}/_mock/ui/`);
    await page.locator('#stream-state', {hasText: 'live'}).waitFor(SEEN);
  });

  afterEach(() => {
    assert.deepEqual(session.problems.splice(0), [], 'no console error, no request off loopback');
  });

  it('has one tab per view, each labelled with its name', async () => {
    const labels = await page.getByRole('tab').allTextContents();
    assert.deepEqual(labels, ['Requests', 'Tasks', 'Callbacks', 'Faults']);
    await page.getByRole('tab', {name: 'Faults'}).click();
    await page.locator('#view-faults').waitFor({state: 'visible'});
  });

  it('shows a request made after the page loaded within 3 s, without a reload', async () => {
    const call = await callApi(mock, 'GetWebCastTask', {AppId: APP, RoomId: 'r', TaskId: 'none'});
    assert.ok(call.requestId);
    const row = page.locator('#request-table tbody tr', {hasText: call.requestId});
    await row.waitFor(SEEN);
    const cells = await row.locator('td').allTextContents();
    assert.equal(cells[1], 'GetWebCastTask');
    assert.equal(cells[2], String(call.status));
    assert.equal(cells[5], call.requestId);
  });

  it('opens a refused signature with the server canonical request and a diff against the client', async () => {
    const call = await callApi(mock, 'StartWebcast', startWebcastParams('wrong-secret'), {sk: 'NOT-THE-SECRET'});
    assert.equal(call.status, 401);
    await page.locator('#request-table tbody tr', {hasText: call.requestId}).click();
    const detail = page.locator('#request-detail');
    await detail.locator('h2', {hasText: 'SignatureDoesNotMatch'}).waitFor(SEEN);
    const entry = (await admin(mock, 'GET', '/_mock/requests?verdict=mismatch&limit=1')).json.Requests[0];
    assert.equal(await detail.locator('pre.canonical').textContent(), entry.Signature.CanonicalRequest);
    assert.equal(await detail.locator('pre.string-to-sign').textContent(), entry.Signature.StringToSign);
    // The client's own canonical request (from the SDK) is the same: what differs is the key.
    await detail.getByLabel("the client's canonical request").fill(call.canonicalRequest);
    await detail.getByText('The canonical requests are identical').waitFor(SEEN);
    // A client that signed another path would see the line that differs.
    await detail.getByLabel("the client's canonical request").fill(call.canonicalRequest.replace('POST\n/\n', 'POST\n/x\n'));
    await detail.locator('pre.diff .client', {hasText: '/x'}).waitFor(SEEN);
    await detail.locator('pre.diff .server').first().waitFor(SEEN);
  });

  it('shows the hash received and the hash computed for a body that is not the one signed', async () => {
    const params = startWebcastParams('tampered');
    const sent = JSON.stringify(Object.assign({}, params, {TaskId: 'tampered-in-transit'}));
    const call = await callApi(mock, 'StartWebcast', params, {sentBody: sent});
    assert.equal(call.status, 401);
    await page.locator('#request-table tbody tr', {hasText: call.requestId}).click();
    const detail = page.locator('#request-detail');
    await detail.getByText('body hash computed').waitFor(SEEN);
    const sig = (await admin(mock, 'GET', '/_mock/requests?limit=1')).json.Requests[0].Signature;
    assert.ok(sig.BodyHashReceived && sig.BodyHashComputed && sig.BodyHashReceived !== sig.BodyHashComputed);
    assert.equal(await detail.locator('dt:text-is("body hash received") + dd').textContent(), sig.BodyHashReceived);
    assert.equal(await detail.locator('dt:text-is("body hash computed") + dd').textContent(), sig.BodyHashComputed);
    await detail.locator('pre.body', {hasText: 'tampered-in-transit'}).waitFor(SEEN);
  });

  it('filters requests by code and by text', async () => {
    const ok = await callApi(mock, 'GetWebCastTask', {AppId: APP, RoomId: 'r', TaskId: 'x'});
    const bad = await callApi(mock, 'StartWebcast', startWebcastParams('bad'), {sk: 'WRONG'});
    await page.locator('#request-table tbody tr', {hasText: bad.requestId}).waitFor(SEEN);
    await page.locator('#request-filters').getByLabel('code').fill('SignatureDoesNotMatch');
    await page.locator('#request-table tbody tr', {hasText: ok.requestId}).waitFor({state: 'detached', ...SEEN});
    await page.locator('#request-table tbody tr', {hasText: bad.requestId}).waitFor(SEEN);
    await page.getByRole('button', {name: 'Clear'}).click();
    await page.locator('#request-filters').getByLabel('text').fill(ok.requestId);
    await page.locator('#request-table tbody tr', {hasText: bad.requestId}).waitFor({state: 'detached', ...SEEN});
    await page.locator('#request-table tbody tr', {hasText: ok.requestId}).waitFor(SEEN);
    assert.equal(await page.locator('#request-table tbody tr').count(), 1);
  });

  it('lists a started task under Tasks and opens its timeline as the clock advances', async () => {
    const call = await callApi(mock, 'StartWebcast', startWebcastParams('timeline-task'));
    assert.equal(call.status, 200);
    await page.getByRole('tab', {name: 'Tasks'}).click();
    const row = page.locator('#task-table tbody tr', {hasText: 'timeline-task'});
    await row.waitFor(SEEN);
    await row.click();
    const detail = page.locator('#task-detail');
    await detail.locator('ol.timeline li', {hasText: 'Started'}).waitFor(SEEN);
    // Advance the virtual clock from the header: the first frame arrives and the timeline grows live.
    await page.getByLabel('seconds to advance').fill('30');
    await page.getByRole('button', {name: 'Advance'}).click();
    await detail.locator('ol.timeline li', {hasText: 'FirstFrame'}).waitFor(SEEN);
    await row.locator('td', {hasText: 'running'}).waitFor(SEEN);
  });

  it("lists a delivered callback's EventId under Callbacks and resends it", async () => {
    await admin(mock, 'PUT', `/_mock/apps/${APP}/callback`, {URL: receiver.url, SecretKey: 'hook-secret'});
    receiver.bodies.length = 0;
    await page.getByRole('tab', {name: 'Callbacks'}).click();
    await callApi(mock, 'StartWebcast', startWebcastParams('callback-task'));
    await admin(mock, 'POST', '/_mock/clock/advance', {Seconds: 30});
    const deadline = Date.now() + 5000;
    while (!receiver.bodies.length && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    assert.ok(receiver.bodies.length, 'the receiver got a callback');
    const eventId = receiver.bodies[0].EventId;
    const row = page.locator('#callback-table tbody tr', {hasText: eventId});
    await row.waitFor(SEEN);
    const cells = await row.locator('td').allTextContents();
    assert.equal(cells[2], 'room-1/callback-task');
    assert.match(cells[3], /^Status 1/);
    assert.equal(cells[6], '200');
    assert.equal(cells[8], 'delivered');
    const before = receiver.bodies.length;
    await row.getByRole('button', {name: 'Resend'}).click();
    await page.locator('#callback-table tbody tr', {hasText: eventId}).locator('td', {hasText: '(resend)'}).waitFor(SEEN);
    assert.ok(receiver.bodies.length > before, 'the resend reached the receiver');
  });

  it('creates a fault rule from the form, counts its hits and deletes it', async () => {
    await page.getByRole('tab', {name: 'Faults'}).click();
    await page.getByText('No fault rule').waitFor(SEEN);
    const form = page.locator('#fault-form');
    await form.getByLabel('type').selectOption('error');
    await form.getByLabel('action').fill('GetWebCastTask');
    await form.getByLabel('HTTP').fill('503');
    await form.getByLabel('count', {exact: true}).fill('2');
    await form.getByRole('button', {name: 'Create'}).click();
    const row = page.locator('#fault-table tbody tr', {hasText: 'f-1'});
    await row.waitFor(SEEN);
    const faulted = await callApi(mock, 'GetWebCastTask', {AppId: APP, RoomId: 'r', TaskId: 'x'});
    assert.equal(faulted.status, 503);
    await row.locator('td.applied', {hasText: '1'}).waitFor(SEEN);
    // A rule the mock refuses shows the mock's own message.
    await form.getByLabel('type').selectOption('latency');
    await form.getByLabel('latency ms').fill('999999');
    await form.getByRole('button', {name: 'Create'}).click();
    await page.locator('#fault-form-error', {hasText: 'LatencyMs'}).waitFor(SEEN);
    // Chromium logs the refused call (HTTP 400) itself: that one line is expected, nothing else.
    const refused = session.problems.filter((p) => /status of 400/.test(p));
    assert.equal(refused.length, 1);
    session.problems.splice(session.problems.indexOf(refused[0]), 1);
    await row.getByRole('button', {name: 'Delete'}).click();
    await row.waitFor({state: 'detached', ...SEEN});
    assert.equal((await admin(mock, 'GET', '/_mock/faults')).json.Faults.length, 0);
  });

  it('shows the clock and the request rate, and resets only after a confirmation', async () => {
    await page.locator('#clock-kind', {hasText: 'virtual'}).waitFor(SEEN);
    const before = (await admin(mock, 'GET', '/_mock/clock')).json.NowMs;
    await page.getByLabel('seconds to advance').fill('3600');
    await page.getByRole('button', {name: 'Advance'}).click();
    const expected = new Date(before + 3600 * 1000).toISOString().slice(0, 16).replace('T', ' ');
    await page.locator('#clock', {hasText: expected}).waitFor(SEEN);

    for (let i = 0; i < 5; ++i) await callApi(mock, 'GetWebCastTask', {AppId: APP, RoomId: 'r', TaskId: 'x'});
    await page.locator('#request-table tbody tr').nth(4).waitFor(SEEN);
    await page.getByRole('button', {name: 'Reset', exact: true}).click();
    await page.getByText('Back to the fixture').waitFor(SEEN);
    await page.getByRole('button', {name: 'Cancel'}).click();
    assert.equal((await admin(mock, 'GET', '/_mock/requests/count')).json.Count, 5, 'cancel keeps everything');
    await page.getByRole('button', {name: 'Reset', exact: true}).click();
    await page.getByRole('button', {name: 'Yes, reset'}).click();
    await page.locator('#request-status', {hasText: '0 requests shown'}).waitFor(SEEN);
    assert.equal((await admin(mock, 'GET', '/_mock/requests/count')).json.Count, 0);
  });
});

describe('the inspector of a mock started with --admin-token', () => {
  it('asks for the token once, keeps it in the tab and works with it', async () => {
    const token = 'inspector-token';
    const mock = await startMock(['--admin-token', token]);
    const session = await openBrowser();
    try {
      const {page} = session;
      await page.goto(`${mock.url}/_mock/ui/`);
      await page.getByLabel('admin token').fill(token);
      await page.getByRole('button', {name: 'Open'}).click();
      await page.locator('#stream-state', {hasText: 'live'}).waitFor(SEEN);
      const call = await callApi(mock, 'GetWebCastTask', {AppId: APP, RoomId: 'r', TaskId: 'x'}, {token});
      await page.locator('#request-table tbody tr', {hasText: call.requestId}).waitFor(SEEN);
      // A reload keeps the token: no question again.
      await page.reload();
      await page.locator('#stream-state', {hasText: 'live'}).waitFor(SEEN);
      assert.equal(await page.locator('#token-dialog').isVisible(), false);
      await page.locator('#request-table tbody tr', {hasText: call.requestId}).waitFor(SEEN);
      assert.deepEqual(session.problems, []);
    } finally {
      await session.browser.close();
      await mock.stop();
    }
  });
});

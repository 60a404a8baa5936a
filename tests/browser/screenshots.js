'use strict';
// Regenerates the screenshots of docs/inspector.md (one per view, 1280x800) from a scripted session against
// the real rtc-mock: scripts/inspector-screenshots.sh runs it. Usage: node screenshots.js OUT_DIR
const path = require('path');
const {APP, admin, callApi, openBrowser, startMock, startReceiver, startWebcastParams} = require('./harness.js');

async function main() {
  const out = path.resolve(process.argv[2] || path.join(__dirname, '../../docs/inspector'));
  const mock = await startMock(['--clock', 'virtual']);
  const receiver = await startReceiver();
  const session = await openBrowser();
  const {page} = session;
  try {
    await admin(mock, 'PUT', `/_mock/apps/${APP}/callback`, {URL: receiver.url, SecretKey: 'hook-secret'});
    await page.goto(`${mock.url}/_mock/ui/`);
    await page.locator('#stream-state', {hasText: 'live'}).waitFor();

    // Traffic: two tasks, their lifecycle on the virtual clock, queries, a refused signature, a bad field,
    // a fault rule and its hit.
    await callApi(mock, 'StartWebcast', startWebcastParams('lecture-1', 'room-a'));
    await callApi(mock, 'StartWebcast', startWebcastParams('lecture-2', 'room-b'));
    await admin(mock, 'POST', '/_mock/clock/advance', {Seconds: 20});
    for (let i = 0; i < 3; ++i) await callApi(mock, 'GetWebCastTask', {AppId: APP, RoomId: 'room-a', TaskId: 'lecture-1'});
    await callApi(mock, 'StartWebcast', Object.assign(startWebcastParams('bad-size'),
      {VideoSolutions: [{Width: 4000, Height: 720}]}));
    await admin(mock, 'POST', '/_mock/faults', {Action: 'GetWebCastTask', Type: 'error', Count: 3,
      Error: {Code: 'InternalError', HttpStatus: 500, Message: 'scripted outage'}});
    await admin(mock, 'POST', '/_mock/faults', {Type: 'latency', LatencyMs: 150, Probability: 0.2, Seed: 7});
    await callApi(mock, 'GetWebCastTask', {AppId: APP, RoomId: 'room-b', TaskId: 'lecture-2'});
    await callApi(mock, 'StopWebcast', {AppId: APP, RoomId: 'room-b', TaskId: 'lecture-2'});
    await admin(mock, 'POST', '/_mock/clock/advance', {Seconds: 5});
    const refused = await callApi(mock, 'StartWebcast', startWebcastParams('lecture-3'), {sk: 'A-WRONG-SECRET'});

    // Requests, with the refused signature open.
    await page.getByRole('tab', {name: 'Requests'}).click();
    await page.locator('#request-table tbody tr', {hasText: refused.requestId}).click();
    await page.locator('#request-detail pre.canonical').waitFor();
    await page.waitForTimeout(1300);  // the fresh-row highlight fades
    await page.screenshot({path: path.join(out, 'requests.png')});

    await page.getByRole('tab', {name: 'Tasks'}).click();
    await page.locator('#task-table tbody tr', {hasText: 'lecture-2'}).click();
    await page.locator('#task-detail ol.timeline li').first().waitFor();
    await page.screenshot({path: path.join(out, 'tasks.png')});

    await page.getByRole('tab', {name: 'Callbacks'}).click();
    await page.locator('#callback-table tbody tr').nth(2).waitFor();
    await page.waitForTimeout(1300);  // the fresh-row highlight fades
    await page.screenshot({path: path.join(out, 'callbacks.png')});

    await page.getByRole('tab', {name: 'Faults'}).click();
    await page.locator('#fault-table tbody tr', {hasText: 'f-2'}).waitFor();
    await page.screenshot({path: path.join(out, 'faults.png')});

    if (session.problems.length) throw new Error(session.problems.join('\n'));
    console.log(`screenshots written to ${out}`);
  } finally {
    await session.browser.close();
    await receiver.close();
    await mock.stop();
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});

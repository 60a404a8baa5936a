'use strict';
// Opens the inspector on URL in Chromium (the Requests view, or the view named by a second argument; --blank:
// about:blank instead, the browser's own cost) and keeps
// it open until SIGTERM, for bench/inspector-overhead.sh. Prints "streaming" once the page's stream is live,
// and at the end what the page showed. SIGTERM at any point closes the browser first: no browser process
// outlives this one.
const {openBrowser} = require('./harness.js');

let session = null;
let stopping = false;

async function stop(code) {
  if (stopping) return;
  stopping = true;
  if (session) {
    const status = await session.page.locator('#request-status').textContent({timeout: 2000})
      .catch((e) => e.message);
    console.log(`page: ${status}`);
    if (session.problems.length) console.log(`problems: ${session.problems.join('; ')}`);
    await session.browser.close().catch(() => {});
  }
  process.exit(code);
}
process.on('SIGTERM', () => stop(0));
process.on('SIGINT', () => stop(0));

async function main() {
  const url = process.argv[2];
  session = await openBrowser({handleSIGTERM: false, handleSIGINT: false});
  if (stopping) return session.browser.close();
  const {page} = session;
  if (process.argv[3] === '--blank') {  // the browser alone, on an empty page: its baseline cost
    await page.goto('about:blank');
    console.log('streaming');
    return;
  }
  await page.goto(`${url.replace(/\/$/, '')}/_mock/ui/`);
  await page.locator('#stream-state', {hasText: 'live'}).waitFor({timeout: 60000});
  if (process.argv[3]) await page.getByRole('tab', {name: process.argv[3]}).click();
  console.log('streaming');
}

main().catch((e) => {
  console.error(e);
  stop(1);
});

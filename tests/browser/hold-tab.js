'use strict';
// Opens the inspector on URL in Chromium (the Requests view, or the view named by a second argument) and keeps it open until SIGTERM, for
// bench/inspector-overhead.sh. Prints "streaming" once the page's stream is live, then, at the end, the
// browser's CPU time and what the page showed.
const {openBrowser} = require('./harness.js');

async function main() {
  const url = process.argv[2];
  const session = await openBrowser({handleSIGTERM: false, handleSIGINT: false});
  const {page} = session;
  await page.goto(`${url.replace(/\/$/, '')}/_mock/ui/`);
  await page.locator('#stream-state', {hasText: 'live'}).waitFor({timeout: 10000});
  if (process.argv[3]) await page.getByRole('tab', {name: process.argv[3]}).click();
  console.log('streaming');
  const stop = async () => {
    const status = await page.locator('#request-status').textContent({timeout: 2000}).catch((e) => e.message);
    console.log(`page: ${status}`);
    if (session.problems.length) console.log(`problems: ${session.problems.join('; ')}`);
    await session.browser.close();
    process.exit(0);
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});

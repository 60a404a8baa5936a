// The inspector page: tabs, the header line (clock, rates, reset) and the live stream feeding the views.
import {get, post, ready, setupTokenDialog, stream} from './api.js';
import {fullTime} from './dom.js';
import {createRequestsView} from './requests.js';
import {createTasksView} from './tasks.js';
import {createCallbacksView} from './callbacks.js';
import {createFaultsView} from './faults.js';

const $ = (id) => document.getElementById(id);

function notice(text) {
  $('notice').textContent = text;
}

const views = {
  requests: createRequestsView(notice),
  tasks: createTasksView(),
  callbacks: createCallbacksView(notice),
  faults: createFaultsView(notice),
};
let current = 'requests';

function showTab(name) {
  current = name;
  for (const tab of document.querySelectorAll('[role="tab"]')) {
    const on = tab.dataset.view === name;
    tab.setAttribute('aria-selected', String(on));
    $(`view-${tab.dataset.view}`).hidden = !on;
  }
  if (location.hash !== `#${name}`) history.replaceState(null, '', `#${name}`);
  views[name].show();
}

// The header line.
function showClock(nowMs, virtual) {
  $('clock').textContent = fullTime(nowMs);
  $('clock-kind').textContent = virtual ? 'virtual' : 'real';
  $('clock-kind').className = virtual ? 'tag virtual' : 'tag';
  $('advance-form').hidden = !virtual;
}

function showRates(stats) {
  $('rate').textContent = Math.round(stats.RequestRate).toString();
  $('throttled-rate').textContent = Math.round(stats.ThrottledRate).toString();
}

function showStreamState(state, text) {
  const tag = $('stream-state');
  tag.textContent = {live: 'live', refused: 'stream refused', down: 'reconnecting'}[state] || state;
  tag.className = `tag ${state === 'live' ? 'live' : 'down'}`;
  tag.title = text || 'the live event stream';
  if (state === 'refused') notice(text);
}

function setupHeader() {
  $('advance-form').addEventListener('submit', async (ev) => {
    ev.preventDefault();
    const seconds = Number($('advance-seconds').value);
    try {
      const clock = await post('/_mock/clock/advance', {Seconds: seconds});
      showClock(clock.NowMs, clock.Virtual);
      notice(`clock advanced by ${seconds} s`);
    } catch (e) {
      notice(`advance failed: ${e.message}`);
    }
  });
  $('reset').addEventListener('click', () => {
    $('reset').hidden = true;
    $('reset-confirm').hidden = false;
  });
  const closeConfirm = () => {
    $('reset').hidden = false;
    $('reset-confirm').hidden = true;
  };
  $('reset-no').addEventListener('click', closeConfirm);
  $('reset-yes').addEventListener('click', async () => {
    closeConfirm();
    try {
      await post('/_mock/reset');
      notice('the mock was reset to its fixture');
      const clock = await get('/_mock/clock');
      showClock(clock.NowMs, clock.Virtual);
      for (const view of Object.values(views)) view.resync();
      views[current].show();
    } catch (e) {
      notice(`reset failed: ${e.message}`);
    }
  });
}

async function start() {
  setupTokenDialog();
  setupHeader();
  for (const tab of document.querySelectorAll('[role="tab"]'))
    tab.addEventListener('click', () => showTab(tab.dataset.view));
  const first = location.hash.slice(1);
  showTab(views[first] ? first : 'requests');
  await ready();
  get('/_mock/clock').then((c) => showClock(c.NowMs, c.Virtual)).catch((e) => notice(e.message));
  // What the action fields suggest: the actions the mock serves (the page carries their names).
  for (const action of (document.documentElement.dataset.actions || '').split(' ').filter(Boolean))
    $('known-actions').append(new Option(action, action));

  let connectedBefore = false;
  stream({
    hello: (h) => {
      showClock(h.NowMs, h.Virtual);
      // After a reconnect, events were missed: read the views again.
      if (connectedBefore) {
        for (const view of Object.values(views)) view.resync();
        views[current].show();
      }
      connectedBefore = true;
    },
    stats: (s) => {
      showClock(s.NowMs, s.Virtual);
      showRates(s);
    },
    requests: (batch) => {
      views.requests.onRequests(batch);
      views.tasks.onRequests(batch);
      // A faulted request moves its rule's counters (the fault events say so too, where they are wired).
      if (batch.Rows.some((r) => r.Fault)) views.faults.onFaultHits([]);
    },
    tasks: (batch) => {
      views.tasks.onTaskEvents(batch.Events);
      views.callbacks.onTaskEvents(batch.Events);
    },
    deliveries: (batch) => {
      views.callbacks.onDeliveries(batch.Attempts);
      views.tasks.onDeliveries(batch.Attempts);
    },
    faults: (batch) => views.faults.onFaultHits(batch.Hits),
    lost: (l) => {
      notice(`${l.Lost} events lost (${l.LostTotal} in all): ${l.Why}; the lists are read again`);
      for (const view of Object.values(views)) view.resync();
      views[current].show();
    },
    bye: (b) => showStreamState('down', b.Reason),
  }, showStreamState);
}

start();

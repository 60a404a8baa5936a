// Callbacks: every delivery attempt (GET /_mock/callbacks) newest first, live from the stream: EventId, task,
// Status / Reason, URL, attempt number, the receiver's HTTP status and latency, outcome, and a resend button
// (POST /_mock/callbacks/{DeliveryId}/resend). A row opens the body that was sent.
import {get, post} from './api.js';
import {clear, clockTime, el, facts, fullTime, lazyList, millis, openPane, prettyJson, select,
  statusClass} from './dom.js';

const MAX_ROWS = 500;

// "Status 1 / Reason" from the event a delivery carried (EventData is a JSON string inside the envelope).
export function callbackStatus(attempt) {
  try {
    const envelope = JSON.parse(attempt.Body);
    const data = typeof envelope.EventData === 'string' ? JSON.parse(envelope.EventData) : envelope.EventData;
    const parts = [];
    if (data.Status !== undefined) parts.push(`Status ${data.Status}`);
    if (data.Reason || data.StopReason) parts.push(data.Reason || data.StopReason);
    return parts.join(' / ') || envelope.EventType || '';
  } catch {
    return attempt.EventType || '';
  }
}

// The callback setting a delivery went to, by its BusinessId ("" is the app's default setting).
export function callbackSetting(businessId) {
  if (businessId === undefined || businessId === null) return '';
  return businessId === '' ? "the app's default (BusinessId \"\")" : `BusinessId ${businessId}`;
}

// RoomId/TaskId of "AppId/RoomId/TaskId" (the whole key is the cell's tooltip and in the details).
function shortTask(task) {
  if (!task) return '(none)';
  const parts = task.split('/');
  return parts.length === 3 ? `${parts[1]}/${parts[2]}` : task;
}

export function createCallbacksView(notice) {
  const view = document.getElementById('view-callbacks');
  const tbody = document.querySelector('#callback-table tbody');
  const status = document.getElementById('callback-status');
  const pane = document.getElementById('callback-detail');
  let newestSeq = 0;
  let openSeq = 0;
  let meta = {};

  function tr(a, fresh) {
    const row = el('tr', {class: fresh ? 'fresh' : '', dataset: {seq: a.Seq, event: a.EventId},
      onclick: () => openAttempt(a, row)},
    el('td', {class: 'mono'}, clockTime(a.TimeMs)),
    el('td', {class: 'mono'}, a.EventId),
    el('td', {class: 'mono', title: a.Task}, shortTask(a.Task)),
    el('td', {}, callbackStatus(a)),
    el('td', {class: 'mono', title: a.URL}, a.URL),
    el('td', {class: 'num'}, `${a.Attempt}${a.Resend ? ' (resend)' : ''}`),
    el('td', {class: `mono ${statusClass(a.HttpStatus)}`, title: a.Error || ''}, a.HttpStatus || a.Error || 'none'),
    el('td', {class: 'num mono'}, millis(a.DurationMs)),
    el('td', {}, a.Outcome),
    el('td', {}, el('button', {type: 'button', title: 'send this delivery once more (same EventId and body)',
      onclick: (ev) => {
        ev.stopPropagation();
        resend(a);
      }}, 'Resend')));
    if (a.Seq === openSeq) row.classList.add('selected');
    return row;
  }

  function showStatus() {
    const n = tbody.children.length;
    status.textContent = `${n} attempt${n === 1 ? '' : 's'}, newest first` +
      (meta.InFlight !== undefined ? `; ${meta.InFlight} in flight, ${meta.RetriesPending} retries pending.` : '.');
  }

  async function load() {
    try {
      const page = await get(`/_mock/callbacks?limit=${MAX_ROWS}`);
      meta = {InFlight: page.InFlight, RetriesPending: page.RetriesPending};
      const attempts = page.Attempts || [];
      newestSeq = attempts.length ? attempts[attempts.length - 1].Seq : 0;
      clear(tbody).append(...attempts.slice().reverse().map((a) => tr(a, false)));
      showStatus();
    } catch (e) {
      status.textContent = `the deliveries could not be read: ${e.message}`;
    }
  }

  const list = lazyList(view, load);

  async function resend(a) {
    try {
      await post(`/_mock/callbacks/${encodeURIComponent(a.DeliveryId)}/resend`);
      notice(`delivery ${a.DeliveryId} resent (EventId ${a.EventId})`);
      list.refresh();
    } catch (e) {
      notice(`resend failed: ${e.message}`);
    }
  }

  function openAttempt(a, row) {
    openSeq = a.Seq;
    select(row);
    openPane(pane, () => {
      openSeq = 0;
      for (const r of tbody.querySelectorAll('tr.selected')) r.classList.remove('selected');
    });
    pane.append(el('h2', {}, `${a.EventType || 'callback'} ${a.EventId}`), facts([
      ['status / reason', callbackStatus(a)], ['DeliveryId', a.DeliveryId], ['task', a.Task], ['AppId', a.AppId],
      ['callback setting', callbackSetting(a.BusinessId)], ['URL', a.URL], ['attempt', `${a.Attempt}${a.Resend ? ' (resend)' : ''}`], ['sent', fullTime(a.TimeMs)],
      ['receiver answered', a.HttpStatus ? `HTTP ${a.HttpStatus} in ${millis(a.DurationMs)} ms` : ''],
      ['error', a.Error], ['outcome', a.Outcome],
      ['next retry', a.NextRetryAtMs ? fullTime(a.NextRetryAtMs) : ''],
    ]), el('h3', {}, 'body sent'), el('pre', {class: 'body'}, prettyJson(a.Body)));
    try {
      const envelope = JSON.parse(a.Body);
      if (typeof envelope.EventData === 'string')
        pane.append(el('h3', {}, 'EventData'), el('pre', {}, prettyJson(envelope.EventData)));
    } catch {
      // the body is shown as it is above
    }
  }

  return {
    show: list.show,
    resync: list.resync,
    onDeliveries(attempts) {
      if (list.isStale()) return;
      for (const a of attempts) {
        if (a.Seq <= newestSeq) continue;
        newestSeq = a.Seq;
        tbody.prepend(tr(a, true));
      }
      while (tbody.children.length > MAX_ROWS) tbody.lastChild.remove();
      showStatus();
    },
    onTaskEvents() {
      // A task event may have queued a delivery: the counts of in-flight and pending retries move.
      list.refresh();
    },
  };
}

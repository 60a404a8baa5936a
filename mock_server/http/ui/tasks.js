// Tasks: every Webcast and WBRecord task with its state; a task opens its timeline (GET .../events: started,
// page opened, first frame, checks, refresh, reschedule, end), its callbacks and, where a real page runs, its
// latest screenshot. Refreshed from the stream's task events.
import {get, blobUrl} from './api.js';
import {clear, clockTime, el, facts, fullTime, lazyList, openPane, select} from './dom.js';
import {callbackStatus} from './callbacks.js';

const KINDS = {Webcast: 'webcast', WBRecord: 'wbrecord'};
const keyOf = (t) => `${t.AppId}/${t.RoomId}/${t.TaskId}`;
const path = (kind, t) =>
  `/_mock/tasks/${KINDS[kind]}/${encodeURIComponent(t.AppId)}/${encodeURIComponent(t.RoomId)}/` +
  `${encodeURIComponent(t.TaskId)}`;

export function createTasksView() {
  const view = document.getElementById('view-tasks');
  const tbody = document.querySelector('#task-table tbody');
  const status = document.getElementById('task-status');
  const pane = document.getElementById('task-detail');
  let open = null;  // {kind, task}
  let screenshotUrl = null;

  async function load() {
    try {
      const all = await get('/_mock/tasks');
      const found = [];
      for (const [kind, tasks] of Object.entries(all)) for (const t of tasks || []) found.push({kind, t});
      found.sort((a, b) => (b.t.StartTime || 0) - (a.t.StartTime || 0));
      clear(tbody);
      for (const {kind, t} of found) {
        const row = el('tr', {dataset: {task: keyOf(t)}, onclick: () => openTask(kind, t, row)},
          el('td', {}, kind), el('td', {}, t.State || ''), el('td', {class: 'mono'}, t.TaskId),
          el('td', {class: 'mono'}, t.RoomId), el('td', {class: 'mono'}, t.AppId),
          el('td', {class: 'mono'}, clockTime(t.StartTime)), el('td', {class: 'mono'}, clockTime(t.EndTime)),
          el('td', {}, t.StopReason || ''));
        if (open && open.kind === kind && keyOf(open.task) === keyOf(t)) {
          row.classList.add('selected');
          open.task = t;
        }
        tbody.append(row);
      }
      const counts = Object.entries(all).map(([kind, tasks]) => `${(tasks || []).length} ${kind}`).join(', ');
      status.textContent = `${counts}, newest first.`;
      if (open) showTask();
    } catch (e) {
      status.textContent = `the tasks could not be read: ${e.message}`;
    }
  }

  const list = lazyList(view, load);

  function openTask(kind, t, row) {
    open = {kind, task: t};
    select(row);
    showTask();
  }

  async function showTask() {
    const {kind, task: t} = open;
    const key = keyOf(t);
    const [events, attempts] = await Promise.all([
      get(`${path(kind, t)}/events`).then((r) => r.Events || []).catch((e) => e),
      get(`/_mock/callbacks?task=${encodeURIComponent(key)}`).then((r) => r.Attempts || []).catch((e) => e),
    ]);
    if (!open || keyOf(open.task) !== key) return;
    openPane(pane, () => {
      open = null;
      for (const r of tbody.querySelectorAll('tr.selected')) r.classList.remove('selected');
    });
    pane.append(el('h2', {}, `${kind} task ${t.TaskId}`), facts([
      ['state', `${t.State}${t.Status !== undefined ? ` (Status ${t.Status})` : ''}`], ['AppId', t.AppId],
      ['RoomId', t.RoomId], ['AccountId', t.AccountId], ['SourceURL', t.SourceURL],
      ['started', fullTime(t.StartTime)], ['ended', fullTime(t.EndTime)], ['StopReason', t.StopReason],
      ['generation', t.Generation],
      ['page', t.Page ? Object.entries(t.Page).map(([k, v]) => `${k}=${v}`).join(' ') : ''],
    ]));

    pane.append(el('h3', {}, 'timeline'));
    if (events instanceof Error) {
      pane.append(el('p', {class: 'error'}, `the timeline could not be read: ${events.message}`));
    } else if (!events.length) {
      pane.append(el('p', {class: 'status'}, 'no event yet'));
    } else {
      pane.append(el('ol', {class: 'timeline'}, events.map((ev) => el('li', {class: ev.Step},
        el('span', {class: 'when'}, clockTime(ev.TimeMs)), el('span', {class: 'step'}, ev.Step),
        ev.Status ? `Status ${ev.Status} ` : '', ev.Reason ? `${ev.Reason} ` : '',
        ev.Detail ? el('span', {class: 'status'}, ev.Detail) : '',
        ev.Generation > 1 ? el('span', {class: 'status'}, ` (start #${ev.Generation})`) : ''))));
    }

    pane.append(el('h3', {}, 'callbacks'));
    if (attempts instanceof Error) {
      pane.append(el('p', {class: 'error'}, `the callbacks could not be read: ${attempts.message}`));
    } else if (!attempts.length) {
      pane.append(el('p', {class: 'status'}, 'none sent (does the app have a callback URL?)'));
    } else {
      pane.append(el('table', {class: 'grid'},
        el('thead', {}, el('tr', {}, ['time', 'EventId', 'Status / Reason', 'try', 'HTTP', 'outcome']
          .map((h) => el('th', {}, h)))),
        el('tbody', {}, attempts.slice().reverse().map((a) => el('tr', {},
          el('td', {class: 'mono'}, clockTime(a.TimeMs)), el('td', {class: 'mono'}, a.EventId),
          el('td', {}, callbackStatus(a)), el('td', {class: 'num'}, a.Attempt),
          el('td', {class: 'mono'}, a.HttpStatus || a.Error || ''), el('td', {}, a.Outcome))))));
    }

    // A real page keeps its latest screenshot; the task says whether there is one, so nothing is asked in vain.
    if (t.Page && t.Page.Screenshot) {
      if (screenshotUrl) URL.revokeObjectURL(screenshotUrl);
      screenshotUrl = null;
      pane.append(el('h3', {}, 'latest screenshot'));
      const img = el('img', {alt: `latest screenshot of task ${t.TaskId}`});
      pane.append(img);
      blobUrl(`${path(kind, t)}/screenshot`).then((url) => {
        screenshotUrl = url;
        img.src = url;
      }).catch((e) => img.replaceWith(el('p', {class: 'error'}, e.message)));
    }
  }

  return {
    show: list.show,
    resync: list.resync,
    onRequests(batch) {
      // A started or stopped task shows at once, whichever publishers are wired.
      if (batch.Rows.some((r) => /^(Start|Stop)/.test(r.Action) && !r.ErrorCode)) list.refresh();
    },
    onTaskEvents() {
      list.refresh();
    },
    onDeliveries(attempts) {
      if (open && attempts.some((a) => a.Task === keyOf(open.task))) list.refresh();
    },
    notice,
  };
}

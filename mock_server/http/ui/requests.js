// Requests: the journal, newest first, live. Filters by action / code / account / app (the journal's own
// filters) and by text; a row opens the whole entry: request, validation message, fault, and for a refused
// signature the server's canonical request and string to sign, with a box to diff the client's against them.
import {get, ApiError} from './api.js';
import {clear, clockTime, el, facts, fullTime, millis, openPane, prettyJson, select, statusClass,
  debounce} from './dom.js';
import {lineDiff} from './diff.js';
import {callbackSetting} from './callbacks.js';

const MAX_ROWS = 200;  // on screen; a filter reads the journal again
const FLOOD_REDRAW_MS = 1000;  // a flood is drawn once a second,
const FLOOD_ROWS = 25;  // its newest rows

// A journal entry (GET /_mock/requests) in the shape of a stream row.
function rowOf(entry) {
  return {
    Seq: entry.Seq, TimeMs: entry.TimeMs, Method: entry.Method, Action: entry.Action,
    HttpStatus: entry.HttpStatus, ErrorCode: entry.ErrorCode, ErrorMessage: entry.ErrorMessage,
    LatencyMs: entry.LatencyMs, RequestId: entry.RequestId, AccountId: entry.AccountId, AppId: entry.AppId,
    Verdict: entry.Signature ? entry.Signature.Verdict : '', Throttled: entry.Throttled, Fault: entry.Fault,
    FaultType: entry.FaultType,
  };
}

export function createRequestsView(notice) {
  const view = document.getElementById('view-requests');
  const form = document.getElementById('request-filters');
  const tbody = document.querySelector('#request-table tbody');
  const status = document.getElementById('request-status');
  const pane = document.getElementById('request-detail');
  const codes = document.getElementById('known-codes');
  const knownCodes = new Set();
  let rows = [];  // newest first
  let newestSeq = 0;
  let skipped = 0;
  let loaded = false;
  let openSeq = 0;

  const filters = () => {
    const f = {};
    for (const name of ['action', 'code', 'account', 'app', 'text']) f[name] = form.elements[name].value.trim();
    return f;
  };

  function matches(row, f) {
    if (f.action && row.Action !== f.action) return false;
    if (f.code === 'ok' ? (row.ErrorCode || row.HttpStatus === 0) : f.code && row.ErrorCode !== f.code) return false;
    if (f.account && row.AccountId !== f.account) return false;
    if (f.app && row.AppId !== f.app) return false;
    if (f.text) {
      const hay = [row.Action, row.ErrorCode, row.ErrorMessage, row.RequestId, row.AppId, row.AccountId,
        String(row.HttpStatus), row.Fault, row.Verdict].join(' ').toLowerCase();
      if (!hay.includes(f.text.toLowerCase())) return false;
    }
    return true;
  }

  function tr(row, fresh) {
    if (row.ErrorCode && !knownCodes.has(row.ErrorCode)) {
      knownCodes.add(row.ErrorCode);
      codes.append(new Option(row.ErrorCode, row.ErrorCode));
    }
    const node = el('tr', {class: fresh ? 'fresh' : '', title: row.ErrorMessage || '', dataset: {seq: row.Seq},
      onclick: () => open(row.Seq, node)},
    el('td', {class: 'mono'}, clockTime(row.TimeMs)),
    el('td', {}, row.Action || '(none)'),
    el('td', {class: `mono ${statusClass(row.HttpStatus)}`}, row.HttpStatus === 0 ? 'dropped' : row.HttpStatus),
    el('td', {}, row.ErrorCode || (row.HttpStatus ? 'ok' : ''), row.FaultType ? ` [fault ${row.FaultType}]` : ''),
    el('td', {class: 'num mono'}, millis(row.LatencyMs)),
    el('td', {class: 'mono'}, row.RequestId));
    if (row.Seq === openSeq) node.classList.add('selected');
    return node;
  }

  // Rows that arrived and are not drawn yet (oldest first), drawn by flush().
  let pending = [];
  let flushTimer = null;
  function flush(highlight) {
    clearTimeout(flushTimer);
    flushTimer = null;
    if (view.hidden) return;  // drawn when the view is shown again
    // A flood draws its newest rows; the others count as not listed, like those the stream skipped.
    const rowsToDraw = highlight ? pending : pending.slice(-FLOOD_ROWS);
    skipped += pending.length - rowsToDraw.length;
    pending = [];
    // Oldest first: each goes on top.
    for (const row of rowsToDraw) tbody.prepend(tr(row, highlight));
    while (tbody.children.length > MAX_ROWS) tbody.lastChild.remove();
    showStatus();
  }

  function showStatus() {
    const shown = tbody.children.length;
    let text = `${shown} request${shown === 1 ? '' : 's'} shown, newest first.`;
    if (skipped)
      text += ` ${skipped} more arrived faster than a person reads and were not listed (the journal keeps ` +
        'them: change a filter to read it again).';
    status.textContent = text;
  }

  function render() {
    pending = [];
    const f = filters();
    const nodes = [];
    for (const row of rows) {
      if (nodes.length >= MAX_ROWS) break;
      if (matches(row, f)) nodes.push(tr(row, false));
    }
    clear(tbody).append(...nodes);
    showStatus();
  }

  // Reads the newest rows of the journal with the journal's own filters. Rows the stream brings meanwhile are
  // kept aside and put on top of the page.
  let during = null;
  async function load() {
    const f = filters();
    const q = new URLSearchParams({limit: String(MAX_ROWS)});
    for (const name of ['action', 'code', 'account', 'app']) if (f[name]) q.set(name, f[name]);
    during = [];
    try {
      const page = await get(`/_mock/requests?${q}`);
      const fresh = page.Requests.map(rowOf).reverse();
      const top = fresh.length ? fresh[0].Seq : 0;
      const live = during.filter((r) => r.Seq > top).reverse();
      rows = live.concat(fresh);
      newestSeq = rows.length ? rows[0].Seq : newestSeq;
      skipped = 0;
      loaded = true;
      render();
    } catch (e) {
      status.textContent = `the journal could not be read: ${e.message}`;
    } finally {
      during = null;
    }
  }

  // One read at a time; a change during a read reads again after it.
  let loading = null;
  let again = false;
  function reload() {
    loaded = false;
    if (loading) {
      again = true;
      return;
    }
    loading = load().finally(() => {
      loading = null;
      if (again) {
        again = false;
        reload();
      }
    });
  }

  form.addEventListener('input', debounce(reload, 250));
  form.addEventListener('reset', () => setTimeout(reload, 0));
  form.addEventListener('submit', (ev) => ev.preventDefault());

  async function open(seq, node) {
    openSeq = seq;
    if (node) select(node);
    openPane(pane, () => {
      openSeq = 0;
      for (const r of tbody.querySelectorAll('tr.selected')) r.classList.remove('selected');
    }).append(el('p', {class: 'status'}, 'reading the journal entry...'));
    try {
      const entry = await get(`/_mock/requests/${seq}`);
      if (openSeq !== seq) return;
      showEntry(entry);
    } catch (e) {
      if (openSeq !== seq) return;
      pane.lastChild.textContent = e instanceof ApiError && e.status === 404 ?
        'This entry is no longer in the journal (evicted by its bound, or cleared).' : e.message;
    }
  }

  function showEntry(e) {
    const sig = e.Signature || {};
    const bad = e.ErrorCode || e.HttpStatus >= 400 || e.HttpStatus === 0;
    openPane(pane, () => {
      openSeq = 0;
      for (const r of tbody.querySelectorAll('tr.selected')) r.classList.remove('selected');
    });
    pane.append(el('h2', {}, `${e.Action || '(no Action)'}: HTTP ${e.HttpStatus === 0 ? 'none (dropped)' : e.HttpStatus}`,
      e.ErrorCode ? el('span', {class: bad ? 'verdict-bad' : ''}, ` ${e.ErrorCode}`) : ' ok'));
    if (e.ErrorMessage) pane.append(el('h3', {}, 'message'), el('pre', {class: 'message'}, e.ErrorMessage));
    pane.append(facts([
      ['time', `${fullTime(e.TimeMs)} (${e.Time})`], ['RequestId', e.RequestId], ['Seq', e.Seq],
      ['method', e.Method], ['Version', e.Version], ['latency', `${millis(e.LatencyMs)} ms`],
      ['AccountId', e.AccountId], ['AccessKey', e.AccessKey], ['AppId', e.AppId], ['BusinessId', e.BusinessId],
      ['task callbacks go to', e.CallbackBusinessId === null ? 'no callback setting'
        : callbackSetting(e.CallbackBusinessId)],
      ['from', e.RemoteAddr],
      ['throttled', e.Throttled ? `yes (limit ${e.RateLimit}/s)` : ''],
      ['fault applied', e.Fault ? `${e.Fault} (${e.FaultType}${e.FaultDelayMs ? `, +${e.FaultDelayMs} ms` : ''})` : ''],
      ['unknown fields', (e.UnknownFields || []).join(', ')],
    ]));

    pane.append(el('h3', {}, 'signature'), facts([
      ['verdict', el('span', {class: sig.Verdict === 'ok' ? '' : 'verdict-bad'}, sig.Verdict || '')],
      ['form', sig.Form], ['signed headers', sig.SignedHeaders],
      ['body hash received', sig.BodyHashReceived], ['body hash computed', sig.BodyHashComputed],
    ]));
    if (sig.CanonicalRequest) {
      pane.append(el('h3', {}, "server's CanonicalRequest"), el('pre', {class: 'canonical'}, sig.CanonicalRequest));
      pane.append(el('h3', {}, "server's StringToSign"), el('pre', {class: 'string-to-sign'}, sig.StringToSign));
      const input = el('textarea', {placeholder: "paste your client's canonical request (or string to sign) here",
        'aria-label': "the client's canonical request"});
      const out = el('pre', {class: 'diff', hidden: true});
      input.addEventListener('input', () => {
        const theirs = input.value.replace(/\r\n/g, '\n');
        clear(out).hidden = !theirs;
        if (!theirs) return;
        const stringToSign = theirs.startsWith('HMAC-SHA256');
        const parts = lineDiff(stringToSign ? sig.StringToSign : sig.CanonicalRequest, theirs);
        if (parts.every((p) => p.kind === 'same')) {
          verdict.textContent = stringToSign ?
            'The strings to sign are identical: the signing key differs (the secret key).' :
            'The canonical requests are identical: the signing key differs (secret key, or the date, region ' +
            'or service of the credential scope: compare the strings to sign).';
        } else {
          verdict.textContent = 'S: only the server has the line, C: only your client has it.';
        }
        for (const part of parts) {
          const mark = part.kind === 'same' ? '  ' : part.kind === 'server' ? 'S ' : 'C ';
          out.append(el('span', {class: part.kind}, mark + part.line));
        }
      });
      const verdict = el('p', {class: 'status diff-verdict'},
        "Paste what your client signed: the lines that differ are marked.");
      pane.append(el('h3', {}, 'diff with your client'), input, verdict, out);
    }

    pane.append(el('h3', {}, 'query'), el('pre', {class: 'query'}, e.Query || '(empty)'));
    const params = new URLSearchParams(e.Query || '');
    if ([...params.keys()].length)
      pane.append(facts([...params.entries()].map(([k, v]) => [k, v])));
    pane.append(el('h3', {}, 'headers'),
      facts(Object.entries(e.Headers || {}).sort(([a], [b]) => a.localeCompare(b))));
    pane.append(el('h3', {}, `body${e.BodyTruncated ? ' (truncated)' : ''}`),
      el('pre', {class: 'body'}, e.Body ? prettyJson(e.Body) : '(empty)'));
  }

  return {
    show() {
      if (!loaded && !loading) reload();
      else if (pending.length) flush(false);
    },
    resync() {
      loaded = false;
    },
    onRequests(batch) {
      skipped += batch.Skipped || 0;
      if (during) during.push(...batch.Rows);
      if (!loaded) return;
      const f = filters();
      const fresh = [];
      for (const row of batch.Rows) {
        if (row.Seq <= newestSeq) continue;
        newestSeq = row.Seq;
        rows.unshift(row);
        if (matches(row, f)) fresh.push(row);
      }
      if (rows.length > 2 * MAX_ROWS) rows.length = 2 * MAX_ROWS;
      pending.push(...fresh);
      // A few rows go on screen at once, highlighted; a flood is drawn once a second (a person cannot read
      // faster, and every redraw of the table costs the browser, and so the machine, CPU).
      if (pending.length <= 5 && !batch.Skipped && !flushTimer) flush(true);
      else if (!flushTimer) flushTimer = setTimeout(() => flush(false), FLOOD_REDRAW_MS);
    },
  };
}

// Faults: the rules (GET /_mock/faults) with their counters, refreshed when the stream reports hits; a form
// creates one (POST /_mock/faults: the mock checks it and its error is shown as it is), a button deletes one.
import {get, post, del} from './api.js';
import {clear, el, lazyList} from './dom.js';

function what(rule) {
  switch (rule.Type) {
    case 'latency':
      return rule.LatencyMs !== undefined ? `${rule.LatencyMs} ms` : `${rule.LatencyMinMs}-${rule.LatencyMaxMs} ms`;
    case 'error': {
      const e = rule.Error || {};
      return e.Reason ? e.Reason : [e.Code, e.HttpStatus, e.Message].filter((x) => x !== undefined).join(' ');
    }
    case 'throttle':
      return rule.RetryAfterSeconds !== undefined ? `Retry-After ${rule.RetryAfterSeconds}` : '429';
    default:
      return '';
  }
}

// The form as a rule: only what was filled in, numbers as numbers.
function ruleOf(form) {
  const v = (name) => form.elements[name].value.trim();
  const rule = {Type: v('Type')};
  if (v('Action')) rule.Action = v('Action');
  if (v('AccountId')) rule.AccountId = v('AccountId');
  if (v('AppId')) rule.AppId = v('AppId');
  for (const name of ['Probability', 'Count', 'ExpiresInSeconds'])
    if (v(name) !== '') rule[name] = Number(v(name));
  if (rule.Type === 'latency') rule.LatencyMs = Number(v('LatencyMs') || 0);
  if (rule.Type === 'throttle' && v('RetryAfterSeconds') !== '') rule.RetryAfterSeconds = Number(v('RetryAfterSeconds'));
  if (rule.Type === 'error' && (v('ErrorCode') || v('HttpStatus') || v('Message'))) {
    // The code field's placeholder is what an empty field means.
    rule.Error = {Code: v('ErrorCode') || form.elements.ErrorCode.placeholder};
    if (v('HttpStatus')) rule.Error.HttpStatus = Number(v('HttpStatus'));
    if (v('Message')) rule.Error.Message = v('Message');
  }
  return rule;
}

export function createFaultsView(notice) {
  const view = document.getElementById('view-faults');
  const form = document.getElementById('fault-form');
  const formError = document.getElementById('fault-form-error');
  const tbody = document.querySelector('#fault-table tbody');
  const status = document.getElementById('fault-status');

  function showTypeFields() {
    const type = form.elements.Type.value;
    for (const label of form.querySelectorAll('label[data-for]')) label.hidden = label.dataset.for !== type;
  }
  form.elements.Type.addEventListener('change', showTypeFields);
  showTypeFields();

  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    formError.textContent = '';
    try {
      const rule = await post('/_mock/faults', ruleOf(form));
      notice(`fault rule ${rule.Id} created`);
      list.load();
    } catch (e) {
      formError.textContent = e.message;
    }
  });

  async function remove(id) {
    try {
      await del(`/_mock/faults/${encodeURIComponent(id)}`);
      notice(`fault rule ${id} deleted`);
      list.load();
    } catch (e) {
      notice(`delete failed: ${e.message}`);
    }
  }

  async function load() {
    try {
      const rules = (await get('/_mock/faults')).Faults || [];
      clear(tbody).append(...rules.map((r) => el('tr', {dataset: {fault: r.Id}},
        el('td', {class: 'mono'}, r.Id), el('td', {}, r.Type), el('td', {}, r.Action || '*'),
        el('td', {class: 'mono'}, r.AccountId || 'any'), el('td', {class: 'mono'}, r.AppId || 'any'),
        el('td', {class: 'mono'}, what(r)), el('td', {class: 'num'}, r.Probability),
        el('td', {class: 'num'}, r.Remaining === undefined || r.Remaining === null ? 'unlimited' : r.Remaining),
        el('td', {class: 'num applied'}, r.Applied), el('td', {}, r.Active ? 'yes' : 'no'),
        el('td', {class: 'mono'}, r.CreatedAt || ''),
        el('td', {}, el('button', {type: 'button', class: 'danger', onclick: () => remove(r.Id)}, 'Delete')))));
      status.textContent = rules.length ? `${rules.length} rule${rules.length === 1 ? '' : 's'}, first match wins.` :
        'No fault rule: every request is answered as the mock decides.';
    } catch (e) {
      status.textContent = `the fault rules could not be read: ${e.message}`;
    }
  }

  const list = lazyList(view, load, 250);

  return {
    show: list.show,
    resync: list.resync,
    onFaultHits: list.refresh,
  };
}

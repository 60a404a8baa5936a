// Small DOM helpers. Every text from the mock goes in through textContent, never as HTML: request bodies,
// headers and messages are whatever a client sent.

// el('td', {class: 'num', title: 'x', onclick: fn}, 'text', childNode, ...)
export function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs || {})) {
    if (value === undefined || value === null || value === false) continue;
    if (key.startsWith('on') && typeof value === 'function') node.addEventListener(key.slice(2), value);
    else if (key === 'class') node.className = value;
    else if (key === 'dataset') Object.assign(node.dataset, value);
    else if (value === true) node.setAttribute(key, '');
    else node.setAttribute(key, String(value));
  }
  for (const child of children.flat()) {
    if (child === undefined || child === null || child === false) continue;
    node.append(child instanceof Node ? child : String(child));
  }
  return node;
}

export function clear(node) {
  while (node.firstChild) node.removeChild(node.firstChild);
  return node;
}

const pad = (n, w = 2) => String(n).padStart(w, '0');

// 12:34:56.789 (UTC, the mock's journal is in UTC)
export function clockTime(ms) {
  if (!ms) return '';
  const d = new Date(ms);
  return `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}.${pad(d.getUTCMilliseconds(), 3)}`;
}

// 2026-11-26 12:34:56 UTC
export function fullTime(ms) {
  if (!ms) return '';
  const d = new Date(ms);
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())} ` +
    `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())} UTC`;
}

export function millis(x) {
  if (typeof x !== 'number') return '';
  return x < 10 ? x.toFixed(2) : x < 100 ? x.toFixed(1) : Math.round(x).toString();
}

export function statusClass(status) {
  return 's' + String(status || 0).charAt(0);
}

export function debounce(fn, ms) {
  let timer = null;
  return (...args) => {
    clearTimeout(timer);
    timer = setTimeout(() => fn(...args), ms);
  };
}

// A definition list from [label, value] pairs; empty values are left out.
export function facts(pairs) {
  const dl = el('dl');
  for (const [label, value] of pairs) {
    if (value === undefined || value === null || value === '') continue;
    dl.append(el('dt', {}, label), el('dd', {}, value instanceof Node ? value : String(value)));
  }
  return dl;
}

// JSON text pretty-printed when it parses, as it is otherwise.
export function prettyJson(text) {
  if (typeof text !== 'string') return JSON.stringify(text, null, 2);
  try {
    return JSON.stringify(JSON.parse(text), null, 2);
  } catch {
    return text;
  }
}

// Marks the row as the open one in its table.
export function select(row) {
  for (const other of row.parentNode.querySelectorAll('tr.selected')) other.classList.remove('selected');
  row.classList.add('selected');
}

// The detail pane: cleared, shown, with a close button that hides it again.
export function openPane(pane, onClose) {
  clear(pane).hidden = false;
  pane.append(el('button', {type: 'button', class: 'close', title: 'close', onclick: () => {
    pane.hidden = true;
    if (onClose) onClose();
  }}, 'Close'));
  return pane;
}

// A list read from the mock: read again at once (debounced) when its view is shown, else the next time the
// view is shown. load() reads and draws it.
export function lazyList(view, load, ms = 300) {
  let stale = true;
  const run = () => {
    stale = false;
    return load();
  };
  return {
    refresh: debounce(() => {
      if (view.hidden) stale = true;
      else run();
    }, ms),
    show() {
      if (stale) run();
    },
    resync() {
      stale = true;
    },
    isStale: () => stale,
    load: run,
  };
}

// The admin API and the live stream. With --admin-token the page asks for the token once and keeps it in this
// tab (sessionStorage); every call and the stream send it as a bearer token. The stream is read with fetch()
// (EventSource cannot send a header); its format is plain server-sent events.

const TOKEN_KEY = 'rtc-mock-admin-token';
const tokenRequired = document.documentElement.dataset.tokenRequired === 'yes';
let tokenWaiters = [];

export class ApiError extends Error {
  constructor(status, message) {
    super(message);
    this.status = status;
  }
}

function token() {
  return sessionStorage.getItem(TOKEN_KEY) || '';
}

function headers(extra = {}) {
  const h = Object.assign({}, extra);
  if (token()) h.Authorization = `Bearer ${token()}`;
  return h;
}

// Resolves once a token is there (asking for it when needed).
export function ready() {
  if (!tokenRequired || token()) return Promise.resolve();
  askToken('');
  return new Promise((resolve) => tokenWaiters.push(resolve));
}

function askToken(error) {
  const dialog = document.getElementById('token-dialog');
  document.getElementById('token-error').textContent = error;
  dialog.hidden = false;
  document.getElementById('token-input').focus();
}

export function setupTokenDialog() {
  document.getElementById('token-form').addEventListener('submit', (ev) => {
    ev.preventDefault();
    sessionStorage.setItem(TOKEN_KEY, document.getElementById('token-input').value);
    document.getElementById('token-dialog').hidden = true;
    const waiters = tokenWaiters;
    tokenWaiters = [];
    for (const resolve of waiters) resolve();
  });
}

// One admin call: JSON in and out; a non-2xx answer throws ApiError with the mock's {"error"} message.
export async function api(method, path, body) {
  await ready();
  const init = {method, headers: headers(), cache: 'no-store'};
  if (body !== undefined) {
    init.body = JSON.stringify(body);
    init.headers['Content-Type'] = 'application/json';
  }
  const res = await fetch(path, init);
  const text = await res.text();
  return answer(res, text);
}

// A binary answer (a screenshot) as an object URL for an <img>.
export async function blobUrl(path) {
  await ready();
  const res = await fetch(path, {headers: headers(), cache: 'no-store'});
  if (!res.ok) answer(res, await res.text());
  return URL.createObjectURL(await res.blob());
}

function answer(res, text) {
  let data = text;
  try {
    data = text ? JSON.parse(text) : null;
  } catch {
    // not JSON: kept as text
  }
  if (res.status === 401) {
    sessionStorage.removeItem(TOKEN_KEY);
    askToken((data && data.error) || 'the token was refused');
  }
  if (!res.ok) throw new ApiError(res.status, (data && data.error) || `HTTP ${res.status}`);
  return data;
}

export const get = (path) => api('GET', path);
export const post = (path, body) => api('POST', path, body === undefined ? {} : body);
export const del = (path) => api('DELETE', path);

// Reads GET /_mock/events for as long as the page lives. handlers: {eventName(data)}; onState(state, text).
export async function stream(handlers, onState) {
  const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
  for (let attempt = 0; ; ++attempt) {
    await ready();
    let retryMs = Math.min(10000, 1000 * 2 ** Math.min(attempt, 4));
    try {
      const res = await fetch('/_mock/events', {headers: headers(), cache: 'no-store'});
      if (!res.ok) {
        const body = await res.json().catch(() => ({}));
        if (res.status === 401) {
          sessionStorage.removeItem(TOKEN_KEY);
          askToken(body.error || 'the token was refused');
        }
        onState(res.status === 503 ? 'refused' : 'down', body.error || `HTTP ${res.status}`);
        await sleep(retryMs);
        continue;
      }
      attempt = -1;
      onState('live', '');
      const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
      let buffer = '';
      for (;;) {
        const {value, done} = await reader.read();
        if (done) break;
        buffer += value;
        let end;
        while ((end = buffer.indexOf('\n\n')) >= 0) {
          dispatch(buffer.slice(0, end), handlers);
          buffer = buffer.slice(end + 2);
        }
      }
      onState('down', 'the stream ended');
      retryMs = 1000;
    } catch (e) {
      onState('down', e.message);
    }
    await sleep(retryMs);
  }
}

function dispatch(block, handlers) {
  let name = 'message';
  let data = '';
  for (const line of block.split('\n')) {
    if (line.startsWith('event: ')) name = line.slice(7);
    else if (line.startsWith('data: ')) data += line.slice(6);
  }
  const handler = handlers[name];
  if (!handler || !data) return;
  try {
    handler(JSON.parse(data));
  } catch (e) {
    // A broken handler must not end the stream; say so where a developer looks.
    console.warn(`inspector: the ${name} event could not be shown: ${e.message}`);
  }
}

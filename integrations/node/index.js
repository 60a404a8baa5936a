'use strict';
// rtc-mock for Node tests: starts the rtc-mock binary on a free loopback port and drives its admin API
// (docs/admin-api.md of the rtc-mock repository, the client in admin.js). Node's built-in modules only; the
// container (container.js: RtcMockContainer) also needs the optional peer dependency testcontainers.
//
//   const { startMock } = require('rtc-mock');
//   const mock = await startMock({ clock: 'virtual' });          // or: await new RtcMockContainer().start()
//   ... point a client at mock.endpoint with mock.credentials ...
//   await mock.verify({ action: 'StartWebcast', code: 'ok' }, 1);
//   await mock.stop();

const childProcess = require('child_process');
const fs = require('fs');
const path = require('path');
const { once } = require('events');

const { MockApi, CREDENTIALS, request } = require('./admin');
const { RtcMockContainer } = require('./container');

const START_TIMEOUT_MS = 15000;
const STOP_GRACE_MS = 5000;
const STDERR_KEPT = 64 * 1024;

// Which binary: options.bin, else $RTC_MOCK_BIN, else this repository's build/rtc-mock, else rtc-mock on PATH.
function resolveBinary(bin) {
  if (bin !== undefined && bin !== null && bin !== '') return String(bin);
  if (process.env.RTC_MOCK_BIN) return process.env.RTC_MOCK_BIN;
  const built = path.resolve(__dirname, '..', '..', 'build', 'rtc-mock');
  try {
    fs.accessSync(built, fs.constants.X_OK);
    return built;
  } catch (e) {
    return 'rtc-mock';
  }
}

// ---- every live mock is killed when this process exits, however it exits

const live = new Set();
let hooksInstalled = false;
function killAll() {
  for (const child of live) {
    try {
      child.kill('SIGKILL');
    } catch (e) {
      /* already gone */
    }
  }
  live.clear();
}
function installExitHooks() {
  if (hooksInstalled) return;
  hooksInstalled = true;
  process.on('exit', killAll);
  for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
    const onSignal = () => {
      killAll();
      // Ours was the only listener: do what the signal would have done without it.
      if (process.listenerCount(sig) === 0) process.kill(process.pid, sig);
    };
    process.once(sig, onSignal);
  }
}

// ---- options

function checkOptions(options) {
  if (options === null || typeof options !== 'object' || Array.isArray(options))
    throw new TypeError('startMock(options): options must be an object');
  const known = ['clock', 'config', 'pages', 'bin', 'args', 'env'];
  for (const key of Object.keys(options))
    if (!known.includes(key)) throw new TypeError(`startMock: unknown option "${key}" (known: ${known.join(', ')})`);
  for (const key of ['clock', 'config', 'pages', 'bin'])
    if (options[key] !== undefined && typeof options[key] !== 'string')
      throw new TypeError(`startMock: ${key} must be a string, got ${typeof options[key]}`);
  if (options.clock !== undefined && !['real', 'virtual'].includes(options.clock))
    throw new TypeError(`startMock: clock must be "real" or "virtual", got "${options.clock}"`);
  if (options.pages !== undefined && !['scripted', 'chromium'].includes(options.pages))
    throw new TypeError(`startMock: pages must be "scripted" or "chromium", got "${options.pages}"`);
  if (options.args !== undefined && (!Array.isArray(options.args) || options.args.some((a) => typeof a !== 'string')))
    throw new TypeError('startMock: args must be an array of strings');
  if (options.env !== undefined && (options.env === null || typeof options.env !== 'object'))
    throw new TypeError('startMock: env must be an object of variables');
}

// The admin token the mock will require: --admin-token in args, else RTC_MOCK_ADMIN_TOKEN (a flag wins over its
// variable, an empty variable counts as unset: the mock's own rules).
function adminTokenOf(args, env) {
  let token = '';
  for (let i = 0; i < args.length; i++) {
    if (args[i] === '--admin-token' && i + 1 < args.length) token = args[++i];
    else if (args[i].startsWith('--admin-token=')) token = args[i].slice('--admin-token='.length);
    else continue;
    return token;
  }
  return env.RTC_MOCK_ADMIN_TOKEN || '';
}

// ---- the mock: a process of this Node process

class Mock extends MockApi {
  constructor(child, endpoint, token) {
    super(endpoint, token);
    Object.defineProperty(this, '_child', { value: child });
    Object.defineProperty(this, '_stopping', { value: null, writable: true });
  }

  // SIGTERM, then SIGKILL after 5 s; resolves to the exit code (null when a signal ended it).
  stop() {
    if (!this._stopping) {
      const child = this._child;
      child.ref();
      this._stopping = (async () => {
        if (child.exitCode === null && child.signalCode === null) {
          const exited = once(child, 'exit');
          child.kill('SIGTERM');
          const timer = setTimeout(() => child.kill('SIGKILL'), STOP_GRACE_MS);
          try {
            await exited;
          } finally {
            clearTimeout(timer);
          }
        }
        live.delete(child);
        return child.exitCode;
      })();
    }
    return this._stopping;
  }
}

// ---- start-up

function startMock(options = {}) {
  return new Promise((resolve, reject) => {
    checkOptions(options);
    const args = ['--port', '0'];
    if (options.clock) args.push('--clock', options.clock);
    if (options.config) args.push('--config', options.config);
    if (options.pages) args.push('--pages', options.pages);
    args.push(...(options.args || []));
    const env = Object.assign({}, process.env, options.env || {});
    const bin = resolveBinary(options.bin);
    const token = adminTokenOf(args, env);

    const child = childProcess.spawn(bin, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
    installExitHooks();
    live.add(child);

    let stderr = '';
    let stdout = '';
    let settled = false;
    let mock = null;
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (s) => {
      stderr = (stderr + s).slice(-STDERR_KEPT);
    });
    child.stdout.setEncoding('utf8');

    const fail = (why) => {
      if (settled) return;
      settled = true;
      clearTimeout(deadline);
      child.kill('SIGKILL');
      live.delete(child);
      const tail = stderr.trim();
      reject(new Error(`rtc-mock (${bin}): ${why}${tail ? `\n${tail}` : ''}`));
    };
    const deadline = setTimeout(() => fail(`not ready within ${START_TIMEOUT_MS / 1000} s`), START_TIMEOUT_MS);

    child.on('error', (e) => fail(`could not be started: ${e.message} (set options.bin or RTC_MOCK_BIN)`));
    child.on('exit', (code, signal) => {
      live.delete(child);
      // Wait for the end of stderr, so the rejection carries the whole message.
      if (!settled) child.stderr.once('close', () => fail(`exited with ${signal || `code ${code}`} before it was ready`));
      if (!child.stderr.readable) fail(`exited with ${signal || `code ${code}`} before it was ready`);
    });

    const onStdout = (s) => {
      if (mock) return;
      stdout += s;
      const nl = stdout.indexOf('\n');
      if (nl < 0) return;
      const first = stdout.slice(0, nl);
      const m = /^listening on (http:\/\/\S+)$/.exec(first);
      if (!m) return fail(`its first line is not "listening on http://HOST:PORT": ${JSON.stringify(first)}`);
      const url = new URL(m[1]);
      if (url.hostname === '0.0.0.0') url.hostname = '127.0.0.1';
      if (url.hostname === '[::]') url.hostname = '[::1]';
      mock = new Mock(child, url.origin, token);
      waitReady();
    };
    child.stdout.on('data', onStdout);

    const waitReady = async () => {
      while (!settled) {
        try {
          const res = await request(mock._base, token, 'GET', '/_mock/ready');
          if (res.status === 200) break;
          if (res.status === 401 || res.status === 403) return fail(`GET /_mock/ready answered ${res.status}: ${res.text}`);
        } catch (e) {
          /* not yet */
        }
        await new Promise((r) => setTimeout(r, 20));
      }
      if (settled) return;
      settled = true;
      clearTimeout(deadline);
      // A mock left running does not hold this process open; it is killed when this process exits.
      child.unref();
      child.stdout.unref && child.stdout.unref();
      child.stderr.unref && child.stderr.unref();
      resolve(mock);
    };
  });
}

module.exports = { startMock, RtcMockContainer, MockApi, CREDENTIALS };

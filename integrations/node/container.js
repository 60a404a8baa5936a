'use strict';
// rtc-mock in a container, through testcontainers (an optional peer dependency: required when a container is
// made, so startMock works without it). The image is one of scripts/image.sh (rtc-mock:latest, or
// rtc-mock:latest-chromium for real pages); it is started with an admin token (from outside a container no client
// is loopback, and the admin API answers others only with a token), waited on by its own HEALTHCHECK, and
// resolves to the same object as startMock: endpoint, credentials, the admin API as methods, stop().
//
//   const { RtcMockContainer } = require('rtc-mock');
//   const mock = await new RtcMockContainer('rtc-mock:latest', { clock: 'virtual' }).start();
//   ...
//   await mock.stop();

const crypto = require('crypto');
const net = require('net');
const path = require('path');
const { createRequire } = require('module');

const { MockApi } = require('./admin');

const START_TIMEOUT_MS = 60000;
const STOP_GRACE_MS = 5000;
const LOG_KEPT = 16 * 1024;
const CONFIG_IN_CONTAINER = '/etc/rtc-mock/config.json';

// testcontainers from this package's folder, else from the folder the tests run in (a package installed from a
// folder, `npm install /path/to/integrations/node`, is a link: its own folder is not the project's).
function loadTestcontainers() {
  for (const from of [__filename, path.join(process.cwd(), 'package.json')]) {
    try {
      return createRequire(from)('testcontainers');
    } catch (e) {
      if (e.code !== 'MODULE_NOT_FOUND' || !String(e.message).includes("'testcontainers'")) throw e;
    }
  }
  throw new Error(
    'RtcMockContainer needs the testcontainers package (an optional peer dependency of rtc-mock): ' +
      'npm install --save-dev testcontainers'
  );
}

function checkOptions(options) {
  if (options === null || typeof options !== 'object' || Array.isArray(options))
    throw new TypeError('RtcMockContainer(image, options): options must be an object');
  const known = ['clock', 'config', 'pages', 'args', 'env', 'adminToken', 'network', 'startupTimeoutMs'];
  for (const key of Object.keys(options))
    if (!known.includes(key)) throw new TypeError(`RtcMockContainer: unknown option "${key}" (known: ${known.join(', ')})`);
  for (const key of ['clock', 'config', 'pages', 'adminToken', 'network'])
    if (options[key] !== undefined && typeof options[key] !== 'string')
      throw new TypeError(`RtcMockContainer: ${key} must be a string, got ${typeof options[key]}`);
  if (options.clock !== undefined && !['real', 'virtual'].includes(options.clock))
    throw new TypeError(`RtcMockContainer: clock must be "real" or "virtual", got "${options.clock}"`);
  if (options.pages !== undefined && !['scripted', 'chromium'].includes(options.pages))
    throw new TypeError(`RtcMockContainer: pages must be "scripted" or "chromium", got "${options.pages}"`);
  if (options.network !== undefined && !['host', 'bridge'].includes(options.network))
    throw new TypeError(`RtcMockContainer: network must be "host" or "bridge", got "${options.network}"`);
  if (options.args !== undefined && (!Array.isArray(options.args) || options.args.some((a) => typeof a !== 'string')))
    throw new TypeError('RtcMockContainer: args must be an array of strings');
  if (options.env !== undefined && (options.env === null || typeof options.env !== 'object' || Array.isArray(options.env)))
    throw new TypeError('RtcMockContainer: env must be an object of variables');
  if (options.startupTimeoutMs !== undefined && !(Number.isInteger(options.startupTimeoutMs) && options.startupTimeoutMs > 0))
    throw new TypeError('RtcMockContainer: startupTimeoutMs must be a whole number of milliseconds > 0');
  if (options.args && options.args.some((a) => a === '--admin-token' || a.startsWith('--admin-token=')))
    throw new TypeError('RtcMockContainer: pass the admin token as options.adminToken, not in args');
}

// A port free on this machine now (host networking: the container binds it on the host).
function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

// ---- the mock: a container

class ContainerMock extends MockApi {
  constructor(container, endpoint, token, tc) {
    super(endpoint, token);
    // The started testcontainers container (logs, exec, ...).
    Object.defineProperty(this, 'container', { value: container, enumerable: true });
    Object.defineProperty(this, '_tc', { value: tc });
    Object.defineProperty(this, '_stopping', { value: null, writable: true });
  }

  // docker stop (SIGTERM, SIGKILL after 5 s), then the container is removed; resolves to its exit code.
  stop() {
    if (!this._stopping) {
      this._stopping = (async () => {
        const stopped = await this.container.stop({ timeout: STOP_GRACE_MS, remove: false });
        const client = await this._tc.getContainerRuntimeClient();
        const handle = client.container.getById(stopped.getId());
        try {
          return (await client.container.inspect(handle)).State.ExitCode;
        } finally {
          await client.container.remove(handle, { removeVolumes: true });
        }
      })();
    }
    return this._stopping;
  }
}

// ---- the container

class RtcMockContainer {
  // image: an image of scripts/image.sh. options: clock, pages, config (a file on this machine, copied in and
  // named by RTC_MOCK_CONFIG), args (flags after rtc-mock), env (variables of the container), adminToken (else
  // a random one), network ("host": the host's network, a free port of this machine, bound on 127.0.0.1; the
  // default on Linux, and what a daemon without a bridge needs; "bridge": port 8080 published on a free port),
  // startupTimeoutMs (60 s).
  constructor(image = 'rtc-mock:latest', options = {}) {
    if (typeof image !== 'string' || image === '') throw new TypeError('RtcMockContainer(image): image must be a non-empty string');
    checkOptions(options);
    this.image = image;
    this.options = Object.assign({}, options);
    Object.defineProperty(this, '_tc', { value: loadTestcontainers() });
  }

  async start() {
    const tc = this._tc;
    const o = this.options;
    const network = o.network || (process.platform === 'linux' ? 'host' : 'bridge');
    const env = Object.assign({}, o.env || {});
    const token = o.adminToken || env.RTC_MOCK_ADMIN_TOKEN || crypto.randomBytes(16).toString('hex');
    env.RTC_MOCK_ADMIN_TOKEN = token;
    if (o.clock) env.RTC_MOCK_CLOCK = o.clock;
    if (o.pages) env.RTC_MOCK_PAGES = o.pages;
    if (o.config) env.RTC_MOCK_CONFIG = CONFIG_IN_CONTAINER;
    let port = 8080;
    const dockerHost = process.env.DOCKER_HOST || '';
    if (network === 'host' && !process.env.TESTCONTAINERS_HOST_OVERRIDE && (!dockerHost || dockerHost.startsWith('unix:'))) {
      // A local daemon, and the container in this machine's network: the host is 127.0.0.1. Said to testcontainers,
      // which otherwise, when it finds itself in a container, looks for the gateway of a network named "bridge",
      // and fails on a daemon without one ("Could not find a working container runtime strategy").
      process.env.TESTCONTAINERS_HOST_OVERRIDE = '127.0.0.1';
    }
    if (network === 'host') {
      port = env.RTC_MOCK_PORT ? Number(env.RTC_MOCK_PORT) : await freePort();
      env.RTC_MOCK_PORT = String(port);
      if (!env.RTC_MOCK_HOST) env.RTC_MOCK_HOST = '127.0.0.1';
    }

    let log = '';
    let container = new tc.GenericContainer(this.image)
      .withEnvironment(env)
      .withWaitStrategy(tc.Wait.forHealthCheck())
      .withStartupTimeout(o.startupTimeoutMs || START_TIMEOUT_MS)
      .withLogConsumer((stream) => {
        stream.on('data', (chunk) => {
          log = (log + chunk.toString()).slice(-LOG_KEPT);
        });
        stream.on('error', () => {});
      });
    if (network === 'host') container = container.withNetworkMode('host');
    else container = container.withExposedPorts(8080);
    if (o.args && o.args.length) container = container.withCommand(o.args);
    if (o.config) container = container.withCopyFilesToContainer([{ source: path.resolve(o.config), target: CONFIG_IN_CONTAINER, mode: 0o644 }]);

    let started;
    try {
      started = await container.start();
    } catch (e) {
      const tail = log.trim();
      e.message = `rtc-mock container (${this.image}) did not become healthy: ${e.message}${tail ? `\n${tail}` : ''}`;
      throw e;
    }
    let host = started.getHost();
    if (host === 'localhost') host = '127.0.0.1';
    if (network === 'host' && env.RTC_MOCK_HOST === '127.0.0.1') host = '127.0.0.1';
    if (host.includes(':')) host = `[${host}]`;
    if (network === 'bridge') port = started.getMappedPort(8080);
    return new ContainerMock(started, `http://${host}:${port}`, token, tc);
  }
}

module.exports = { RtcMockContainer, ContainerMock };

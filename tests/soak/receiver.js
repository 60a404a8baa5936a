// A callback receiver for the soak: verifies each callback's signature (docs/service-facts.md §5), answers 200, and on
// SIGTERM writes what it saw as JSON: distinct EventIds, and per TaskId the Statuses received.
'use strict';
const http = require('http');
const crypto = require('crypto');
const fs = require('fs');

const [port, secret, out] = [Number(process.argv[2]), process.argv[3], process.argv[4]];
const events = new Set();
const tasks = {};
let bad = 0, duplicates = 0;

http.createServer((req, res) => {
  let body = '';
  req.on('data', (c) => { body += c; });
  req.on('end', () => {
    let e;
    try { e = JSON.parse(body); } catch (_) { bad++; res.writeHead(400); res.end(); return; }
    const parts = [e.EventType, e.EventData, e.EventTime, e.EventId, e.AppId, e.Version, e.Nonce, secret].sort();
    const sig = crypto.createHash('sha256').update(parts.join('')).digest('hex');
    if (sig !== e.Signature) { bad++; res.writeHead(401); res.end(); return; }
    if (events.has(e.EventId)) duplicates++;
    events.add(e.EventId);
    const data = JSON.parse(e.EventData);
    (tasks[data.TaskId] = tasks[data.TaskId] || []).push(data.Status);
    res.writeHead(200); res.end('ok');
  });
}).listen(port, '127.0.0.1');

process.on('SIGTERM', () => {
  fs.writeFileSync(out, JSON.stringify({events: events.size, bad, duplicates, tasks}));
  process.exit(0);
});

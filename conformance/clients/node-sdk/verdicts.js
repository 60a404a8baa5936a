#!/usr/bin/env node
'use strict';
// The Node SDK's expected conformance verdicts (expected-verdicts.json, committed) against a run, and the
// results tables of the READMEs rendered from that same file, so neither can drift from what CI measures.
//
//   verdicts.js check REPORT.json   compare a `rtc-conformance --json` report with the expected verdicts;
//                                   print every scenario that changed, is new or is gone; exit 1 if any
//   verdicts.js update REPORT.json  rewrite expected-verdicts.json from a report (keeps the Why texts of
//                                   scenarios whose verdict did not change)
//   verdicts.js docs                exit 1 unless the generated blocks of README.md and conformance/README.md
//                                   are the rendering of expected-verdicts.json
//   verdicts.js docs --write        rewrite those blocks
//
// Node built-ins only: it runs before `npm ci`.

const fs = require('fs');
const path = require('path');

const ROOT = path.resolve(__dirname, '..', '..', '..');
const EXPECTED = path.join(__dirname, 'expected-verdicts.json');
const DOCS = [path.join(ROOT, 'README.md'), path.join(ROOT, 'conformance', 'README.md')];
const BEGIN = '<!-- BEGIN conformance-results (generated: node conformance/clients/node-sdk/verdicts.js docs --write) -->';
const END = '<!-- END conformance-results -->';

function die(msg) {
  console.error(`verdicts.js: ${msg}`);
  process.exit(2);
}

function readJson(file) {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (e) {
    return die(`${file}: ${e.message}`);
  }
}

function loadExpected() {
  const e = readJson(EXPECTED);
  if (!e.Verdicts || typeof e.Verdicts !== 'object') die(`${EXPECTED}: no Verdicts object`);
  for (const [id, v] of Object.entries(e.Verdicts)) {
    if (!['MUST', 'SHOULD'].includes(v.Level)) die(`${EXPECTED}: ${id}: Level must be MUST or SHOULD`);
    if (!['PASS', 'FAIL', 'SKIP'].includes(v.Verdict)) die(`${EXPECTED}: ${id}: Verdict must be PASS, FAIL or SKIP`);
    if (v.Verdict !== 'PASS' && !v.Why) die(`${EXPECTED}: ${id}: a ${v.Verdict} needs a Why`);
  }
  return e;
}

function loadReport(file) {
  const r = readJson(file);
  if (!Array.isArray(r.Scenarios) || !r.Scenarios.length) die(`${file}: no Scenarios (not a rtc-conformance --json report?)`);
  return r;
}

// ------------------------------------------------------------------ check / update

function check(reportFile) {
  const expected = loadExpected().Verdicts;
  const report = loadReport(reportFile);
  const got = new Map(report.Scenarios.map((s) => [s.Id, s]));
  const problems = [];
  for (const [id, want] of Object.entries(expected)) {
    const s = got.get(id);
    if (!s) {
      problems.push(`gone:    ${id} (expected ${want.Level} ${want.Verdict}) is not in the report`);
      continue;
    }
    if (s.Verdict !== want.Verdict || s.Level !== want.Level)
      problems.push(`changed: ${id}: expected ${want.Level} ${want.Verdict}, got ${s.Level} ${s.Verdict}: ${s.Why}`);
  }
  for (const s of report.Scenarios)
    if (!(s.Id in expected)) problems.push(`new:     ${s.Id}: ${s.Level} ${s.Verdict}: ${s.Why}`);
  const n = Object.keys(expected).length;
  if (problems.length) {
    console.error(`the Node SDK's verdicts differ from ${path.relative(ROOT, EXPECTED)} (${problems.length} of ${n}):`);
    for (const p of problems) console.error(`  ${p}`);
    console.error('If the change is intended (a new scenario, a new SDK version), run');
    console.error(`  node conformance/clients/node-sdk/verdicts.js update ${reportFile}`);
    console.error('  node conformance/clients/node-sdk/verdicts.js docs --write');
    console.error('and commit expected-verdicts.json and the READMEs with the change.');
    process.exit(1);
  }
  console.log(`the Node SDK's ${n} verdicts are the expected ones (${path.relative(ROOT, EXPECTED)})`);
}

function update(reportFile) {
  const old = fs.existsSync(EXPECTED) ? loadExpected() : { Verdicts: {} };
  const report = loadReport(reportFile);
  const verdicts = {};
  for (const s of report.Scenarios) {
    const v = { Level: s.Level, Verdict: s.Verdict };
    const before = old.Verdicts[s.Id];
    if (s.Verdict !== 'PASS') v.Why = before && before.Verdict === s.Verdict && before.Why ? before.Why : s.Why;
    verdicts[s.Id] = v;
  }
  const next = { Client: old.Client || report.Client, Summary: old.Summary || '', Verdicts: verdicts };
  fs.writeFileSync(EXPECTED, JSON.stringify(next, null, 2) + '\n');
  console.log(`wrote ${path.relative(ROOT, EXPECTED)}: ${Object.keys(verdicts).length} scenarios`);
}

// ------------------------------------------------------------------ docs

// Per level: every scenario (`all`), the scored ones (a SKIP is not scored, as rtc-conformance counts) and
// the passed ones.
function score(verdicts) {
  const s = { MUST: { all: 0, scored: 0, passed: 0 }, SHOULD: { all: 0, scored: 0, passed: 0 }, skipped: 0 };
  for (const v of Object.values(verdicts)) {
    const l = s[v.Level];
    l.all++;
    if (v.Verdict === 'SKIP') s.skipped++;
    else l.scored++;
    if (v.Verdict === 'PASS') l.passed++;
  }
  return s;
}

function render(expected) {
  const v = expected.Verdicts;
  const { MUST, SHOULD, skipped } = score(v);
  const others = Object.entries(v).filter(([, e]) => e.Verdict !== 'PASS');
  const verdict = MUST.passed === MUST.scored ? 'PASS' : 'FAIL';
  const lines = [
    BEGIN,
    '| client | MUST | SHOULD | verdict |',
    '| --- | --- | --- | --- |',
    `| \`rtc-reference-client\` (C++, the project's signer) | ${MUST.all}/${MUST.all} | ${SHOULD.all}/${SHOULD.all} | ` +
      'PASS, none skipped (asserted by `ctest -L conformance`) |',
    `| ${expected.Client} | ${MUST.passed}/${MUST.scored} | ${SHOULD.passed}/${SHOULD.scored} | ` +
      `${verdict}${skipped ? `, ${skipped} skipped` : ''}: ${expected.Summary} |`,
    '',
    `The Node SDK's scenarios other than PASS, out of ${Object.keys(v).length} (each verdict asserted by`,
    '`scripts/test.d/60-conformance-node-sdk.sh`):',
    '',
    '| scenario | level | verdict | why |',
    '| --- | --- | --- | --- |',
  ];
  for (const [id, e] of others) lines.push(`| ${id} | ${e.Level} | ${e.Verdict} | ${e.Why} |`);
  lines.push(`| the other ${Object.keys(v).length - others.length} | | PASS | |`);
  lines.push(END);
  return lines.join('\n');
}

function docs(write) {
  const block = render(loadExpected());
  let stale = 0;
  for (const file of DOCS) {
    const text = fs.readFileSync(file, 'utf8');
    const a = text.indexOf(BEGIN);
    const b = text.indexOf(END);
    if (a < 0 || b < a) die(`${path.relative(ROOT, file)}: no generated block (${BEGIN} ... ${END})`);
    const next = text.slice(0, a) + block + text.slice(b + END.length);
    if (next === text) continue;
    if (write) {
      fs.writeFileSync(file, next);
      console.log(`rewrote the results block of ${path.relative(ROOT, file)}`);
    } else {
      console.error(`${path.relative(ROOT, file)}: the results block is not the rendering of expected-verdicts.json`);
      stale++;
    }
  }
  if (stale) {
    console.error('run: node conformance/clients/node-sdk/verdicts.js docs --write');
    process.exit(1);
  }
  if (!write) console.log('the READMEs\' results blocks are the rendering of expected-verdicts.json');
}

const [cmd, arg] = process.argv.slice(2);
if (cmd === 'check' && arg) check(arg);
else if (cmd === 'update' && arg) update(arg);
else if (cmd === 'docs') docs(arg === '--write');
else die('usage: verdicts.js check REPORT.json | update REPORT.json | docs [--write]');

// A line diff (longest common subsequence): what the server signed against what a client signed.
// Canonical requests are a few dozen lines, so the quadratic table is small.
export function lineDiff(server, client) {
  const a = (server || '').split('\n');
  const b = (client || '').split('\n');
  const n = a.length;
  const m = b.length;
  const lcs = Array.from({length: n + 1}, () => new Uint16Array(m + 1));
  for (let i = n - 1; i >= 0; --i)
    for (let j = m - 1; j >= 0; --j)
      lcs[i][j] = a[i] === b[j] ? lcs[i + 1][j + 1] + 1 : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
  const out = [];
  let i = 0;
  let j = 0;
  while (i < n || j < m) {
    if (i < n && j < m && a[i] === b[j]) {
      out.push({kind: 'same', line: a[i]});
      ++i;
      ++j;
    } else if (j < m && (i === n || lcs[i][j + 1] >= lcs[i + 1][j])) {
      out.push({kind: 'client', line: b[j++]});
    } else {
      out.push({kind: 'server', line: a[i++]});
    }
  }
  return out;
}

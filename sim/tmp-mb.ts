import { readFileSync } from 'node:fs';
const lines = readFileSync('/tmp/lines.csv', 'utf8').split('\n').map((l) => l + '\n');
// make them cons strings like real ones
const mk = (l: string) => { const h = l.length >> 1; return l.slice(0, h) + l.slice(h); };
for (let rep = 0; rep < 3; rep++) {
  let t0 = performance.now();
  let buf = Buffer.allocUnsafe(1 << 20); let used = 0; let tot = 0;
  for (const l0 of lines) { const l = mk(l0); if (used + l.length * 3 > buf.length) { tot += used; buf = Buffer.allocUnsafe(1 << 20); used = 0; } used += buf.write(l, used); }
  console.log('buffer.write', ((performance.now() - t0) * 1000 / lines.length).toFixed(3), 'us/line');
  t0 = performance.now();
  let chunk = ''; let n = 0; tot = 0;
  for (const l0 of lines) { const l = mk(l0); chunk += l; if (++n >= 1000) { tot += Buffer.from(chunk).length; chunk = ''; n = 0; } }
  console.log('rope+Buffer.from', ((performance.now() - t0) * 1000 / lines.length).toFixed(3), 'us/line');
  t0 = performance.now();
  const parts: string[] = []; tot = 0;
  for (const l0 of lines) { const l = mk(l0); parts.push(l); if (parts.length >= 1000) { tot += Buffer.from(parts.join('')).length; parts.length = 0; } }
  console.log('array join', ((performance.now() - t0) * 1000 / lines.length).toFixed(3), 'us/line');
  t0 = performance.now();
  for (const l0 of lines) { const l = mk(l0); tot += l.length; }
  console.log('mk only', ((performance.now() - t0) * 1000 / lines.length).toFixed(3), 'us/line');
}

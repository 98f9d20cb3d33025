// Measures `baucu serve`: the time from saving a news file to the changed page being
// served with the new content. Used by scripts/bench-serve.sh; by hand:
//
//   node scripts/bench-serve.mjs --bin target/release/baucu --root DIR \
//        [--province ID] [--runs N] [--label NAME]
//
// ROOT is edited (the title of one news item): give it a copy. It starts
// `baucu serve --root DIR [--province ID] --port 0`, waits for the first build, then
// N times: rewrites the news file with a new title and, as an open page does, waits
// on the live-reload event stream for the `reload` event naming the page, then
// fetches it and checks that it shows that title. Prints min/median/max in
// milliseconds. (Polling the page instead would take CPU from the rebuild it waits
// for: the machine has two cores.)

import { spawn } from 'node:child_process';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { createInterface } from 'node:readline';
import { setTimeout as sleep } from 'node:timers/promises';

const args = process.argv.slice(2);
const opt = (name, fallback) => {
  const at = args.indexOf(`--${name}`);
  return at >= 0 ? args[at + 1] : fallback;
};
const BIN = opt('bin', 'target/release/baucu');
const ROOT = opt('root');
const RUNS = Number(opt('runs', '20'));
const LABEL = opt('label', ROOT);
const DEADLINE_MS = 60_000;
if (!ROOT) {
  console.error('usage: node scripts/bench-serve.mjs --bin BIN --root DIR [--province ID] [--runs N]');
  process.exit(2);
}

const province = opt('province') ?? readdirSync(path.join(ROOT, 'content')).filter((d) => !d.startsWith('_') && !d.startsWith('.')).sort()[0];

// A published news item of the province: its file, and its URL in the first language.
const newsDir = path.join(ROOT, 'content', province, 'news');
const name = readdirSync(newsDir)
  .filter((f) => /^\d{4}-\d{2}-\d{2}-.+\.md$/.test(f) && !/\.[a-z]{2}\.md$/.test(f))
  .sort()
  .find((f) => !/^draft:\s*true/m.test(readFileSync(path.join(newsDir, f), 'utf8')));
if (!name) throw new Error(`no news item in ${newsDir}`);
const file = path.join(newsDir, name);
const url = `/tin-tuc/${name.slice(11, -3)}/`;

const child = spawn(BIN, ['serve', '--root', ROOT, '--province', province, '--port', '0', '--lang', 'en'], {
  stdio: ['ignore', 'pipe', 'pipe'],
});
let log = '';
child.stderr.on('data', (chunk) => {
  log += chunk;
});
const stop = () => {
  if (child.exitCode === null) child.kill('SIGTERM');
};
process.on('exit', stop);

const started = performance.now();
const base = await new Promise((resolve, reject) => {
  let found;
  child.once('exit', (code) => reject(new Error(`baucu serve exited (${code}):\n${log}`)));
  createInterface({ input: child.stdout }).on('line', (line) => {
    const [id, address] = line.trim().split(/\s+/);
    if (id === province && address?.startsWith('http://')) found = address.replace(/\/$/, '');
    if (line.startsWith('Watching')) resolve(found);
  });
});
const firstBuild = performance.now() - started;

const fetchText = async () => {
  try {
    const response = await fetch(base + url, { cache: 'no-store' });
    return await response.text();
  } catch {
    return '';
  }
};

if (!(await fetchText()).includes('<h1')) throw new Error(`${base}${url} is not a page:\n${log}`);

// The live-reload stream, as the page's script reads it: events queue up until taken.
const events = [];
let wake = null;
const stream = await fetch(base + '/__baucu/events');
(async () => {
  const reader = stream.body.getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  for (;;) {
    const { value, done } = await reader.read().catch(() => ({ done: true }));
    if (done) break;
    buffer += decoder.decode(value, { stream: true });
    let end;
    while ((end = buffer.indexOf('\n\n')) >= 0) {
      const block = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      const event = /^event: (.*)$/m.exec(block)?.[1];
      const data = /^data: (.*)$/m.exec(block)?.[1];
      events.push({ event, data: data ? JSON.parse(data) : null });
      wake?.();
    }
  }
})();
const nextEvent = async (deadline) => {
  while (events.length === 0) {
    const left = deadline - performance.now();
    if (left <= 0) return null;
    let timer;
    await new Promise((resolve) => {
      wake = resolve;
      timer = setTimeout(resolve, left);
    });
    clearTimeout(timer); // an uncleared timer would keep Node running after the last run
    wake = null;
  }
  return events.shift();
};

const original = readFileSync(file, 'utf8');
const times = [];
try {
  for (let run = 1; run <= RUNS; run++) {
    const title = `Bench run ${run} ${Date.now()}`;
    const edited = original.replace(/^title:.*$/m, `title: ${title}`);
    events.length = 0;
    const t0 = performance.now();
    writeFileSync(file, edited);
    for (;;) {
      const event = await nextEvent(t0 + DEADLINE_MS);
      if (!event) throw new Error(`run ${run}: no reload in ${DEADLINE_MS} ms:\n${log}`);
      if (event.event === 'error') throw new Error(`run ${run}: the build failed: ${JSON.stringify(event.data)}`);
      if (event.event === 'reload' && event.data.changed.includes(url) && (await fetchText()).includes(title)) break;
    }
    times.push(performance.now() - t0);
    await sleep(300); // let the server settle: each save is its own rebuild
  }
} finally {
  writeFileSync(file, original);
  stop();
}

times.sort((a, b) => a - b);
const median = times.length % 2 ? times[(times.length - 1) / 2] : (times[times.length / 2 - 1] + times[times.length / 2]) / 2;
const ms = (x) => x.toFixed(0).padStart(6);
console.log(
  `${LABEL.padEnd(28)} ${province.padEnd(14)} runs ${String(times.length).padStart(3)}  ` +
    `save→served ms: min ${ms(times[0])}  median ${ms(median)}  max ${ms(times[times.length - 1])}  ` +
    `(first build ${(firstBuild / 1000).toFixed(1)} s)`,
);

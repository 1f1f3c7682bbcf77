// Preloaded into the gateway by bench/memory-floor.ts (`node --import ./bench/memory-probe.mjs …`): on SIGUSR2
// it writes what the process's memory is made of to MEMORY_PROBE_OUT (JSON), and a heap snapshot next to it
// when MEMORY_PROBE_SNAPSHOT is set. Measurement only; never loaded by `npm start`.
import { readFileSync, writeFileSync } from 'node:fs';
import v8 from 'node:v8';

const out = process.env.MEMORY_PROBE_OUT;
if (out) {
  process.on('SIGUSR2', () => {
    const mb = (bytes) => Math.round((bytes / 1048576) * 10) / 10;
    const usage = Object.fromEntries(Object.entries(process.memoryUsage()).map(([key, value]) => [key, mb(value)]));
    const spaces = Object.fromEntries(
      v8.getHeapSpaceStatistics().map((space) => [space.space_name, { size: mb(space.space_size), used: mb(space.space_used_size) }]),
    );
    const code = Object.fromEntries(Object.entries(v8.getHeapCodeStatistics()).map(([key, value]) => [key, mb(value)]));
    let rollup = '';
    try {
      rollup = readFileSync('/proc/self/smaps_rollup', 'utf8');
    } catch {}
    const kb = (name) => Number(new RegExp(`^${name}:\\s+(\\d+) kB`, 'm').exec(rollup)?.[1] ?? Number.NaN) / 1024;
    // Resident memory by mapping kind: the node binary and shared libraries, anonymous (heap, malloc, wasm).
    const mappings = {};
    const anonymous = []; // the largest anonymous mappings: [start address, size MB, resident MB, permissions]
    try {
      let current = '';
      let entry;
      for (const line of readFileSync('/proc/self/smaps', 'utf8').split('\n')) {
        const head = /^([0-9a-f]+)-([0-9a-f]+) (\S+) \S+ \S+ \S+\s*(.*)$/.exec(line);
        if (head) {
          current = head[4] || '[anonymous]';
          entry = [head[1], mb(parseInt(head[2], 16) - parseInt(head[1], 16)), 0, head[3]];
        } else if (line.startsWith('Rss:')) {
          const key = current.startsWith('/') ? current.replace(/^.*\//, '') : current;
          const rss = Number(line.split(/\s+/)[1]) / 1024;
          mappings[key] = (mappings[key] ?? 0) + rss;
          if (current === '[anonymous]') {
            entry[2] = Math.round(rss * 10) / 10;
            anonymous.push(entry);
          }
        }
      }
    } catch {}
    anonymous.sort((a, b) => b[2] - a[2]);
    const topMappings = Object.fromEntries(
      Object.entries(mappings)
        .sort((a, b) => b[1] - a[1])
        .slice(0, 12)
        .map(([key, value]) => [key, Math.round(value * 10) / 10]),
    );
    const report = {
      usage,
      heapSpaces: spaces,
      code,
      rollup: { rss: kb('Rss'), anonymous: kb('Anonymous'), file: kb('Rss') - kb('Anonymous') },
      topMappings,
      largestAnonymous: anonymous.slice(0, 15),
    };
    if (process.env.MEMORY_PROBE_SNAPSHOT) v8.writeHeapSnapshot(process.env.MEMORY_PROBE_SNAPSHOT);
    writeFileSync(out, `${JSON.stringify(report, null, 1)}\n`); // last: the runner waits for this file
  });
}

// The top-level folders of src/ form layers: a folder may depend on another only if that one does not depend
// back on it, directly or through others. Imports are read with a small regex parser (no extra dependency).
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const SRC = resolve(dirname(fileURLToPath(import.meta.url)), '../../src');
const IGNORED = new Set(['generated']);
// `import … from '…'`, `export … from '…'`, `import '…'` and `import('…')`, type-only imports included.
const IMPORT = /(?:^|\n)\s*(?:import|export)\s[^'"]*?from\s*['"]([^'"]+)['"]|(?:^|\n)\s*import\s*['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/g;

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return IGNORED.has(name) ? [] : sourceFiles(path);
    return path.endsWith('.ts') ? [path] : [];
  });
}

/** The top-level unit of a file: its folder under src/, or the file itself when it sits in src/. */
function unitOf(path: string): string | null {
  const parts = relative(SRC, path).split(sep);
  if (parts[0] === '..' || IGNORED.has(parts[0]!)) return null;
  return parts.length > 1 ? parts[0]! : parts[0]!.replace(/\.ts$/, '');
}

export function folderGraph(files: string[]): Map<string, Map<string, string>> {
  const graph = new Map<string, Map<string, string>>();
  for (const file of files) {
    const from = unitOf(file)!;
    const edges = graph.get(from) ?? new Map<string, string>();
    graph.set(from, edges);
    for (const match of readFileSync(file, 'utf8').matchAll(IMPORT)) {
      const specifier = match[1] ?? match[2] ?? match[3]!;
      if (!specifier.startsWith('.')) continue;
      const to = unitOf(resolve(dirname(file), specifier));
      if (to && to !== from && !edges.has(to)) edges.set(to, relative(SRC, file));
    }
  }
  return graph;
}

function reaches(graph: Map<string, Map<string, string>>, from: string, to: string, seen = new Set<string>()): boolean {
  if (from === to) return true;
  seen.add(from);
  return [...(graph.get(from)?.keys() ?? [])].some((next) => !seen.has(next) && reaches(graph, next, to, seen));
}

/** Every import edge that lies on a cycle, as "a → b (file)": b reaches a again through its own imports. */
export function edgesOnCycles(graph: Map<string, Map<string, string>>): string[] {
  return [...graph].flatMap(([from, edges]) =>
    [...edges].filter(([to]) => reaches(graph, to, from)).map(([to, file]) => `${from} → ${to} (${file})`),
  );
}

describe('import structure', () => {
  it('finds a cycle when one exists (the checker itself works)', () => {
    const graph = new Map<string, Map<string, string>>([
      ['a', new Map([['b', 'a/x.ts']])],
      ['b', new Map([['c', 'b/y.ts']])],
      ['c', new Map([['a', 'c/z.ts']])],
    ]);
    graph.set('d', new Map([['a', 'd/w.ts']]));
    expect(edgesOnCycles(graph)).toEqual(['a → b (a/x.ts)', 'b → c (b/y.ts)', 'c → a (c/z.ts)']);
  });

  it('has no import cycle between the top-level folders of src/', () => {
    expect(edgesOnCycles(folderGraph(sourceFiles(SRC)))).toEqual([]);
  });
});

/**
 * Folders by domain, without cycles at run time: a folder of src-main that imports another
 * (not `import type`) may not be imported back, however indirectly. A cycle means the two are
 * one domain or a piece sits in the wrong one (docs/architecture.md).
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../../fixtures/paths';

const SRC = path.join(ROOT, 'src-main');

function sources(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    return e.isDirectory() ? sources(p) : /\.tsx?$/.test(e.name) ? [p] : [];
  });
}

const folderOf = (file: string) =>
  path
    .relative(SRC, file)
    .split(path.sep)[0]
    .replace(/\.tsx?$/, '');

/** Folder → folders it imports at run time (type-only imports and re-exports of types left out). */
export function folderGraph(): Map<string, Set<string>> {
  const graph = new Map<string, Set<string>>();
  const spec = /^\s*(?:import|export)\s+(?!type\b)(?:[^'";]*?\sfrom\s+)?['"](\.{1,2}\/[^'"]+)['"]/gm;
  const dynamic = /import\(\s*['"](\.{1,2}\/[^'"]+)['"]\s*\)/g;
  for (const file of sources(SRC)) {
    const text = fs.readFileSync(file, 'utf8');
    const from = folderOf(file);
    const edges = graph.get(from) ?? graph.set(from, new Set()).get(from)!;
    for (const re of [spec, dynamic]) {
      for (const m of text.matchAll(re)) {
        const target = path.resolve(path.dirname(file), m[1]);
        if (!target.startsWith(SRC + path.sep)) continue;
        const to = folderOf(target);
        if (to !== from) edges.add(to);
      }
    }
  }
  return graph;
}

function cycles(graph: Map<string, Set<string>>): string[][] {
  const found: string[][] = [];
  const seen = new Set<string>();
  for (const start of graph.keys()) {
    const walk = (node: string, trail: string[]) => {
      for (const next of graph.get(node) ?? []) {
        if (next === start) {
          const key = [...trail].sort().join(',');
          if (!seen.has(key)) {
            seen.add(key);
            found.push([...trail, start]);
          }
        } else if (!trail.includes(next) && trail.length < 6) walk(next, [...trail, next]);
      }
    };
    walk(start, [start]);
  }
  return found;
}

describe('folders of src-main', () => {
  it('import each other without cycles at run time', () => {
    expect(cycles(folderGraph()).map((c) => c.join(' → '))).toEqual([]);
  });
});

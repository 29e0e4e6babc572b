#!/usr/bin/env node
/* global console, process */
// Fails when folders import each other in a circle (ARCHITECTURE.md, "Import rules"). Each folder
// is a node, a subfolder included: src/protocol and a folder below it that imported each other
// would be a cycle too. Every relative import counts, `import type` as well: a type-only cycle
// still ties two folders' changes together.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';

const ROOTS = ['src', 'jobs', 'connectors', 'bench'];
const IMPORT = /(?:\bfrom|\bimport|\bimport\s*\()\s*['"](\.{1,2}\/[^'"]+)['"]/g;

function sourceFiles(dir) {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) return sourceFiles(full);
    return full.endsWith('.ts') && !full.endsWith('.d.ts') ? [full] : [];
  });
}

function resolve(fromDir, spec) {
  const target = path.normalize(path.join(fromDir, spec));
  for (const candidate of [`${target}.ts`, path.join(target, 'index.ts'), target]) {
    if (existsSync(candidate) && statSync(candidate).isFile()) return candidate;
  }
  return null;
}

/** Folder → folder → the file imports that make the edge. */
export function folderGraph(roots = ROOTS) {
  const graph = new Map();
  for (const file of roots.flatMap(sourceFiles)) {
    const from = path.dirname(file);
    for (const match of readFileSync(file, 'utf8').matchAll(IMPORT)) {
      const target = resolve(from, match[1]);
      if (target === null) continue;
      const to = path.dirname(target);
      if (to === from) continue;
      const edges = graph.get(from) ?? new Map();
      edges.set(to, [...(edges.get(to) ?? []), `${file} -> ${target}`]);
      graph.set(from, edges);
    }
  }
  return graph;
}

/** Tarjan's strongly connected components; any with more than one folder is a cycle. */
export function cycles(graph) {
  let index = 0;
  const stack = [];
  const state = new Map();
  const found = [];
  const visit = (node) => {
    state.set(node, { index, low: index, onStack: true });
    index += 1;
    stack.push(node);
    for (const next of graph.get(node)?.keys() ?? []) {
      if (!state.has(next)) {
        visit(next);
        state.get(node).low = Math.min(state.get(node).low, state.get(next).low);
      } else if (state.get(next).onStack) {
        state.get(node).low = Math.min(state.get(node).low, state.get(next).index);
      }
    }
    if (state.get(node).low !== state.get(node).index) return;
    const component = [];
    for (;;) {
      const member = stack.pop();
      state.get(member).onStack = false;
      component.push(member);
      if (member === node) break;
    }
    if (component.length > 1) found.push(component.sort());
  };
  for (const node of graph.keys()) if (!state.has(node)) visit(node);
  return found;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const graph = folderGraph();
  const found = cycles(graph);
  if (found.length === 0) {
    console.log(`import cycles: none among ${graph.size} folders`);
  } else {
    for (const component of found) {
      console.error(`Folders that import each other in a circle: ${component.join(', ')}`);
      for (const from of component) {
        for (const [to, files] of graph.get(from) ?? []) {
          if (!component.includes(to)) continue;
          console.error(`  ${from} -> ${to}:`);
          for (const edge of files.slice(0, 3)) console.error(`    ${edge}`);
          if (files.length > 3) console.error(`    … and ${files.length - 3} more`);
        }
      }
    }
    console.error('Move the shared piece to the folder both may import (see ARCHITECTURE.md, "Import rules").');
    process.exit(1);
  }
}

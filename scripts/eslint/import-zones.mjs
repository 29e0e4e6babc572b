// Import rules between folders (ARCHITECTURE.md, "Import rules"), as an ESLint rule of our own:
// each zone names the folders its files may not import from. Paths are relative to the repository.
import path from 'node:path';

const ROOT = path.resolve(import.meta.dirname, '..', '..');

/** The composition root: only the entry points may import it. */
const ROOT_FOLDER = 'src/service';
const ENTRY_POINTS = ['src/main.ts', 'src/cli', 'src/demo', 'tests', 'bench'];

export const ZONES = [
  {
    from: 'src/shared',
    allow: ['src/shared'],
    why: 'shared types and helpers import nothing else of ours',
  },
  {
    from: 'src/protocol',
    allow: ['src/protocol', 'src/shared'],
    why: 'the core is pure: it imports nothing of ours but src/shared',
  },
  {
    from: 'src/store',
    // src/store/metrics queries by the metric catalogue, which is pure (src/metrics imports no store).
    allow: ['src/store', 'src/shared', 'src/protocol', 'src/metrics'],
    why: 'the store knows the ledger, not the CRMs or the queues',
  },
  {
    from: 'src/metrics',
    allow: ['src/metrics', 'src/shared', 'src/protocol'],
    why: 'alignment metrics are pure computation and rendering; queries live in src/store/metrics',
  },
  {
    from: 'connectors',
    deny: ['jobs', 'src/app', 'src/http', 'src/cli', 'src/demo', 'src/metrics', ROOT_FOLDER],
    why: 'connectors are adapters: they receive field specs and never call up into the service',
  },
  {
    from: 'src/app',
    deny: ['jobs', 'src/http', 'src/cli', 'src/demo', ROOT_FOLDER],
    why: 'use cases are driven by the doors (HTTP, CLI, BullMQ processors), never the other way',
  },
  {
    from: 'jobs',
    deny: ['src/http', 'src/cli', 'src/demo', ROOT_FOLDER],
    why: 'BullMQ processors are thin doors into src/app',
  },
  {
    from: 'src/http',
    deny: ['jobs', 'src/cli', 'src/demo', ROOT_FOLDER],
    why: 'HTTP routes are thin doors into src/app',
  },
];

const inside = (file, folder) => file === folder || file.startsWith(`${folder}/`) || file.startsWith(`${folder}.`);

/** The first rule an import from `file` to `target` breaks, or null. */
export function brokenRule(file, target) {
  if (inside(target, ROOT_FOLDER) && !inside(file, ROOT_FOLDER) && !ENTRY_POINTS.some((e) => inside(file, e))) {
    return `only the entry points (${ENTRY_POINTS.join(', ')}) import the composition root ${ROOT_FOLDER}`;
  }
  for (const zone of ZONES) {
    if (!inside(file, zone.from)) continue;
    const denied = zone.allow ? !zone.allow.some((f) => inside(target, f)) : zone.deny.some((f) => inside(target, f));
    if (denied) return `${zone.from} may not import ${target}: ${zone.why}`;
  }
  return null;
}

export const importZones = {
  meta: { type: 'problem', schema: [], messages: { zone: '{{message}}' } },
  create(context) {
    const file = path.relative(ROOT, context.filename).split(path.sep).join('/');
    const check = (node) => {
      const spec = node.source?.value;
      if (typeof spec !== 'string' || !spec.startsWith('.')) return;
      const target = path
        .relative(ROOT, path.resolve(path.dirname(context.filename), spec))
        .split(path.sep)
        .join('/');
      const message = brokenRule(file, target);
      if (message !== null) context.report({ node: node.source, messageId: 'zone', data: { message } });
    };
    return {
      ImportDeclaration: check,
      ExportNamedDeclaration: check,
      ExportAllDeclaration: check,
      ImportExpression: check,
    };
  },
};

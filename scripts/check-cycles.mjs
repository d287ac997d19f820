#!/usr/bin/env node
// Import cycles (house style §13: no forwardRef, no cycles): builds the module graph of each workspace with
// TypeScript's own resolver and fails on any strongly connected component of more than one file.
// (eslint-plugin-import-x would do it, but its native resolver's platform packages are not all on our
// registry mirror, which breaks `npm ci`.)
import { dirname, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const projects = ['shared/tsconfig.json', 'server/tsconfig.json', 'client/tsconfig.json'];
let cycles = 0;

for (const project of projects) {
  const configPath = resolve(root, project);
  const config = ts.getParsedCommandLineOfConfigFile(
    configPath,
    {},
    { ...ts.sys, onUnRecoverableConfigFileDiagnostic: () => {} },
  );
  if (!config) continue;
  const files = config.fileNames.filter((f) => !/\.(spec|e2e|browser)\.tsx?$/.test(f));
  const inProject = new Set(files);
  const graph = new Map();
  for (const file of files) {
    const source = ts.createSourceFile(file, ts.sys.readFile(file) ?? '', ts.ScriptTarget.Latest, false);
    const deps = [];
    for (const st of source.statements) {
      const spec = (ts.isImportDeclaration(st) || ts.isExportDeclaration(st)) && st.moduleSpecifier;
      if (!spec || !ts.isStringLiteral(spec)) continue;
      const typeOnly = ts.isImportDeclaration(st) ? st.importClause?.isTypeOnly : st.isTypeOnly;
      if (typeOnly) continue; // erased at run time
      const resolved = ts.resolveModuleName(spec.text, file, config.options, ts.sys).resolvedModule?.resolvedFileName;
      if (resolved && inProject.has(resolved)) deps.push(resolved);
    }
    graph.set(file, deps);
  }
  // Tarjan's strongly connected components.
  let index = 0;
  const idx = new Map();
  const low = new Map();
  const stack = [];
  const onStack = new Set();
  const visit = (v) => {
    idx.set(v, index);
    low.set(v, index++);
    stack.push(v);
    onStack.add(v);
    for (const w of graph.get(v) ?? []) {
      if (!idx.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v), low.get(w)));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v), idx.get(w)));
    }
    if (low.get(v) === idx.get(v)) {
      const scc = [];
      let w;
      do {
        w = stack.pop();
        onStack.delete(w);
        scc.push(w);
      } while (w !== v);
      if (scc.length > 1) {
        cycles++;
        console.error(`import cycle: ${scc.map((f) => relative(root, f)).join(' → ')}`);
      }
    }
  };
  for (const f of graph.keys()) if (!idx.has(f)) visit(f);
}
if (cycles) process.exit(1);
console.log('no import cycles');

#!/usr/bin/env node
// Import cycles (house style §13: no forwardRef, no cycles): builds the module graph of each workspace with
// TypeScript's own resolver and fails on any strongly connected component of more than one file.
// Boundaries of the server (docs/adr/0007): a feature never imports another feature's entity (each table
// has one owner, which the others ask), and the infrastructure (database/, http/) imports no feature.
// (eslint-plugin-import-x would do it, but its native resolver's platform packages are not all on our
// registry mirror, which breaks `npm ci`.)
import { dirname, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const projects = ['shared/tsconfig.json', 'server/tsconfig.json', 'client/tsconfig.json'];
let cycles = 0;
let crossings = 0;
const serverSrc = resolve(root, 'server/src');
const featureOf = (file) => /^modules\/([^/]+)\//.exec(relative(serverSrc, file).split('\\').join('/'))?.[1];
const layerOf = (file) => /^(database|http)\//.exec(relative(serverSrc, file).split('\\').join('/'))?.[1];

/** Every module a file names: imports and re-exports (type-only too), `import x = require()`, `import()`. */
function specifiers(source) {
  const out = [];
  const visit = (node) => {
    if ((ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) && node.moduleSpecifier) {
      if (ts.isStringLiteral(node.moduleSpecifier)) out.push(node.moduleSpecifier.text);
    } else if (ts.isImportEqualsDeclaration(node) && ts.isExternalModuleReference(node.moduleReference)) {
      const e = node.moduleReference.expression;
      if (ts.isStringLiteral(e)) out.push(e.text);
    } else if (ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.ImportKeyword) {
      const [a] = node.arguments;
      if (a && ts.isStringLiteral(a)) out.push(a.text);
    } else if (ts.isImportTypeNode(node) && ts.isLiteralTypeNode(node.argument)) {
      const l = node.argument.literal;
      if (ts.isStringLiteral(l)) out.push(l.text);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return out;
}

/** The boundary a server file's import crosses, in words, or null. Spec files are held to it too. */
function crossing(file, target) {
  if (!target.startsWith(serverSrc + '/')) return null;
  const to = featureOf(target);
  if (!to) return null;
  const layer = layerOf(file);
  if (layer) return `${layer}/ imports a feature (modules/${to}): infrastructure knows no feature`;
  const from = featureOf(file);
  if (from && from !== to && target.endsWith('.entity.ts'))
    return `modules/${from} imports an entity of modules/${to}: ask that module's service or repository`;
  return null;
}

for (const project of projects) {
  const configPath = resolve(root, project);
  const config = ts.getParsedCommandLineOfConfigFile(
    configPath,
    {},
    { ...ts.sys, onUnRecoverableConfigFileDiagnostic: () => {} },
  );
  if (!config) continue;
  if (project.startsWith('server/')) {
    for (const file of config.fileNames) {
      if (!file.startsWith(serverSrc + '/')) continue;
      const source = ts.createSourceFile(file, ts.sys.readFile(file) ?? '', ts.ScriptTarget.Latest, true);
      for (const spec of specifiers(source)) {
        const target = ts.resolveModuleName(spec, file, config.options, ts.sys).resolvedModule?.resolvedFileName;
        const why = target && crossing(file, target);
        if (why) {
          crossings++;
          console.error(`boundary: ${relative(root, file)} imports '${spec}' (${why})`);
        }
      }
    }
  }
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
if (cycles || crossings) process.exit(1);
console.log('no import cycles, no boundary crossed');

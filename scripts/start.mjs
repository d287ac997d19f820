#!/usr/bin/env node
// `npm start`: builds what is missing or stale (shared, server, web app), then starts the server, which
// runs the migrations, loads the Coop'Art demo on an empty database (unless TRAME_DEMO=0) and prints the
// admin login and the URLs. Honours PORT, DATABASE_PATH, DATABASE_URL (see docs/api.md).
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { buildIfStale, root } from './build-if-stale.mjs';

buildIfStale('shared');
buildIfStale('server');
const clientBuilt = buildIfStale('client', { optional: true });
const clientDist = join(root, 'client', 'dist');
if (!process.env.TRAME_STATIC_DIR) process.env.TRAME_STATIC_DIR = clientDist;
if (!clientBuilt || !existsSync(join(clientDist, 'index.html'))) {
  console.warn('[trame] application web absente (client/dist) : seule l’API sera servie.');
}
await import(pathToFileURL(join(root, 'server', 'dist', 'server', 'src', 'main.js')).href);

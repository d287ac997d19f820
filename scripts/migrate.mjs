#!/usr/bin/env node
// `npm run db:migrate`: applies the migrations to DATABASE_URL (PostgreSQL) or DATABASE_PATH (SQLite).
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { buildIfStale, root } from './build-if-stale.mjs';

buildIfStale('shared');
buildIfStale('server');
await import(pathToFileURL(join(root, 'server', 'dist', 'server', 'src', 'migrate.js')).href);

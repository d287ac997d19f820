/* global self, caches */
/*
 * Service worker for the respondent page only (registered with scope /s/ by src/app/respondentEntry.tsx).
 * It lets a person reload or reopen the questionnaire without a network: the answers already live in
 * localStorage and the outbox; this keeps the page itself available.
 *  - /assets/*: cache first (file names are content hashes, never change);
 *  - the page (/s/...) and GET /api/public/campaigns/:slug: network first, the last good copy offline;
 *  - everything else (answer saves, admin): not touched.
 */
const CACHE = 'trame-respondent-v1';
const SHELL = '/__trame_shell__';

// The respondent page's own files, listed by the build (vite.config.ts, precacheList): cached while the
// worker installs, which is also when Chromium compiles them ahead for the next visit (V8 code cache for
// scripts a service worker stores during install). A file that cannot be fetched is cached later, on use.
const PRECACHE = [];

self.addEventListener('install', (event) => {
  self.skipWaiting();
  event.waitUntil(
    (async () => {
      const cache = await caches.open(CACHE);
      await Promise.allSettled(PRECACHE.map((path) => cache.add(path)));
    })(),
  );
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    (async () => {
      for (const key of await caches.keys()) if (key !== CACHE) await caches.delete(key);
      await self.clients.claim();
    })(),
  );
});

// The page lists the files it loaded before this worker controlled it.
self.addEventListener('message', (event) => {
  const data = event.data && event.data.type === 'cache' ? event.data : null;
  if (!data || !Array.isArray(data.urls)) return;
  const urls = data.urls;
  event.waitUntil(
    (async () => {
      const cache = await caches.open(CACHE);
      // The page itself and its questionnaire, fetched before this worker was in control.
      if (typeof data.page === 'string' && !(await cache.match(SHELL))) {
        const page = await fetch(data.page).catch(() => null);
        if (page && page.ok) await cache.put(SHELL, page);
      }
      for (const api of urls) {
        const u = new URL(api, self.location.origin);
        if (/^\/api\/public\/campaigns\/[^/]+$/.test(u.pathname) && !(await cache.match(u.pathname))) {
          const r = await fetch(u.pathname).catch(() => null);
          if (r && r.ok) await cache.put(u.pathname, r);
        }
      }
      for (const url of urls) {
        const u = new URL(url, self.location.origin);
        if (u.origin !== self.location.origin || !u.pathname.startsWith('/assets/')) continue;
        if (!(await cache.match(u.pathname))) await cache.add(u.pathname).catch(() => undefined);
      }
    })(),
  );
});

async function networkFirst(request, key) {
  const cache = await caches.open(CACHE);
  try {
    const response = await fetch(request);
    if (response.ok) await cache.put(key, response.clone());
    return response;
  } catch (err) {
    const cached = await cache.match(key);
    if (cached) return cached;
    throw err;
  }
}

async function cacheFirst(request) {
  const cache = await caches.open(CACHE);
  const cached = await cache.match(request.url);
  if (cached) return cached;
  const response = await fetch(request);
  if (response.ok) await cache.put(request.url, response.clone());
  return response;
}

self.addEventListener('fetch', (event) => {
  const { request } = event;
  if (request.method !== 'GET') return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  if (url.pathname.startsWith('/assets/')) {
    event.respondWith(cacheFirst(request));
  } else if (request.mode === 'navigate' && url.pathname.startsWith('/s/')) {
    event.respondWith(networkFirst(request, SHELL));
  } else if (/^\/api\/public\/campaigns\/[^/]+$/.test(url.pathname)) {
    event.respondWith(networkFirst(request, url.pathname));
  }
});

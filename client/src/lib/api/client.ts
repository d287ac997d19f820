/**
 * Thin fetch wrapper for the Trame API. Same origin (the server serves the app; Vite proxies /api in
 * development), cookie session, CSRF token echoed on writes. Bodies are typed by the generated
 * ./schema.d.ts (from the server's OpenAPI document, itself from the zod schemas of shared/src/api).
 */
import type { ApiError as ApiErrorBody, ValidationIssue } from './schema';

export type { ApiErrorBody };

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly body: ApiErrorBody | null,
  ) {
    super(body?.message ?? `HTTP ${status}`);
    this.name = 'ApiError';
  }
  /** The `{path, message, row?, column?}` problems of a 400 or 422 (`details.errors`). */
  get details(): ValidationIssue[] {
    return this.body?.details?.errors ?? [];
  }
  get code(): string | undefined {
    return this.body?.code;
  }
}

/** The network failed (offline, DNS, reset): the request may be retried. */
export class NetworkError extends Error {
  constructor(cause: unknown) {
    super('network', { cause });
    this.name = 'NetworkError';
  }
}

// The session's CSRF token: the readable cookie the server sets at login, echoed in X-CSRF-Token on writes.
const CSRF_COOKIE = 'trame_csrf';

function readCookie(name: string): string | null {
  for (const part of document.cookie.split(';')) {
    const eq = part.indexOf('=');
    if (eq < 0) continue;
    if (part.slice(0, eq).trim() === name) return decodeURIComponent(part.slice(eq + 1).trim());
  }
  return null;
}

export function csrfToken(): string | null {
  return readCookie(CSRF_COOKIE);
}

export interface RequestOptions {
  method?: string;
  body?: unknown;
  signal?: AbortSignal;
  headers?: Record<string, string>;
  /** Upload progress (0..1) for multipart bodies; uses XMLHttpRequest because fetch has none. */
  onUploadProgress?: (fraction: number) => void;
}

function headersFor(method: string, body: unknown, extra?: Record<string, string>): Record<string, string> {
  const h: Record<string, string> = { Accept: 'application/json', ...extra };
  if (body !== undefined && !(body instanceof FormData)) h['Content-Type'] = 'application/json';
  if (method !== 'GET' && method !== 'HEAD') {
    const t = csrfToken();
    if (t) h['X-CSRF-Token'] = t;
  }
  return h;
}

async function parse(res: Response): Promise<unknown> {
  if (res.status === 204) return null;
  const type = res.headers.get('content-type') ?? '';
  if (type.includes('json')) return res.json();
  const text = await res.text();
  return text === '' ? null : text;
}

export async function request<T>(path: string, opts: RequestOptions = {}): Promise<T> {
  const method = opts.method ?? (opts.body === undefined ? 'GET' : 'POST');
  if (opts.onUploadProgress && opts.body instanceof FormData) {
    return xhrRequest<T>(path, method, opts.body, opts.onUploadProgress);
  }
  let res: Response;
  try {
    res = await fetch(path, {
      method,
      credentials: 'same-origin',
      headers: headersFor(method, opts.body, opts.headers),
      body: opts.body === undefined ? undefined : opts.body instanceof FormData ? opts.body : JSON.stringify(opts.body),
      signal: opts.signal,
    });
  } catch (e) {
    if (e instanceof DOMException && e.name === 'AbortError') throw e;
    throw new NetworkError(e);
  }
  const body = await parse(res).catch(() => null);
  if (!res.ok) {
    throw new ApiError(res.status, body && typeof body === 'object' ? (body as ApiErrorBody) : null);
  }
  return body as T;
}

function xhrRequest<T>(path: string, method: string, body: FormData, onProgress: (f: number) => void): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open(method, path);
    xhr.withCredentials = true;
    for (const [k, v] of Object.entries(headersFor(method, body))) xhr.setRequestHeader(k, v);
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable) onProgress(e.loaded / e.total);
    };
    xhr.onerror = () => reject(new NetworkError(new Error('xhr')));
    xhr.onload = () => {
      let parsed: unknown;
      try {
        parsed = xhr.responseText ? JSON.parse(xhr.responseText) : null;
      } catch {
        parsed = xhr.responseText;
      }
      onProgress(1);
      if (xhr.status >= 200 && xhr.status < 300) resolve(parsed as T);
      else reject(new ApiError(xhr.status, parsed && typeof parsed === 'object' ? (parsed as ApiErrorBody) : null));
    };
    xhr.send(body);
  });
}

export const api = {
  get: <T>(path: string, signal?: AbortSignal) => request<T>(path, { signal }),
  post: <T>(path: string, body?: unknown) => request<T>(path, { method: 'POST', body: body ?? {} }),
  put: <T>(path: string, body: unknown) => request<T>(path, { method: 'PUT', body }),
  patch: <T>(path: string, body: unknown) => request<T>(path, { method: 'PATCH', body }),
  del: <T>(path: string) => request<T>(path, { method: 'DELETE' }),
};

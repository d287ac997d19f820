/**
 * Persistent outbox for answers. Every save (partial on page change, complete at the end) is written to
 * localStorage first, then sent; an entry leaves the outbox only when the server has acknowledged it.
 * Network failures, 5xx, 408 and 429 are retried with exponential backoff (and at once when the browser
 * comes back online). The server's PUT is idempotent per response UUID, so a retry after a lost
 * acknowledgement cannot create a second response.
 */
import { ApiError, NetworkError } from '../../../lib/api/client';
import type { SubmissionBody } from '../../../lib/api/schema';
import { storage } from '../../../lib/storage';
import { putPublicResponse, SaveTimeoutError } from './publicApi';

const KEY = 'trame:outbox';
const BASE_DELAY_MS = 1000;
const MAX_DELAY_MS = 30000;

export interface OutboxEntry {
  slug: string;
  id: string;
  body: SubmissionBody;
  attempts: number;
  queuedAt: number;
}

export type QueueState =
  | { kind: 'idle' }
  | { kind: 'sending' }
  | { kind: 'waiting'; retryAt: number; attempts: number; timedOut?: boolean }
  | { kind: 'failed'; status: number; message: string };

export interface Acknowledgement {
  slug: string;
  id: string;
  status: SubmissionBody['status'];
  /** The response's revision after this save: the next save's base. */
  revision?: number;
}

type Listener = () => void;

type Sender = (slug: string, id: string, body: SubmissionBody) => Promise<unknown>;

/** The revision each response was last acknowledged at, kept with the outbox so a reload keeps it. */
const REVISIONS_KEY = 'trame:revisions';

export class SubmissionQueue {
  private entries: OutboxEntry[];
  private state: QueueState = { kind: 'idle' };
  private timer: ReturnType<typeof setTimeout> | null = null;
  private running = false;
  /** Time of the last acknowledgement in this page's life (0: none yet). */
  lastAckAt = 0;
  private listeners = new Set<Listener>();
  private ackListeners = new Set<(a: Acknowledgement) => void>();
  private failListeners = new Set<(e: OutboxEntry, err: ApiError) => void>();

  constructor(private readonly send: Sender = putPublicResponse) {
    this.entries = storage.get<OutboxEntry[]>(KEY) ?? [];
    if (typeof window !== 'undefined') {
      window.addEventListener('online', () => this.flushNow());
      // Another tab may have queued something.
      window.addEventListener('storage', (e) => {
        if (e.key === KEY) this.entries = storage.get<OutboxEntry[]>(KEY) ?? [];
      });
    }
  }

  getState(): QueueState {
    return this.state;
  }

  pending(slug?: string, id?: string): OutboxEntry[] {
    return this.entries.filter((e) => (!slug || e.slug === slug) && (!id || e.id === id));
  }

  subscribe(fn: Listener): () => void {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  }

  onAcknowledged(fn: (a: Acknowledgement) => void): () => void {
    this.ackListeners.add(fn);
    return () => this.ackListeners.delete(fn);
  }

  onRejected(fn: (e: OutboxEntry, err: ApiError) => void): () => void {
    this.failListeners.add(fn);
    return () => this.failListeners.delete(fn);
  }

  /**
   * Queue a save. A newer save of the same response replaces an older one still waiting, except that a
   * partial save never replaces a complete one.
   */
  enqueue(slug: string, id: string, body: SubmissionBody): void {
    const existing = this.entries.find((e) => e.slug === slug && e.id === id);
    if (existing) {
      if (existing.body.status === 'complete' && body.status === 'partial') return;
      existing.body = body;
      existing.attempts = 0;
    } else {
      this.entries.push({ slug, id, body, attempts: 0, queuedAt: Date.now() });
    }
    this.persist();
    this.flushNow();
  }

  /** The revision a response's next save is based on, if this browser has one. */
  revision(slug: string, id: string): number | undefined {
    return storage.get<Record<string, number>>(REVISIONS_KEY)?.[`${slug}/${id}`];
  }

  /** Set when a save is acknowledged, a response is resumed, or the person chose after a conflict. */
  setRevision(slug: string, id: string, revision: number): void {
    const all = storage.get<Record<string, number>>(REVISIONS_KEY) ?? {};
    all[`${slug}/${id}`] = revision;
    storage.set(REVISIONS_KEY, all);
  }

  /** Forget a response (sent, or replaced on this device): its outbox entries and revision. */
  forget(slug: string, id: string): void {
    this.entries = this.entries.filter((e) => !(e.slug === slug && e.id === id));
    this.persist();
    const all = storage.get<Record<string, number>>(REVISIONS_KEY);
    if (all && `${slug}/${id}` in all) {
      delete all[`${slug}/${id}`];
      storage.set(REVISIONS_KEY, all);
    }
  }

  flushNow(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    void this.run();
  }

  private persist(): void {
    storage.set(KEY, this.entries);
  }

  private setState(s: QueueState): void {
    this.state = s;
    for (const l of this.listeners) l();
  }

  private async run(): Promise<void> {
    if (this.running) return;
    this.running = true;
    try {
      while (this.entries.length > 0) {
        const entry = this.entries[0]!;
        const sent = entry.body;
        this.setState({ kind: 'sending' });
        const base = this.revision(entry.slug, entry.id);
        const withBase = base === undefined ? sent : { ...sent, baseRevision: base };
        try {
          const ack = await this.send(entry.slug, entry.id, withBase);
          const revision = revisionOf(ack);
          if (revision !== undefined) this.setRevision(entry.slug, entry.id, revision);
          // Remove only if nothing newer replaced it while the request was in flight.
          if (entry.body === sent) this.entries = this.entries.filter((e) => e !== entry);
          this.persist();
          this.lastAckAt = Date.now();
          for (const l of this.ackListeners) l({ slug: entry.slug, id: entry.id, status: sent.status, revision });
        } catch (err) {
          if (isRetryable(err)) {
            entry.attempts += 1;
            this.persist();
            const delay = Math.min(MAX_DELAY_MS, BASE_DELAY_MS * 2 ** (entry.attempts - 1));
            const jittered = delay / 2 + Math.random() * (delay / 2);
            this.setState({
              kind: 'waiting',
              retryAt: Date.now() + jittered,
              attempts: entry.attempts,
              timedOut: err instanceof SaveTimeoutError,
            });
            this.timer = setTimeout(() => this.flushNow(), jittered);
            return;
          }
          // Refused for good (closed campaign, invalid answer, already submitted differently).
          const apiErr =
            err instanceof ApiError ? err : new ApiError(0, { statusCode: 0, code: 'CLIENT', message: String(err) });
          this.entries = this.entries.filter((e) => e !== entry);
          this.persist();
          for (const l of this.failListeners) l(entry, apiErr);
          if (entry.body.status === 'complete') {
            this.setState({ kind: 'failed', status: apiErr.status, message: apiErr.message });
            return;
          }
        }
      }
      this.setState({ kind: 'idle' });
    } finally {
      this.running = false;
    }
  }
}

function revisionOf(ack: unknown): number | undefined {
  const r = ack && typeof ack === 'object' ? (ack as { revision?: unknown }).revision : undefined;
  return typeof r === 'number' ? r : undefined;
}

function isRetryable(err: unknown): boolean {
  if (err instanceof NetworkError || err instanceof SaveTimeoutError) return true;
  if (err instanceof ApiError) return err.status >= 500 || err.status === 408 || err.status === 429 || err.status === 0;
  return true;
}

let singleton: SubmissionQueue | null = null;
export function submissionQueue(): SubmissionQueue {
  singleton ??= new SubmissionQueue();
  return singleton;
}

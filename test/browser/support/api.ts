/** A bearer-token API client for test setup and checks (the browser under test uses the cookie session). */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ADMIN, FIXTURES } from './server.js';

export function fixture<T = unknown>(name: string): T {
  return JSON.parse(readFileSync(join(FIXTURES, name), 'utf8')) as T;
}

export class TestApi {
  private constructor(
    readonly baseUrl: string,
    private readonly token: string,
  ) {}

  static async login(baseUrl: string): Promise<TestApi> {
    const r = await fetch(`${baseUrl}/api/auth/token`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(ADMIN),
    });
    if (!r.ok) throw new Error(`token: ${r.status} ${await r.text()}`);
    const { token } = (await r.json()) as { token: string };
    return new TestApi(baseUrl, token);
  }

  async call<T>(method: string, path: string, body?: unknown): Promise<T> {
    const r = await fetch(`${this.baseUrl}${path}`, {
      method,
      headers: {
        Authorization: `Bearer ${this.token}`,
        ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await r.text();
    if (!r.ok) throw new Error(`${method} ${path}: ${r.status} ${text}`);
    return (text ? JSON.parse(text) : null) as T;
  }

  /** Imports a bundle and opens a public campaign on it. */
  async openCampaign(
    bundle: unknown,
    title = 'Campagne de test',
    access: 'public' | 'invitation' = 'public',
  ): Promise<{ evaluationId: number; id: number; slug: string }> {
    const ev = await this.call<{ id: number }>('POST', '/api/evaluations', bundle);
    const c = await this.call<{ id: number; slug: string }>('POST', `/api/evaluations/${ev.id}/campaigns`, {
      title,
      access,
    });
    await this.call('PATCH', `/api/campaigns/${c.id}`, { status: 'open' });
    return { evaluationId: ev.id, id: c.id, slug: c.slug };
  }

  campaign(id: number) {
    return this.call<{ status: string; responses: { complete: number; partial: number } }>(
      'GET',
      `/api/campaigns/${id}`,
    );
  }

  results(id: number) {
    return this.call<{ respondents: { total: number; segments: Record<string, Record<string, number>> } }>(
      'GET',
      `/api/campaigns/${id}/results`,
    );
  }
}

export async function publicGet(
  baseUrl: string,
  slug: string,
  uuid: string,
): Promise<{ status: number; body: unknown }> {
  const r = await fetch(`${baseUrl}/api/public/campaigns/${slug}/responses/${uuid}`);
  return { status: r.status, body: r.ok ? await r.json() : null };
}

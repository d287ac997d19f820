import { type CanActivate, type ExecutionContext, Inject, Injectable, SetMetadata } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request } from 'express';
import { APP_CONFIG, type AppConfig } from '../config/config.js';
import { TooManyRequestsError } from '../errors/domain-error.js';

export type RateLimitBucket = 'login' | 'publicWrite';
const RATE_LIMIT = 'trame:rateLimit';
/** Limits a route per client IP and minute (TRAME_RATE_LIMIT_LOGIN / TRAME_RATE_LIMIT_PUBLIC; 0 = off). */
export const RateLimit = (bucket: RateLimitBucket) => SetMetadata(RATE_LIMIT, bucket);

/**
 * Fixed one-minute windows in memory: enough against password guessing and flooding on one instance.
 * Several instances behind a proxy would need a shared store (not needed for the SQLite deployment).
 */
@Injectable()
export class RateLimitGuard implements CanActivate {
  private readonly windows = new Map<string, { start: number; count: number }>();

  constructor(
    @Inject(Reflector) private readonly reflector: Reflector,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  canActivate(ctx: ExecutionContext): boolean {
    const bucket = this.reflector.getAllAndOverride<RateLimitBucket | undefined>(RATE_LIMIT, [
      ctx.getHandler(),
      ctx.getClass(),
    ]);
    if (!bucket) return true;
    const limit =
      bucket === 'login' ? this.config.rateLimit.loginPerMinute : this.config.rateLimit.publicWritesPerMinute;
    if (limit === 0) return true;
    const req = ctx.switchToHttp().getRequest<Request>();
    const key = `${bucket}:${req.ip ?? 'unknown'}`;
    const now = Date.now();
    const w = this.windows.get(key);
    if (!w || now - w.start >= 60_000) {
      if (this.windows.size > 50_000) this.sweep(now);
      this.windows.set(key, { start: now, count: 1 });
      return true;
    }
    if (++w.count > limit) throw new TooManyRequestsError(Math.max(1, Math.ceil((w.start + 60_000 - now) / 1000)));
    return true;
  }

  private sweep(now: number): void {
    for (const [k, w] of this.windows) if (now - w.start >= 60_000) this.windows.delete(k);
  }
}

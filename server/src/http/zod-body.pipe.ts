import { type PipeTransform } from '@nestjs/common';
import { formatPath } from '@trame/shared';
import type { z } from 'zod';
import { DomainError } from '../errors/domain-error.js';

/**
 * Validates a body/query with a zod schema — the shared contract's (shared/src/api), the one the OpenAPI
 * document describes; 400 `INVALID_REQUEST` with `{path, message}` errors, paths written as everywhere else
 * (`data.items[2]`, house style §7).
 */
export class ZodPipe<S extends z.ZodType> implements PipeTransform<unknown, z.infer<S>> {
  constructor(private readonly schema: S) {}

  transform(value: unknown): z.infer<S> {
    const r = this.schema.safeParse(value ?? {});
    if (r.success) return r.data;
    throw new DomainError(400, 'INVALID_REQUEST', 'Requête invalide', {
      errors: r.error.issues.map((i) => ({ path: formatPath(i.path), message: i.message })),
    });
  }
}

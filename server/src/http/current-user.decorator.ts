import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { Request } from 'express';

export interface AuthContext {
  userId: number;
  email: string;
  via: 'cookie' | 'bearer';
  sessionId: number;
}

export type AuthenticatedRequest = Request & { auth?: AuthContext };

/** The caller, set by AuthGuard. Only used on non-public routes, where it is always present. */
export const CurrentUser = createParamDecorator((_: unknown, ctx: ExecutionContext): AuthContext => {
  const req = ctx.switchToHttp().getRequest<AuthenticatedRequest>();
  return req.auth!;
});

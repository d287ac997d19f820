import { SetMetadata } from '@nestjs/common';

export const IS_PUBLIC = 'trame:isPublic';
/** Opens a route to anonymous callers. Everything else requires an account (AuthGuard is global). */
export const Public = () => SetMetadata(IS_PUBLIC, true);

import { Body, Controller, Get, HttpCode, Inject, Post, Res } from '@nestjs/common';
import { ApiBody, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { APP_CONFIG, type AppConfig } from '../../config/config.js';
import { type AuthContext, CurrentUser } from '../../http/current-user.decorator.js';
import { Public } from '../../http/public.decorator.js';
import { RateLimit } from '../../http/rate-limit.js';
import { ZodPipe } from '../../http/zod-body.pipe.js';
import { AccountsService } from '../accounts/accounts.service.js';
import { type Credentials, credentialsSchema } from './auth.dto.js';
import { CSRF_COOKIE, SESSION_COOKIE } from './auth.guard.js';
import { AuthService, newSecret } from './auth.service.js';
import { loginSchema, meSchema, tokenSchema } from '../../http/openapi-schemas.js';

const credentialsBody = {
  schema: {
    type: 'object',
    required: ['email', 'password'],
    properties: { email: { type: 'string' }, password: { type: 'string' } },
  },
};

@ApiTags('auth')
@Controller('auth')
export class AuthController {
  constructor(
    @Inject(AuthService) private readonly auth: AuthService,
    @Inject(AccountsService) private readonly accounts: AccountsService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Public()
  @RateLimit('login')
  @Post('token')
  @HttpCode(200)
  @ApiOperation({ summary: 'Jeton pour `Authorization: Bearer` (scripts). 401 si identifiants faux.' })
  @ApiOkResponse({ schema: tokenSchema })
  @ApiBody(credentialsBody)
  async token(@Body(new ZodPipe(credentialsSchema)) body: Credentials) {
    const { token, expiresAt } = await this.auth.login(body.email, body.password, 'bearer');
    return { token, expiresAt };
  }

  @Public()
  @RateLimit('login')
  @Post('login')
  @HttpCode(200)
  @ApiOperation({
    summary:
      'Connexion navigateur : cookie de session HttpOnly SameSite=Strict + cookie lisible `trame_csrf` à renvoyer dans `X-CSRF-Token` pour les écritures.',
  })
  @ApiOkResponse({ schema: loginSchema })
  @ApiBody(credentialsBody)
  async login(@Body(new ZodPipe(credentialsSchema)) body: Credentials, @Res({ passthrough: true }) res: Response) {
    const { token, expiresAt, userId } = await this.auth.login(body.email, body.password, 'cookie');
    const csrf = newSecret();
    const base = {
      sameSite: 'strict' as const,
      secure: this.config.secureCookies,
      path: '/',
      expires: new Date(expiresAt),
    };
    res.cookie(SESSION_COOKIE, token, { ...base, httpOnly: true });
    res.cookie(CSRF_COOKIE, csrf, { ...base, httpOnly: false });
    return { user: await this.me0(userId, body.email), csrfToken: csrf, expiresAt };
  }

  @Post('logout')
  @HttpCode(204)
  @ApiOperation({ summary: 'Ferme la session (cookie ou jeton).' })
  async logout(@CurrentUser() user: AuthContext, @Res({ passthrough: true }) res: Response) {
    await this.auth.logout(user.sessionId);
    res.clearCookie(SESSION_COOKIE, { path: '/' });
    res.clearCookie(CSRF_COOKIE, { path: '/' });
  }

  @Get('me')
  @ApiOperation({ summary: 'L’utilisateur connecté et ses organisations (avec son rôle).' })
  @ApiOkResponse({ schema: meSchema })
  me(@CurrentUser() user: AuthContext) {
    return this.me0(user.userId, user.email);
  }

  private async me0(userId: number, email: string) {
    return {
      id: userId,
      email: email.trim().toLowerCase(),
      organisations: await this.accounts.organisationsOf(userId),
    };
  }
}

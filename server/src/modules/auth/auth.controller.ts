import { Body, Controller, Delete, Get, HttpCode, Inject, Param, ParseIntPipe, Post, Res } from '@nestjs/common';
import { ApiBody, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { CookieOptions, Response } from 'express';
import { APP_CONFIG, type AppConfig } from '../../config/config.js';
import { Access } from '../../http/access.decorator.js';
import { type AuthContext, CurrentUser } from '../../http/current-user.decorator.js';
import { RateLimit } from '../../http/rate-limit.js';
import { ZodPipe } from '../../http/zod-body.pipe.js';
import { AccountsService } from '../accounts/accounts.service.js';
import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from '../accounts/password-policy.js';
import {
  type Credentials,
  credentialsSchema,
  type PasswordChange,
  passwordChangeSchema,
  type TokenRequest,
  tokenRequestSchema,
} from './auth.dto.js';
import { CSRF_COOKIE, SESSION_COOKIE } from './auth.guard.js';
import { AuthService } from './auth.service.js';
import {
  credentialsBody,
  loginSchema,
  meSchema,
  passwordChangeBody,
  passwordChangedSchema,
  sessionViewSchema,
  tokenRequestBody,
  tokenSchema,
} from '../../http/openapi-schemas.js';

@ApiTags('auth')
// Everything here concerns the caller's own account; login routes open themselves to anonymous callers.
@Access('account')
@Controller('auth')
export class AuthController {
  constructor(
    @Inject(AuthService) private readonly auth: AuthService,
    @Inject(AccountsService) private readonly accounts: AccountsService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Access('public')
  @RateLimit('login')
  @Post('token')
  @HttpCode(200)
  @ApiOperation({
    summary:
      'Jeton pour `Authorization: Bearer` (scripts), valable 30 jours ; `label` dit à quoi il sert dans la liste des sessions. 401 si identifiants faux.',
  })
  @ApiOkResponse({ schema: tokenSchema })
  @ApiBody({ schema: tokenRequestBody })
  async token(@Body(new ZodPipe(tokenRequestSchema)) body: TokenRequest) {
    const { token, expiresAt } = await this.auth.login(body.email, body.password, 'bearer', body.label);
    return { token, expiresAt };
  }

  @Access('public')
  @RateLimit('login')
  @Post('login')
  @HttpCode(200)
  @ApiOperation({
    summary:
      'Connexion navigateur : cookie de session HttpOnly SameSite=Strict + cookie lisible `trame_csrf`, propre à cette session, à renvoyer dans `X-CSRF-Token` pour les écritures.',
  })
  @ApiOkResponse({ schema: loginSchema })
  @ApiBody({ schema: credentialsBody })
  async login(@Body(new ZodPipe(credentialsSchema)) body: Credentials, @Res({ passthrough: true }) res: Response) {
    const { token, csrfToken, expiresAt, userId } = await this.auth.login(body.email, body.password, 'cookie');
    const base: CookieOptions = {
      sameSite: 'strict',
      secure: this.config.secureCookies,
      path: '/',
      expires: new Date(expiresAt),
    };
    res.cookie(SESSION_COOKIE, token, { ...base, httpOnly: true });
    res.cookie(CSRF_COOKIE, csrfToken, { ...base, httpOnly: false });
    return { user: await this.me0(userId, body.email), csrfToken, expiresAt };
  }

  @Post('logout')
  @HttpCode(204)
  @ApiOperation({ summary: 'Ferme la session (cookie ou jeton).' })
  async logout(@CurrentUser() user: AuthContext, @Res({ passthrough: true }) res: Response) {
    await this.auth.logout(user.sessionId);
    clearCookies(res);
  }

  @Get('me')
  @ApiOperation({ summary: 'L’utilisateur connecté et ses organisations (avec son rôle).' })
  @ApiOkResponse({ schema: meSchema })
  me(@CurrentUser() user: AuthContext) {
    return this.me0(user.userId, user.email);
  }

  // Rate-limited like a login: a stolen session must not be a way to guess the current password.
  @RateLimit('login')
  @Post('password')
  @HttpCode(200)
  @ApiOperation({
    summary: `Change le mot de passe \`{currentPassword, newPassword}\` et révoque toutes les autres sessions et jetons de l’utilisateur (celle de la requête reste ouverte). ${PASSWORD_MIN_LENGTH} à ${PASSWORD_MAX_LENGTH} caractères, ni mot de passe courant ni facile à deviner, ni l’adresse e-mail : 422 \`WEAK_PASSWORD\` sinon ; 403 \`WRONG_PASSWORD\` si le mot de passe actuel est faux.`,
  })
  @ApiBody({ schema: passwordChangeBody })
  @ApiOkResponse({ schema: passwordChangedSchema })
  changePassword(@CurrentUser() user: AuthContext, @Body(new ZodPipe(passwordChangeSchema)) body: PasswordChange) {
    return this.auth.changePassword(user, body.currentPassword, body.newPassword);
  }

  @Get('sessions')
  @ApiOperation({
    summary:
      'Les sessions navigateur et jetons ouverts de l’utilisateur, les plus récents d’abord (`current` : celle de la requête), sans leurs secrets.',
  })
  @ApiOkResponse({ schema: { type: 'array', items: sessionViewSchema } })
  sessions(@CurrentUser() user: AuthContext) {
    return this.auth.list(user.userId, user.sessionId);
  }

  @Delete('sessions/:id')
  @HttpCode(204)
  @ApiOperation({ summary: 'Révoque une de ses sessions ou un de ses jetons. 404 pour celles des autres.' })
  async revoke(
    @CurrentUser() user: AuthContext,
    @Param('id', ParseIntPipe) id: number,
    @Res({ passthrough: true }) res: Response,
  ) {
    await this.auth.revoke(user.userId, id);
    if (id === user.sessionId && user.via === 'cookie') clearCookies(res);
  }

  private async me0(userId: number, email: string) {
    return {
      id: userId,
      email: email.trim().toLowerCase(),
      organisations: await this.accounts.organisationsOf(userId),
    };
  }
}

function clearCookies(res: Response): void {
  res.clearCookie(SESSION_COOKIE, { path: '/' });
  res.clearCookie(CSRF_COOKIE, { path: '/' });
}

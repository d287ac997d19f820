import { Body, Controller, Delete, Get, HttpCode, Inject, Param, ParseIntPipe, Patch, Post } from '@nestjs/common';
import {
  ApiBody,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { Access, Granted, type OrganisationAccess } from '../../http/access.decorator.js';
import { type AuthContext, CurrentUser } from '../../http/current-user.decorator.js';
import {
  addMemberBody,
  changeRoleBody,
  createOrganisationBody,
  memberSchema,
  organisationSchema,
} from '../../http/openapi-schemas.js';
import { ZodPipe } from '../../http/zod-body.pipe.js';
import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from './password-policy.js';
import {
  type AddMemberInput,
  addMemberSchema,
  type ChangeRoleInput,
  changeRoleSchema,
  type CreateOrganisationInput,
  createOrganisationSchema,
} from './organisations.dto.js';
import { OrganisationsService } from './organisations.service.js';

const LAST_ADMIN = '409 `LAST_ADMIN` si c’est le dernier administrateur de l’organisation.';

@ApiTags('organisations')
@Controller('organisations')
export class OrganisationsController {
  constructor(@Inject(OrganisationsService) private readonly organisations: OrganisationsService) {}

  @Post()
  @Access('platform-admin')
  @ApiOperation({
    summary:
      'Administrateur de la plateforme (`TRAME_ADMIN_EMAIL`). Crée une organisation `{name}` → 201 `{id, name}` ; le créateur en est administrateur.',
  })
  @ApiBody({ schema: createOrganisationBody })
  @ApiCreatedResponse({ schema: organisationSchema })
  create(@CurrentUser() user: AuthContext, @Body(new ZodPipe(createOrganisationSchema)) body: CreateOrganisationInput) {
    return this.organisations.create(user, body);
  }

  @Get(':id/members')
  @Access('admin', 'organisation')
  @ApiOperation({ summary: 'Administrateur de l’organisation. Ses membres `[{userId, email, role}]`.' })
  @ApiOkResponse({ schema: { type: 'array', items: memberSchema } })
  members(@Granted('organisation') access: OrganisationAccess) {
    return this.organisations.members(access);
  }

  @Post(':id/members')
  @Access('admin', 'organisation')
  @ApiOperation({
    summary:
      'Administrateur de l’organisation. Ajoute un compte `{email, role, password?}` → 201 `{userId, email, role}`. ' +
      `Une adresse nouvelle crée le compte : \`password\` est alors requis (422 \`PASSWORD_REQUIRED\`) et suit la règle des mots de passe (${PASSWORD_MIN_LENGTH} à ${PASSWORD_MAX_LENGTH} caractères, difficile à deviner : 422 \`WEAK_PASSWORD\`) ; ` +
      'un compte existant garde son mot de passe. 409 `ALREADY_MEMBER` s’il est déjà membre.',
  })
  @ApiBody({ schema: addMemberBody })
  @ApiCreatedResponse({ schema: memberSchema })
  addMember(
    @Granted('organisation') access: OrganisationAccess,
    @Body(new ZodPipe(addMemberSchema)) body: AddMemberInput,
  ) {
    return this.organisations.addMember(access, body);
  }

  @Patch(':id/members/:userId')
  @Access('admin', 'organisation')
  @ApiOperation({
    summary: `Administrateur de l’organisation. Change le rôle d’un membre \`{role}\` → \`{userId, email, role}\` ; 404 \`MEMBER_NOT_FOUND\` ; ${LAST_ADMIN}`,
  })
  @ApiBody({ schema: changeRoleBody })
  @ApiOkResponse({ schema: memberSchema })
  changeRole(
    @Granted('organisation') access: OrganisationAccess,
    @Param('userId', ParseIntPipe) userId: number,
    @Body(new ZodPipe(changeRoleSchema)) body: ChangeRoleInput,
  ) {
    return this.organisations.changeRole(access, userId, body.role);
  }

  @Delete(':id/members/:userId')
  @HttpCode(204)
  @Access('admin', 'organisation')
  @ApiOperation({
    summary: `Administrateur de l’organisation. Retire un membre (son compte reste) → 204 ; 404 \`MEMBER_NOT_FOUND\` ; ${LAST_ADMIN}`,
  })
  @ApiNoContentResponse()
  async removeMember(
    @Granted('organisation') access: OrganisationAccess,
    @Param('userId', ParseIntPipe) userId: number,
  ): Promise<void> {
    await this.organisations.removeMember(access, userId);
  }
}

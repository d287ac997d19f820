import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AccountsService } from './accounts.service.js';
import { Membership } from './membership.entity.js';
import { Organisation } from './organisation.entity.js';
import { OrganisationsController } from './organisations.controller.js';
import { OrganisationsService } from './organisations.service.js';
import { User } from './user.entity.js';

@Module({
  imports: [TypeOrmModule.forFeature([User, Membership, Organisation])],
  controllers: [OrganisationsController],
  providers: [AccountsService, OrganisationsService],
  exports: [AccountsService],
})
export class AccountsModule {}

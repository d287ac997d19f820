import { Module } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AccountsModule } from '../accounts/accounts.module.js';
import { AccessPolicyCheck } from './access-policy.check.js';
import { AuthController } from './auth.controller.js';
import { AuthGuard } from './auth.guard.js';
import { AuthService } from './auth.service.js';
import { Session } from './session.entity.js';

@Module({
  imports: [TypeOrmModule.forFeature([Session]), AccountsModule, DiscoveryModule],
  controllers: [AuthController],
  providers: [AuthService, AuthGuard, AccessPolicyCheck],
  exports: [AuthService, AuthGuard],
})
export class AuthModule {}

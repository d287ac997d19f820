import 'reflect-metadata';
import { Controller, Get, Module, Post } from '@nestjs/common';
import { DiscoveryModule, NestFactory } from '@nestjs/core';
import { Access } from '../../http/access.decorator.js';
import { AccessPolicyCheck } from './access-policy.check.js';

@Controller('things')
class DeclaredController {
  @Get(':id')
  @Access('viewer', 'evaluation')
  one() {}

  @Get()
  @Access('account')
  all() {}

  /** Not a route: no policy needed. */
  helper() {}
}

@Access('public')
@Controller('open')
class PublicController {
  @Get()
  anything() {}
}

@Controller('things')
class ForgottenController {
  @Post(':id/other')
  forgotten() {}
}

@Controller('evaluations')
class WrongParamController {
  @Get(':evaluationId/x')
  @Access('editor', 'evaluation')
  wrong() {}
}

const boot = async (...controllers: (new () => unknown)[]) => {
  @Module({ imports: [DiscoveryModule], controllers, providers: [AccessPolicyCheck] })
  class TestModule {}
  const app = await NestFactory.createApplicationContext(TestModule, { logger: false, abortOnError: false });
  await app.close();
};

describe('AccessPolicyCheck', () => {
  it('starts when every route declares its access, on the handler or on its controller', async () => {
    await expect(boot(DeclaredController, PublicController)).resolves.toBeUndefined();
  });

  it('refuses to start with a route without a policy, naming it', async () => {
    await expect(boot(DeclaredController, ForgottenController)).rejects.toThrow(
      /POST \/things\/:id\/other \(ForgottenController\.forgotten\) : aucune politique d’accès/,
    );
  });

  it('refuses a policy that reads a parameter the path does not have', async () => {
    await expect(boot(WrongParamController)).rejects.toThrow(/lit le paramètre « id », absent du chemin/);
  });
});

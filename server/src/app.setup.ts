import 'reflect-metadata';
import { existsSync, readdirSync } from 'node:fs';
import { constants as zlibConstants } from 'node:zlib';
import { extname, join } from 'node:path';
import { Logger } from '@nestjs/common';
import { NestFactory, Reflector } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import compression from 'compression';
import cookieParser from 'cookie-parser';
import type { NextFunction, Request, Response } from 'express';
import helmet from 'helmet';
import { AppModule } from './app.module.js';
import type { AppConfig } from './config/config.js';
import { JsonBodyInterceptor } from './http/json-body.js';
import { withContractSchemas } from './http/openapi-schemas.js';
import { StartupService, type StartupReport } from './modules/startup/startup.service.js';

export interface CreatedApp {
  app: NestExpressApplication;
  startup: StartupReport;
  staticServed: boolean;
}

/** Builds the whole application (used by main.ts and the e2e tests); migrations run on the way. */
export async function createApp(
  config: AppConfig,
  opts: { logger?: false | ('log' | 'error' | 'warn')[] } = {},
): Promise<CreatedApp> {
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(config), {
    bodyParser: false,
    logger: opts.logger ?? ['error', 'warn'],
  });
  app.disable('x-powered-by');
  if (config.trustProxy) app.set('trust proxy', 1);
  app.use(
    helmet({
      contentSecurityPolicy: {
        // A questionnaire's images and videos (image questions, imagepicker choices, logo) are wherever its
        // author put them: any https: address, or inline as data: URLs. Scripts and connections stay 'self'.
        directives: {
          'img-src': ["'self'", 'data:', 'blob:', 'https:'],
          'media-src': ["'self'", 'data:', 'blob:', 'https:'],
          'connect-src': ["'self'"],
        },
      },
    }),
  );
  // Respondents are often on weak rural links: the questionnaire's code and JSON travel compressed (brotli
  // when the browser takes it, else gzip); zip files (the workbook) are left as they are.
  app.use(compression({ brotli: { params: { [zlibConstants.BROTLI_PARAM_QUALITY]: 5 } } }));
  // No body parser in front of the routes: JSON bodies are read by JsonBodyInterceptor, after the guards and
  // within each route's limit; multipart uploads by multer on the routes that take them.
  app.use(cookieParser());
  app.useGlobalInterceptors(new JsonBodyInterceptor(app.get(Reflector)));
  app.setGlobalPrefix('api');
  setupOpenApi(app);
  const staticServed = serveClient(app, config.staticDir);
  await app.init();
  return { app, startup: app.get(StartupService).report, staticServed };
}

function setupOpenApi(app: NestExpressApplication): void {
  const doc = new DocumentBuilder()
    .setTitle('Trame API')
    .setDescription(
      'API de Trame : évaluations (bundles trame-bundle/1), campagnes, réponses, résultats trame-results/1, exports. ' +
        'Authentification : `POST /api/auth/token` puis `Authorization: Bearer …` (scripts), ou cookie de session + en-tête `X-CSRF-Token` (navigateur). ' +
        'Erreurs : `{statusCode, code, message, details}`.',
    )
    .setVersion('1')
    .addBearerAuth()
    .addCookieAuth('trame_session')
    .build();
  // Request and response bodies come from the shared zod contract (http/openapi-schemas.ts).
  const document = withContractSchemas(SwaggerModule.createDocument(app, doc));
  SwaggerModule.setup('api/docs', app, document, { jsonDocumentUrl: 'api/docs-json', useGlobalPrefix: false });
}

/** Serves the built web app (client/dist) with an SPA fallback for every non-/api GET. */
function serveClient(app: NestExpressApplication, dir: string | null): boolean {
  if (!dir || !existsSync(join(dir, 'index.html'))) {
    if (dir)
      new Logger('Client').warn(`Application web non construite (${dir}/index.html absent) : seule l’API est servie`);
    return false;
  }
  // Vite names built files by content hash: they never change, browsers may keep them for a year. The build
  // also writes brotli and gzip copies at maximum compression; they are sent as they are when the browser
  // takes them (the on-the-fly compression then leaves them alone: they already have a Content-Encoding).
  const assets = join(dir, 'assets');
  const files = new Set(existsSync(assets) ? readdirSync(assets) : []);
  app.use('/assets', (req: Request, res: Response, next: NextFunction) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') return next();
    const name = req.path.slice(1);
    if (!files.has(name)) return next(); // only known file names: no path ever built from the request
    const accepted = String(req.headers['accept-encoding'] ?? '');
    res.setHeader('Vary', 'Accept-Encoding');
    for (const [encoding, ext] of [
      ['br', '.br'],
      ['gzip', '.gz'],
    ] as const) {
      if (!accepted.includes(encoding) || !files.has(name + ext)) continue;
      res.setHeader('Content-Encoding', encoding);
      res.type(extname(name));
      res.sendFile(join(assets, name + ext), { maxAge: '365d', immutable: true });
      return;
    }
    next();
  });
  app.useStaticAssets(assets, { prefix: '/assets/', index: false, maxAge: '365d', immutable: true });
  app.useStaticAssets(dir, { index: false, maxAge: '1h' });
  const index = join(dir, 'index.html');
  app.use((req: Request, res: Response, next: NextFunction) => {
    if ((req.method !== 'GET' && req.method !== 'HEAD') || req.path === '/api' || req.path.startsWith('/api/'))
      return next();
    res.setHeader('Cache-Control', 'no-cache');
    res.sendFile(index);
  });
  return true;
}

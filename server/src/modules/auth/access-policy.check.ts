import { Inject, Injectable, type OnModuleInit, RequestMethod } from '@nestjs/common';
import { METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants.js';
import { DiscoveryService, MetadataScanner, Reflector } from '@nestjs/core';
import { accessPolicyOf } from '../../http/access.decorator.js';

export interface DeclaredRoute {
  route: string;
  problem: string | null;
}

/**
 * Every route of the application and what is wrong with its access declaration: none at all, or a
 * resource read from a path parameter the route does not have (the guard would find nothing to check).
 */
export function checkAccessPolicies(
  discovery: DiscoveryService,
  scanner: MetadataScanner,
  reflector: Reflector,
): DeclaredRoute[] {
  const out: DeclaredRoute[] = [];
  for (const wrapper of discovery.getControllers()) {
    const type = wrapper.metatype as (new (...args: never[]) => unknown) | undefined;
    if (!type?.prototype) continue;
    const prototype = type.prototype as Record<string, unknown>;
    const base = paths(Reflect.getMetadata(PATH_METADATA, type));
    for (const name of scanner.getAllMethodNames(prototype)) {
      const handler = prototype[name] as object;
      const method = Reflect.getMetadata(METHOD_METADATA, handler) as RequestMethod | undefined;
      if (method === undefined) continue; // a helper, not a route
      for (const sub of paths(Reflect.getMetadata(PATH_METADATA, handler))) {
        const path = ['', ...base, sub]
          .join('/')
          .replace(/\/+/g, '/')
          .replace(/(.)\/$/, '$1');
        const route = `${RequestMethod[method]} ${path} (${type.name}.${name})`;
        const policy = accessPolicyOf(reflector, handler, type);
        let problem: string | null = null;
        if (!policy) problem = 'aucune politique d’accès (@Access)';
        else if (policy.kind === 'resource' && policy.from === 'path' && !path.split('/').includes(`:${policy.name}`))
          problem = `@Access lit le paramètre « ${policy.name} », absent du chemin`;
        out.push({ route, problem });
      }
    }
  }
  return out;
}

function paths(value: unknown): string[] {
  const list = Array.isArray(value) ? (value as string[]) : [typeof value === 'string' ? value : ''];
  return list.map((p) => p.replace(/^\/+|\/+$/g, ''));
}

/**
 * Refuses to start an application with a route whose access is not declared: forgetting @Access on a new
 * route is a failed start in development and in every test, never an open door in production.
 */
@Injectable()
export class AccessPolicyCheck implements OnModuleInit {
  constructor(
    @Inject(DiscoveryService) private readonly discovery: DiscoveryService,
    @Inject(MetadataScanner) private readonly scanner: MetadataScanner,
    @Inject(Reflector) private readonly reflector: Reflector,
  ) {}

  onModuleInit(): void {
    const wrong = checkAccessPolicies(this.discovery, this.scanner, this.reflector).filter((r) => r.problem);
    if (wrong.length)
      throw new Error(
        `Politique d’accès manquante ou fausse sur ${wrong.length} route(s) :\n${wrong.map((r) => `  ${r.route} : ${r.problem}`).join('\n')}`,
      );
  }
}

import type { CountryCode } from '@naperj/contracts';
import { type CanActivate, type ExecutionContext, ForbiddenException, Injectable, UnauthorizedException } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { Reflector } from '@nestjs/core';
import type { ServiceConfig } from '../config/service-config';
import { type AuthenticatedRequest, IS_PUBLIC_KEY, REQUIRED_ROLES_KEY } from './auth.decorators';
import { InvalidTokenError } from './invalid-token.error';
import type { Principal } from './principal';
import type { Role } from '@naperj/contracts';
import { TokenVerifier } from './token-verifier';

const WRITE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
const BEARER = /^Bearer +([A-Za-z0-9._~+/-]+=*)$/i;

interface HttpRequest extends AuthenticatedRequest {
  method: string;
  headers: Record<string, string | string[] | undefined>;
}

interface HttpResponse {
  setHeader(name: string, value: string): unknown;
}

/**
 * Every route needs a valid bearer token of this node's issuer unless it is @Public();
 * @Roles() routes also need one of the roles, and writes need a caller of this node's
 * country: people act on their own node.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  private readonly nodeCountry: CountryCode;

  constructor(
    private readonly reflector: Reflector,
    private readonly verifier: TokenVerifier,
    config: ConfigService<ServiceConfig, true>,
  ) {
    this.nodeCountry = config.get('country', { infer: true });
  }

  async canActivate(context: ExecutionContext): Promise<boolean> {
    // Events carry no token: the event transport checks their signatures instead.
    if (context.getType() !== 'http') return true;
    if (this.routeMetadata<boolean>(IS_PUBLIC_KEY, context)) return true;
    const http = context.switchToHttp();
    const request = http.getRequest<HttpRequest>();
    const principal = await this.authenticate(request, http.getResponse<HttpResponse>());
    // Attached before authorization, so request logs of a 403 name the caller too.
    request.principal = principal;
    this.requireAnyRole(principal, this.routeMetadata<Role[]>(REQUIRED_ROLES_KEY, context));
    if (WRITE_METHODS.has(request.method)) this.requireOwnNode(principal);
    return true;
  }

  private async authenticate(request: HttpRequest, response: HttpResponse): Promise<Principal> {
    try {
      return await this.verifier.verify(bearerToken(request));
    } catch (error) {
      if (!(error instanceof InvalidTokenError)) throw error;
      response.setHeader('WWW-Authenticate', 'Bearer error="invalid_token"');
      throw new UnauthorizedException(error.message);
    }
  }

  private requireAnyRole(principal: Principal, required: Role[] | undefined): void {
    if (!required || required.some((role) => principal.roles.includes(role))) return;
    throw new ForbiddenException(`This action needs one of the roles: ${required.join(', ')}`);
  }

  private requireOwnNode(principal: Principal): void {
    if (principal.country === this.nodeCountry) return;
    throw new ForbiddenException(`People act on their own node: a caller of ${principal.country} cannot write on the ${this.nodeCountry} node`);
  }

  private routeMetadata<T>(key: string, context: ExecutionContext): T | undefined {
    return this.reflector.getAllAndOverride<T | undefined>(key, [context.getHandler(), context.getClass()]);
  }
}

function bearerToken(request: HttpRequest): string {
  const header = request.headers.authorization;
  if (typeof header !== 'string') throw new InvalidTokenError('Missing bearer token: send "Authorization: Bearer <JWT>"');
  const token = BEARER.exec(header)?.[1];
  if (!token) throw new InvalidTokenError('The Authorization header must be "Bearer <JWT>"');
  return token;
}

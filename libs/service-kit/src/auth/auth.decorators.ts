import { createParamDecorator, type ExecutionContext, SetMetadata } from '@nestjs/common';
import type { Principal } from './principal';
import type { Role } from '@naperj/contracts';

export const IS_PUBLIC_KEY = 'naperj:auth:public';
export const REQUIRED_ROLES_KEY = 'naperj:auth:roles';

/** A request that passed the AuthGuard on a route that is not public. */
export interface AuthenticatedRequest {
  principal?: Principal;
}

/** The route (or every route of the controller) needs no token. */
export const Public = (): MethodDecorator & ClassDecorator => SetMetadata(IS_PUBLIC_KEY, true);

/** The caller needs at least one of `roles`. */
export const Roles = (...roles: [Role, ...Role[]]): MethodDecorator & ClassDecorator => SetMetadata(REQUIRED_ROLES_KEY, roles);

/** The verified caller; only on routes that are not @Public(). */
export const CurrentPrincipal = createParamDecorator((_data: unknown, context: ExecutionContext): Principal => {
  const { principal } = context.switchToHttp().getRequest<AuthenticatedRequest>();
  if (!principal) throw new Error('@CurrentPrincipal() is only available on routes that are not @Public()');
  return principal;
});

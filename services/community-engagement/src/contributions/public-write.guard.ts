import { ProblemException } from '@naperj/service-kit';
import { type CanActivate, type ExecutionContext, HttpStatus, Inject, Injectable, type OnApplicationShutdown } from '@nestjs/common';
import type { ConfigType } from '@nestjs/config';
import { ThrottlerStorageService } from '@nestjs/throttler';
import type { Request, Response } from 'express';
import { communityEngagementConfig } from '../config/community-engagement-config';

/** A contribution form or a withdrawal: far below the kit's limit for authenticated writes. */
export const PUBLIC_BODY_LIMIT_BYTES = 16 * 1024;
const ONE_MINUTE_MS = 60_000;

/** Counts writes without an account per client address and route, in this process. */
@Injectable()
export class PublicWriteCounter implements OnApplicationShutdown {
  private readonly storage = new ThrottlerStorageService();

  constructor(@Inject(communityEngagementConfig.KEY) private readonly config: ConfigType<typeof communityEngagementConfig>) {}

  /** Seconds to wait before the next write is taken, or 0 when this one is. */
  async hit(key: string): Promise<number> {
    const limit = this.config.publicWritesPerMinute;
    const { totalHits, timeToExpire } = await this.storage.increment(key, ONE_MINUTE_MS, limit, 0, 'public');
    return totalHits > limit ? Math.max(1, timeToExpire) : 0;
  }

  onApplicationShutdown(): void {
    this.storage.onApplicationShutdown();
  }
}

/**
 * The public routes' own limits, before anything is read or stored: a body larger than a
 * contribution needs (413) and more writes per client address than a person sends (429 with
 * Retry-After). The kit's body parser has already read the body under its own, larger limit.
 */
@Injectable()
export class PublicWriteGuard implements CanActivate {
  constructor(private readonly counter: PublicWriteCounter) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<Request>();
    if (bodyBytes(request) > PUBLIC_BODY_LIMIT_BYTES) {
      throw new ProblemException(HttpStatus.PAYLOAD_TOO_LARGE, `The request body exceeds ${PUBLIC_BODY_LIMIT_BYTES} bytes`);
    }
    const retryAfter = await this.counter.hit(`${context.getClass().name}.${context.getHandler().name}:${request.ip ?? 'unknown'}`);
    if (retryAfter > 0) {
      context.switchToHttp().getResponse<Response>().setHeader('Retry-After', String(retryAfter));
      throw new ProblemException(HttpStatus.TOO_MANY_REQUESTS, 'Too many requests from this client; try again later');
    }
    return true;
  }
}

/** The declared length; for a chunked body, the length of what was parsed. */
function bodyBytes(request: Request): number {
  const declared = Number(request.headers['content-length']);
  if (Number.isFinite(declared) && declared > 0) return declared;
  return request.body === undefined ? 0 : Buffer.byteLength(JSON.stringify(request.body));
}

import { type ExecutionContext, Injectable } from '@nestjs/common';
import { ThrottlerGuard } from '@nestjs/throttler';
import type { Request } from 'express';

const READS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** Limits writes per caller (the token's subject, else the client address); reads are free. */
@Injectable()
export class WriteThrottlerGuard extends ThrottlerGuard {
  protected override async shouldSkip(context: ExecutionContext): Promise<boolean> {
    if (context.getType() !== 'http') return true;
    const request = context.switchToHttp().getRequest<Request>();
    return READS.has(request.method) || super.shouldSkip(context);
  }

  protected override getTracker(request: Record<string, unknown>): Promise<string> {
    const principal = request['principal'] as { sub?: string; country?: string } | undefined;
    if (principal?.sub) return Promise.resolve(`${principal.country ?? ''}:${principal.sub}`);
    // Express's `req.ip`: a string, or undefined when the socket is gone.
    const ip = request['ip'];
    return Promise.resolve(typeof ip === 'string' ? ip : 'unknown');
  }
}

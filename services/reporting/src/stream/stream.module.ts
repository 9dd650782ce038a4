import { Module } from '@nestjs/common';
import { IntegratorStreams } from './integrator-streams';
import { StreamController } from './stream.controller';
import { StreamMetrics } from './stream.metrics';

/** `GET /api/v1/stream`: the integrators' live, resumable view of what the federation shares. */
@Module({ controllers: [StreamController], providers: [IntegratorStreams, StreamMetrics] })
export class StreamModule {}

import { Module } from '@nestjs/common';
import { HeartbeatPublisher } from './heartbeat.publisher';

/** The node's signed heartbeat to its partners (docs/architecture.md, Topics). */
@Module({ providers: [HeartbeatPublisher], exports: [HeartbeatPublisher] })
export class HeartbeatsModule {}

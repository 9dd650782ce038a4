import { Module } from '@nestjs/common';
import { HeartbeatPublisher } from './heartbeat.publisher';

/** The node's signed heartbeat to its partners (ARCHITECTURE.md §4). */
@Module({ providers: [HeartbeatPublisher], exports: [HeartbeatPublisher] })
export class HeartbeatsModule {}

import { ArrayUnique, IsBoolean, IsIn, IsOptional } from 'class-validator';
import { NestedArray } from '../domain/collections';
import { IsTimestamp } from '../domain/timestamp';
import { SERVICE_NAMES, type ServiceName } from '../service/service-name';
import { EventData } from './event-data';

export class ServiceReadiness {
  @IsIn(SERVICE_NAMES) name!: ServiceName;
  @IsBoolean() ready!: boolean;
}

/**
 * The node's signed heartbeat every 10 s, on `<cc>.shared.heartbeats.v1` only. `id`
 * identifies the emitting process (a new UUIDv7 at each start) and `version` counts its
 * heartbeats from 1, so a peer sees restarts and gaps; peers track the latest by
 * `country`. Small on purpose: it is sent 8 640 times a day.
 */
export class NodeHeartbeatData extends EventData {
  @IsTimestamp() sentAt!: string;

  @IsOptional()
  @NestedArray(() => ServiceReadiness, { maxSize: SERVICE_NAMES.length })
  @ArrayUnique((service: ServiceReadiness) => service.name)
  services?: ServiceReadiness[];
}

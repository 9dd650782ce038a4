import { type CountryCode, dataClassification, EVENT_TYPES, type NodeHeartbeatData, type ServiceReadiness, validateEventData } from '@naperj/contracts';
import { type CloudEvent, eventSource, eventTime } from '@naperj/messaging';
import { v7 as uuidv7 } from 'uuid';

export interface HeartbeatOf {
  country: CountryCode;
  /** The emitting process: a new UUIDv7 at each start, also the event's subject. */
  emitterId: string;
  /** This process's heartbeats counted from 1, so peers see gaps and restarts. */
  sequence: number;
  sentAt: Date;
  services: ServiceReadiness[];
}

/** One heartbeat of the node as a CloudEvent for `<cc>.shared.heartbeats.v1`. */
export function heartbeatEvent({ country, emitterId, sequence, sentAt, services }: HeartbeatOf): CloudEvent<NodeHeartbeatData> {
  const time = eventTime(sentAt);
  const validation = validateEventData(EVENT_TYPES.nodeHeartbeat, 'shared', { id: emitterId, country, version: sequence, sentAt: time, services });
  // Data the contracts would refuse is a bug here, never something to sign and share.
  if (!validation.ok) throw new Error(`The heartbeat is invalid: ${validation.errors.join('; ')}`);
  return {
    id: uuidv7(),
    source: eventSource(country, 'reporting'),
    type: EVENT_TYPES.nodeHeartbeat,
    time,
    subject: emitterId,
    dataclassification: dataClassification(EVENT_TYPES.nodeHeartbeat, 'shared'),
    data: validation.value,
  };
}

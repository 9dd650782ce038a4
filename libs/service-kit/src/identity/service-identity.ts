import type { CountryCode, ServiceName } from '@naperj/contracts';

/** Which service of which country's node this process is. Injectable in every module. */
export class ServiceIdentity {
  constructor(
    readonly service: ServiceName,
    readonly country: CountryCode,
  ) {}
}

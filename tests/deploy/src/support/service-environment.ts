import { communityEngagementConfig } from '@naperj/community-engagement/config/community-engagement-config';
import { SERVICE_NAMES, type ServiceName } from '@naperj/contracts';
import { reviewMatchingConfig } from '@naperj/expert-network/review-matching/review-matching.config';
import { reportingConfig } from '@naperj/reporting/config/reporting-config';
import { SERVICE_KIT_VARIABLES } from '@naperj/service-kit';

interface ConfigNamespace {
  readonly KEY: string | symbol;
  readonly variables: readonly string[];
}

/**
 * The configuration namespaces each service registers beside the kit's; the spec beside this
 * file checks the list against every `registerServiceConfig` call in the services' sources.
 */
export const SERVICE_CONFIG_NAMESPACES: Record<ServiceName, readonly ConfigNamespace[]> = {
  submissions: [],
  'expert-network': [reviewMatchingConfig],
  'community-engagement': [communityEngagementConfig],
  reporting: [reportingConfig],
};

/** Every environment variable each service reads: the kit's, then its own namespaces'. */
export const SERVICE_VARIABLES: Record<ServiceName, readonly string[]> = Object.fromEntries(
  SERVICE_NAMES.map((service) => [service, [...SERVICE_KIT_VARIABLES, ...SERVICE_CONFIG_NAMESPACES[service].flatMap((namespace) => namespace.variables)]]),
) as unknown as Record<ServiceName, readonly string[]>;

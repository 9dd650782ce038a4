import { COUNTRY_CODES, SERVICE_NAMES } from '@naperj/contracts';
import { existsSync, readFileSync } from 'node:fs';
import { relative } from 'node:path';
import { repoPath } from '../support/repo';
import { readYaml } from '../support/yaml';
import { type ComposeService, dependenciesOf, environmentSources, mountOf, mountsOf, readCompose, SECRETS_SOURCE, SERVICE_CONTAINERS } from './compose-file';

/** Long-running services without a healthcheck, each with why; nothing may wait for their health. */
const WITHOUT_HEALTHCHECK: Readonly<Record<string, string>> = {
  'otel-collector': 'a distroless image: no shell nor HTTP client to run a probe with (its health_check extension answers on 13133 for an orchestrator)',
  jaeger: 'no HTTP client in the image to run a probe with; the collector retries its exports until Jaeger answers',
};
/** One-shot jobs: they run to completion before what depends on them starts. */
const ONE_SHOT_JOBS = ['keys'];
const SHARED_SERVICES = ['otel-collector', 'prometheus', 'grafana', 'jaeger'];
/** Images whose tag must be a full version (x.y.z), not a moving major or minor. */
const PINNED_TAG = /^v?\d+\.\d+\.\d+$/;

const compose = readCompose();
const services = Object.entries(compose.services);
const rootPackage = JSON.parse(readFileSync(repoPath('package.json'), 'utf8')) as { version: string };
const kafkaVersion = /<kafka\.version>([^<]+)<\/kafka\.version>/.exec(readFileSync(repoPath('deploy', 'local', 'kafka', 'pom.xml'), 'utf8'))?.[1];
const dockerfile = readFileSync(repoPath('Dockerfile'), 'utf8');
/** Built from the naperj Dockerfile, whose HEALTHCHECK asks /health/live. */
const isNaperjService = (service: ComposeService): boolean => typeof service.build === 'object' && service.build.context === '.';
const hasHealthcheck = (service: ComposeService): boolean =>
  service.healthcheck?.disable !== true && (service.healthcheck?.test !== undefined || (isNaperjService(service) && /^HEALTHCHECK /m.test(dockerfile)));

describe('docker-compose.yml: services, images and dependencies', () => {
  it('names its services as the other deployment files expect', () => {
    const expected = [
      ...COUNTRY_CODES.flatMap((cc) => [`${cc}-kafka`, `${cc}-mongodb`, `${cc}-mirrormaker`, ...SERVICE_NAMES.map((service) => `${cc}-${service}`)]),
      ...SHARED_SERVICES,
      ...ONE_SHOT_JOBS,
    ];
    expect(Object.keys(compose.services).sort()).toEqual(expected.sort());
  });

  it.each(services)('%s: runs a pinned image, never a moving tag', (_name, service) => {
    const [repository, tag] = (service.image ?? '').split(':');
    expect(repository).toBeTruthy();
    expect(tag).toMatch(PINNED_TAG);
  });

  it('runs the Kafka release the project runs locally, MongoDB 7, and the naperj images of this version', () => {
    expect(kafkaVersion).toBeDefined();
    for (const cc of COUNTRY_CODES) {
      expect(compose.services[`${cc}-kafka`]?.image).toBe(`apache/kafka:${kafkaVersion}`);
      expect(compose.services[`${cc}-mirrormaker`]?.image).toBe(`apache/kafka:${kafkaVersion}`);
      expect(compose.services[`${cc}-mongodb`]?.image).toMatch(/^mongo:7\.\d+\.\d+$/);
    }
    for (const { service, name } of SERVICE_CONTAINERS) {
      const container = compose.services[name] as ComposeService;
      expect(container.image).toBe(`naperj/${service}:${rootPackage.version}`);
      expect(container.build).toEqual({ context: '.', args: { SERVICE: service } });
    }
  });

  it.each(services)('%s: waits for what it depends on to be healthy, or to have completed', (_name, service) => {
    for (const [dependency, condition] of dependenciesOf(service)) {
      const target = compose.services[dependency];
      expect({ dependency, exists: target !== undefined }).toEqual({ dependency, exists: true });
      if (ONE_SHOT_JOBS.includes(dependency)) {
        expect({ dependency, condition }).toEqual({ dependency, condition: 'service_completed_successfully' });
      } else {
        expect({ dependency, condition }).toEqual({ dependency, condition: 'service_healthy' });
        expect({ dependency, healthcheck: hasHealthcheck(target as ComposeService) }).toEqual({ dependency, healthcheck: true });
      }
    }
  });

  it('has a healthcheck on every long-running service but those listed with their reason, on which nothing waits', () => {
    const long = services.filter(([name]) => !ONE_SHOT_JOBS.includes(name));
    expect(long.filter(([name, service]) => !hasHealthcheck(service) && !(name in WITHOUT_HEALTHCHECK)).map(([name]) => name)).toEqual([]);
    expect(
      Object.keys(WITHOUT_HEALTHCHECK).filter((name) => {
        const service = compose.services[name];
        return !service || hasHealthcheck(service);
      }),
    ).toEqual([]);
    const waitedFor = new Set(services.flatMap(([, service]) => dependenciesOf(service).map(([dependency]) => dependency)));
    expect(Object.keys(WITHOUT_HEALTHCHECK).filter((name) => waitedFor.has(name))).toEqual([]);
  });

  it('lets one-shot jobs run once: never restarted', () => {
    for (const job of ONE_SHOT_JOBS) expect([undefined, 'no']).toContain(compose.services[job]?.restart);
    for (const [name, service] of services)
      if (!ONE_SHOT_JOBS.includes(name)) expect({ name, restart: service.restart }).toEqual({ name, restart: 'unless-stopped' });
  });

  it.each(services)('%s: holds no secret in its environment', (_name, service) => {
    for (const { source, variables } of environmentSources(service)) {
      for (const [variable, value] of Object.entries(variables)) {
        const secretName = /PASSWORD|SECRET|TOKEN|PRIVATE|CREDENTIAL|(^|_)KEY($|_)/.test(variable) && !/_FILE$/.test(variable);
        expect({ source, variable, secretName }).toEqual({ source, variable, secretName: false });
        expect({ source, variable, looksSecret: /BEGIN [A-Z ]*PRIVATE KEY|"d"\s*:|^[A-Za-z0-9_-]{32,}$/.test(value) }).toEqual({
          source,
          variable,
          looksSecret: false,
        });
      }
    }
  });

  it.each(services)('%s: mounts files of the repository, or secrets from .secrets/compose, read-only', (name, service) => {
    for (const mount of mountsOf(service).filter((m) => m.type === 'bind')) {
      const secret = mount.source === SECRETS_SOURCE || mount.source.startsWith(`${SECRETS_SOURCE}/`);
      if (!secret)
        expect({ source: relative(repoPath(), mount.source), exists: existsSync(mount.source) }).toEqual({
          source: relative(repoPath(), mount.source),
          exists: true,
        });
      // Only the keys job writes, and only there.
      expect({ target: mount.target, readOnly: mount.readOnly }).toEqual({ target: mount.target, readOnly: !ONE_SHOT_JOBS.includes(name) });
    }
  });

  it.each(services)('%s: has Compose create a missing secrets folder, which the keys job fills after every container is created', (_name, service) => {
    for (const volume of service.volumes ?? []) {
      if (typeof volume === 'string') expect(volume.startsWith('./.secrets')).toBe(false);
      else if (volume.source?.startsWith('./.secrets'))
        expect({ source: volume.source, bind: volume.bind }).toEqual({ source: volume.source, bind: { create_host_path: true } });
    }
  });

  it('keeps the secrets folder out of git and out of the image build context', () => {
    const folder = relative(repoPath(), SECRETS_SOURCE).split('/')[0] as string;
    expect(readFileSync(repoPath('.gitignore'), 'utf8').split('\n')).toContain(`${folder}/`);
    expect(readFileSync(repoPath('.dockerignore'), 'utf8').split('\n')).toContain(folder);
  });

  it("keeps each country's engines on that country's internal network, the brokers' peers listeners on the federation's", () => {
    for (const name of ['federation', ...COUNTRY_CODES]) expect({ name, internal: compose.networks?.[name]?.internal }).toEqual({ name, internal: true });
    for (const cc of COUNTRY_CODES) {
      expect(compose.services[`${cc}-mongodb`]?.networks).toEqual([cc]);
      expect(compose.services[`${cc}-kafka`]?.networks?.slice().sort()).toEqual([cc, 'federation'].sort());
      expect(compose.services[`${cc}-mirrormaker`]?.networks?.slice().sort()).toEqual([cc, 'federation'].sort());
      for (const service of SERVICE_NAMES) expect(compose.services[`${cc}-${service}`]?.networks?.slice().sort()).toEqual([cc, 'observability'].sort());
    }
    const published = services.flatMap(([name, service]) => (service.ports ?? []).map((port) => ({ name, port })));
    expect(published.filter(({ port }) => !port.startsWith('127.0.0.1:'))).toEqual([]);
  });

  it('runs the services with a read-only file system and no capabilities', () => {
    for (const { name } of SERVICE_CONTAINERS) {
      const service = compose.services[name] as ComposeService;
      expect({ name, read_only: service.read_only, cap_drop: service.cap_drop, security_opt: service.security_opt }).toEqual({
        name,
        read_only: true,
        cap_drop: ['ALL'],
        security_opt: ['no-new-privileges:true'],
      });
    }
  });

  describe('observability', () => {
    const mounted = (service: string, target: string) => mountOf(compose.services[service] as ComposeService, target)?.mount.source;

    it('mounts the collector, Prometheus and Grafana configurations of deploy/observability', () => {
      expect(mounted('otel-collector', '/etc/otelcol-contrib/config.yaml')).toBe(repoPath('deploy', 'observability', 'otel-collector.yaml'));
      expect(compose.services['otel-collector']?.command).toEqual(['--config=/etc/otelcol-contrib/config.yaml']);
      expect(mounted('prometheus', '/etc/prometheus/prometheus.yml')).toBe(repoPath('deploy', 'observability', 'prometheus', 'prometheus.yml'));
      expect(compose.services.prometheus?.command).toContain('--config.file=/etc/prometheus/prometheus.yml');
      expect(mounted('grafana', '/etc/grafana/provisioning/datasources')).toBe(repoPath('deploy', 'observability', 'grafana', 'provisioning', 'datasources'));
      expect(mounted('grafana', '/etc/grafana/provisioning/dashboards')).toBe(repoPath('deploy', 'observability', 'grafana', 'provisioning', 'dashboards'));
    });

    it("mounts Prometheus's rules where its configuration looks for them", () => {
      const config = readYaml(repoPath('deploy', 'observability', 'prometheus', 'prometheus.yml')) as { rule_files?: string[] };
      expect(config.rule_files?.length).toBeGreaterThan(0);
      for (const pattern of config.rule_files ?? []) {
        const inContainer = pattern.startsWith('/') ? pattern : `/etc/prometheus/${pattern}`;
        const found = mountOf(compose.services.prometheus as ComposeService, inContainer.slice(0, inContainer.lastIndexOf('/')));
        expect(found?.mount.source).toBe(repoPath('deploy', 'observability', 'prometheus', 'rules'));
      }
    });

    it('mounts the dashboards where their provisioning points Grafana', () => {
      const provisioning = readYaml(repoPath('deploy', 'observability', 'grafana', 'provisioning', 'dashboards', 'naperj.yaml')) as {
        providers: { options: { path: string } }[];
      };
      for (const provider of provisioning.providers)
        expect(mounted('grafana', provider.options.path)).toBe(repoPath('deploy', 'observability', 'grafana', 'dashboards'));
    });

    it('scrapes every service container by its name and port, on a network they share', () => {
      const config = readYaml(repoPath('deploy', 'observability', 'prometheus', 'prometheus.yml')) as {
        scrape_configs: { static_configs?: { targets: string[] }[] }[];
      };
      const targets = config.scrape_configs.flatMap((job) => (job.static_configs ?? []).flatMap((s) => s.targets));
      const prometheus = compose.services.prometheus as ComposeService;
      for (const { name } of SERVICE_CONTAINERS) {
        const env = Object.assign({}, ...environmentSources(compose.services[name] as ComposeService).map((s) => s.variables)) as Record<string, string>;
        expect(targets).toContain(`${name}:${env.PORT}`);
        expect((compose.services[name]?.networks ?? []).some((network) => prometheus.networks?.includes(network))).toBe(true);
      }
    });
  });
});

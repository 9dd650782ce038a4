/**
 * k8s/: every file parses, every overlay builds and its objects validate against their
 * schemas, and the Deployments agree with what the services read and need.
 */
import { type CountryCode, SERVICE_NAMES, type ServiceName } from '@naperj/contracts';
import { ConfigurationError, loadServiceConfig, PERSONAL_DATA_SERVICES } from '@naperj/service-kit';
import { readdirSync } from 'node:fs';
import { join, posix, relative } from 'node:path';
import { repoPath } from '../support/repo';
import { SERVICE_VARIABLES } from '../support/service-environment';
import { readYamlDocuments } from '../support/yaml';
import { peersOf } from './kafka-resources';
import { buildOverlay, type K8sObject, named, OVERLAYS, ofKind, validateObjects } from './overlays';

/**
 * Variables a service reads that the overlays leave unset on purpose, each with why. A
 * function names the services it applies to.
 */
const DELIBERATELY_UNSET: Readonly<Record<string, { reason: string; services?: (service: ServiceName) => boolean }>> = {
  KAFKA_SASL_PASSWORD: { reason: 'the password is a mounted file (KAFKA_SASL_PASSWORD_FILE), never an environment value' },
  KAFKA_TLS: { reason: "the cluster CA is given (KAFKA_TLS_CA_FILE), which implies TLS; the system's CAs do not sign Strimzi's certificates" },
  AUTH_JWKS_URL: { reason: "the issuer's key is a mounted file (AUTH_PUBLIC_KEY_FILE); the two are exclusive" },
  NAPERJ_SECRETS_DIR: { reason: 'where local runs keep generated keys; production generates none and names each key file' },
  CORS_ORIGINS: { reason: 'same origin only by default; an agency whose dashboard runs on another origin adds it in its overlay' },
  HTTP_BODY_LIMIT: { reason: "the kit's default fits every API request" },
  RATE_LIMIT_WRITES_PER_MINUTE: { reason: "the kit's default; an agency tunes it in its overlay" },
  DATA_ENCRYPTION_KEY_FILE: {
    reason: 'only the services that keep personal data encrypt it at rest',
    services: (service) => !PERSONAL_DATA_SERVICES.includes(service),
  },
  REVIEWERS_PER_SUBMISSION: { reason: "expert-network's default; an agency with another review practice sets it in its overlay" },
  HEARTBEAT_INTERVAL_MS: { reason: "reporting's default (docs/architecture.md, Topics), the same in every country" },
  TESTIMONY_RETENTION_DAYS: { reason: "community-engagement's default; an agency whose law asks for another retention sets it in its overlay" },
  PUBLIC_WRITES_PER_MINUTE: { reason: "community-engagement's default; an agency tunes it in its overlay" },
  CONSULTATION_SCHEDULE_INTERVAL_MS: { reason: "community-engagement's default" },
  RETENTION_SWEEP_INTERVAL_MS: { reason: "community-engagement's default" },
};

/** Values the cluster fills in from Secrets, as stand-ins of the right form for the configuration check. */
const SECRET_STAND_INS: Readonly<Record<string, string>> = { MONGODB_URI: 'mongodb://naperj:secret@naperj-mongodb-svc:27017/naperj?replicaSet=naperj-mongodb' };

interface EnvVar {
  name: string;
  value?: string;
  valueFrom?: { secretKeyRef?: { name: string; key: string }; configMapKeyRef?: { name: string; key: string } };
}

interface Probe {
  httpGet?: { path: string; port: string | number };
}

interface Container {
  name: string;
  image: string;
  ports?: { name?: string; containerPort: number }[];
  env?: EnvVar[];
  envFrom?: { configMapRef?: { name: string }; secretRef?: { name: string } }[];
  livenessProbe?: Probe;
  readinessProbe?: Probe;
  resources?: { requests?: Record<string, string>; limits?: Record<string, string> };
  securityContext?: Record<string, unknown>;
  volumeMounts?: { name: string; mountPath: string; subPath?: string }[];
}

interface Volume {
  name: string;
  secret?: { secretName: string; items?: { key: string; path: string }[] };
  configMap?: { name: string; items?: { key: string; path: string }[] };
  emptyDir?: object;
}

interface Deployment extends K8sObject {
  spec: {
    selector: { matchLabels: Record<string, string> };
    template: {
      metadata: { labels: Record<string, string> };
      spec: { containers: Container[]; volumes?: Volume[]; securityContext?: Record<string, unknown>; automountServiceAccountToken?: boolean };
    };
  };
}

interface LabelSelector {
  matchLabels?: Record<string, string>;
  matchExpressions?: unknown[];
}

interface NetworkPolicy extends K8sObject {
  spec: {
    podSelector: LabelSelector;
    policyTypes: string[];
    ingress?: { ports?: { port: string | number }[] }[];
    egress?: { to?: { podSelector?: LabelSelector; namespaceSelector?: LabelSelector }[]; ports?: { port: string | number }[] }[];
  };
}

const selects = (selector: LabelSelector, labels: Record<string, string>): boolean =>
  selector.matchExpressions === undefined && Object.entries(selector.matchLabels ?? {}).every(([key, value]) => labels[key] === value);

function yamlFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return yamlFiles(path);
    return /\.ya?ml$/.test(entry.name) ? [path] : [];
  });
}

/** The container's environment as the kubelet sets it; values from Secrets are their stand-ins. */
function environment(objects: K8sObject[], container: Container): Record<string, string> {
  const env: Record<string, string> = {};
  for (const source of container.envFrom ?? []) {
    if (!source.configMapRef) throw new Error(`${container.name} takes its environment from a Secret, whose keys nobody can check`);
    Object.assign(env, named(objects, 'ConfigMap', source.configMapRef.name).data);
  }
  for (const variable of container.env ?? []) {
    if (variable.value !== undefined) env[variable.name] = variable.value;
    else if (variable.valueFrom?.configMapKeyRef) {
      const { name, key } = variable.valueFrom.configMapKeyRef;
      env[variable.name] = named(objects, 'ConfigMap', name).data?.[key] ?? '';
    } else if (variable.valueFrom?.secretKeyRef) env[variable.name] = SECRET_STAND_INS[variable.name] ?? `secret:${variable.valueFrom.secretKeyRef.name}`;
  }
  return env;
}

const serviceOf = (deployment: Deployment): ServiceName => deployment.metadata.name as ServiceName;

describe('k8s/', () => {
  it.each(yamlFiles(repoPath('k8s')).map((file) => relative(repoPath(), file)))('%s parses', (file) => {
    expect(readYamlDocuments(repoPath(file)).length).toBeGreaterThan(0);
  });
});

describe.each(OVERLAYS)('k8s/overlays/%s', (country: CountryCode) => {
  const objects = () => buildOverlay(country);
  const deployments = () => ofKind<Deployment>(objects(), 'Deployment');
  const container = (deployment: Deployment): Container => {
    const [only, ...others] = deployment.spec.template.spec.containers;
    if (!only || others.length > 0) throw new Error(`${deployment.metadata.name} must run exactly one container`);
    return only;
  };

  it('builds, and every object validates against its schema (Kubernetes, Strimzi, prometheus-operator, MongoDB CRD)', () => {
    const results = validateObjects(objects());
    expect(results.map(({ kind, name }) => `${kind}/${name}`)).toEqual(objects().map(({ kind, metadata }) => `${kind}/${metadata.name}`));
    expect(results.filter((result) => result.errors.length > 0)).toEqual([]);
    for (const kind of ['Kafka', 'KafkaNodePool', 'KafkaTopic', 'KafkaUser', 'KafkaMirrorMaker2', 'MongoDBCommunity', 'ServiceMonitor']) {
      expect(ofKind(objects(), kind).length).toBeGreaterThan(0);
    }
    expect(
      new Set(
        objects()
          .filter((object) => object.kind !== 'Namespace')
          .map((object) => object.metadata.namespace),
      ),
    ).toEqual(new Set([`naperj-${country}`]));
  });

  it('deploys every service once, labelled as the ServiceMonitor and NetworkPolicies select it', () => {
    expect(deployments().map(serviceOf).sort()).toEqual([...SERVICE_NAMES].sort());
    for (const deployment of deployments()) {
      const labels = { 'app.kubernetes.io/name': serviceOf(deployment), 'app.kubernetes.io/part-of': 'naperj', 'app.kubernetes.io/component': 'service' };
      expect(deployment.metadata.labels).toMatchObject(labels);
      expect(deployment.spec.template.metadata.labels).toMatchObject(labels);
      expect(selects(deployment.spec.selector, deployment.spec.template.metadata.labels)).toBe(true);
      const service = named<K8sObject & { spec: { selector: Record<string, string>; ports: { name: string; targetPort: string }[] } }>(
        objects(),
        'Service',
        serviceOf(deployment),
      );
      expect(service.metadata.labels).toMatchObject(labels);
      expect(selects({ matchLabels: service.spec.selector }, deployment.spec.template.metadata.labels)).toBe(true);
      expect(service.spec.ports).toEqual([expect.objectContaining({ name: 'http', targetPort: 'http' })]);
    }
  });

  it('sets every variable each service reads, or lists it as deliberately unset, and nothing else', () => {
    for (const entry of Object.keys(DELIBERATELY_UNSET)) expect(SERVICE_NAMES.some((service) => SERVICE_VARIABLES[service].includes(entry))).toBe(true);
    for (const deployment of deployments()) {
      const service = serviceOf(deployment);
      const set = Object.keys(environment(objects(), container(deployment))).sort();
      const unset = SERVICE_VARIABLES[service].filter((name) => {
        const entry = DELIBERATELY_UNSET[name];
        return entry !== undefined && (entry.services?.(service) ?? true);
      });
      expect({ service, set }).toEqual({ service, set: SERVICE_VARIABLES[service].filter((name) => !unset.includes(name)).sort() });
    }
  });

  it('configures each service for production: its country, its peers and a valid configuration', () => {
    for (const deployment of deployments()) {
      const env = environment(objects(), container(deployment));
      expect(env).toMatchObject({ NODE_ENV: 'production', NODE_COUNTRY: country, FEDERATION_PEERS: peersOf(country).join(',') });
      // The kit's own check, as the service runs it at start; only the mounted files are absent here.
      let problems: string[] = [];
      try {
        loadServiceConfig(serviceOf(deployment), env);
      } catch (error) {
        if (!(error instanceof ConfigurationError)) throw error;
        problems = error.problems.filter((problem) => !/_FILE cannot be read/.test(problem));
      }
      expect({ service: serviceOf(deployment), problems }).toEqual({ service: serviceOf(deployment), problems: [] });
    }
  });

  it('serves HTTP, metrics and health on the port PORT names, and probes liveness and readiness there', () => {
    for (const deployment of deployments()) {
      const main = container(deployment);
      const port = Number(environment(objects(), main).PORT);
      expect(main.ports).toEqual([expect.objectContaining({ name: 'http', containerPort: port })]);
      expect(main.livenessProbe?.httpGet).toEqual({ path: '/health/live', port: 'http' });
      expect(main.readinessProbe?.httpGet).toEqual({ path: '/health/ready', port: 'http' });
      expect(main.image).toMatch(new RegExp(`^ghcr\\.io/[a-z0-9-]+/naperj-${serviceOf(deployment)}:\\d+\\.\\d+\\.\\d+$`));
    }
  });

  it('points every *_FILE variable at a file a volume mounts', () => {
    for (const deployment of deployments()) {
      const main = container(deployment);
      const volumes = deployment.spec.template.spec.volumes ?? [];
      const files = Object.entries(environment(objects(), main)).filter(([name]) => name.endsWith('_FILE'));
      expect(files.length).toBeGreaterThan(0);
      for (const [name, path] of files) {
        const mount = (main.volumeMounts ?? []).find((m) => m.mountPath === posix.dirname(path));
        // Whole-folder mounts: a subPath mount never sees the Secret or ConfigMap change.
        expect({ name, mount: mount?.subPath }).toEqual({ name, mount: undefined });
        const volume = volumes.find((v) => v.name === mount?.name);
        const source = volume?.secret ?? volume?.configMap;
        expect({ name, mounted: source !== undefined }).toEqual({ name, mounted: true });
        if (source?.items) expect({ name, listed: source.items.some((item) => item.path === posix.basename(path)) }).toEqual({ name, listed: true });
      }
    }
  });

  it('runs every service with resources and the restricted security context', () => {
    for (const deployment of deployments()) {
      const main = container(deployment);
      const pod = deployment.spec.template.spec;
      expect(Object.keys(main.resources?.requests ?? {}).sort()).toEqual(['cpu', 'memory']);
      expect(main.resources?.limits?.memory).toEqual(expect.any(String));
      expect(pod.securityContext).toMatchObject({ runAsNonRoot: true, seccompProfile: { type: 'RuntimeDefault' } });
      expect(main.securityContext).toMatchObject({ allowPrivilegeEscalation: false, readOnlyRootFilesystem: true, capabilities: { drop: ['ALL'] } });
      expect(pod.automountServiceAccountToken).toBe(false);
    }
  });

  it('gives every Deployment a PodDisruptionBudget and a HorizontalPodAutoscaler', () => {
    const budgets = ofKind<K8sObject & { spec: { selector: LabelSelector; minAvailable?: number } }>(objects(), 'PodDisruptionBudget');
    const autoscalers = ofKind<K8sObject & { spec: { scaleTargetRef: { kind: string; name: string }; minReplicas: number } }>(
      objects(),
      'HorizontalPodAutoscaler',
    );
    for (const deployment of deployments()) {
      const labels = deployment.spec.template.metadata.labels;
      const budget = budgets.filter((b) => selects(b.spec.selector, labels));
      expect({ deployment: deployment.metadata.name, budgets: budget.length }).toEqual({ deployment: deployment.metadata.name, budgets: 1 });
      const autoscaler = autoscalers.filter((a) => a.spec.scaleTargetRef.kind === 'Deployment' && a.spec.scaleTargetRef.name === deployment.metadata.name);
      expect({ deployment: deployment.metadata.name, autoscalers: autoscaler.length }).toEqual({ deployment: deployment.metadata.name, autoscalers: 1 });
      // The budget must leave a pod to evict: more replicas than it keeps.
      expect(autoscaler[0]?.spec.minReplicas).toBeGreaterThan(budget[0]?.spec.minAvailable ?? 0);
    }
  });

  it('denies all traffic by default, and allows each pod of the node what it needs', () => {
    const policies = ofKind<NetworkPolicy>(objects(), 'NetworkPolicy');
    const all = policies.filter((p) => selects(p.spec.podSelector, {}) && Object.keys(p.spec.podSelector.matchLabels ?? {}).length === 0);
    expect(all.some((p) => p.spec.policyTypes.includes('Ingress') && p.spec.policyTypes.includes('Egress') && !p.spec.ingress && !p.spec.egress)).toBe(true);
    const specific = (labels: Record<string, string>, type: 'Ingress' | 'Egress') =>
      policies.filter((p) => !all.includes(p) && p.spec.policyTypes.includes(type) && selects(p.spec.podSelector, labels));
    for (const deployment of deployments()) {
      const labels = deployment.spec.template.metadata.labels;
      expect({ pod: deployment.metadata.name, ingress: specific(labels, 'Ingress').length > 0 }).toEqual({ pod: deployment.metadata.name, ingress: true });
      const egress = specific(labels, 'Egress').flatMap((p) => p.spec.egress ?? []);
      const env = environment(objects(), container(deployment));
      // Every endpoint the service is configured with is a port its egress rules open.
      const ports = [Number(env.KAFKA_BROKERS?.split(':').pop()), Number(new URL(env.OTEL_EXPORTER_OTLP_ENDPOINT ?? '').port), 27017];
      for (const port of ports)
        expect({ pod: deployment.metadata.name, port, open: egress.some((rule) => rule.ports?.some((p) => p.port === port)) }).toMatchObject({ open: true });
    }
    // The operators' pods, by the labels Strimzi and the MongoDB operator give them.
    const mongodb = ofKind<K8sObject & { spec: { statefulSet: { spec: { template: { metadata: { labels: Record<string, string> } } } } } }>(
      objects(),
      'MongoDBCommunity',
    );
    const operated = [
      ...ofKind(objects(), 'Kafka').map((k) => ({ 'strimzi.io/cluster': k.metadata.name, 'strimzi.io/broker-role': 'true' })),
      ...ofKind(objects(), 'KafkaMirrorMaker2').map((m) => ({ 'strimzi.io/cluster': m.metadata.name })),
      ...mongodb.map((m) => m.spec.statefulSet.spec.template.metadata.labels),
    ];
    for (const labels of operated) expect({ labels, egress: specific(labels, 'Egress').length > 0 }).toEqual({ labels, egress: true });
  });

  it("names the MongoDB connection Secret the operator writes for the services' user", () => {
    const mongodb = named<
      K8sObject & { spec: { members: number; version: string; users: { name: string; db: string; connectionStringSecretName: string }[] } }
    >(objects(), 'MongoDBCommunity', 'naperj-mongodb');
    expect(mongodb.spec.members).toBe(3);
    expect(mongodb.spec.version).toMatch(/^7\.0\.\d+$/);
    for (const deployment of deployments()) {
      const uri = container(deployment).env?.find((v) => v.name === 'MONGODB_URI')?.valueFrom?.secretKeyRef;
      const user = mongodb.spec.users.find((u) => u.connectionStringSecretName === uri?.name);
      // The database the kit uses is the one in the connection string: the user's own.
      expect({ deployment: deployment.metadata.name, db: user?.db }).toEqual({ deployment: deployment.metadata.name, db: 'naperj' });
    }
  });
});

describe('k8s/base', () => {
  // The observability files (ServiceMonitor, PrometheusRule) live in their own folder.
  it('includes the monitoring folder', () => {
    const resources = (readYamlDocuments(repoPath('k8s', 'base', 'kustomization.yaml'))[0] as { resources: string[] }).resources;
    expect(resources).toContain('monitoring');
  });
});

import { COUNTRY_CODES, SERVICE_NAMES, localKafkaBrokers, localMongodbUri, localServicePort } from '@naperj/contracts';
import { TEST_COUNTRY, enginesCli, evalDeployModule } from './engines-cli';

// The node's own engines: a MirrorMaker that federation tests run beside them is not theirs.
const pidsOf = (status: string): string[] => [...status.matchAll(/-(?:kafka|ferretdb)\s.*pid (\d+)/g)].map((m) => m[1]!);

describe('deploy/local engines', () => {
  it('reports the running node as ready', () => {
    const status = enginesCli('status', '--countries', TEST_COUNTRY);
    expect(status.status).toBe(0);
    expect(status.stdout).toMatch(new RegExp(`${TEST_COUNTRY}-kafka\\s+ready`));
    expect(status.stdout).toMatch(new RegExp(`${TEST_COUNTRY}-ferretdb\\s+ready`));
  });

  it('treats `up` on a running node as a no-op', () => {
    const before = pidsOf(enginesCli('status', '--countries', TEST_COUNTRY).stdout);
    const up = enginesCli('up', '--countries', TEST_COUNTRY);
    expect(up.status).toBe(0);
    expect(up.stdout).toContain('already running');
    expect(pidsOf(enginesCli('status', '--countries', TEST_COUNTRY).stdout)).toEqual(before);
    expect(before).toHaveLength(2);
  });

  it('rejects an unknown country with a clear message', () => {
    const result = enginesCli('status', '--countries', 'mx,br');
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('--countries must list some of us,mx,ca; got "mx,br"');
  });

  it('names the tool to install when Java, Maven, Go or OpenSSL is missing', () => {
    const result = evalDeployModule(
      `import { requireTool } from './prerequisites.mts';
       for (const tool of ['java', 'mvn', 'go', 'openssl']) { try { requireTool(tool); } catch (e) { console.log(e.message); } }`,
      { ...process.env, PATH: '/nonexistent' },
    );
    expect(result.stderr).toBe('');
    expect(result.stdout.trim().split('\n')).toEqual([
      expect.stringMatching(/^'java' was not found; it is needed to run Apache Kafka .*install a JDK 17 or newer/),
      expect.stringMatching(/^'mvn' was not found; .*install Apache Maven/),
      expect.stringMatching(/^'go' was not found; .*install Go 1\.24 or newer/),
      expect.stringMatching(/^'openssl' was not found; .*install OpenSSL 1\.1\.1 or newer/),
    ]);
  });

  it('uses the same ports and addresses as libs/contracts', () => {
    const result = evalDeployModule(
      `import { COUNTRIES, SERVICES, kafkaBrokers, mongodbUri, servicePort } from './topology.mts';
       console.log(JSON.stringify(COUNTRIES.map((c) => [c, kafkaBrokers(c), mongodbUri(c), SERVICES.map((s) => [s, servicePort(c, s)])])));`,
    );
    expect(result.stderr).toBe('');
    const expected = COUNTRY_CODES.map((c) => [c, localKafkaBrokers(c), localMongodbUri(c), SERVICE_NAMES.map((s) => [s, localServicePort(c, s)])]);
    expect(JSON.parse(result.stdout)).toEqual(expected);
  });
});

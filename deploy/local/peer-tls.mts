/**
 * TLS of the peers listener: a certificate authority per country and the broker's
 * certificate it signs, created with openssl on the node's first start in
 * `<secretsDir>/<cc>/peers-tls/`. Peers' MirrorMakers trust that country's CA certificate
 * (the federation description's `peerCaCertificate`) and check the broker's name against it.
 */
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { isIP } from 'node:net';
import { join } from 'node:path';
import { type Federation, describedCountry, peerCaCertificateFile } from './federation.mts';
import { requireTool } from './prerequisites.mts';
import type { Country } from './topology.mts';

const CA_DAYS = 3650;
const BROKER_DAYS = 825;

export const peerTlsDir = (federation: Federation, country: Country): string => join(federation.secretsDir, country, 'peers-tls');
/** The broker's private key (PKCS#8, unencrypted, readable by its owner only) and certificate chain, Kafka's PEM keystore. */
export const brokerKeystoreFile = (federation: Federation, country: Country): string => join(peerTlsDir(federation, country), 'broker.pem');

/**
 * Creates the country's CA and a broker certificate for the hosts of its
 * `peerBootstrapServers`, unless they exist. Production mounts them (generateMissingSecrets
 * off): then a missing file is an error that names it.
 */
export function ensurePeerTls(federation: Federation, country: Country): void {
  const ca = peerCaCertificateFile(federation, country);
  const keystore = brokerKeystoreFile(federation, country);
  if (existsSync(ca) && existsSync(keystore)) return;
  if (!federation.generateMissingSecrets) {
    throw new Error(`${existsSync(ca) ? keystore : ca} is missing: the peers listener's TLS of ${country} (generateMissingSecrets is off)`);
  }
  requireTool('openssl');
  const dir = peerTlsDir(federation, country);
  mkdirSync(join(dir, '..'), { recursive: true, mode: 0o700 });
  // Built aside and renamed into place: a concurrent start keeps the set stored first.
  const draft = mkdtempSync(`${dir}.tmp-`);
  try {
    createPeerTls(draft, country, hostsOf(describedCountry(federation, country).peerBootstrapServers));
    try {
      renameSync(draft, dir);
    } catch (error) {
      if (!['ENOTEMPTY', 'EEXIST'].includes((error as NodeJS.ErrnoException).code ?? '')) throw error;
    }
  } finally {
    rmSync(draft, { recursive: true, force: true });
  }
  if (!existsSync(ca) || !existsSync(keystore)) throw new Error(`${dir} is incomplete: remove it to have it created again`);
}

const hostsOf = (servers: string): string[] => [...new Set(servers.split(',').map((server) => server.slice(0, server.lastIndexOf(':'))))];

function createPeerTls(dir: string, country: Country, hosts: string[]): void {
  const file = (name: string) => join(dir, name);
  const ecKey = (out: string) => openssl(['genpkey', '-algorithm', 'EC', '-pkeyopt', 'ec_paramgen_curve:P-256', '-out', out]);
  ecKey(file('ca.key'));
  openssl([
    'req',
    '-x509',
    '-new',
    '-key',
    file('ca.key'),
    '-subj',
    `/O=naperj/CN=naperj ${country} peers CA`,
    '-days',
    String(CA_DAYS),
    '-addext',
    'basicConstraints=critical,CA:TRUE,pathlen:0',
    '-addext',
    'keyUsage=critical,keyCertSign,cRLSign',
    '-out',
    file('ca.crt'),
  ]);
  ecKey(file('broker.key'));
  openssl(['req', '-new', '-key', file('broker.key'), '-subj', `/O=naperj/CN=${hosts[0]}`, '-out', file('broker.csr')]);
  // Peers verify the broker's name (Kafka's default ssl.endpoint.identification.algorithm=https).
  const names = hosts.map((host) => (isIP(host) ? `IP:${host}` : `DNS:${host}`)).join(',');
  writeFileSync(
    file('broker.ext'),
    [`subjectAltName=${names}`, 'basicConstraints=critical,CA:FALSE', 'keyUsage=critical,digitalSignature', 'extendedKeyUsage=serverAuth', ''].join('\n'),
  );
  openssl([
    'x509',
    '-req',
    '-in',
    file('broker.csr'),
    '-CA',
    file('ca.crt'),
    '-CAkey',
    file('ca.key'),
    '-CAcreateserial',
    '-days',
    String(BROKER_DAYS),
    '-extfile',
    file('broker.ext'),
    '-out',
    file('broker.crt'),
  ]);
  writeFileSync(file('broker.pem'), [file('broker.key'), file('broker.crt'), file('ca.crt')].map((f) => readFileSync(f, 'utf8')).join(''), {
    mode: 0o600,
  });
  for (const name of ['ca.key', 'broker.key']) chmodSync(file(name), 0o600);
  for (const name of ['broker.csr', 'broker.ext', 'ca.srl']) rmSync(file(name), { force: true });
}

function openssl(args: string[]): void {
  const result = spawnSync('openssl', args, { encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`openssl ${args.join(' ')} failed:\n${result.stderr}${result.error?.message ?? ''}`);
}

/**
 * The one-shot `keys` job of docker-compose.yml: creates, under ROOT (the host's
 * .secrets/compose, mounted at /secrets), whatever the nodes of the countries given as arguments still lack, and
 * never replaces a file: keys and certificates an agency put there before the first start
 * are used as they are. Each container mounts only its own folder, read-only:
 *
 *   <cc>/kafka/         the broker: broker.pem (key, certificate for <cc>-kafka, CA) and
 *                       users/<user>.password, the SCRAM users it creates at start
 *   <cc>/services/      the four services: the Kafka password and CA, the event-signing key,
 *                       the trust file, the token issuer's public key, the data key
 *   <cc>/mirrormaker/   its MirrorMaker: its password and CA for its own cluster, and per peer
 *                       peers/<peer>.password and peer-ca/<peer>.crt
 *   <cc>/ca/            the country's certificate authority (its key is mounted nowhere)
 *   <cc>/jwt-issuer.{private,public}.jwk.json
 *                       the token issuer (npm run token with NAPERJ_SECRETS_DIR=.secrets/compose)
 *   prometheus/<cc>-scrape-token
 *                       an operator token of each country's issuer: /metrics answers operators
 *                       only; minted again when it nears its expiry
 *   grafana/admin.password
 *
 *   node generate.mjs ROOT COUNTRY…      e.g. node generate.mjs /secrets us mx ca
 */
import { execFileSync } from 'node:child_process';
import { createPrivateKey, generateKeyPairSync, randomBytes, sign } from 'node:crypto';
import { chownSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { Buffer } from 'node:buffer';
import console from 'node:console';
import process from 'node:process';

// The users of the containers that read these files: `node` of the naperj image and
// `appuser` of apache/kafka have the same id; Prometheus and Grafana run as their own.
const OWNER = 1000;
const PROMETHEUS_USER = 65534;
const GRAFANA_USER = 472;
const SCRAPE_TOKEN_DAYS = 90;
const SCRAPE_TOKEN_RENEWAL_DAYS = 30;
// In the job, root hands each file over; anyone else (tests/deploy) keeps them.
const handOver = process.getuid?.() === 0 ? chownSync : () => undefined;
const COUNTRIES = ['us', 'mx', 'ca'];
const SCRAM_USERS = { services: 'services', mirrormaker: 'mirrormaker' };
const CA_DAYS = 3650;
const BROKER_DAYS = 825;

const [ROOT, ...countries] = process.argv.slice(2);
if (!ROOT || countries.length === 0 || countries.some((country) => !COUNTRIES.includes(country))) {
  console.error(`usage: generate.mjs ROOT COUNTRY…   (countries of ${COUNTRIES.join(', ')})`);
  process.exit(2);
}

const path = (...segments) => join(ROOT, ...segments);
const month = new Date().toISOString().slice(0, 7);

function ensureDir(dir, owner = OWNER) {
  if (existsSync(dir)) return;
  ensureDir(dirname(dir));
  mkdirSync(dir, { mode: 0o750 });
  handOver(dir, owner, owner);
}

/** Writes `file` unless it exists; `secret` files are readable by their owner only. */
function create(file, content, { secret, owner = OWNER }) {
  if (existsSync(file)) return;
  ensureDir(dirname(file), owner);
  writeFileSync(file, content, { mode: secret ? 0o600 : 0o644, flag: 'wx' });
  handOver(file, owner, owner);
  console.log(`created ${file}`);
}

/** `file`'s content, created with `make()` first when it is missing. */
function ensure(file, make, options) {
  if (!existsSync(file)) create(file, make(), options);
  return readFileSync(file, 'utf8');
}

const password = () => randomBytes(32).toString('base64url');
const json = (value) => `${JSON.stringify(value, null, 2)}\n`;

/** An Ed25519 key pair as JWKs with `kid`, in the files local runs and npm run token use. */
function ensureKeyPair(privateFile, publicFile, kid, extra = {}) {
  const privateJwk = JSON.parse(
    ensure(privateFile, () => json({ ...generateKeyPairSync('ed25519').privateKey.export({ format: 'jwk' }), kid, ...extra }), { secret: true }),
  );
  const publicJwk = { ...privateJwk };
  delete publicJwk.d;
  create(publicFile, json(publicJwk), { secret: false });
  return publicJwk;
}

const base64url = (value) => Buffer.from(value).toString('base64url');

/** `exp` of a JWT, or 0 when the file holds none. */
function expiryOf(tokenFile) {
  if (!existsSync(tokenFile)) return 0;
  try {
    return JSON.parse(Buffer.from(readFileSync(tokenFile, 'utf8').split('.')[1] ?? '', 'base64url').toString()).exp ?? 0;
  } catch {
    return 0;
  }
}

/** Prometheus's operator token for `country`'s services, signed by that country's issuer (the claims of npm run token). */
function ensureScrapeToken(country) {
  const file = path('prometheus', `${country}-scrape-token`);
  const now = Math.floor(Date.now() / 1000);
  if (expiryOf(file) > now + SCRAPE_TOKEN_RENEWAL_DAYS * 86400) return;
  const privateJwk = JSON.parse(readFileSync(path(country, 'jwt-issuer.private.jwk.json'), 'utf8'));
  const header = { alg: 'EdDSA', kid: privateJwk.kid, typ: 'JWT' };
  const claims = {
    country,
    agency: 'monitoring',
    roles: ['operator'],
    sub: `prometheus-${country}`,
    iss: `urn:naperj:${country}:issuer`,
    aud: 'naperj',
    iat: now,
    exp: now + SCRAPE_TOKEN_DAYS * 86400,
  };
  const input = `${base64url(JSON.stringify(header))}.${base64url(JSON.stringify(claims))}`;
  const signature = sign(null, Buffer.from(input), createPrivateKey({ key: privateJwk, format: 'jwk' })).toString('base64url');
  rmSync(file, { force: true });
  create(file, `${input}.${signature}`, { secret: true, owner: PROMETHEUS_USER });
}

function openssl(args) {
  execFileSync('openssl', args, { stdio: ['ignore', 'ignore', 'inherit'] });
}

/** The country's CA and the broker's certificate for `<cc>-kafka`, its clients' and peers' listeners' name. */
function ensureTls(country) {
  const caKey = path(country, 'ca', 'ca.key');
  const caCrt = path(country, 'ca', 'ca.crt');
  if (!existsSync(caCrt)) {
    ensureDir(dirname(caKey));
    if (!existsSync(caKey)) openssl(['genpkey', '-algorithm', 'EC', '-pkeyopt', 'ec_paramgen_curve:P-256', '-out', caKey]);
    openssl([
      'req',
      '-x509',
      '-new',
      '-key',
      caKey,
      '-subj',
      `/O=naperj/CN=naperj ${country} CA`,
      '-days',
      String(CA_DAYS),
      '-addext',
      'basicConstraints=critical,CA:TRUE,pathlen:0',
      '-addext',
      'keyUsage=critical,keyCertSign,cRLSign',
      '-out',
      caCrt,
    ]);
  }
  const keystore = path(country, 'kafka', 'broker.pem');
  if (!existsSync(keystore)) {
    const work = path(country, 'ca', 'broker');
    rmSync(work, { recursive: true, force: true });
    mkdirSync(work, { recursive: true, mode: 0o700 });
    const host = `${country}-kafka`;
    const file = (name) => join(work, name);
    openssl(['genpkey', '-algorithm', 'EC', '-pkeyopt', 'ec_paramgen_curve:P-256', '-out', file('broker.key')]);
    openssl(['req', '-new', '-key', file('broker.key'), '-subj', `/O=naperj/CN=${host}`, '-out', file('broker.csr')]);
    // Clients check the broker's name against this (Kafka's default endpoint identification).
    writeFileSync(
      file('broker.ext'),
      `subjectAltName=DNS:${host}\nbasicConstraints=critical,CA:FALSE\nkeyUsage=critical,digitalSignature\nextendedKeyUsage=serverAuth\n`,
    );
    openssl([
      'x509',
      '-req',
      '-in',
      file('broker.csr'),
      '-CA',
      caCrt,
      '-CAkey',
      caKey,
      '-CAcreateserial',
      '-days',
      String(BROKER_DAYS),
      '-extfile',
      file('broker.ext'),
      '-out',
      file('broker.crt'),
    ]);
    create(keystore, [file('broker.key'), file('broker.crt'), caCrt].map((f) => readFileSync(f, 'utf8')).join(''), { secret: true });
    rmSync(work, { recursive: true, force: true });
  }
  for (const f of [caKey, caCrt]) handOver(f, OWNER, OWNER);
  return readFileSync(caCrt, 'utf8');
}

const publicKeys = {};
for (const country of countries) {
  const ca = ensureTls(country);
  for (const user of Object.values(SCRAM_USERS)) ensure(path(country, 'kafka', 'users', `${user}.password`), password, { secret: true });
  create(path(country, 'services', 'kafka.password'), readFileSync(path(country, 'kafka', 'users', `${SCRAM_USERS.services}.password`)), { secret: true });
  create(path(country, 'mirrormaker', 'kafka.password'), readFileSync(path(country, 'kafka', 'users', `${SCRAM_USERS.mirrormaker}.password`)), {
    secret: true,
  });
  for (const folder of ['services', 'mirrormaker']) create(path(country, folder, 'kafka-ca.crt'), ca, { secret: false });

  const issuer = ensureKeyPair(path(country, 'jwt-issuer.private.jwk.json'), path(country, 'jwt-issuer.public.jwk.json'), `${country}-issuer-${month}`, {
    alg: 'EdDSA',
    use: 'sig',
  });
  create(path(country, 'services', 'jwt-issuer.public.jwk.json'), json(issuer), { secret: false });
  publicKeys[country] = ensureKeyPair(
    path(country, 'services', 'event-signing.private.jwk.json'),
    path(country, 'event-signing.public.jwk.json'),
    `${country}-${month}`,
  );
  create(path(country, 'services', 'data-encryption.keys'), `${randomBytes(32).toString('base64')}\n`, { secret: true });
  ensureScrapeToken(country);
}
create(path('grafana', 'admin.password'), password(), { secret: true, owner: GRAFANA_USER });

// What partners exchange: the reader's password on the source's cluster, which the source
// creates as the user `<reader>-mirror`; the source's CA; every country's public signing key.
for (const reader of countries) {
  for (const source of countries.filter((country) => country !== reader)) {
    const onSource = path(source, 'kafka', 'users', `${reader}-mirror.password`);
    const ofReader = path(reader, 'mirrormaker', 'peers', `${source}.password`);
    const secret = existsSync(ofReader) ? readFileSync(ofReader, 'utf8') : ensure(onSource, password, { secret: true });
    create(onSource, secret, { secret: true });
    create(ofReader, secret, { secret: true });
    create(path(reader, 'mirrormaker', 'peer-ca', `${source}.crt`), readFileSync(path(source, 'ca', 'ca.crt')), { secret: false });
  }
  create(path(reader, 'services', 'trust.json'), json(Object.fromEntries(countries.map((country) => [country, [publicKeys[country]]]))), { secret: false });
}
console.log(`the keys of ${countries.join(', ')} are in place`);

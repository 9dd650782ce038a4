/** The built overlays (`kustomize build k8s/overlays/<cc>`), once per test file. */
import { COUNTRY_CODES, type CountryCode } from '@naperj/contracts';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { repoPath } from '../support/repo';
import { kustomizeBuild, mongodbCommunityCrd } from '../support/tools';

export interface K8sObject {
  apiVersion: string;
  kind: string;
  metadata: { name: string; namespace?: string; labels?: Record<string, string>; annotations?: Record<string, string> };
  spec?: Record<string, unknown>;
  data?: Record<string, string>;
}

export const OVERLAYS: readonly CountryCode[] = COUNTRY_CODES;

const built = new Map<CountryCode, K8sObject[]>();

export function buildOverlay(country: CountryCode): K8sObject[] {
  let objects = built.get(country);
  if (!objects) {
    objects = kustomizeBuild(repoPath('k8s', 'overlays', country)) as K8sObject[];
    built.set(country, objects);
  }
  return objects;
}

export function ofKind<T = K8sObject>(objects: readonly K8sObject[], kind: string): T[] {
  return objects.filter((object) => object.kind === kind) as T[];
}

export function named<T = K8sObject>(objects: readonly K8sObject[], kind: string, name: string): T {
  const found = objects.find((object) => object.kind === kind && object.metadata.name === name);
  if (!found) throw new Error(`no ${kind} ${name}`);
  return found as T;
}

export interface ValidationResult {
  kind: string;
  name: string;
  errors: string[];
}

/** tests/deploy/tools/validate-k8s.mts on the objects, in Node 24 (the model packages are ESM-only). */
export function validateObjects(objects: readonly unknown[]): ValidationResult[] {
  const dir = mkdtempSync(join(tmpdir(), 'naperj-k8s-'));
  try {
    const crd = join(dir, 'mongodbcommunity.json');
    writeFileSync(crd, JSON.stringify(mongodbCommunityCrd()));
    const result = spawnSync(process.execPath, [repoPath('tests', 'deploy', 'tools', 'validate-k8s.mts'), '--crd', crd], {
      input: JSON.stringify(objects),
      encoding: 'utf8',
      maxBuffer: 64 * 1024 * 1024,
    });
    if (result.stdout.trim() === '') throw new Error(`validate-k8s.mts printed nothing:\n${result.stderr}`);
    return JSON.parse(result.stdout) as ValidationResult[];
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

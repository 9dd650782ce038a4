import { readFileSync } from 'node:fs';
import { parse, parseAllDocuments } from 'yaml';

/** One YAML document; throws on a syntax error or a duplicate key. */
export function readYaml(path: string): unknown {
  return parse(readFileSync(path, 'utf8'), { uniqueKeys: true });
}

/** Every document of a multi-document YAML file; throws on the first error of any of them. */
export function readYamlDocuments(path: string): unknown[] {
  return parseYamlDocuments(readFileSync(path, 'utf8'), path);
}

export function parseYamlDocuments(text: string, source = 'YAML'): unknown[] {
  return parseAllDocuments(text, { uniqueKeys: true }).map((document, index) => {
    if (document.errors.length > 0) throw new Error(`${source}, document ${index + 1}: ${document.errors.map((e) => e.message).join('; ')}`);
    return document.toJS() as unknown;
  });
}

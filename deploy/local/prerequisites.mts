/** Checks for the toolchains the local engines need, each with one clear message. */
import { spawnSync } from 'node:child_process';

export class MissingPrerequisiteError extends Error {}

interface Tool {
  command: string;
  versionArgs: string[];
  versionPattern: RegExp;
  minimum: [number, number];
  purpose: string;
  install: string;
}

const TOOLS = {
  java: {
    command: 'java',
    versionArgs: ['-version'],
    versionPattern: /version "(\d+)(?:\.(\d+))?/,
    minimum: [17, 0],
    purpose: 'to run Apache Kafka and MirrorMaker 2',
    install: 'install a JDK 17 or newer (Debian/Ubuntu: apt-get install openjdk-17-jdk-headless)',
  },
  mvn: {
    command: 'mvn',
    versionArgs: ['-v'],
    versionPattern: /Apache Maven (\d+)\.(\d+)/,
    minimum: [3, 6],
    purpose: 'to download the Apache Kafka jars from Maven Central (first run only)',
    install: 'install Apache Maven 3.6 or newer (Debian/Ubuntu: apt-get install maven)',
  },
  go: {
    command: 'go',
    versionArgs: ['version'],
    versionPattern: /go(\d+)\.(\d+)/,
    minimum: [1, 24],
    purpose: 'to build FerretDB (first run only)',
    install: 'install Go 1.24 or newer (https://go.dev/doc/install, or apt-get install golang)',
  },
  openssl: {
    command: 'openssl',
    versionArgs: ['version'],
    versionPattern: /OpenSSL (\d+)\.(\d+)/,
    minimum: [1, 1],
    purpose: "to create the certificates of the peers listener's TLS (first run only)",
    install: 'install OpenSSL 1.1.1 or newer (Debian/Ubuntu: apt-get install openssl)',
  },
} satisfies Record<string, Tool>;

export type ToolName = keyof typeof TOOLS;

export function requireTool(name: ToolName): void {
  const tool: Tool = TOOLS[name];
  const result = spawnSync(tool.command, tool.versionArgs, { encoding: 'utf8' });
  if (result.error) {
    throw new MissingPrerequisiteError(`'${tool.command}' was not found; it is needed ${tool.purpose}: ${tool.install}.`);
  }
  const match = tool.versionPattern.exec(`${result.stdout}${result.stderr}`);
  const major = Number(match?.[1] ?? 0);
  const minor = Number(match?.[2] ?? 0);
  const [minMajor, minMinor] = tool.minimum;
  if (major < minMajor || (major === minMajor && minor < minMinor)) {
    throw new MissingPrerequisiteError(
      `'${tool.command}' is version ${match ? `${major}.${minor}` : 'unknown'}, but ${minMajor}.${minMinor} or newer is needed ${tool.purpose}: ${tool.install}.`,
    );
  }
}

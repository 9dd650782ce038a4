const PROBE_PATH = /^\/(?:health|metrics)(?:[/?]|$)/;

/** Health checks and metric scrapes: frequent, machine-made, and noise in logs and traces. */
export function isProbeRequest(url: string | undefined): boolean {
  return url !== undefined && PROBE_PATH.test(url);
}

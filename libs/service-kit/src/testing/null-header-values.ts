/**
 * Runs `send` with kafkajs able to write a header whose value is null, which a record may carry
 * on the wire (another client wrote it) but kafkajs refuses: it measures every header value with
 * `Buffer.byteLength` before it checks for null. Tests of malformed records need such records.
 */
export async function sendingNullHeaderValues<T>(send: () => Promise<T>): Promise<T> {
  const original: unknown = Reflect.get(Buffer, 'byteLength');
  const byteLength = Buffer.byteLength.bind(Buffer);
  Reflect.set(Buffer, 'byteLength', (value: Parameters<typeof byteLength>[0] | null, encoding?: BufferEncoding) =>
    value === null ? 0 : byteLength(value, encoding),
  );
  try {
    return await send();
  } finally {
    Reflect.set(Buffer, 'byteLength', original);
  }
}

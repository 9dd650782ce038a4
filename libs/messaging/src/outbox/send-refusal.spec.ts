import { KafkaJSNonRetriableError, KafkaJSNumberOfRetriesExceeded, KafkaJSProtocolError } from 'kafkajs';
import { isFenced, sendRefusal } from './send-refusal';

function protocolError(type: string, message = `The broker said ${type}`): KafkaJSProtocolError {
  return Object.assign(new KafkaJSProtocolError(message), { type });
}

describe('sendRefusal', () => {
  it('names a refusal of the records, however kafkajs wraps it', () => {
    const refused = protocolError('MESSAGE_TOO_LARGE', 'The request included a message larger than the max message size the server will accept');
    expect(sendRefusal(refused)).toBe('MESSAGE_TOO_LARGE: The request included a message larger than the max message size the server will accept');
    // kafkajs sets `cause` at run time; its types leave the option out.
    expect(sendRefusal(Object.assign(new KafkaJSNonRetriableError(refused), { cause: refused }))).toMatch(/^MESSAGE_TOO_LARGE: /);
    expect(sendRefusal(new KafkaJSNumberOfRetriesExceeded(protocolError('INVALID_RECORD'), { retryCount: 2, retryTime: 100 }))).toMatch(/^INVALID_RECORD: /);
  });

  it('is undefined for an outage, a fenced producer or anything else', () => {
    expect(sendRefusal(protocolError('UNKNOWN_TOPIC_OR_PARTITION'))).toBeUndefined();
    expect(sendRefusal(protocolError('INVALID_PRODUCER_EPOCH'))).toBeUndefined();
    expect(sendRefusal(new Error('Connection timeout'))).toBeUndefined();
    expect(sendRefusal('MESSAGE_TOO_LARGE')).toBeUndefined();
  });
});

describe('isFenced', () => {
  it('recognises a newer producer of the same transactional id', () => {
    const fenced = protocolError('INVALID_PRODUCER_EPOCH');
    expect(isFenced(Object.assign(new KafkaJSNonRetriableError(fenced), { cause: fenced }))).toBe(true);
    expect(isFenced(protocolError('PRODUCER_FENCED'))).toBe(true);
    expect(isFenced(protocolError('MESSAGE_TOO_LARGE'))).toBe(false);
  });
});

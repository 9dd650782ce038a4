import type { IHeaders } from 'kafkajs';
import { headerText, isCloudEventHeader, type KafkaHeaders, readCloudEventHeaders, readHeaders, utf8Text } from './kafka-headers';

const NOT_UTF8 = Buffer.from([0x61, 0xc3, 0x28]);

describe('readHeaders and headerText (lenient)', () => {
  it('reads Buffers and strings as text, and no headers as none', () => {
    const headers: IHeaders = { traceparent: Buffer.from('00-abc-01'), dlq_group: 'g', empty: Buffer.alloc(0) };
    expect(readHeaders(headers)).toEqual({ traceparent: '00-abc-01', dlq_group: 'g', empty: '' });
    expect(headerText(headers, 'dlq_group')).toBe('g');
    expect(headerText(headers, 'empty')).toBe('');
    expect(readHeaders(undefined)).toEqual({});
    expect(readHeaders(null)).toEqual({});
    expect(headerText(undefined, 'x')).toBeUndefined();
  });

  it('takes the first readable value of a repeated header', () => {
    const headers: KafkaHeaders = { a: [Buffer.from('1'), Buffer.from('2')], b: [null, NOT_UTF8, 'x'], c: [null, undefined] };
    expect(readHeaders(headers)).toEqual({ a: '1', b: 'x' });
    expect(headerText(headers, 'c')).toBeUndefined();
  });

  it('leaves out null values and Buffers that are not valid UTF-8, without throwing', () => {
    const headers: KafkaHeaders = { a: null, b: NOT_UTF8, c: undefined, d: 'ok' };
    expect(readHeaders(headers)).toEqual({ d: 'ok' });
    expect(headerText(headers, 'a')).toBeUndefined();
    expect(headerText(headers, 'b')).toBeUndefined();
  });

  it('reads only the headers themselves, never Object.prototype', () => {
    expect(headerText({}, 'constructor')).toBeUndefined();
    expect(headerText({}, 'toString')).toBeUndefined();
    const texts = readHeaders({ constructor: 'c' });
    expect(texts['constructor']).toBe('c');
    expect('toString' in readHeaders({})).toBe(false);
  });

  it('keeps names as they are: header names are case-sensitive', () => {
    expect(headerText({ Traceparent: 'x' }, 'traceparent')).toBeUndefined();
  });
});

describe('readCloudEventHeaders (strict)', () => {
  it('reads the binding headers and the others as text', () => {
    expect(readCloudEventHeaders({ ce_id: Buffer.from('1'), 'content-type': 'application/json', traceparent: [Buffer.from('t1')] })).toEqual({
      ok: true,
      headers: { ce_id: '1', 'content-type': 'application/json', traceparent: 't1' },
    });
    expect(readCloudEventHeaders(undefined)).toEqual({ ok: true, headers: {} });
  });

  it('keeps an empty value and a BOM exactly: the signed bytes are the bytes received', () => {
    const bom = Buffer.from([0xef, 0xbb, 0xbf, 0x61]);
    const read = readCloudEventHeaders({ ce_id: Buffer.alloc(0), ce_subject: bom });
    expect(read).toEqual({ ok: true, headers: { ce_id: '', ce_subject: '\ufeffa' } });
    expect(read.ok && Buffer.from(read.headers['ce_subject']!, 'utf8')).toEqual(bom);
  });

  it('refuses a repeated, null or undecodable binding header, naming each', () => {
    expect(readCloudEventHeaders({ ce_id: [Buffer.from('1'), Buffer.from('1')] })).toEqual({
      ok: false,
      reason: 'malformed CloudEvents headers: ce_id is repeated (2 values)',
    });
    expect(readCloudEventHeaders({ ce_sig: null })).toEqual({ ok: false, reason: 'malformed CloudEvents headers: ce_sig has a null value' });
    expect(readCloudEventHeaders({ 'content-type': NOT_UTF8, ce_time: '\ud800' })).toEqual({
      ok: false,
      reason: 'malformed CloudEvents headers: content-type is not valid UTF-8; ce_time is not valid UTF-8',
    });
    expect(readCloudEventHeaders({ ce_id: 7 as unknown as string })).toEqual({
      ok: false,
      reason: 'malformed CloudEvents headers: ce_id is neither bytes nor text',
    });
  });

  it('is as strict with headers of any other name: naperj writes each once, as text', () => {
    expect(readCloudEventHeaders({ traceparent: null, dlq_reason: NOT_UTF8, CE_ID: [Buffer.from('a'), Buffer.from('b')] })).toEqual({
      ok: false,
      reason: 'malformed CloudEvents headers: traceparent has a null value; dlq_reason is not valid UTF-8; CE_ID is repeated (2 values)',
    });
    expect(readCloudEventHeaders({ ce_id: '1', 'x-note': [null] })).toEqual({ ok: false, reason: 'malformed CloudEvents headers: x-note has a null value' });
  });

  it('takes no inherited member for a value, as kafkajs collects headers named like one', () => {
    // kafkajs decodes a single `constructor` header as [Object, value].
    expect(readCloudEventHeaders({ constructor: [Object as unknown as string, Buffer.from('c')], ce_id: '1' })).toEqual({
      ok: true,
      headers: { constructor: 'c', ce_id: '1' },
    });
    const inheritedToString: unknown = Reflect.get(Object.prototype, 'toString');
    expect(headerText({ toString: [inheritedToString as string, 'a', 'b'] }, 'toString')).toBe('a');
  });

  it('names the binding headers', () => {
    expect(['ce_id', 'ce_sig', 'content-type'].every(isCloudEventHeader)).toBe(true);
    expect(['traceparent', 'Content-Type', 'CE_ID', 'dlq_reason'].some(isCloudEventHeader)).toBe(false);
  });
});

describe('utf8Text', () => {
  it('decodes valid UTF-8 exactly and refuses the rest', () => {
    expect(utf8Text(Buffer.from('Promotoras de salud — ñ', 'utf8'))).toBe('Promotoras de salud — ñ');
    expect(utf8Text(new Uint8Array([0x61]))).toBe('a');
    expect(utf8Text(NOT_UTF8)).toBeUndefined();
    expect(utf8Text('\udc00x')).toBeUndefined();
    expect(utf8Text('😀')).toBe('😀');
    expect(utf8Text(null)).toBeUndefined();
    expect(utf8Text(12)).toBeUndefined();
  });
});

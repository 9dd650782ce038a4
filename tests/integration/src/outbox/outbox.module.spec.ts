import { EventStore, OutboxModule } from '@naperj/messaging';
import { MongooseModule } from '@nestjs/mongoose';
import { Test, type TestingModule } from '@nestjs/testing';
import { setTimeout as sleep } from 'node:timers/promises';
import { Registry } from 'prom-client';
import { TEST_KAFKA_BROKERS } from '../engines/engines-cli';
import { BED_SERVICE, countById, OutboxBed } from './outbox.fixture';

describe('OutboxModule in a Nest application', () => {
  const bed = new OutboxBed();
  const registry = new Registry();
  let app: TestingModule;

  beforeAll(async () => {
    await bed.open();
    app = await Test.createTestingModule({
      imports: [
        MongooseModule.forRoot(bed.databaseUri),
        OutboxModule.forRootAsync({
          useFactory: () => ({ country: 'mx', service: BED_SERVICE, brokers: TEST_KAFKA_BROKERS, signer: bed.signer, registry, collection: bed.collection }),
        }),
      ],
    }).compile();
    await app.init();
  }, 30_000);

  afterAll(() => bed.close());

  it('provides the event store, relays from bootstrap on, and stops the relay at shutdown', async () => {
    const store = app.get(EventStore);
    const recorded = await store.append(bed.event('expert-nest', 1));
    await bed.untilNothingPending(10_000);
    await app.close();

    expect([...countById(await bed.read(bed.privateTopic)).keys()]).toEqual([recorded.deliveries[0]!.id]);
    expect(await registry.getSingleMetricAsString('naperj_outbox_published_total')).toContain(`naperj_outbox_published_total{topic="${bed.privateTopic}"} 1`);

    await (await bed.store()).append(bed.event('expert-nest', 2));
    await sleep(1000);
    expect(await bed.pendingCount()).toBe(1);
  }, 30_000);
});

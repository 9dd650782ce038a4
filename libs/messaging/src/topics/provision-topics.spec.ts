import { nodeTopics, sharedTopicSpec, type TopicSpec } from '@naperj/contracts';
import { KafkaJSNumberOfRetriesExceeded, KafkaJSProtocolError, type ITopicMetadata } from 'kafkajs';
import { provisionTopics, type TopicAdmin } from './provision-topics';

const experts = sharedTopicSpec('mx', 'experts');
const heartbeats = sharedTopicSpec('mx', 'heartbeats');

function withLeaders(specs: readonly TopicSpec[], leader = 1): { topics: ITopicMetadata[] } {
  return {
    topics: specs.map((spec) => ({
      name: spec.name,
      partitions: Array.from({ length: spec.partitions }, (_, partitionId) => ({
        partitionErrorCode: 0,
        partitionId,
        leader,
        replicas: [1],
        isr: [1],
        offlineReplicas: [],
      })),
    })),
  };
}

function protocolError(type: string): KafkaJSProtocolError {
  // kafkajs builds protocol errors from its error-code table: { message, type, … }.
  return new KafkaJSProtocolError(Object.assign(new Error(`${type} message`), { type }));
}

type Mocked<F extends (...args: never[]) => unknown> = jest.Mock<ReturnType<F>, Parameters<F>>;

function fakeAdmin(existing: string[]) {
  return {
    listTopics: jest.fn<Promise<string[]>, []>().mockResolvedValue(existing),
    createTopics: jest.fn() as Mocked<TopicAdmin['createTopics']>,
    fetchTopicMetadata: jest.fn() as Mocked<TopicAdmin['fetchTopicMetadata']>,
    fetchTopicOffsets: (jest.fn() as Mocked<TopicAdmin['fetchTopicOffsets']>).mockResolvedValue([]),
  };
}

describe('provisionTopics', () => {
  it('creates only the missing topics, with their configs', async () => {
    const admin = fakeAdmin([experts.name]);
    admin.createTopics.mockResolvedValue(true);
    admin.fetchTopicMetadata.mockResolvedValue(withLeaders([experts, heartbeats]));

    const result = await provisionTopics(admin, [experts, heartbeats]);

    expect(admin.createTopics).toHaveBeenCalledWith({
      topics: [
        {
          topic: 'mx.shared.heartbeats.v1',
          numPartitions: 1,
          configEntries: [
            { name: 'cleanup.policy', value: 'delete' },
            { name: 'retention.ms', value: '86400000' },
          ],
        },
      ],
      waitForLeaders: false,
    });
    expect(admin.fetchTopicMetadata).toHaveBeenCalledWith({
      topics: [experts.name, heartbeats.name],
    });
    expect(result).toEqual({ created: [heartbeats.name], existing: [experts.name] });
  });

  it('creates nothing when every topic exists', async () => {
    const specs = nodeTopics('mx');
    const admin = fakeAdmin(specs.map((spec) => spec.name));
    admin.fetchTopicMetadata.mockResolvedValue(withLeaders(specs));

    const result = await provisionTopics(admin, specs);

    expect(admin.createTopics).not.toHaveBeenCalled();
    expect(result.created).toEqual([]);
    expect(result.existing).toHaveLength(specs.length);
  });

  it('waits through unknown topics and missing leaders', async () => {
    const admin = fakeAdmin([]);
    admin.createTopics.mockResolvedValue(true);
    admin.fetchTopicMetadata
      .mockRejectedValueOnce(protocolError('UNKNOWN_TOPIC_OR_PARTITION'))
      .mockRejectedValueOnce(
        new KafkaJSNumberOfRetriesExceeded(protocolError('LEADER_NOT_AVAILABLE'), {
          retryCount: 5,
          retryTime: 1000,
        }),
      )
      .mockResolvedValueOnce(withLeaders([experts], -1))
      .mockResolvedValue(withLeaders([experts]));

    await provisionTopics(admin, [experts], { retryDelayMs: 1 });

    expect(admin.fetchTopicMetadata).toHaveBeenCalledTimes(4);
  });

  it('waits until the named leader serves the partitions, as a broker that has not loaded them yet refuses offset requests', async () => {
    const admin = fakeAdmin([experts.name, heartbeats.name]);
    admin.fetchTopicMetadata.mockResolvedValue(withLeaders([experts, heartbeats]));
    admin.fetchTopicOffsets.mockRejectedValueOnce(protocolError('NOT_LEADER_FOR_PARTITION'));

    await provisionTopics(admin, [experts, heartbeats], { retryDelayMs: 1 });

    expect(admin.fetchTopicOffsets.mock.calls.map(([topic]) => topic)).toEqual([experts.name, experts.name, heartbeats.name]);
  });

  it('fails on any other metadata error', async () => {
    const admin = fakeAdmin([experts.name]);
    admin.fetchTopicMetadata.mockRejectedValue(protocolError('TOPIC_AUTHORIZATION_FAILED'));

    await expect(provisionTopics(admin, [experts])).rejects.toThrow('TOPIC_AUTHORIZATION_FAILED message');
  });

  it('gives up after the timeout, naming the topics', async () => {
    const admin = fakeAdmin([experts.name]);
    admin.fetchTopicMetadata.mockRejectedValue(protocolError('LEADER_NOT_AVAILABLE'));

    await expect(provisionTopics(admin, [experts], { timeoutMs: 20, retryDelayMs: 5 })).rejects.toThrow(
      `Timed out after 20 ms waiting for leaders of ${experts.name}`,
    );
  });

  it('rejects a topic given twice', async () => {
    const admin = fakeAdmin([]);

    await expect(provisionTopics(admin, [experts, experts])).rejects.toThrow(`Topic ${experts.name} is specified twice`);
    expect(admin.listTopics).not.toHaveBeenCalled();
  });

  it('does nothing for an empty list', async () => {
    const admin = fakeAdmin([]);

    expect(await provisionTopics(admin, [])).toEqual({ created: [], existing: [] });
    expect(admin.listTopics).not.toHaveBeenCalled();
  });
});

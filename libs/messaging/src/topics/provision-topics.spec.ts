import { nodeTopics, sharedTopicSpec, type TopicSpec } from '@naperj/contracts';
import { ConfigResourceTypes, ConfigSource, KafkaJSNumberOfRetriesExceeded, KafkaJSProtocolError, type ITopicMetadata } from 'kafkajs';
import { provisionTopics, type TopicAdmin } from './provision-topics';
import { topicConfigEntries } from './topic-config';

const experts = sharedTopicSpec('mx', 'experts');
const heartbeats = sharedTopicSpec('mx', 'heartbeats');
const specNamed = (name: string): TopicSpec => [experts, heartbeats, ...nodeTopics('mx')].find((spec) => spec.name === name)!;

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
    // The existing topics hold their specs' settings unless a test says otherwise.
    describeConfigs: (jest.fn() as Mocked<TopicAdmin['describeConfigs']>).mockImplementation(({ resources }) =>
      Promise.resolve({ throttleTime: 0, resources: resources.map(({ name }) => settingsOf(name, topicConfigEntries(specNamed(name)))) }),
    ),
    alterConfigs: (jest.fn() as Mocked<TopicAdmin['alterConfigs']>).mockResolvedValue({ throttleTime: 0, resources: [] }),
  };
}

function settingsOf(name: string, entries: { name: string; value: string }[]) {
  return {
    errorCode: 0,
    errorMessage: null as unknown as string,
    resourceType: ConfigResourceTypes.TOPIC,
    resourceName: name,
    configEntries: entries.map((entry) => ({
      configName: entry.name,
      configValue: entry.value,
      readOnly: false,
      isDefault: false,
      configSource: ConfigSource.TOPIC_CONFIG,
      isSensitive: false,
      configSynonyms: [],
    })),
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
    expect(result).toEqual({ created: [heartbeats.name], existing: [experts.name], aligned: [] });
  });

  it('creates nothing when every topic exists', async () => {
    const specs = nodeTopics('mx');
    const admin = fakeAdmin(specs.map((spec) => spec.name));
    admin.fetchTopicMetadata.mockResolvedValue(withLeaders(specs));

    const result = await provisionTopics(admin, specs);

    expect(admin.createTopics).not.toHaveBeenCalled();
    expect(result.created).toEqual([]);
    expect(result.existing).toHaveLength(specs.length);
    expect(admin.alterConfigs).not.toHaveBeenCalled();
  });

  it('gives an existing topic the settings of its spec it lacks, and sends its other own settings back as they are', async () => {
    const admin = fakeAdmin([experts.name, heartbeats.name]);
    admin.fetchTopicMetadata.mockResolvedValue(withLeaders([experts, heartbeats]));
    // experts was created before the compaction lags joined its spec; an operator raised its record size.
    admin.describeConfigs.mockImplementation(({ resources }) =>
      Promise.resolve({
        throttleTime: 0,
        resources: resources.map(({ name }) =>
          name === experts.name
            ? settingsOf(name, [
                { name: 'cleanup.policy', value: 'compact' },
                { name: 'max.message.bytes', value: '2097152' },
              ])
            : settingsOf(name, topicConfigEntries(specNamed(name))),
        ),
      }),
    );

    const result = await provisionTopics(admin, [experts, heartbeats]);

    expect(result.aligned).toEqual([experts.name]);
    expect(admin.alterConfigs).toHaveBeenCalledWith({
      validateOnly: false,
      resources: [
        {
          type: ConfigResourceTypes.TOPIC,
          name: experts.name,
          configEntries: [
            { name: 'cleanup.policy', value: 'compact' },
            { name: 'max.message.bytes', value: '2097152' },
            ...topicConfigEntries(experts).slice(1),
          ],
        },
      ],
    });
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

    expect(await provisionTopics(admin, [])).toEqual({ created: [], existing: [], aligned: [] });
    expect(admin.listTopics).not.toHaveBeenCalled();
  });
});

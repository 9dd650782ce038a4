import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Reads a topic from its beginning to its current end the way MirrorMaker's source consumer
 * does: SCRAM over TLS trusting the source's CA, with a peer's credentials, partitions
 * assigned, no consumer group. kafkajs cannot consume without a group, and a peer is granted
 * none.
 *
 *   java -cp '<kafka libs>/*' PeerRead.java <bootstrap> <CA certificate file> <user> <password file> <topic>…
 *
 * Prints "<topic> RECORD <key base64>" per record, or "<topic> ERROR <exception class>".
 * One JVM reads every topic: each start costs seconds.
 */
public class PeerRead {
  public static void main(String[] args) throws Exception {
    String password = Files.readString(Path.of(args[3])).trim();
    Properties config = new Properties();
    config.put("bootstrap.servers", args[0]);
    config.put("security.protocol", "SASL_SSL");
    config.put("ssl.truststore.type", "PEM");
    config.put("ssl.truststore.location", args[1]);
    config.put("sasl.mechanism", "SCRAM-SHA-512");
    config.put("sasl.jaas.config",
        "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"" + args[2] + "\" password=\"" + password + "\";");
    config.put("enable.auto.commit", "false");
    config.put("auto.offset.reset", "earliest");
    config.put("default.api.timeout.ms", "15000");
    config.put("key.deserializer", ByteArrayDeserializer.class.getName());
    config.put("value.deserializer", ByteArrayDeserializer.class.getName());
    for (String topic : List.of(args).subList(4, args.length)) {
      try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(config)) {
        for (byte[] key : readToEnd(consumer, topic)) System.out.println(topic + " RECORD " + Base64.getEncoder().encodeToString(key));
      } catch (KafkaException e) {
        System.out.println(topic + " ERROR " + e.getClass().getSimpleName());
      }
    }
  }

  private static List<byte[]> readToEnd(KafkaConsumer<byte[], byte[]> consumer, String topic) {
    List<TopicPartition> partitions =
        consumer.partitionsFor(topic).stream().map(p -> new TopicPartition(topic, p.partition())).toList();
    consumer.assign(partitions);
    Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
    List<byte[]> keys = new ArrayList<>();
    long deadline = System.currentTimeMillis() + 15_000;
    while (partitions.stream().anyMatch(p -> consumer.position(p) < ends.get(p))) {
      if (System.currentTimeMillis() > deadline) throw new IllegalStateException("did not reach the end of " + topic);
      for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(500))) {
        keys.add(record.key() == null ? new byte[0] : record.key());
      }
    }
    return keys;
  }
}

#!/usr/bin/env bash
# A country's Kafka (KRaft, one node): formats its storage on the first start, starts the
# broker, then creates the SCRAM users whose passwords are mounted (users/<user>.password) and
# lets the partners' mirror users (PEER_USERS) read this country's shared topics
# (SHARED_TOPIC_PREFIX) and nothing else. The container is healthy once that is done.
set -euo pipefail
: "${PEER_USERS:?the mirror users of the partners, e.g. mx-mirror,ca-mirror}"
: "${SHARED_TOPIC_PREFIX:?the prefix of the shared topics, e.g. us.shared.}"

CONFIG=/opt/naperj/server.properties
USERS=/run/secrets/naperj/users
BIN=/opt/kafka/bin
INSIDE=127.0.0.1:9091
READY=/tmp/naperj-kafka-ready
rm -f "$READY"

if [ ! -f /var/lib/kafka/data/meta.properties ]; then
  "$BIN/kafka-storage.sh" format --cluster-id "$("$BIN/kafka-storage.sh" random-uuid)" --config "$CONFIG"
fi
"$BIN/kafka-server-start.sh" "$CONFIG" &
broker=$!
trap 'kill -TERM "$broker"; wait "$broker"; exit' TERM INT

until "$BIN/kafka-broker-api-versions.sh" --bootstrap-server "$INSIDE" >/dev/null 2>&1; do
  kill -0 "$broker" 2>/dev/null || exit 1
  sleep 2
done

# Created or updated on every start, so a rotated password takes effect with a restart. The
# password goes through a file only this user reads, never a command line.
scram=$(mktemp)
for file in "$USERS"/*.password; do
  printf 'SCRAM-SHA-512=iterations=8192,password=%s\n' "$(cat "$file")" >"$scram"
  "$BIN/kafka-configs.sh" --bootstrap-server "$INSIDE" --alter --entity-type users \
    --entity-name "$(basename "$file" .password)" --add-config-file "$scram" >/dev/null
done
rm -f "$scram"

# The partners' MirrorMakers assign partitions themselves and commit nothing here: reading and
# describing the shared topics is all they need.
principals=()
IFS=, read -ra peers <<<"$PEER_USERS"
for user in "${peers[@]}"; do principals+=(--allow-principal "User:$user"); done
"$BIN/kafka-acls.sh" --bootstrap-server "$INSIDE" --add "${principals[@]}" \
  --operation Read --operation Describe --operation DescribeConfigs \
  --topic "$SHARED_TOPIC_PREFIX" --resource-pattern-type prefixed >/dev/null

touch "$READY"
wait "$broker"

#!/usr/bin/env bash
# Healthy when, in the node's own cluster, the Connect worker of every flow (the group
# <source>-mm2) has joined and is stable: MirrorMaker then replicates.
#   healthcheck.sh BOOTSTRAP SOURCE…
set -euo pipefail
bootstrap=$1
shift
groups=()
for source in "$@"; do groups+=(--group "$source-mm2"); done
stable=$(/opt/kafka/bin/kafka-consumer-groups.sh --bootstrap-server "$bootstrap" --command-config /opt/naperj/client.properties \
  --describe --state "${groups[@]}" 2>/dev/null | grep -c ' Stable ' || true)
[ "$stable" -eq "$#" ]

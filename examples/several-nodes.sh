#!/usr/bin/env bash
# Several vault nodes on one PostgreSQL, from the one runnable jar (docs/operations.md, "Several nodes on one
# PostgreSQL"). Starts node 1 and waits until it is ready (it migrates the schema, publishes the policy and, with
# the development KEK, creates the keyset file), then starts the others; stops them all on Ctrl-C or TERM.
#
#   examples/several-nodes.sh [nodes]            default 2 nodes, ports 8081, 8082, ...
#
# Environment (defaults in brackets):
#   VAULT_JAR     the jar                      [vault-api/target/vault-api-0.1.0-SNAPSHOT.jar]
#   DB_URL        the one PostgreSQL, JDBC URL [jdbc:postgresql://127.0.0.1:5432/vault]
#   DB_USER       its user                     [vault]
#   DB_PASSWORD   its password                 [unset]
#   KEK_FILE      the one development KEK, the same file for every node [~/.pdvault/dev-kek.json]; with a KMS,
#                 give every node the same --vault.kek.* settings in VAULT_ARGS instead
#   FIRST_PORT    node 1's HTTP port           [8081]
#   LOG_DIR       one log per node             [./vault-nodes]
#   VAULT_ARGS    more arguments for every node, e.g. --spring.profiles.active=prod
#   JAVA_OPTS     JVM options for every node   [-Xmx512m]
set -euo pipefail

nodes=${1:-2}
jar=${VAULT_JAR:-vault-api/target/vault-api-0.1.0-SNAPSHOT.jar}
db_url=${DB_URL:-jdbc:postgresql://127.0.0.1:5432/vault}
db_user=${DB_USER:-vault}
kek_file=${KEK_FILE:-$HOME/.pdvault/dev-kek.json}
first_port=${FIRST_PORT:-8081}
log_dir=${LOG_DIR:-./vault-nodes}
read -r -a java_opts <<< "${JAVA_OPTS:--Xmx512m}"
read -r -a vault_args <<< "${VAULT_ARGS:-}"

[[ -f "$jar" ]] || { echo "no jar at $jar: build it with mvn -B -DskipTests package" >&2; exit 1; }
mkdir -p "$log_dir"
pids=()
trap 'kill "${pids[@]}" 2>/dev/null; wait' EXIT
trap 'exit 0' INT TERM

start_node() {
  local node=$1 port=$(( first_port + $1 - 1 ))
  local args=(--server.port="$port" --spring.datasource.url="$db_url" --spring.datasource.username="$db_user"
              --vault.kek.local-keyset-file="$kek_file")
  if (( node > 1 )); then
    # KEK epochs and their rewrap are scheduled by node 1 only (one at a time across nodes).
    args+=(--vault.kek.epoch-interval=P36500D)
  fi
  SPRING_DATASOURCE_PASSWORD=${DB_PASSWORD:-} java "${java_opts[@]}" -jar "$jar" "${args[@]}" "${vault_args[@]}" \
    > "$log_dir/node-$node.log" 2>&1 &
  pids+=($!)
  echo "node $node: pid $!, http://localhost:$port, log $log_dir/node-$node.log"
}

await_ready() {
  local node=$1 port=$(( first_port + $1 - 1 )) deadline=$(( SECONDS + ${READY_TIMEOUT:-180} ))
  until curl -sf "http://localhost:$port/actuator/health/readiness" > /dev/null; do
    if ! kill -0 "${pids[$(( node - 1 ))]}" 2>/dev/null; then
      echo "node $node stopped; see $log_dir/node-$node.log" >&2; exit 1
    fi
    if (( SECONDS > deadline )); then
      echo "node $node not ready in time; see $log_dir/node-$node.log" >&2; exit 1
    fi
    sleep 1
  done
  echo "node $node: ready"
}

start_node 1
await_ready 1
for (( n = 2; n <= nodes; n++ )); do start_node "$n"; done
for (( n = 2; n <= nodes; n++ )); do await_ready "$n"; done
echo "all $nodes nodes ready"
wait

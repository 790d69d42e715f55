#!/usr/bin/env bash
# The Redis tests need a Redis on 127.0.0.1:6379; start one (nothing kept on disk) if none answers.
set -euo pipefail
if command -v redis-cli >/dev/null 2>&1 && redis-cli -h 127.0.0.1 -p 6379 ping >/dev/null 2>&1; then
  exit 0
fi
if ! command -v redis-server >/dev/null 2>&1; then
  if [ "$(id -u)" -ne 0 ]; then
    echo "Redis is missing: run 'sudo apt-get install redis-server' and try again." >&2
    exit 1
  fi
  echo "Installing Debian's redis-server for the tests..."
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq redis-server >/dev/null
fi
redis-server --daemonize yes --bind 127.0.0.1 --port 6379 --save "" --appendonly no
for _ in $(seq 1 20); do redis-cli -h 127.0.0.1 -p 6379 ping >/dev/null 2>&1 && exit 0; sleep 0.5; done
echo "Redis did not start on 127.0.0.1:6379." >&2
exit 1

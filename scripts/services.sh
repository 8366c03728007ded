#!/usr/bin/env bash
# Source me: starts the local Postgres and Redis when they do not answer (machines with Debian's packages).
_redis_up() { (exec 3<>/dev/tcp/127.0.0.1/6379 && printf 'PING\r\n' >&3 && read -r -t 2 line <&3 && [[ "$line" == "+PONG"* ]]) 2>/dev/null; }
if ! _redis_up; then
  if command -v redis-server >/dev/null; then
    echo "services: starting Redis on 127.0.0.1:6379" >&2
    mkdir -p /var/lib/redis /var/log/redis 2>/dev/null || true
    redis-server --daemonize yes --bind 127.0.0.1 -::1 --port 6379 --save "" --appendonly no --dir /tmp --logfile /tmp/revops-redis.log
    for _ in $(seq 1 50); do _redis_up && break; sleep 0.1; done
  fi
  _redis_up || echo "services: Redis is not answering on 127.0.0.1:6379 and could not be started (install Debian's redis-server, or set REDIS_URL)" >&2
fi
if [ "${NEED_POSTGRES:-0}" = 1 ] && ! pg_isready -q -h 127.0.0.1 -p 5432 2>/dev/null; then
  if command -v pg_ctlcluster >/dev/null && [ -d /etc/postgresql ]; then
    echo "services: starting PostgreSQL on 127.0.0.1:5432" >&2
    pg_ctlcluster --skip-systemctl-redirect "$(ls /etc/postgresql | head -n1)" main start || true
    for _ in $(seq 1 50); do pg_isready -q -h 127.0.0.1 -p 5432 && break; sleep 0.2; done
  fi
  pg_isready -q -h 127.0.0.1 -p 5432 || echo "services: PostgreSQL is not answering on 127.0.0.1:5432 and could not be started" >&2
fi
unset -f _redis_up

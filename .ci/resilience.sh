#!/usr/bin/env bash
# Resilience check (issue 19), run after the test suite because it restarts PostgreSQL:
# two gunicorn instances against one PostgreSQL and one Redis, loopback only, every loop bounded.
#   1. a session started through instance 1 works through instance 2;
#   2. a write through instance 1 (a password change over HTTP) is seen at once through instance 2,
#      and a rename made in the database shows on both instances' cached council page;
#   3. PostgreSQL restarts under a bounded request loop: no 500s, 200 again within 5 s, /healthz ok,
#      and the acknowledged write is still there.
# Usage: .ci/resilience.sh   (PYTHON=/path/to/python to use another interpreter)
set -euo pipefail
cd "$(dirname "$0")/.."
PY=${PYTHON:-.venv/bin/python}
PG="-h 127.0.0.1 -U postgres"
DB=pipdash_resilience
P1=18801
P2=18802
WORK=$(mktemp -d /tmp/pipdash-resilience.XXXXXX)
pids=()
started=$(date +%s.%N)

fail() { echo "resilience: FAILED: $*" >&2; for f in "$WORK"/gunicorn-*.log; do echo "--- $f"; tail -n 20 "$f"; done >&2; exit 1; }
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
}
trap cleanup EXIT
since() { awk -v a="$1" -v b="$(date +%s.%N)" 'BEGIN { printf "%.2f", b - a }'; }

export DEBUG=False SECRET_KEY=resilience-check-secret-key-not-for-production-0123456789 \
       ALLOWED_HOSTS=127.0.0.1 DATABASE_URL="postgres://postgres@127.0.0.1:5432/$DB" \
       REDIS_URL=redis://127.0.0.1:6379/9 CACHE_KEY_PREFIX="pipdash-resilience-$$" \
       SECURE_SSL_REDIRECT=False SESSION_COOKIE_SECURE=False CSRF_COOKIE_SECURE=False SECURE_HSTS_SECONDS=0

pg_isready -q -h 127.0.0.1 -p 5432 || fail "PostgreSQL is not running on 127.0.0.1:5432"
redis-cli -h 127.0.0.1 -p 6379 ping >/dev/null || fail "Redis is not running on 127.0.0.1:6379"

echo "== fresh database $DB, migrate, load_demo, collectstatic"
t=$(date +%s.%N)
dropdb $PG --if-exists "$DB"
createdb $PG "$DB"
$PY manage.py migrate --noinput -v0
$PY manage.py load_demo >/dev/null
$PY manage.py collectstatic --noinput -v0
echo "   prepared in $(since "$t") s"

for port in $P1 $P2; do
  # Each instance its own control socket, so neither replaces the other's nor anyone else's default one.
  $PY -m gunicorn pipdash.wsgi --workers 2 --bind "127.0.0.1:$port" --timeout 30 \
    --control-socket "$WORK/gunicorn-$port.ctl" \
    >"$WORK/gunicorn-$port.log" 2>&1 &
  pids+=("$!")
done
for port in $P1 $P2; do
  for _ in $(seq 1 60); do
    curl -fsS --max-time 2 "http://127.0.0.1:$port/healthz" >/dev/null 2>&1 && break
    sleep 0.5
  done
  curl -fsS --max-time 2 "http://127.0.0.1:$port/healthz" | grep -q '"database": "ok", "cache": "ok"' \
    || fail "instance on port $port is not healthy"
done
echo "== two instances healthy on $P1 and $P2"

# sign_in PORT JAR USER PASSWORD -> prints the HTTP status of the sign-in POST
sign_in() {
  local port=$1 jar=$2 user=$3 password=$4 token
  token=$(curl -fsS --max-time 5 -c "$jar" -b "$jar" "http://127.0.0.1:$port/sign-in/" \
    | sed -n 's/.*name="csrfmiddlewaretoken" value="\([^"]*\)".*/\1/p' | head -n 1)
  [ -n "$token" ] || fail "no CSRF token on the sign-in page of port $port"
  curl -sS --max-time 5 -o /dev/null -w '%{http_code}' -c "$jar" -b "$jar" \
    --data-urlencode "csrfmiddlewaretoken=$token" --data-urlencode "username=$user" \
    --data-urlencode "password=$password" "http://127.0.0.1:$port/sign-in/"
}
status() { curl -sS --max-time 5 -o /dev/null -w '%{http_code}' -b "$2" "http://127.0.0.1:$1$3" 2>/dev/null || true; }
page() { curl -sS --max-time 5 -b "$2" "http://127.0.0.1:$1$3" -o "$WORK/page.html" || true; }
# page_has PORT JAR URL TEXT: the page is read whole first (grep -q would cut curl's pipe short).
page_has() { page "$1" "$2" "$3"; grep -q "$4" "$WORK/page.html"; }

echo "== a session started on instance 1 works on instance 2"
JAR=$WORK/adviser.jar
[ "$(sign_in $P1 "$JAR" adviser pipdash-demo)" = 302 ] || fail "sign-in through instance 1 was not accepted"
page_has $P2 "$JAR" /councils/E10000019/ "Signed in as" || fail "instance 2 does not know instance 1's session"
echo "   ok"

echo "== a write through instance 1 is seen through instance 2"
MJAR=$WORK/manager.jar
NEWPW=resilience-new-passphrase-$$
[ "$(sign_in $P1 "$MJAR" lincs-manager pipdash-demo)" = 302 ] || fail "manager sign-in through instance 1 failed"
token=$(curl -fsS --max-time 5 -b "$MJAR" -c "$MJAR" "http://127.0.0.1:$P1/account/password/" \
  | sed -n 's/.*name="csrfmiddlewaretoken" value="\([^"]*\)".*/\1/p' | head -n 1)
code=$(curl -sS --max-time 5 -o /dev/null -w '%{http_code}' -b "$MJAR" -c "$MJAR" \
  --data-urlencode "csrfmiddlewaretoken=$token" --data-urlencode "old_password=pipdash-demo" \
  --data-urlencode "new_password1=$NEWPW" --data-urlencode "new_password2=$NEWPW" \
  "http://127.0.0.1:$P1/account/password/")
[ "$code" = 302 ] || fail "password change through instance 1 answered $code"
[ "$(sign_in $P2 "$WORK/m2.jar" lincs-manager "$NEWPW")" = 302 ] || fail "instance 2 does not accept the new password"
echo "   password changed through instance 1 accepted at once by instance 2"
# Warm both instances' cached council page, rename the council, and read it through both.
page $P1 "$JAR" /councils/E10000019/
page $P2 "$JAR" /councils/E10000019/
$PY manage.py shell -v0 -c "
from programmes.models import Council
c = Council.objects.get(gss_code='E10000019'); c.name = 'Lincolnshire Resilience Check'; c.save()"
for port in $P1 $P2; do
  page_has $port "$JAR" /councils/E10000019/ "Lincolnshire Resilience Check" \
    || fail "instance on port $port still shows the old council name from its cache"
done
echo "   a rename shows at once on both instances' cached council page"

echo "== PostgreSQL restart under a bounded request loop"
LOOP=$WORK/loop.log
: >"$LOOP"
(
  end=$(( $(date +%s) + 25 ))
  while [ "$(date +%s)" -lt "$end" ]; do
    for port in $P1 $P2; do
      echo "$(date +%s.%N) $port $(status $port "$JAR" /councils/E10000019/)" >>"$LOOP"
    done
    sleep 0.1
  done
) &
loop_pid=$!
pids+=("$loop_pid")
sleep 2
t=$(date +%s.%N)
pg_ctlcluster --skip-systemctl-redirect "$(ls /etc/postgresql)" main restart
restarted=$(date +%s.%N)
echo "   pg_ctlcluster restart took $(since "$t") s"
back=""
for _ in $(seq 1 100); do
  ok=1
  for port in $P1 $P2; do
    [ "$(status $port "$JAR" /councils/E10000019/)" = 200 ] || ok=0
    curl -sS --max-time 2 "http://127.0.0.1:$port/healthz" 2>/dev/null | grep -q '"database": "ok"' || ok=0
  done
  if [ $ok = 1 ]; then back=$(since "$restarted"); break; fi
  sleep 0.1
done
[ -n "$back" ] || fail "the service did not answer 200 within 10 s of the restart"
echo "   both instances answered 200 and /healthz database ok $back s after the restart returned"
awk -v b="$back" 'BEGIN { exit !(b <= 5) }' || fail "200 again only after $back s (limit 5 s)"
wait "$loop_pid" || true
echo "   during the loop: $(awk '{print $3}' "$LOOP" | sort | uniq -c | tr '\n' ' ')"
! awk '{print $3}' "$LOOP" | grep -q '^500$' || fail "a 500 was served during the restart (503 expected)"
[ "$(sign_in $P2 "$WORK/m3.jar" lincs-manager "$NEWPW")" = 302 ] || fail "the acknowledged password change was lost"
page_has $P2 "$JAR" /councils/E10000019/ "Signed in as" || fail "the session did not survive the restart"
echo "   the acknowledged write and the session survived the restart"

# Tidy up after a pass (after a failure the logs in $WORK are kept for reading).
redis-cli -h 127.0.0.1 -n 9 --scan --pattern "$CACHE_KEY_PREFIX:*" | xargs -r redis-cli -h 127.0.0.1 -n 9 del >/dev/null
rm -rf "$WORK"
echo "resilience: all checks passed in $(since "$started") s"

# Sourced by the test scripts. stop PID [NAME]: asks a process to end (SIGTERM, so tauri-driver
# can take WebKitWebDriver down with it), waits up to 10 s, and only then kills it.
stop() {
  local pid=$1 name=${2:-process}
  [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null || return 0
  kill -TERM "$pid" 2>/dev/null || true
  for _ in $(seq 100); do
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.1
  done
  if kill -0 "$pid" 2>/dev/null; then
    echo "warning: $name (pid $pid) ignored SIGTERM for 10 s; killing it" >&2
    kill -KILL "$pid" 2>/dev/null || true
  fi
  wait "$pid" 2>/dev/null || true
}

#!/usr/bin/env bash
# What Coffee Chat costs while it lives in the tray. Prints figures; it is not a test.
#   benches/tray.sh [binary] [minutes]     defaults: target/release/coffeechat, 5
#
# On Linux Coffee Chat is two programs: the window (BINARY) and the resident part beside it
# (coffeechat-resident: the tray and the reminders), which the window starts once it has painted
# and which lives on when the window is closed (issue 13). Both must be built.
# 1. Memory of the whole process tree (the window and every descendant: WebKitWebProcess,
#    WebKitNetworkProcess, the resident part it started), summed PSS from
#    /proc/PID/smaps_rollup (RSS for reference), with the window open (10 s after it appeared);
#    then the resident part's, 10 s after the window was closed (the window program ends).
#    USS (pages no other process maps) is printed too. PSS and USS both drop while other
#    programs map the same libraries (another WebKitGTK app, an e2e run): the script warns
#    then; run it on a quiet machine, or compare RSS.
# 2. In the tray, over MINUTES: wake-ups per minute of the resident part (voluntary +
#    involuntary context switches of every thread, from /proc/PID/task/TID/status) and CPU time
#    (utime + stime from /proc/PID/stat), then its memory again.
# 3. The resident part's memory when it is started alone, as "Launch at login" starts it.
#
# The database is seeded first so the scheduler has real work: 300 people, 3,000 open reminders
# due over the next 120 days, 2,000 done ones in the past, and 6 due and already shown (Today and
# the tray menu list them; nothing new is notified at start). Everything runs on a private D-Bus
# session (tests/e2e/session.conf: nothing auto-started) with a tray watcher
# (status-notifier-watcher), its own Xvfb display and temporary XDG folders and HOME; no
# notification server runs. Needs `scripts/setup.sh --test` (Xvfb, xdotool,
# haskell-status-notifier-item-utils, dbus). COFFEECHAT_BENCH_SETTLE=SECONDS changes the 10 s
# waits.
set -euo pipefail
script=$(realpath "$0")
cd "$(dirname "$script")/.."
root=$PWD

binary=${1:-target/release/coffeechat}
minutes=${2:-5}
settle=${COFFEECHAT_BENCH_SETTLE:-10}

case $minutes in
  '' | *[!0-9]* | 0) echo "error: MINUTES must be a whole number above 0, not '$minutes'" >&2; exit 2 ;;
esac
if [ ! -f "$binary" ] || [ ! -x "$binary" ]; then
  echo "error: no app binary at $binary; build it first (cargo build --release --locked)" \
    "or pass another one, e.g. benches/tray.sh target/debug/coffeechat" >&2
  exit 2
fi
binary=$(realpath "$binary")

# First pass: check the tools, then run this script again inside a private session bus.
if [ -z "${COFFEECHAT_BENCH_INNER:-}" ]; then
  for tool in Xvfb dbus-run-session status-notifier-watcher xdotool python3 gdbus; do
    command -v "$tool" >/dev/null || {
      echo "error: $tool is missing; run scripts/setup.sh --test" >&2
      exit 2
    }
  done
  export COFFEECHAT_BENCH_INNER=1
  exec dbus-run-session --config-file="$root/tests/e2e/session.conf" -- "$script" "$binary" "$minutes"
fi

# Second pass, on the private bus.
tmp=$(mktemp -d /tmp/coffeechat-tray.XXXXXX)
xvfb_pid=""
watcher_pid=""
app_pid=""

# shellcheck source=../scripts/lib/stop.sh
. "$root/scripts/lib/stop.sh"

# The helper that reads /proc: the process tree, its memory, and snapshots of its counters.
cat >"$tmp/proctree.py" <<'PY'
import json, os, sys, time

TICK = os.sysconf("SC_CLK_TCK")

def stat(pid):
    """(comm, ppid, utime, stime, starttime) from /proc/PID/stat, or None if it is gone."""
    try:
        with open(f"/proc/{pid}/stat") as f:
            text = f.read()
    except OSError:
        return None
    comm = text[text.index("(") + 1:text.rindex(")")]
    fields = text[text.rindex(")") + 2:].split()
    # fields[0] is field 3 (state): ppid is field 4, utime 14, stime 15, starttime 22.
    return comm, int(fields[1]), int(fields[11]), int(fields[12]), int(fields[19])

def tree(root):
    """ROOT and all its descendants."""
    children = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            s = stat(entry)
            if s:
                children.setdefault(s[1], []).append(int(entry))
    found, todo = [], [int(root)]
    while todo:
        pid = todo.pop()
        found.append(pid)
        todo.extend(children.get(pid, []))
    return found

def rollup(pid):
    values = {}
    try:
        with open(f"/proc/{pid}/smaps_rollup") as f:
            for line in f:
                parts = line.split()
                if len(parts) == 3 and parts[2] == "kB":
                    values[parts[0].rstrip(":")] = int(parts[1])
    except OSError:
        pass
    return values

def mem(root, label):
    rows = []
    for pid in tree(root):
        s, r = stat(pid), rollup(pid)
        if s and r:
            uss = r.get("Private_Clean", 0) + r.get("Private_Dirty", 0)
            rows.append((s[0], pid, r.get("Pss", 0), r.get("Rss", 0), uss))
    pss, rss, uss = (sum(r[i] for r in rows) for i in (2, 3, 4))
    ours = set(tree(root))
    others = [pid for pid in os.listdir("/proc") if pid.isdigit() and int(pid) not in ours
              and (stat(pid) or ("",))[0].startswith("WebKit")]
    print(f"{label}: PSS {pss / 1024:.1f} MiB, RSS {rss / 1024:.1f} MiB, USS {uss / 1024:.1f} MiB,"
          f" {len(rows)} processes")
    for comm, pid, p, r, u in sorted(rows, key=lambda r: -r[2]):
        print(f"    {comm:<22} pid {pid:<8} PSS {p / 1024:7.1f} MiB  RSS {r / 1024:7.1f} MiB"
              f"  USS {u / 1024:7.1f} MiB")
    if others:
        # Shared libraries' pages are split among every process mapping them.
        print(f"    warning: {len(others)} other WebKit processes run on this machine: PSS and USS"
              " are lower than alone (compare RSS)")
    return pss, rss, uss

def switches(pid, tid):
    total = 0
    try:
        with open(f"/proc/{pid}/task/{tid}/status") as f:
            for line in f:
                if line.startswith(("voluntary_ctxt_switches", "nonvoluntary_ctxt_switches")):
                    total += int(line.split()[1])
    except OSError:
        return None
    return total

def comm_of(pid, tid):
    try:
        with open(f"/proc/{pid}/task/{tid}/comm") as f:
            return f.read().strip()
    except OSError:
        return "?"

def snap(root):
    processes = {}
    for pid in tree(root):
        s = stat(pid)
        if not s:
            continue
        threads = {}
        try:
            tids = os.listdir(f"/proc/{pid}/task")
        except OSError:
            continue
        for tid in tids:
            count = switches(pid, tid)
            if count is not None:
                threads[tid] = {"comm": comm_of(pid, tid), "switches": count}
        key = f"{pid}:{s[4]}"  # pid and start time: a reused pid is another process
        processes[key] = {"comm": s[0], "cpu": s[2] + s[3], "threads": threads}
    return {"time": time.monotonic(), "processes": processes}

def diff(before, after):
    seconds = after["time"] - before["time"]
    minutes = seconds / 60
    wakeups, cpu, per_thread = 0, 0, []
    new_threads = gone_threads = 0
    for key, process in after["processes"].items():
        old = before["processes"].get(key, {"cpu": 0, "threads": {}})
        cpu += process["cpu"] - old["cpu"]
        for tid, thread in process["threads"].items():
            start = old["threads"].get(tid)
            if start is None:
                new_threads += 1
            delta = thread["switches"] - (start["switches"] if start else 0)
            wakeups += delta
            per_thread.append((delta, process["comm"], thread["comm"], tid))
        gone_threads += len(set(old["threads"]) - set(process["threads"]))
    gone_processes = [p["comm"] for k, p in before["processes"].items() if k not in after["processes"]]
    new_processes = [p["comm"] for k, p in after["processes"].items() if k not in before["processes"]]
    cpu_seconds = cpu / TICK
    print(f"over {seconds:.0f} s ({minutes:.2f} min) in the tray, {len(after['processes'])} processes,"
          f" {sum(len(p['threads']) for p in after['processes'].values())} threads:")
    print(f"  wake-ups (context switches, whole tree): {wakeups} = {wakeups / minutes:.1f} per minute")
    print(f"  CPU (utime + stime, whole tree): {cpu_seconds:.2f} s = {100 * cpu_seconds / seconds:.3f} % of one core"
          f" (clock tick {1000 / TICK:.0f} ms)")
    if new_threads or gone_threads or new_processes or gone_processes:
        print(f"  during the period: {new_threads} threads started, {gone_threads} ended;"
              f" processes started {new_processes or 'none'}, ended {gone_processes or 'none'}"
              " (switches of ended threads are not counted)")
    print("  busiest threads (switches per minute):")
    for delta, pcomm, tcomm, tid in sorted(per_thread, reverse=True)[:8]:
        if delta:
            print(f"    {delta / minutes:8.1f}  {pcomm} / {tcomm} (tid {tid})")

command = sys.argv[1]
if command == "tree":
    print("\n".join(map(str, tree(sys.argv[2]))))
elif command == "count":
    print(sum(1 for pid in tree(sys.argv[2]) if (stat(pid) or ("",))[0] == sys.argv[3]))
elif command == "mem":
    pss, rss, uss = mem(sys.argv[2], sys.argv[3])
    with open(sys.argv[4], "a") as f:
        f.write(f"{sys.argv[3]}\t{pss}\t{rss}\t{uss}\n")
elif command == "snap":
    with open(sys.argv[3], "w") as f:
        json.dump(snap(sys.argv[2]), f)
elif command == "diff":
    with open(sys.argv[2]) as b, open(sys.argv[3]) as a:
        diff(json.load(b), json.load(a))
PY
proctree() { python3 "$tmp/proctree.py" "$@"; }

# Stops the app, then whatever of its tree outlived it (WebKit's helpers normally end with it).
stop_app() {
  [ -n "$app_pid" ] || return 0
  local tree pid
  tree=$(proctree tree "$app_pid" 2>/dev/null | tail -n +2 || true)
  stop "$app_pid" coffeechat
  for pid in $tree; do
    if kill -0 "$pid" 2>/dev/null; then
      kill -TERM "$pid" 2>/dev/null || true
      sleep 1
      kill -KILL "$pid" 2>/dev/null || true
    fi
  done
  app_pid=""
}

cleanup() {
  local status=$?
  trap - EXIT
  stop_app
  stop "$watcher_pid" status-notifier-watcher
  stop "$xvfb_pid" Xvfb
  if [ "$status" -ne 0 ] && [ -d "$tmp/logs" ]; then
    echo "logs of the failed run:" >&2
    tail -n 20 "$tmp"/logs/*.log >&2 || true
  fi
  rm -rf "$tmp"
  exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

mkdir -p "$tmp/logs"
# shellcheck source=../scripts/lib/xvfb.sh
. "$root/scripts/lib/xvfb.sh"
start_xvfb "$tmp" "$tmp/logs/xvfb.log" || exit 1

status-notifier-watcher >"$tmp/logs/watcher.log" 2>&1 &
watcher_pid=$!
gdbus wait --session --timeout 10 org.kde.StatusNotifierWatcher

export XDG_DATA_HOME="$tmp/data" XDG_CONFIG_HOME="$tmp/config" XDG_CACHE_HOME="$tmp/cache"
export XDG_RUNTIME_DIR="$tmp/runtime" HOME="$tmp/home"
mkdir -p "$XDG_DATA_HOME" "$XDG_CONFIG_HOME" "$XDG_CACHE_HOME" "$XDG_RUNTIME_DIR" "$HOME"
chmod 700 "$XDG_RUNTIME_DIR"
database="$XDG_DATA_HOME/org.coffeechat.desktop/coffeechat.sqlite3"
figures="$tmp/figures.tsv"

# launch LOGNAME [ENV=VALUE…]: starts the app and waits for its window; sets app_pid, window.
launch() {
  local log=$1
  shift
  env "$@" "$binary" >>"$tmp/logs/$log.log" 2>&1 &
  app_pid=$!
  window=$(timeout 60 xdotool search --sync --onlyvisible --name '^Coffee Chat$' 2>/dev/null | head -n1 || true)
  [ -n "$window" ] || { echo "error: the window did not appear within 60 s" >&2; exit 1; }
  kill -0 "$app_pid" 2>/dev/null || { echo "error: the app exited" >&2; exit 1; }
}

# close_window: closes the window as a window manager's close button does, waits until it is gone.
close_window() {
  python3 tests/e2e/xclose.py "$window"
  for _ in $(seq 100); do
    xdotool search --onlyvisible --name '^Coffee Chat$' >/dev/null 2>&1 || break
    sleep 0.1
  done
  if xdotool search --onlyvisible --name '^Coffee Chat$' >/dev/null 2>&1; then
    echo "error: the window is still visible 10 s after closing it" >&2
    exit 1
  fi
}

# idle_period WHAT LABEL: wake-ups and CPU of app_pid's tree over MINUTES, then its memory.
idle_period() {
  proctree snap "$app_pid" "$tmp/before.json"
  sleep $((minutes * 60))
  proctree snap "$app_pid" "$tmp/after.json"
  kill -0 "$app_pid" 2>/dev/null || { echo "error: $1 exited during the period" >&2; exit 1; }
  proctree diff "$tmp/before.json" "$tmp/after.json"
  proctree mem "$app_pid" "$2" "$figures"
}

tray_items() {
  gdbus call --session -d org.kde.StatusNotifierWatcher -o /StatusNotifierWatcher \
    -m org.freedesktop.DBus.Properties.Get org.kde.StatusNotifierWatcher \
    RegisteredStatusNotifierItems 2>/dev/null || echo "(none)"
}

echo "binary: $binary"
echo "display $DISPLAY, data in $tmp, $(nproc) cores, $(uname -r)"

# --- Seed the database -----------------------------------------------------------------------
echo
echo "==> Creating and seeding the database"
launch seed
for _ in $(seq 100); do [ -s "$database" ] && break; sleep 0.1; done
[ -s "$database" ] || { echo "error: the app did not create $database" >&2; exit 1; }
sleep 2
stop_app
python3 - "$database" <<'PY'
import random, sqlite3, sys
from datetime import datetime, timedelta, timezone

random.seed(7)
fmt = lambda t: t.strftime("%Y-%m-%d %H:%M:%S+00:00")
now = datetime.now(timezone.utc).replace(microsecond=0)
db = sqlite3.connect(sys.argv[1])
with db:
    people = []
    for n in range(300):
        created = fmt(now - timedelta(days=random.randint(30, 400)))
        cursor = db.execute(
            "INSERT INTO people (name, title, how_met, created_at, updated_at) VALUES (?, ?, ?, ?, ?)",
            (f"Seeded Person {n:03}", "Engineer", "Bench seed", created, created))
        people.append(cursor.lastrowid)
    kinds = ["keep_in_touch", "keep_in_touch", "keep_in_touch", "tip", "thank_you", "no_response_3",
             "no_response_7", "follow_up_note"]
    rows = []
    for _ in range(3000):  # open, due over the next 120 days
        due = now + timedelta(seconds=random.randint(3600, 120 * 86400))
        rows.append((random.choice(kinds), random.choice(people), fmt(due), None, None, fmt(now)))
    for _ in range(2000):  # done, in the past
        due = now - timedelta(seconds=random.randint(86400, 365 * 86400))
        rows.append((random.choice(kinds), random.choice(people), fmt(due), fmt(due + timedelta(hours=3)),
                     fmt(due), fmt(due - timedelta(days=14))))
    for _ in range(6):  # due and already shown: on Today and in the tray menu
        due = now - timedelta(seconds=random.randint(3600, 3 * 86400))
        rows.append(("keep_in_touch", random.choice(people), fmt(due), None, fmt(due), fmt(due)))
    db.executemany(
        "INSERT INTO reminders (kind, person_id, due_at, done_at, notified_at, created_at)"
        " VALUES (?, ?, ?, ?, ?, ?)", rows)
counts = db.execute(
    "SELECT count(*), sum(done_at IS NULL), sum(done_at IS NULL AND notified_at IS NULL) FROM reminders"
).fetchone()
print(f"{db.execute('SELECT count(*) FROM people').fetchone()[0]} people, {counts[0]} reminders,"
      f" {counts[1]} open, {counts[2]} still to notify")
db.close()
PY

# --- The window open, then closed: the resident part alone in the tray --------------------------
# On Linux the window (this binary) starts the resident part (coffeechat-resident, beside it)
# once it has painted, and ends when its window is closed; the tray is the resident part's.
resident="$(dirname "$binary")/coffeechat-resident"
[ -x "$resident" ] || {
  echo "error: no $resident: build it too (cargo build --release --locked -p coffeechat-resident)" >&2
  exit 2
}

# resident_running: the pid of the resident part on this script's session bus, if one runs.
resident_running() {
  local pid
  for pid in $(pgrep -f "^$resident( |\$)" || true); do
    tr '\0' '\n' <"/proc/$pid/environ" 2>/dev/null \
      | grep -qxF "DBUS_SESSION_BUS_ADDRESS=$DBUS_SESSION_BUS_ADDRESS" && { echo "$pid"; return 0; }
  done
  return 0
}

echo
echo "==> The window open (the window program and the resident part it started)"
launch window
for _ in $(seq 100); do [ -n "$(resident_running)" ] && break; sleep 0.1; done
[ -n "$(resident_running)" ] || { echo "error: the window did not start the resident part" >&2; exit 1; }
echo "tray item: $(tray_items)"
sleep "$settle"
proctree mem "$app_pid" "window open (window + resident part)" "$figures"
close_window
for _ in $(seq 100); do kill -0 "$app_pid" 2>/dev/null || break; sleep 0.1; done
kill -0 "$app_pid" 2>/dev/null && { echo "error: the window program outlived its window by 10 s" >&2; exit 1; }
app_pid=$(resident_running)
[ -n "$app_pid" ] || { echo "error: the resident part ended with the window" >&2; exit 1; }
sleep "$settle"
echo "tray items: $(tray_items)"
proctree mem "$app_pid" "in the tray (resident part), window closed" "$figures"

echo
echo "==> In the tray for $minutes minute(s)"
idle_period "the resident part" "in the tray after $minutes min (resident part)"
stop_app

# --- Started at login: the resident part alone, no window ever --------------------------------
echo
echo "==> Started at login: $(basename "$resident") alone"
"$resident" >>"$tmp/logs/resident.log" 2>&1 &
app_pid=$!
sleep "$settle"
kill -0 "$app_pid" 2>/dev/null || { echo "error: the resident part exited" >&2; exit 1; }
proctree mem "$app_pid" "started at login (resident part)" "$figures"
stop_app

echo
echo "==> Summary (whole process tree; MiB)"
awk -F'\t' '{ printf "  %-50s PSS %7.1f   RSS %7.1f   USS %7.1f\n", $1, $2 / 1024, $3 / 1024, $4 / 1024 }' "$figures"

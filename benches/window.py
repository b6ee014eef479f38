"""The measuring half of benches/window.sh: launches Coffee Chat and the hello-world Tauri app
alternately, each on fresh XDG folders, and prints launch → window, launch → first paint and the
whole process tree's memory with the window open, as medians and ratios. Run it through
benches/window.sh, which provides the display, the session bus and the built programs.

First paint: the moment the 220×50 area where both pages put their heading (Today's in the app)
stops being one flat colour, read straight from the X server with XGetImage every few
milliseconds. Memory: RSS and PSS summed from /proc/PID/smaps_rollup over the program and every
descendant (WebKitWebProcess, WebKitNetworkProcess), SETTLE seconds after the first paint.

Stalled launches: WebKitGTK without GPU compositing (Coffee Chat and the hello-world both turn
the DMA-BUF renderer off), asked by GTK to paint a web view that has not drawn yet, blocks the
program's main thread up to 500 ms waiting for the page (DrawingAreaProxyCoordinatedGraphics::
forceUpdateIfNeeded). When the page is itself waiting for the main thread then, the whole 500 ms
goes by: a launch that paints about 500 ms late, at random. A first paint more than STALL_MS
after the window was mapped is counted as such a stall (unstalled launches paint 50–300 ms after
it); the summary gives the medians of all launches and of the unstalled ones, and how many.
"""

import ctypes
import ctypes.util
import os
import shutil
import signal
import statistics
import subprocess
import sys
import time

# --- The screen -------------------------------------------------------------------------------


class XImage(ctypes.Structure):
    # The leading fields of Xlib's XImage, enough to read a ZPixmap's pixels.
    _fields_ = [
        ("width", ctypes.c_int),
        ("height", ctypes.c_int),
        ("xoffset", ctypes.c_int),
        ("format", ctypes.c_int),
        ("data", ctypes.c_void_p),
        ("byte_order", ctypes.c_int),
        ("bitmap_unit", ctypes.c_int),
        ("bitmap_bit_order", ctypes.c_int),
        ("bitmap_pad", ctypes.c_int),
        ("depth", ctypes.c_int),
        ("bytes_per_line", ctypes.c_int),
        ("bits_per_pixel", ctypes.c_int),
    ]


xlib = ctypes.CDLL(ctypes.util.find_library("X11"))
xlib.XOpenDisplay.restype = ctypes.c_void_p
xlib.XOpenDisplay.argtypes = [ctypes.c_char_p]
xlib.XDefaultRootWindow.restype = ctypes.c_ulong
xlib.XDefaultRootWindow.argtypes = [ctypes.c_void_p]
xlib.XGetImage.restype = ctypes.POINTER(XImage)
xlib.XGetImage.argtypes = [ctypes.c_void_p, ctypes.c_ulong, ctypes.c_int, ctypes.c_int,
                           ctypes.c_uint, ctypes.c_uint, ctypes.c_ulong, ctypes.c_int]
xlib.XDestroyImage.argtypes = [ctypes.POINTER(XImage)]
display = xlib.XOpenDisplay(None)
if not display:
    sys.exit("error: cannot open the X display")
root = xlib.XDefaultRootWindow(display)
Z_PIXMAP, ALL_PLANES = 2, 0xFFFFFFFF

# The sampled area, relative to the window: where startup.sh looks for Today's heading.
# COFFEECHAT_BENCH_AREA="X,Y,WIDTH,HEIGHT" samples another (the sidebar's, say, to tell the
# page's own first paint from Today's).
# COFFEECHAT_BENCH_WAKEUPS=SECONDS also counts the process tree's idle wake-ups with the window
# open, over SECONDS after the memory is read (issue 13); COFFEECHAT_BENCH_THREADS=1 names
# the threads that woke.
WAKEUP_SECONDS = float(os.environ.get("COFFEECHAT_BENCH_WAKEUPS", "0"))
THREADS = os.environ.get("COFFEECHAT_BENCH_THREADS") == "1"
STALL_MS = 450
AREA = tuple(int(n) for n in os.environ.get("COFFEECHAT_BENCH_AREA", "230,20,220,50").split(","))


def deviation(x, y, width, height):
    """The standard deviation of the area's colour channels, 0–1 (ImageMagick's
    %[fx:standard_deviation], which startup.sh uses)."""
    image = xlib.XGetImage(display, root, x, y, width, height, ALL_PLANES, Z_PIXMAP)
    if not image:
        return 0.0
    try:
        contents = image.contents
        data = ctypes.string_at(contents.data, contents.bytes_per_line * height)
    finally:
        xlib.XDestroyImage(image)
    step = contents.bits_per_pixel // 8
    values = [v for channel in range(3) for v in data[channel::step]]
    return statistics.pstdev(values) / 255


def visible_window(pid):
    """The id and position of PID's visible window, or None."""
    found = subprocess.run(["xdotool", "search", "--onlyvisible", "--pid", str(pid)],
                           capture_output=True, text=True).stdout.split()
    for window in found:
        shell = subprocess.run(["xdotool", "getwindowgeometry", "--shell", window],
                               capture_output=True, text=True).stdout
        geometry = dict(line.split("=", 1) for line in shell.split())
        # GTK's own small helper windows are not the main window.
        if int(geometry.get("WIDTH", 0)) >= 700:
            return int(geometry["X"]), int(geometry["Y"])
    return None

# --- The process tree -------------------------------------------------------------------------


def parents():
    table = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open(f"/proc/{entry}/stat") as f:
                    text = f.read()
            except OSError:
                continue
            table[int(entry)] = int(text[text.rindex(")") + 2:].split()[1])
    return table


def tree(top):
    children = {}
    for pid, parent in parents().items():
        children.setdefault(parent, []).append(pid)
    found, todo = [], [top]
    while todo:
        pid = todo.pop()
        found.append(pid)
        todo.extend(children.get(pid, []))
    return found


def memory(top):
    """(RSS, PSS) in KiB summed over TOP and its descendants, and how many processes."""
    rss = pss = count = 0
    for pid in tree(top):
        try:
            with open(f"/proc/{pid}/smaps_rollup") as f:
                values = {p[0].rstrip(":"): int(p[1]) for p in map(str.split, f) if len(p) == 3}
        except OSError:
            continue
        rss += values.get("Rss", 0)
        pss += values.get("Pss", 0)
        count += 1
    return rss, pss, count


def switches(top):
    """Context switches (voluntary + involuntary: each is a wake-up) of every thread of TOP and
    its descendants, by (pid, tid)."""
    counts = {}
    for pid in tree(top):
        try:
            threads = os.listdir(f"/proc/{pid}/task")
        except OSError:
            continue
        for tid in threads:
            try:
                with open(f"/proc/{pid}/task/{tid}/status") as f:
                    for line in f:
                        if line.startswith(("voluntary_ctxt_switches", "nonvoluntary_ctxt_switches")):
                            counts[(pid, tid)] = counts.get((pid, tid), 0) + int(line.split()[1])
            except OSError:
                continue
    return counts


def thread_name(pid, tid):
    """"program/thread" as /proc names them (15 characters each)."""
    names = []
    for path in (f"/proc/{pid}/comm", f"/proc/{pid}/task/{tid}/comm"):
        try:
            with open(path) as f:
                names.append(f.read().strip())
        except OSError:
            names.append("?")
    return "/".join(names)


def wakeups_per_minute(top, seconds):
    """The process tree's wake-ups per minute over SECONDS, the window open and left alone. A
    thread that ends meanwhile takes its count with it, so this is a lower bound, alike for both
    programs. COFFEECHAT_BENCH_THREADS=1 also prints which threads woke, busiest first."""
    before = switches(top)
    time.sleep(seconds)
    after = switches(top)
    woke = {key: count - before.get(key, 0) for key, count in after.items()}
    if THREADS:
        by_name = {}
        for (pid, tid), count in woke.items():
            if count:
                name = thread_name(pid, tid)
                by_name[name] = by_name.get(name, 0) + count
        busiest = sorted(by_name.items(), key=lambda item: -item[1])[:10]
        print("    " + ", ".join(f"{name} {count * 60 / seconds:.1f}" for name, count in busiest))
    return sum(woke.values()) * 60 / seconds


def alive(pid):
    """Whether PID runs (a zombie waiting for its parent does not)."""
    try:
        with open(f"/proc/{pid}/stat") as f:
            text = f.read()
    except OSError:
        return False
    return text[text.rindex(")") + 2] != "Z"


def stop(process):
    """SIGTERM to the program and its tree (the app's resident part lives on after the window
    by design), then waits until the whole tree is gone (SIGKILL after 15 s), so the next
    launch runs alone."""
    pids = tree(process.pid)
    process.send_signal(signal.SIGTERM)
    for pid in pids[1:]:
        try:
            os.kill(pid, signal.SIGTERM)
        except ProcessLookupError:
            pass
    deadline = time.monotonic() + 15
    while time.monotonic() < deadline:
        process.poll()
        if not any(alive(pid) for pid in pids):
            break
        time.sleep(0.05)
    for pid in pids:
        if alive(pid):
            os.kill(pid, signal.SIGKILL)
    process.wait()


# --- One launch -------------------------------------------------------------------------------


def stalled(result):
    """Whether a launch's first paint came so late after its window that WebKit waited out its
    500 ms for the page (see the top of this file)."""
    window_ms, paint_ms = result[0], result[1]
    return paint_ms - window_ms > STALL_MS


def launch(name, binary, work, run, database, settle):
    """Starts BINARY on fresh XDG folders (with DATABASE as its data file, if any) and returns
    (window ms, paint ms, RSS KiB, PSS KiB, processes, wake-ups per minute or 0)."""
    home = os.path.join(work, f"{run}-{name}")
    env = dict(os.environ)
    for variable, folder in [("XDG_DATA_HOME", "data"), ("XDG_CONFIG_HOME", "config"),
                             ("XDG_CACHE_HOME", "cache"), ("XDG_RUNTIME_DIR", "runtime"),
                             ("HOME", "home")]:
        env[variable] = os.path.join(home, folder)
        os.makedirs(env[variable], mode=0o700)
    if database:
        folder = os.path.join(env["XDG_DATA_HOME"], "org.coffeechat.desktop")
        os.makedirs(folder)
        shutil.copyfile(database, os.path.join(folder, "coffeechat.sqlite3"))
    log = open(os.path.join(home, "log"), "w")
    start = time.monotonic()
    process = subprocess.Popen([binary], env=env, stdout=log, stderr=subprocess.STDOUT)
    window_ms = paint_ms = None
    try:
        place = None
        while place is None:
            if process.poll() is not None:
                sys.exit(f"error: {name} exited with {process.returncode}; see {log.name}")
            if time.monotonic() - start > 60:
                sys.exit(f"error: no window from {name} within 60 s")
            place = visible_window(process.pid)
            if place is None:
                time.sleep(0.005)
        window_ms = (time.monotonic() - start) * 1000
        x, y = place[0] + AREA[0], place[1] + AREA[1]
        while deviation(x, y, AREA[2], AREA[3]) <= 0.02:
            if time.monotonic() - start > 60:
                sys.exit(f"error: {name} painted nothing in the sampled area within 60 s")
            time.sleep(0.003)
        paint_ms = (time.monotonic() - start) * 1000
        time.sleep(settle)
        rss, pss, count = memory(process.pid)
        wakeups = wakeups_per_minute(process.pid, WAKEUP_SECONDS) if WAKEUP_SECONDS else 0
    finally:
        stop(process)
        log.close()
    return window_ms, paint_ms, rss, pss, count, wakeups

# --- The whole bench --------------------------------------------------------------------------


def main():
    app, hello, work, runs, settle = sys.argv[1:6]
    runs, settle = int(runs), float(settle)
    scenarios = sys.argv[6:]  # label, data file, label, data file, …
    others = subprocess.run(["pgrep", "-c", "WebKitWebProces"], capture_output=True, text=True)
    if others.stdout.strip() not in ("", "0"):
        print(f"warning: {others.stdout.strip()} other WebKit web processes run on this machine:"
              " PSS is lower than alone (compare RSS), and the timings are noisier")
    summary = []
    for label, database in zip(scenarios[::2], scenarios[1::2]):
        print(f"\n==> {label}: {runs} alternated runs, memory {settle:g} s after the first paint")
        figures = {"app": [], "hello": []}
        for run in range(1, runs + 1):
            # Alternate which goes first, so neither always finds the caches warmer.
            order = [("hello", hello, None), ("app", app, database)]
            if run % 2 == 0:
                order.reverse()
            for name, binary, data in order:
                result = launch(name, binary, work, f"{label}-{run}", data, settle)
                figures[name].append(result)
                window_ms, paint_ms, rss, pss, count, wakeups = result
                print(f"  run {run} {name:<5}  window {window_ms:6.0f} ms  first paint"
                      f" {paint_ms:6.0f} ms  RSS {rss / 1024:6.1f} MiB  PSS {pss / 1024:6.1f} MiB"
                      f"  ({count} processes)"
                      + (f"  {wakeups:5.1f} wake-ups/min" if WAKEUP_SECONDS else "")
                      + ("  stalled" if stalled(result) else ""), flush=True)
        medians = {name: [statistics.median(column) for column in zip(*rows)]
                   for name, rows in figures.items()}
        unstalled = {name: [row[1] for row in rows if not stalled(row)]
                     for name, rows in figures.items()}
        summary.append((label, medians, unstalled))
    print(f"\n==> Medians of {runs} alternated runs (app / hello-world = ratio)")
    print(f"  {'data file':<28} {'':>8} {'window ms':>10} {'paint ms':>10} {'RSS MiB':>9}"
          f" {'PSS MiB':>9}" + (f" {'wake-ups/min':>13}" if WAKEUP_SECONDS else ""))
    for label, medians, unstalled in summary:
        a, h = medians["app"], medians["hello"]
        wake = WAKEUP_SECONDS > 0
        print(f"  {label:<28} {'app':>8} {a[0]:10.0f} {a[1]:10.0f} {a[2] / 1024:9.1f}"
              f" {a[3] / 1024:9.1f}" + (f" {a[5]:13.1f}" if wake else ""))
        print(f"  {'':<28} {'hello':>8} {h[0]:10.0f} {h[1]:10.0f} {h[2] / 1024:9.1f}"
              f" {h[3] / 1024:9.1f}" + (f" {h[5]:13.1f}" if wake else ""))
        print(f"  {'':<28} {'ratio':>8} {a[0] / h[0]:10.2f} {a[1] / h[1]:10.2f}"
              f" {a[2] / h[2]:9.2f} {a[3] / h[3]:9.2f}"
              + (f" {a[5] - h[5]:+13.1f}" if wake else ""))
        kept = {name: len(paints) for name, paints in unstalled.items()}
        if all(kept.values()):
            app_paint, hello_paint = (statistics.median(unstalled[n]) for n in ("app", "hello"))
            print(f"  {'':<28} {'unstalled':>9} paint {app_paint:.0f} / {hello_paint:.0f} ms"
                  f" = {app_paint / hello_paint:.2f}  (app {kept['app']} of {runs},"
                  f" hello-world {kept['hello']} of {runs} launches without the 500 ms stall)")
        else:
            print(f"  {'':<28} {'unstalled':>9} too few launches without the 500 ms stall"
                  f" (app {kept['app']}, hello-world {kept['hello']} of {runs})")
    print("  goals (issue 12): first paint ratio <= 1.3, RSS ratio <= 1.2")
    if WAKEUP_SECONDS:
        print("  wake-ups: the ratio row is app - hello-world; goal (issue 13): at most +2 a minute")


main()

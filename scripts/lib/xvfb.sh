# Sourced by the test scripts and benchmarks. start_xvfb FOLDER LOG: starts Xvfb (1280×800×24)
# on a display it picks itself, waits until it accepts connections (it writes the display number
# to fd 3 then), and exports DISPLAY. Sets xvfb_pid, for the caller's clean-up. Returns 1, saying
# why, if Xvfb does not come up within 10 s.
start_xvfb() {
  local folder=$1 log=$2
  Xvfb -displayfd 3 -screen 0 1280x800x24 -nolisten tcp 3>"$folder/display" >"$log" 2>&1 &
  xvfb_pid=$!
  for _ in $(seq 100); do
    [ -s "$folder/display" ] && break
    if ! kill -0 "$xvfb_pid" 2>/dev/null; then
      echo "error: Xvfb did not start, see $log" >&2
      return 1
    fi
    sleep 0.1
  done
  if [ ! -s "$folder/display" ]; then
    echo "error: Xvfb did not report a display in 10 s, see $log" >&2
    return 1
  fi
  export DISPLAY=":$(head -n1 "$folder/display")"
}

# lib.sh -- the harness shared by the shell test scripts of `dyad`
# (run_badinput.sh, run_inputs.sh, run_input_files.sh, run_html.sh,
# run_store.sh, run_store_pg.sh, run_shards.sh, run_recode.sh).  Sourced, never run:
#
#   . "$(dirname "$0")/lib.sh"
#   harness_dyad run_foo "$@"        # DYAD: the one argument, made absolute
#   harness_tmp foo                  # T: a temporary directory, cd'd into
#   harness_timeout                  # TIMEOUT: 60 s a run (180 s under ASan)
#   run code x.txt
#   expect "x.txt is coded" 0 '[ "$(lines)" -ge 1 ]' 'has_err "..."'
#   summary foo                      # "# foo: N passed, M failed"; the status
#
# Each check prints "ok - NAME" or "not ok - NAME" and, when it fails, lines
# "#   WHY" below it.  What a failed expect shows of the run is set by the
# script (before or after sourcing):
#   CONTEXT_ERR_LINES  lines of stderr shown (default 5)
#   CONTEXT_ERR_SKIP   a fixed string: stderr lines holding it are not shown
#   CONTEXT_OUT_BYTES  bytes of stdout shown after its line count (default 0)
# $DYAD_WRAP, when set, runs before dyad in every run (make leakcheck:
# valgrind with --error-exitcode=$DYAD_WRAP_RC, default 99): an exit with
# that code fails the check with valgrind's report.

pass=0
fail=0

# harness_dyad NAME ARGS...: the script's arguments must be exactly one,
# an executable (the dyad command); sets DYAD to its absolute path, else
# prints the usage or the fault and exits 2.
harness_dyad() {
  h_name=$1
  shift
  if [ $# -ne 1 ]; then
    echo "usage: $0 DYAD" >&2
    exit 2
  fi
  DYAD=$1
  case $DYAD in /*) ;; *) DYAD=$(pwd)/$DYAD ;; esac
  if [ ! -x "$DYAD" ]; then
    echo "$h_name: $DYAD is not an executable" >&2
    exit 2
  fi
}

# harness_tmp NAME: makes the temporary directory T
# ($TMPDIR/dyad-NAME.XXXXXX), removed on exit (an interrupt exits 130), and
# changes into it.
harness_tmp() {
  T=$(mktemp -d "${TMPDIR:-/tmp}/dyad-$1.XXXXXX")
  trap 'rm -rf "$T"' EXIT
  trap 'exit 130' INT TERM
  cd "$T"
}

# harness_timeout [SECONDS [ASAN_SECONDS]]: LIMIT, the seconds any one run
# may take before it counts as a hang (default 60; ASAN_SECONDS, default
# 180, when DYAD is a sanitizer build: its path holds "asan"; ten times
# SECONDS under $DYAD_WRAP, valgrind), and TIMEOUT, the command prefix that
# enforces it (empty without timeout(1)).
harness_timeout() {
  LIMIT=${1:-60}
  case $DYAD in *asan*) LIMIT=${2:-180} ;; esac
  [ -z "${DYAD_WRAP:-}" ] || LIMIT=$((${1:-60} * 10))
  if command -v timeout > /dev/null 2>&1; then
    TIMEOUT="timeout $LIMIT"
  else
    TIMEOUT=
  fi
}

# ok NAME: a passed check.
ok() {
  pass=$((pass + 1))
  echo "ok - $1"
}

# notok NAME [WHY...]: a failed check, each WHY on its own "#   " line.
notok() {
  fail=$((fail + 1))
  echo "not ok - $1"
  shift
  for why in "$@"; do
    echo "#   $why"
  done
}

# summary NAME: prints the counts; returns 1 when any check failed (the
# script's last command, so its exit status).
summary() {
  echo "# $1: $pass passed, $fail failed"
  [ "$fail" -eq 0 ]
}

# run ARGS...: runs dyad with stdout in out, stderr in err, exit code in rc.
# $DYAD_WRAP, when set, is a command put before dyad (make leakcheck:
# valgrind and its options).
run() {
  rc=0
  $TIMEOUT ${DYAD_WRAP:-} "$DYAD" "$@" > out 2> err || rc=$?
}

# run_stdin FILE ARGS...: the same with FILE piped to standard input.
run_stdin() {
  h_file=$1
  shift
  rc=0
  cat "$h_file" | $TIMEOUT ${DYAD_WRAP:-} "$DYAD" "$@" > out 2> err || rc=$?
}

# Helpers over the last run.  Each prints nothing and returns 0 or 1 (but
# lines, which prints the number of lines of stdout).
lines() { wc -l < out | tr -d ' '; }
has_err() { grep -F -q -- "$1" err; }
no_err() { ! grep -F -q -- "$1" err; }
has_out() { grep -F -q -- "$1" out; }
no_text() { ! grep -F -q -- "$1" out; }
# doc_has ID: at least one event of document ID in out; no_doc ID: none.
doc_has() { grep -F -q -- "\"doc_id\":\"$1\"" out; }
no_doc() { ! grep -F -q -- "\"doc_id\":\"$1\"" out; }
# valid_out: stdout is valid UTF-8 and every line is one JSON object.
valid_out() {
  iconv -f UTF-8 -t UTF-8 out > /dev/null 2>&1 || return 1
  ! grep -v -q '^{.*}$' out
}

# expect NAME RC CONDITION...: the check passes when the exit code is RC and
# every CONDITION (a shell command, eval'd) succeeds.  A failure names the
# exit code (124 and above: crashed, killed or timed out) and each failed
# condition, then shows the run's stdout line count and stderr (see
# CONTEXT_* above).
expect() {
  name=$1
  want=$2
  shift 2
  why=
  if [ -n "${DYAD_WRAP:-}" ] && [ "$rc" -eq "${DYAD_WRAP_RC:-99}" ]; then
    why="${DYAD_WRAP%% *} found errors or leaks (exit $rc)"
  elif [ "$rc" -ge 124 ]; then
    why="dyad crashed, was killed or timed out (exit $rc)"
  elif [ "$rc" -ne "$want" ]; then
    why="exit code $rc, want $want"
  fi
  for cond in "$@"; do
    if ! eval "$cond"; then
      why="${why:+$why; }failed: $cond"
    fi
  done
  if [ -z "$why" ]; then
    ok "$name"
  else
    h_out="stdout: $(lines) lines"
    if [ "${CONTEXT_OUT_BYTES:-0}" -gt 0 ]; then
      h_out="$h_out: $(head -c "$CONTEXT_OUT_BYTES" out | tr '\n' '|')"
    fi
    if [ -n "${CONTEXT_ERR_SKIP:-}" ]; then
      h_err=$(grep -v -F -- "$CONTEXT_ERR_SKIP" err | head -n "${CONTEXT_ERR_LINES:-5}" | tr '\n' '|')
    else
      h_err=$(head -n "${CONTEXT_ERR_LINES:-5}" err | tr '\n' '|')
    fi
    notok "$name" "$why" "$h_out" "stderr: $h_err"
    # valgrind's report (its lines start with ==PID==).
    if [ -n "${DYAD_WRAP:-}" ]; then
      grep '^==[0-9]*==' err | head -n 60 | sed 's/^/#   /' || true
    fi
  fi
}

#!/usr/bin/env bash
# make suite: applies the shipped benchmarks (load-profiles/*.yaml, each a PipelineBenchmark) to the
# namespace bench, waits until every one is Completed (or Failed/Invalid), and prints their
# results and verdicts. Exit 1 when any missed its targets, regressed or failed.
# SUITE="baseline latency-25k" picks profiles; TIMEOUT (seconds, default 3600) bounds the wait.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
ns=bench
timeout="${TIMEOUT:-3600}"
profiles=()
if [[ -n "${SUITE:-}" ]]; then
  for p in $SUITE; do profiles+=("$here/load-profiles/$p.yaml"); done
else
  profiles=("$here"/load-profiles/*.yaml)
fi
names=()
for f in "${profiles[@]}"; do
  [[ -f "$f" ]] || { echo "suite: no profile $f" >&2; exit 2; }
  kubectl -n "$ns" apply -f "$f" >/dev/null
  names+=("$(kubectl -n "$ns" get -f "$f" -o jsonpath='{.metadata.name}')")
done
echo "suite: ${#names[@]} benchmarks applied: ${names[*]}"
deadline=$(( $(date +%s) + timeout ))
while :; do
  pending=0
  line=""
  for n in "${names[@]}"; do
    phase="$(kubectl -n "$ns" get pbench "$n" -o jsonpath='{.status.phase}' 2>/dev/null || true)"
    line+="$n=${phase:-Pending} "
    case "$phase" in Completed|Failed|Invalid) ;; *) pending=$((pending + 1)) ;; esac
  done
  printf '\rsuite: %s' "$line"
  [[ $pending -eq 0 ]] && break
  if [[ $(date +%s) -ge $deadline ]]; then echo; echo "suite: $pending benchmark(s) not finished after ${timeout}s" >&2; exit 3; fi
  sleep 10
done
echo
kubectl -n "$ns" get pbench "${names[@]}"
failed=0
for n in "${names[@]}"; do
  echo "--- $n"
  kubectl -n "$ns" get pbench "$n" -o jsonpath='{.status.phase}{"  run "}{.status.results.runId}{": "}{.status.results.achievedEventsPerSecond}{" events/s, p99 "}{.status.results.p99Ms}{" ms, lost "}{.status.results.lost}{", targets met "}{.status.results.targetsMet}{", verdict "}{.status.results.verdict}{" "}{.status.results.regressions}{"\n"}'
  verdict="$(kubectl -n "$ns" get pbench "$n" -o jsonpath='{.status.results.verdict}')"
  met="$(kubectl -n "$ns" get pbench "$n" -o jsonpath='{.status.results.targetsMet}')"
  phase="$(kubectl -n "$ns" get pbench "$n" -o jsonpath='{.status.phase}')"
  if [[ "$phase" != Completed || "$verdict" == regression || "$met" == false ]]; then failed=1; fi
done
exit $failed

#!/usr/bin/env bash
# make deploy OVERLAY=dev|perf: applies deploy/k3s/<overlay> (the observatory, Kafka on Strimzi,
# PodMonitors and Grafana provisioning) into the namespace bench and waits until it is up.
set -euo pipefail
overlay="${1:-dev}"
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
case "$overlay" in
  dev|perf) ;;
  *) echo "deploy: OVERLAY must be dev or perf, not '$overlay'" >&2; exit 2 ;;
esac
ns=bench
kubectl version --request-timeout=5s >/dev/null 2>&1 || { echo "deploy: no cluster reachable (KUBECONFIG?): run make k3s-up first" >&2; exit 3; }
kubectl get crd kafkas.kafka.strimzi.io >/dev/null 2>&1 || { echo "deploy: Strimzi's CRDs are missing: run make k3s-up first" >&2; exit 3; }
kubectl get crd podmonitors.monitoring.coreos.com >/dev/null 2>&1 || { echo "deploy: the Prometheus Operator's CRDs are missing: run make k3s-up first" >&2; exit 3; }
if [[ "$overlay" == perf ]]; then
  "$here/scripts/secrets.sh" "$ns"
fi
# the CRD first, so the rest can be validated against it
kubectl apply -f "$here/k3s/base/pipelinebenchmarks.performance.lab-v1.yml"
kubectl apply -k "$here/k3s/$overlay"
if [[ "$overlay" == dev ]]; then
  reader="$(kubectl -n "$ns" get secret observatory-postgres -o jsonpath='{.data.reader-password}' | base64 -d)"
  kubectl -n monitoring create secret generic observatory-grafana-postgres --from-literal=OBSERVATORY_READER_PASSWORD="$reader" \
    --dry-run=client -o yaml | kubectl apply -f - >/dev/null
fi
echo "deploy: waiting for PostgreSQL, Kafka and the observatory"
kubectl -n "$ns" rollout status statefulset/postgres --timeout=300s
kubectl -n "$ns" wait kafka/observatory --for=condition=Ready --timeout=600s
for d in apicurio observatory-operator observatory-api observatory-lag-exporter; do
  kubectl -n "$ns" rollout status "deployment/$d" --timeout=300s
done
echo "deploy: up. The dashboard: kubectl -n $ns port-forward svc/observatory-api 8090:8080, then http://127.0.0.1:8090/"

#!/usr/bin/env bash
# make k3s-up: a one-node k3s for the observatory, on a Linux machine with internet and sudo:
# k3s without traefik (the API is reached by port-forward or your own ingress), Strimzi's cluster
# operator watching the namespace bench, and kube-prometheus-stack (Prometheus Operator, Prometheus,
# Grafana with sidecars that load dashboards and datasources from every namespace) in monitoring.
# Versions: STRIMZI_VERSION (default 1.2.0), KUBE_PROMETHEUS_STACK_VERSION (default 80.6.0).
# Not run on the build machines (no k3s, no container runtime, no internet): see README, "Deploying to k3s".
set -euo pipefail
STRIMZI_VERSION="${STRIMZI_VERSION:-1.2.0}"
KPS_VERSION="${KUBE_PROMETHEUS_STACK_VERSION:-80.6.0}"
NAMESPACE="${NAMESPACE:-bench}"
need() { command -v "$1" >/dev/null || { echo "k3s-up: $1 not found: $2" >&2; exit 2; }; }
need curl "install curl"
need helm "install helm 3 (https://helm.sh/docs/intro/install/)"

if ! command -v k3s >/dev/null; then
  echo "k3s-up: installing k3s (without traefik)"
  curl -sfL https://get.k3s.io | INSTALL_K3S_EXEC="--disable traefik --write-kubeconfig-mode 644" sh -
fi
export KUBECONFIG="${KUBECONFIG:-/etc/rancher/k3s/k3s.yaml}"
kubectl wait --for=condition=Ready node --all --timeout=180s

kubectl get namespace "$NAMESPACE" >/dev/null 2>&1 || kubectl create namespace "$NAMESPACE"
kubectl get namespace monitoring >/dev/null 2>&1 || kubectl create namespace monitoring

echo "k3s-up: Strimzi $STRIMZI_VERSION watching $NAMESPACE"
helm upgrade --install strimzi oci://quay.io/strimzi-helm/strimzi-kafka-operator --version "$STRIMZI_VERSION" \
  --namespace strimzi --create-namespace --set "watchNamespaces={$NAMESPACE}" --wait

echo "k3s-up: kube-prometheus-stack $KPS_VERSION in monitoring"
helm repo add prometheus-community https://prometheus-community.github.io/helm-charts >/dev/null
helm repo update prometheus-community >/dev/null
kubectl -n monitoring get secret observatory-grafana-postgres >/dev/null 2>&1 || \
  kubectl -n monitoring create secret generic observatory-grafana-postgres --from-literal=OBSERVATORY_READER_PASSWORD=unset
helm upgrade --install kube-prometheus-stack prometheus-community/kube-prometheus-stack --version "$KPS_VERSION" \
  --namespace monitoring --wait \
  --set prometheus.prometheusSpec.podMonitorSelectorNilUsesHelmValues=false \
  --set prometheus.prometheusSpec.podMonitorNamespaceSelector.matchLabels.kubernetes\\.io/metadata\\.name="$NAMESPACE" \
  --set grafana.sidecar.dashboards.searchNamespace=ALL \
  --set grafana.sidecar.datasources.searchNamespace=ALL \
  --set grafana.envFromSecret=observatory-grafana-postgres
echo "k3s-up: ready. Next: make images (and import them: docker save IMAGE | sudo k3s ctr images import -), then make deploy OVERLAY=dev"

#!/usr/bin/env bash
# Creates the perf overlay's Secrets once, with random passwords, unless they exist (never rotates:
# PostgreSQL keeps the password it was initialised with). Usage: deploy/scripts/secrets.sh NAMESPACE
# Also copies the Grafana reader's password into the monitoring namespace (observatory-grafana-postgres),
# where kube-prometheus-stack's Grafana reads it as OBSERVATORY_READER_PASSWORD.
set -euo pipefail
ns="${1:?usage: secrets.sh NAMESPACE}"
random() { head -c 32 /dev/urandom | base64 | tr -dc 'A-Za-z0-9' | head -c 24; }

kubectl get namespace "$ns" >/dev/null 2>&1 || kubectl create namespace "$ns"
if ! kubectl -n "$ns" get secret observatory-postgres >/dev/null 2>&1; then
  password="$(random)"
  kubectl -n "$ns" create secret generic observatory-postgres \
    --from-literal=username=observatory \
    --from-literal=password="$password" \
    --from-literal=reader-password="$(random)" \
    --from-literal=jdbc-url="jdbc:postgresql://postgres:5432/observatory?user=observatory&password=$password" \
    --from-literal=registry-jdbc-url="jdbc:postgresql://postgres:5432/registry"
  echo "secrets.sh: created Secret $ns/observatory-postgres"
fi
if ! kubectl -n "$ns" get secret observatory-api >/dev/null 2>&1; then
  kubectl -n "$ns" create secret generic observatory-api --from-literal=token="$(random)"
  echo "secrets.sh: created Secret $ns/observatory-api (the API's bearer token: kubectl -n $ns get secret observatory-api -o jsonpath='{.data.token}' | base64 -d)"
fi
if kubectl get namespace monitoring >/dev/null 2>&1; then
  reader="$(kubectl -n "$ns" get secret observatory-postgres -o jsonpath='{.data.reader-password}' | base64 -d)"
  kubectl -n monitoring create secret generic observatory-grafana-postgres --from-literal=OBSERVATORY_READER_PASSWORD="$reader" \
    --dry-run=client -o yaml | kubectl apply -f - >/dev/null
fi

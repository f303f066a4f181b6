#!/usr/bin/env bash
# Times every API call the admin dashboard's pages make (docs/dashboard.md) against a running server: each call
# once cold (the first time since the server started) then RUNS more times warm; prints one Markdown table row per
# call: cold, warm median and warm max, in ms (curl's time_total, over loopback).
#
#   lodestone-bench/dashboard-timings.sh --target http://127.0.0.1:18080 [--tenant default] [--api-key KEY]
#                                        [--user user_1] [--entity item_1] [--runs 5]
#
# Load a tenant first, e.g. ./lodestone bench datagen --entities 100000 --users 100000 --interactions 1000000
# --start now --target ... (--start now puts the interactions in the last 28 days, so the activity charts have data).
set -euo pipefail

target="" tenant=default key="${API_KEY:-}" user=user_1 entity=item_1 runs=5
while [ $# -gt 0 ]; do
  case "$1" in
    --target) target=$2; shift 2 ;;
    --tenant) tenant=$2; shift 2 ;;
    --api-key) key=$2; shift 2 ;;
    --user) user=$2; shift 2 ;;
    --entity) entity=$2; shift 2 ;;
    --runs) runs=$2; shift 2 ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
done
[ -n "$target" ] || { echo "--target is required" >&2; exit 2; }

headers=(-H "X-Tenant-ID: $tenant" -H "Accept: application/json")
[ -n "$key" ] && headers+=(-H "Authorization: Bearer $key")

# One call: prints "status seconds".
call() {
  curl -s -o /dev/null -w '%{http_code} %{time_total}\n' "${headers[@]}" "$target$1"
}

# Cold once, then warm runs: one table row.
measure() {
  local label=$1 path=$2 first status cold warm=()
  first=$(call "$path"); status=${first% *}; cold=${first#* }
  for _ in $(seq "$runs"); do warm+=("$(call "$path" | cut -d' ' -f2)"); done
  printf '%s\n' "${warm[@]}" | sort -n | awk -v label="$label" -v status="$status" -v cold="$cold" '
    { v[NR] = $1 * 1000 }
    END { printf "| %s | %s | %.1f | %.1f | %.1f |\n", label, status, cold * 1000, v[int((NR + 1) / 2)], v[NR] }'
}

echo "| page: call | status | cold ms | warm median ms | warm max ms |"
echo "|---|---|---|---|---|"
measure "shell: index.html" "/dashboard"
measure "shell: app.js" "/dashboard/app.js"
measure "login: tenants with counts" "/api/v1/dashboard/tenants"
measure "overview: activity 14 days" "/api/v1/dashboard/activity?days=14"
measure "overview: activity 90 days" "/api/v1/dashboard/activity?days=90"
measure "overview: top (popular)" "/api/v1/recommendations/popular?count=10"
measure "overview: trending" "/api/v1/recommendations/trending?count=10"
measure "entities: first page" "/api/v1/dashboard/entities?limit=50&offset=0&q=&entity_type="
measure "entities: last page" "/api/v1/dashboard/entities?limit=50&offset=99950&q=&entity_type="
measure "entities: search" "/api/v1/dashboard/entities?limit=50&offset=0&q=item_4242&entity_type="
measure "entities: search, no match" "/api/v1/dashboard/entities?limit=50&offset=0&q=zzz&entity_type="
measure "users: first page" "/api/v1/dashboard/users?limit=50&offset=0&q="
measure "users: last page" "/api/v1/dashboard/users?limit=50&offset=99950&q="
measure "users: search" "/api/v1/dashboard/users?limit=50&offset=0&q=user_4242"
measure "user: history" "/api/v1/interactions/user/$user?limit=50"
for a in hybrid collaborative item_knn user_knn content_based popular trending; do
  measure "user: recommendations $a" "/api/v1/recommendations/user/$user?count=10&algorithm=$a"
done
measure "entity: attributes" "/api/v1/entities/$entity"
measure "entity: similar" "/api/v1/recommendations/entity/$entity?count=10"
measure "entity: complements" "/api/v1/recommendations/$tenant/complement/$entity?count=10"
measure "entity: recent interactions" "/api/v1/interactions/entity/$entity?limit=20"
measure "model: state" "/api/v1/dashboard/model"
measure "model: last evaluation" "/api/v1/dashboard/evaluations/latest"
measure "operations: request counters" "/api/v1/dashboard/requests"
measure "operations: configuration" "/api/config"
measure "tenants: keys" "/api/v1/tenants/$tenant/keys"

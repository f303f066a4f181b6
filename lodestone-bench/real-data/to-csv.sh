#!/usr/bin/env bash
# Turns the public rating files described in README.md (beside this script) into `bench eval` CSVs
# (user,item,value; file order is time order). Usage: to-csv.sh RAW_DIR OUT_DIR
# RAW_DIR holds sample_movielens_data.txt and filmtrust-ratings-head.txt, checked against the SHA-256 sums below.
set -euo pipefail
raw=${1:?raw dir}
out=${2:?out dir}
mkdir -p "$out"
check() {
  local file=$1 want=$2
  local got
  got=$(sha256sum "$raw/$file" | cut -d' ' -f1)
  if [[ "$got" != "$want" ]]; then
    echo "$file: sha256 $got, expected $want (not the file described in README.md)" >&2
    exit 1
  fi
}
check sample_movielens_data.txt 40fa322d0e155eefca3f642a3f9ebc7113779a2592e818fca9e71ca3039d0ce1
check filmtrust-ratings-head.txt 4ac69bc7808f1198ba5cdd9e5fe21acfbeebb4bb4b0022dabaf5087641341303
# Spark: user::item::rating
awk -F'::' 'BEGIN { print "user,item,value" } { print "u" $1 ",m" $2 "," $3 }' \
  "$raw/sample_movielens_data.txt" > "$out/spark-movielens-sample.csv"
# FilmTrust: "user item rating", ratings 0.5..4
awk 'BEGIN { print "user,item,value" } NF == 3 { print "u" $1 ",f" $2 "," $3 }' \
  "$raw/filmtrust-ratings-head.txt" > "$out/filmtrust-373.csv"
wc -l "$out"/*.csv

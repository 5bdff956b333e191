#!/usr/bin/env bash
# Store benchmark: saves per second from 8 concurrent writers, and typebar report and stats over 100,000 results
# in a throwaway PostgreSQL cluster on this machine (scripts/test-postgres.sh). Release builds.
#
#   benchmarks/store.sh
#
# Needs: swift, python3, hyperfine, GNU time (/usr/bin/time), Debian's postgresql. The 100,000 records are
# benchmarks/data/history-100k.jsonl and assessments-100k.jsonl, made as benchmarks/history.sh makes them.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
for tool in hyperfine python3 /usr/bin/time psql; do
    command -v "$tool" >/dev/null || { echo "store.sh: $tool is missing (apt-get install -y hyperfine time postgresql-client)" >&2; exit 2; }
done

echo "== building (scripts/release-build.sh: release, static Swift runtime, .build-release)"
bin="$(scripts/release-build.sh typebar store-stress)"

echo "== records"
python3 benchmarks/make-history.py "$bin/typebar"
python3 benchmarks/make-assessments.py
assessed=benchmarks/data/assessments-100k.jsonl

parent="$(mktemp -d)"
chmod 0755 "$parent"
trap 'scripts/test-postgres.sh destroy "$parent/cluster"; rm -rf "$parent"' EXIT
base="$(scripts/test-postgres.sh start "$parent/cluster")"
# The password goes by PGPASSWORD, so no command line or output shows it.
export PGPASSWORD="$(cat "$parent/cluster/password")"
base="$(echo "$base" | sed 's#//\([^:/@]*\):[^@]*@#//\1@#')"
database() { echo "${base%/postgres}/$1"; }
psql_url() { psql -q -X -v ON_ERROR_STOP=1 "$base" -c "$1" >/dev/null; }
work="$parent/work"
mkdir -p "$work"

echo "== saves per second, 8 writers x 250 results each"
psql_url "CREATE DATABASE saves"
"$bin/typebar" store migrate --store "$(database saves)" --history "$work/h.jsonl"
touch "$work/not-yet"
for writer in 0 1 2 3 4 5 6 7; do
    "$bin/store-stress" save "$(database saves)" 250 "w$writer" "$work/go" >"$work/writer-$writer.out" &
done
sleep 1
start=$(date +%s.%N)
touch "$work/go"
wait
end=$(date +%s.%N)
cat "$work"/writer-*.out | sort | uniq -c
python3 -c "import sys; s = float(sys.argv[2]) - float(sys.argv[1]); print(f'2000 saves in {s:.2f} s: {2000 / s:.0f} saves/s')" "$start" "$end"

echo "== import 100,000 assessment results"
psql_url "CREATE DATABASE results"
store="$(database results)"
"$bin/typebar" store migrate --store "$store" --history "$work/h.jsonl"
/usr/bin/time -f "import: %e s, max RSS %M KB" "$bin/typebar" store import --store "$store" --history "$work/h.jsonl" "$assessed"
psql -X -At "$store" -c "SELECT count(*), pg_size_pretty(pg_total_relation_size('typebar_results')) FROM typebar_results"

echo "== typebar report and stats over the store"
printf 'a benchmark signing key of enough bytes\n' >"$work/typebar.key"
for format in html csv; do
    hyperfine -N --warmup 1 --runs 10 "$bin/typebar report --format $format -o $work/report.$format --store $store --history $work/h.jsonl"
done
hyperfine -N --warmup 1 --runs 5 "$bin/typebar report --format html -o $work/report-key.html --key-file $work/typebar.key --store $store --history $work/h.jsonl"
hyperfine -N --warmup 1 --runs 10 "$bin/typebar stats --store $store --history $work/h.jsonl"
/usr/bin/time -f "report html: %e s, max RSS %M KB" "$bin/typebar" report --format html -o "$work/report.html" --store "$store" --history "$work/h.jsonl"
/usr/bin/time -f "report csv: %e s, max RSS %M KB" "$bin/typebar" report --format csv -o "$work/report.csv" --store "$store" --history "$work/h.jsonl"
/usr/bin/time -f "report html with a key: %e s, max RSS %M KB" "$bin/typebar" report --format html -o "$work/report-key.html" --key-file "$work/typebar.key" --store "$store" --history "$work/h.jsonl"
/usr/bin/time -f "stats: %e s, max RSS %M KB" "$bin/typebar" stats --store "$store" --history "$work/h.jsonl" >/dev/null
echo "== the same report from the same records in a JSONL file (the store's export: import leaves out the lines"
echo "   whose values are out of range, which a report over the file counts with its figures)"
"$bin/typebar" store export --store "$store" --history "$work/h.jsonl" -o "$work/export/history.jsonl"
"$bin/typebar" report --format csv -o "$work/report-file.csv" --history "$work/export/history.jsonl"
cmp "$work/report.csv" "$work/report-file.csv" && echo "report csv: the store's and the file's are the same bytes"
ls -l "$work"/report*

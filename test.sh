#!/usr/bin/env bash
# Runs every test project of the solution and ends with one line: "N passed, N failed".
# Usage: ./test.sh [extra dotnet test arguments, e.g. --filter FullyQualifiedName~Hocon]
set -uo pipefail
cd "$(dirname "$0")"
results="$(pwd)/TestResults"
rm -rf "$results"
dotnet test ActorPostmaster.sln -c Release --logger "trx" --results-directory "$results" "$@"
status=$?
passed=0 failed=0 skipped=0
shopt -s nullglob
for trx in "$results"/*.trx; do
    counters=$(grep -o '<Counters [^>]*>' "$trx" | head -n 1)
    value() { echo "$counters" | sed -n "s/.* $1=\"\([0-9]*\)\".*/\1/p"; }
    passed=$((passed + $(value passed)))
    failed=$((failed + $(value failed)))
    total=$(value total); executed=$(value executed)
    skipped=$((skipped + total - executed))
done
# A build or runner failure that produced no counted failure still fails the run.
if [ "$status" -ne 0 ] && [ "$failed" -eq 0 ]; then failed=1; echo "dotnet test exited with status $status"; fi
echo "$passed passed, $failed failed, $skipped skipped"
[ "$status" -eq 0 ] && [ "$failed" -eq 0 ]

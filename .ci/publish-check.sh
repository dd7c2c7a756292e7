#!/usr/bin/env bash
# Trimming and NativeAOT: publishes samples/Amigo.Quickstart with PublishTrimmed=true and with PublishAot=true, runs
# each against a standalone emulator (a normal process on a free loopback port; see docs/trimming.md for why not
# in-process) and fails unless each run completes its streamed turns and paged lists with exit code 0, and each
# publish has no more trim/AOT warnings than docs/trimming.md records.
#   .ci/publish-check.sh [trimmed|aot]...   (default: both)
set -euo pipefail
cd "$(dirname "$0")/.."
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

modes=("$@")
[ ${#modes[@]} -gt 0 ] || modes=(trimmed aot)
work=$(mktemp -d)
emulator_pid=""
cleanup() {
  if [ -n "$emulator_pid" ]; then kill "$emulator_pid" 2>/dev/null || true; wait "$emulator_pid" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT

# The warning budget of each mode, from the table in docs/trimming.md ("| trimmed | <before> | <after> |").
budget() { sed -nE "s/^\| $1 \| [0-9]+ \| ([0-9]+) \|.*/\1/p" docs/trimming.md; }

echo "publish-check: starting the emulator"
dotnet build src/Amigo.Emulator.Tool -c Release -v quiet -nologo
exec 3< <(exec dotnet src/Amigo.Emulator.Tool/bin/Release/net10.0/Amigo.Emulator.Tool.dll --port 0 2>&1)
emulator_pid=$!
# Read its output until the line that names the address (no fixed sleep), then keep draining it into the log.
base_url=""
while IFS= read -r -t 120 line <&3; do
  echo "$line" >> "$work/emulator.log"
  if [[ $line =~ (http://127\.0\.0\.1:[0-9]+/) ]]; then base_url=${BASH_REMATCH[1]}; break; fi
done
if [ -z "$base_url" ]; then
  echo "publish-check: the emulator did not start:"; cat "$work/emulator.log"; exit 1
fi
cat <&3 >> "$work/emulator.log" &
echo "publish-check: emulator at $base_url"

status=0
for mode in "${modes[@]}"; do
  case "$mode" in
    trimmed) flags=(-p:AmigoPublishMode=trimmed) ;;
    # NativeAOT links with clang; this machine has clang-14 (not "clang"), a hosted runner has clang.
    aot) flags=(-p:AmigoPublishMode=aot)
         if command -v clang-14 > /dev/null; then flags+=(-p:CppCompilerAndLinker=clang-14); fi ;;
    *) echo "publish-check: unknown mode '$mode' (trimmed or aot)"; exit 2 ;;
  esac
  out="$work/$mode"
  started=$SECONDS
  # Warnings stay warnings here (they are counted against the budget), whatever TreatWarningsAsErrors says.
  if ! dotnet publish samples/Amigo.Quickstart -c Release -r linux-x64 "${flags[@]}" -p:TreatWarningsAsErrors=false \
      -o "$out" -nologo > "$work/$mode.log" 2>&1; then
    echo "publish-check: $mode publish failed:"; tail -n 40 "$work/$mode.log"; status=1; continue
  fi
  # Each warning once, by location and text (MSBuild can repeat a line).
  warnings=$(grep -E 'warning (IL|AOT)[0-9]+' "$work/$mode.log" | sort -u | wc -l)
  allowed=$(budget "$mode")
  published=$((SECONDS - started))
  started=$SECONDS
  if timeout 300 "$out/Amigo.Quickstart" --base-url "$base_url" --strict > "$work/$mode.run" 2>&1; then
    echo "publish-check: $mode: published in ${published}s with $warnings warnings (budget ${allowed:-?}); ran to exit 0 in $((SECONDS - started))s"
  else
    echo "publish-check: $mode: the published quickstart failed (exit $?):"; cat "$work/$mode.run"; status=1
  fi
  if [ -z "$allowed" ] || [ "$warnings" -gt "$allowed" ]; then
    echo "publish-check: $mode: $warnings warnings, more than docs/trimming.md allows (${allowed:-none recorded}):"
    grep -E 'warning (IL|AOT)[0-9]+' "$work/$mode.log" | sort -u; status=1
  fi
done
exit $status

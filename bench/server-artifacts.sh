#!/usr/bin/env bash
# Benchmark of the artifact path of a real DeviceLab server (Release build, its own PostgreSQL, Kestrel on loopback):
#   1. upload throughput of a GGUF (default: the 327 MB smollm-135m F16 synthetic model) with curl, streamed (-T);
#   2. variant build time of Q8_0 and Q4_0 from that upload (Hangfire job with the engine's VariantBuilder).
# Usage: bench/server-artifacts.sh [--shape smollm-135m] [--uploads 3] [--port 5093]
# Prints one line per measurement. Needs: dotnet, curl, PostgreSQL server programs. Cleans up what it starts.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
SHAPE=smollm-135m UPLOADS=3 PORT=5093
while [ $# -gt 0 ]; do
  case "$1" in
    --shape) SHAPE="$2"; shift 2 ;;
    --uploads) UPLOADS="$2"; shift 2 ;;
    --port) PORT="$2"; shift 2 ;;
    *) echo "unknown argument $1" >&2; exit 2 ;;
  esac
done
URL="http://127.0.0.1:$PORT"
WORK="$(mktemp -d /tmp/devicelab-bench-XXXXXX)"
chmod 755 "$WORK"
SERVER_PID=""
cleanup() {
  if [ -n "$SERVER_PID" ] && kill -0 "$SERVER_PID" 2>/dev/null; then kill -TERM "$SERVER_PID"; wait "$SERVER_PID" 2>/dev/null || true; fi
  rm -rf "$WORK"
}
trap cleanup EXIT

dotnet build -c Release "$ROOT/src/DeviceLab.Server" -v quiet -nologo >/dev/null
dotnet build -c Release "$ROOT/src/DeviceLab.Cli" -v quiet -nologo >/dev/null
CLI="$ROOT/src/DeviceLab.Cli/bin/Release/net10.0/devicelab.dll"
[ -f "$CLI" ] || CLI="$(ls "$ROOT"/src/DeviceLab.Cli/bin/Release/net10.0/*.Cli.dll "$ROOT"/src/DeviceLab.Cli/bin/Release/net10.0/devicelab*.dll 2>/dev/null | head -1)"
MODEL="$WORK/$SHAPE-f16.gguf"
dotnet "$CLI" models synth --shape "$SHAPE" --type f16 --out "$MODEL" >/dev/null
SIZE=$(stat -c %s "$MODEL")

PASSWORD="bench-password-$(date +%s)"
DEVICELAB_DATA="$WORK/data" DeviceLab__Auth__BootstrapAdmin__Email=bench@devicelab.local DeviceLab__Auth__BootstrapAdmin__Password="$PASSWORD" \
  dotnet "$ROOT/src/DeviceLab.Server/bin/Release/net10.0/DeviceLab.Server.dll" --urls "$URL" >"$WORK/server.log" 2>&1 &
SERVER_PID=$!
for _ in $(seq 1 600); do curl -fsS "$URL/healthz" >/dev/null 2>&1 && break; sleep 0.2; done
curl -fsS "$URL/healthz" >/dev/null || { cat "$WORK/server.log"; exit 1; }

# Sign in like a browser, then make an operator API key for the measurements.
JAR="$WORK/cookies"
TOKEN=$(curl -fsS -c "$JAR" "$URL/login" | grep -o 'name="__RequestVerificationToken"[^>]*value="[^"]*"' | sed 's/.*value="//;s/"$//')
curl -fsS -b "$JAR" -c "$JAR" -o /dev/null --data-urlencode "__RequestVerificationToken=$TOKEN" \
  --data-urlencode "email=bench@devicelab.local" --data-urlencode "password=$PASSWORD" "$URL/account/login"
KEY=$(curl -fsS -b "$JAR" -H 'Content-Type: application/json' -d '{"name":"bench","role":"operator"}' "$URL/api/v1/api-keys" | sed 's/.*"key":"\([^"]*\)".*/\1/')

echo "file: $SHAPE F16, $SIZE bytes ($(awk "BEGIN{printf \"%.1f\", $SIZE/1e6}") MB)"
MODEL_ID=""
for i in $(seq 1 "$UPLOADS"); do
  # -T streams the file (--data-binary would read it into curl's memory first).
  read -r SECONDS_TOTAL CODE < <(curl -sS -X POST -T "$MODEL" -H 'Content-Type: application/octet-stream' -H "X-Api-Key: $KEY" \
    -o "$WORK/upload.json" -w '%{time_total} %{http_code}\n' "$URL/api/v1/models?name=bench-$SHAPE")
  MODEL_ID=$(sed 's/^{"id":\([0-9]*\).*/\1/' "$WORK/upload.json")
  echo "upload $i: HTTP $CODE in ${SECONDS_TOTAL} s = $(awk "BEGIN{printf \"%.0f\", $SIZE/1e6/$SECONDS_TOTAL}") MB/s (stream to disk + sha256 + GGUF/llama validation + rows)"
done

# One variant at a time, so each build has the machine to itself (the job itself uses every core).
for QUANT in q8_0 q4_0; do
  START=$(date +%s.%N)
  curl -fsS -o /dev/null -H "X-Api-Key: $KEY" -H 'Content-Type: application/json' -d "{\"quants\":[\"$QUANT\"]}" "$URL/api/v1/models/$MODEL_ID/variants:build"
  while true; do
    STATUS=$(curl -fsS -H "X-Api-Key: $KEY" "$URL/api/v1/models/$MODEL_ID")
    echo "$STATUS" | grep -q '"buildStatus":"\(pending\|building\)"' || break
    sleep 0.1
  done
  END=$(date +%s.%N)
  echo "$STATUS" | grep -q '"buildStatus":"failed"' && { echo "the build failed: $STATUS"; exit 1; }
  echo "variant $QUANT ready $(awk "BEGIN{printf \"%.1f\", $END-$START}") s after the request"
done
grep -o 'Built [^:]*: [0-9]* bytes in [0-9]* ms' "$WORK/server.log" | sed 's/^/  job: /'

#!/usr/bin/env bash
# textra bench-llm against llama-bench, side by side in one run, on synthetic Llama-3.2-1B-sized models
# (textra model synth; llama.cpp's default per-tensor type mix). Prints a markdown table and one summary line.
#
#   bench/llm/llm_bench.sh build/textra
# Environment: LLAMA_BENCH (llama-bench binary; default /work/ref/llama.cpp/build/bin/llama-bench, built from
# llama.cpp c392e509), BENCH_DIR (where the models are written, default /tmp/textra-bench-llm),
# BENCH_TYPES (q4_0 q8_0 q4_k_m), BENCH_THREADS (1,2), BENCH_P (512), BENCH_N (128), BENCH_R (3),
# BENCH_PRESET (llama-3.2-1b), BENCH_VOCAB (a vocabulary GGUF to copy; default: the shared Llama 3 one if present).
set -euo pipefail
TEXTRA="${1:?usage: llm_bench.sh path/to/textra}"
LLAMA_BENCH="${LLAMA_BENCH:-/work/ref/llama.cpp/build/bin/llama-bench}"
DIR="${BENCH_DIR:-/tmp/textra-bench-llm}"
TYPES="${BENCH_TYPES:-q4_0 q8_0 q4_k_m}"
THREADS="${BENCH_THREADS:-1,2}"
P="${BENCH_P:-512}"; N="${BENCH_N:-128}"; R="${BENCH_R:-3}"
PRESET="${BENCH_PRESET:-llama-3.2-1b}"
SHARED="${TEXTRA_SHARED:-$(dirname "$0")/../../../shared}"
VOCAB="${BENCH_VOCAB:-$SHARED/fixtures/tokenizer/ggml-vocab-llama-bpe.gguf}"
mkdir -p "$DIR"

echo "| model | type | threads | test | textra t/s | llama.cpp t/s | ratio |"
echo "| --- | --- | ---: | --- | ---: | ---: | ---: |"
worst=""
for type in $TYPES; do
  model="$DIR/$PRESET-$type.gguf"
  if [ ! -f "$model" ]; then
    vocab_arg=()
    [ -f "$VOCAB" ] && vocab_arg=(--vocab "$VOCAB")
    "$TEXTRA" model synth --preset "$PRESET" --type "$type" "${vocab_arg[@]}" -o "$model" >&2
  fi
  ours=$("$TEXTRA" bench-llm -m "$model" -p "$P" -n "$N" -t "$THREADS" -r "$R" --json)
  theirs="[]"
  if [ -x "$LLAMA_BENCH" ]; then
    theirs=$("$LLAMA_BENCH" -m "$model" -p "$P" -n "$N" -t "$THREADS" -r "$R" -o json 2>/dev/null)
  fi
  rows=$(OURS="$ours" THEIRS="$theirs" PRESET="$PRESET" TYPE="$type" P="$P" N="$N" python3 - <<'PY'
import json, os
ours = json.loads(os.environ["OURS"]); theirs = json.loads(os.environ["THEIRS"])
p, n = int(os.environ["P"]), int(os.environ["N"])
def ref(threads, test):
    for r in theirs:
        if r["n_threads"] == threads and ((test == "pp" and r["n_prompt"] == p and r["n_gen"] == 0) or
                                          (test == "tg" and r["n_gen"] == n and r["n_prompt"] == 0)):
            return r["avg_ts"], r["stddev_ts"]
    return None
for o in ours:
    for test, size in (("pp", p), ("tg", n)):
        mean, sd = o[test + "_tps"], o[test + "_tps_stddev"]
        r = ref(o["threads"], test)
        theirs_s = f"{r[0]:.2f} ± {r[1]:.2f}" if r else "n/a"
        ratio = f"{mean / r[0]:.2f}" if r else "n/a"
        print(f"| {os.environ['PRESET']} | {os.environ['TYPE']} | {o['threads']} | {test}{size} | {mean:.2f} ± {sd:.2f} | {theirs_s} | {ratio} |")
PY
)
  echo "$rows"
  worst+="$rows"$'\n'
done
WORST="$worst" python3 - <<'PY'
import os
ratios = [float(l.split("|")[7]) for l in os.environ["WORST"].splitlines() if l.count("|") > 7 and l.split("|")[7].strip() not in ("", "n/a")]
print(f"summary: {len(ratios)} comparisons, textra/llama.cpp speed ratio min {min(ratios):.2f}, max {max(ratios):.2f}" if ratios else "summary: llama-bench not available, no comparison")
PY

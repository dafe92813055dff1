#!/usr/bin/env python3
"""textra against llama.cpp's server, invoice by invoice (issue 14, docs/performance.md).

For each model: the first COUNT French invoices (../shared/data/invoices-fr/img, sorted by name, OCR'd once by
`textra ocr -f json`) go one after the other through both sides, alternating invoice by invoice (textra answers
invoice i, then llama-server does, so both see the same load on a shared machine; --at-once runs them at the
same time instead):
  - textra: bench_llm_server (one process, the embedded engine as `textra extract --engine llm` runs it, an
    empty prompt-cache folder), which also writes the exact prompt text it renders and the request's schema;
  - llama-server (started once per model, start-up not counted): POST /completion with that prompt text,
    the schema as `json_schema`, n_predict = the same token budget, temperature 0, cache_prompt true.
Both run with the same threads and context size. Prints a markdown table per invoice, the counters per
model and one summary line; peak RSS of both from /usr/bin/time -v.

  bench/llm_server/llm_server_bench.py --build build MODEL.gguf...
Options: --count 10 --max-tokens 256 --threads 2 --ctx 4096 --work /tmp/textra-llm-server
         --llama-server /work/ref/llama.cpp/build/bin/llama-server --port 18080 --extra ARG (to bench_llm_server)
"""
import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

HERE = Path(__file__).resolve().parent
SHARED = Path(os.environ.get("TEXTRA_SHARED", HERE.parent.parent.parent / "shared"))


def peak_rss_mib(time_report: str) -> float:
    found = re.search(r"Maximum resident set size \(kbytes\): (\d+)", time_report)
    return int(found.group(1)) / 1024 if found else float("nan")


def ocr_documents(textra: Path, work: Path, count: int) -> list:
    """The first `count` invoices as textra document JSON (OCR once, reused by later runs)."""
    images = sorted((SHARED / "data/invoices-fr/img").iterdir())[:count]
    docs = work / "docs"
    wanted = [docs / (image.stem + ".json") for image in images]
    if not all(doc.exists() for doc in wanted):
        docs.mkdir(parents=True, exist_ok=True)
        subprocess.run([str(textra), "ocr", "-f", "json", "-j", "2", "-o", str(docs)] + [str(i) for i in images],
                       check=True)
    return wanted


def start_textra(bench: Path, model: Path, docs: list, prompts: Path, args, stepped: bool) -> subprocess.Popen:
    cache = args.work / "cache" / model.stem
    shutil.rmtree(cache, ignore_errors=True)  # an empty prompt-cache folder: the first document fills it
    cache.mkdir(parents=True)
    shutil.rmtree(prompts, ignore_errors=True)
    command = ["/usr/bin/time", "-v", str(bench), "-m", str(model), "--prompts", str(prompts),
               "--threads", str(args.threads), "--max-tokens", str(args.max_tokens), "--ctx", str(args.ctx)]
    command += args.extra + (["--stepped"] if stepped else []) + [str(d) for d in docs]
    return subprocess.Popen(command, stdin=subprocess.PIPE if stepped else None, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True, env=dict(os.environ, XDG_CACHE_HOME=str(cache)))


def textra_step(textra: subprocess.Popen) -> dict:
    """With --stepped: let textra answer its next document and return its JSON line."""
    textra.stdin.write("go\n")
    textra.stdin.flush()
    for line in textra.stdout:
        if line.startswith("{") and "document" in line:
            return json.loads(line)
    sys.exit(f"bench_llm_server stopped: {textra.stderr.read()[-2000:]}")


def textra_results(run: subprocess.Popen, load_ms: float = None, docs: list = None) -> dict:
    """Reads what is left of textra's output (all of it, unless the stepped run read the lines already)."""
    if run.stdin:
        run.stdin.close()  # a stepped run then ends: its input is over
        run.stdin = None
    stdout, stderr = run.communicate()
    lines = [json.loads(line) for line in stdout.splitlines() if line.startswith("{")]
    if load_ms is None:
        if not lines:
            sys.exit(f"bench_llm_server failed: {stderr[-2000:]}")
        load_ms, docs = lines[0]["load_ms"], lines[1:]
    return {"load_ms": load_ms, "docs": docs, "rss_mib": peak_rss_mib(stderr)}


def wait_for_file(path: Path, textra: subprocess.Popen) -> None:
    """With --at-once, textra writes each prompt just before it answers it."""
    while not path.exists():
        if textra.poll() is not None and not path.exists():
            sys.exit(f"bench_llm_server stopped before writing {path}")
        time.sleep(0.2)
    time.sleep(0.2)  # written in one call; let it land


def process_cpu_ms(pid: int) -> float:
    """User + system CPU time of a process, all threads (fields 14 and 15 of /proc/PID/stat)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) * 1000 / os.sysconf("SC_CLK_TCK")


def post(url: str, body: dict, timeout: float) -> dict:
    request = urllib.request.Request(url, json.dumps(body).encode(), {"Content-Type": "application/json"})
    with urllib.request.urlopen(request, timeout=timeout) as response:
        return json.loads(response.read())


def wait_healthy(url: str, server: subprocess.Popen, timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if server.poll() is not None:
            sys.exit("llama-server exited during start-up (see its log)")
        try:
            with urllib.request.urlopen(url + "/health", timeout=5) as response:
                if response.status == 200:
                    return
        except OSError:
            pass
        time.sleep(0.5)
    sys.exit("llama-server did not become healthy in time")


def run_server(model: Path, prompts: Path, count: int, textra: subprocess.Popen, args, before_each=None) -> dict:
    """llama-server answers the COUNT prompts textra wrote; before_each(i), if given, runs first for each."""
    log = open(args.work / f"llama-server-{model.stem}.log", "w")
    report_path = args.work / f"llama-server-{model.stem}.time"
    command = ["/usr/bin/time", "-v", "-o", str(report_path), str(args.llama_server), "-m", str(model), "-t", str(args.threads),
               "-tb", str(args.threads), "-c", str(args.ctx), "-np", "1", "--host", "127.0.0.1",
               "--port", str(args.port)]
    started = time.monotonic()
    server = subprocess.Popen(command, stdout=log, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{args.port}"
    out = {"docs": []}
    try:
        wait_healthy(url, server, timeout=1800)
        out["startup_ms"] = (time.monotonic() - started) * 1000
        server_pid = int(subprocess.run(["pgrep", "-P", str(server.pid)], capture_output=True, text=True).stdout.split()[0])
        for i in range(1, count + 1):
            if before_each:
                before_each(i)
            wait_for_file(prompts / f"{i:02d}.json", textra)
            body = json.loads((prompts / f"{i:02d}.json").read_text())
            body.update({"temperature": 0, "repeat_penalty": 1, "cache_prompt": True, "seed": 0, "stream": False})
            cpu_start, start = process_cpu_ms(server_pid), time.monotonic()
            answer = post(url + "/completion", body, timeout=3600)
            ms, cpu_ms = (time.monotonic() - start) * 1000, process_cpu_ms(server_pid) - cpu_start
            try:
                json.loads(answer["content"])
                parses = True
            except ValueError:
                parses = False
            timings = answer.get("timings", {})
            # tokens_evaluated: the whole prompt; timings.prompt_n: the part not taken from the slot's cache.
            prompt_tokens, evaluated = answer.get("tokens_evaluated", 0), timings.get("prompt_n", 0)
            out["docs"].append({"ms": ms, "cpu_ms": cpu_ms, "parses": parses, "prompt_tokens": prompt_tokens,
                                "cached_tokens": prompt_tokens - evaluated, "evaluated_tokens": evaluated,
                                "generated_tokens": timings.get("predicted_n"), "prompt_ms": timings.get("prompt_ms", 0),
                                "stop": answer.get("stop_type"), "answer": answer["content"]})
    finally:
        # Stop llama-server itself (the child of /usr/bin/time), so time reports its peak RSS.
        for pid in subprocess.run(["pgrep", "-P", str(server.pid)], capture_output=True, text=True).stdout.split():
            os.kill(int(pid), 15)
        server.wait(timeout=60)
        log.close()
    out["rss_mib"] = peak_rss_mib(report_path.read_text())
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("models", nargs="+", type=Path)
    parser.add_argument("--build", type=Path, default=Path("build"))
    parser.add_argument("--count", type=int, default=10)
    parser.add_argument("--max-tokens", type=int, default=256)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--ctx", type=int, default=4096)
    parser.add_argument("--work", type=Path, default=Path("/tmp/textra-llm-server"))
    parser.add_argument("--llama-server", type=Path, default=Path("/work/ref/llama.cpp/build/bin/llama-server"))
    parser.add_argument("--port", type=int, default=18080)
    parser.add_argument("--extra", action="append", default=[], help="an argument passed on to bench_llm_server")
    parser.add_argument("--at-once", action="store_true",
                        help="run both sides at the same time instead of alternating invoice by invoice (the "
                             "side that finishes last then runs alone)")
    parser.add_argument("--answers", type=Path, help="write every answer of both sides here (JSON lines)")
    args = parser.parse_args()
    args.work.mkdir(parents=True, exist_ok=True)
    docs = ocr_documents(args.build / "textra", args.work, args.count)

    results = []
    for model in args.models:
        prompts = args.work / "prompts" / model.stem
        textra = start_textra(args.build / "bench" / "bench_llm_server", model, docs, prompts, args,
                              stepped=not args.at_once)
        if args.at_once:
            theirs = run_server(model, prompts, len(docs), textra, args)
            ours = textra_results(textra)
        else:
            load_ms = json.loads(textra.stdout.readline())["load_ms"]
            answered = []
            theirs = run_server(model, prompts, len(docs), textra, args,
                                before_each=lambda i: answered.append(textra_step(textra)))
            ours = textra_results(textra, load_ms, answered)
        results.append((model, ours, theirs))
        print_model(model, ours, theirs, args.answers)
        sys.stdout.flush()
    print_summary(results, args)


def print_model(model: Path, ours: dict, theirs: dict, answers_path) -> None:
    print(f"\n{model.name}: textra model load {ours['load_ms']:.0f} ms, llama-server start-up "
          f"{theirs['startup_ms']:.0f} ms (neither counted below)\n")
    print("| model | invoice | prompt tokens textra / server | evaluated textra / server | prompt ms textra / server | "
          "textra ms | llama-server ms | ratio | textra CPU ms | llama-server CPU ms | CPU ratio |")
    print("| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
    for i, (a, b) in enumerate(zip(ours["docs"], theirs["docs"]), 1):
        evaluated = a.get("prompt_tokens", 0) - a.get("cached_tokens", 0)
        print(f"| {model.stem} | {i} {a['document']} | {a.get('prompt_tokens')} / {b['prompt_tokens']} | "
              f"{evaluated} / {b['evaluated_tokens']} | {a.get('prompt_ms', 0):.0f} / {b['prompt_ms']:.0f} | "
              f"{a['ms']:.0f} | {b['ms']:.0f} | {b['ms'] / a['ms']:.2f} | "
              f"{a['cpu_ms']:.0f} | {b['cpu_ms']:.0f} | {b['cpu_ms'] / a['cpu_ms']:.2f} |")
    keys = ["prompt_tokens", "cached_tokens", "forced_tokens", "drafted_tokens", "accepted_tokens",
            "generated_tokens", "generation_passes"]
    sums = {k: sum(a.get(k, 0) for a in ours["docs"]) for k in keys}
    print(f"\ntextra counters over {len(ours['docs'])} invoices: " + ", ".join(f"{k} {v}" for k, v in sums.items()))
    print(f"llama-server generated tokens: {sum(b['generated_tokens'] or 0 for b in theirs['docs'])}, "
          f"cached {sum(b['cached_tokens'] or 0 for b in theirs['docs'])}; stop types: "
          f"{sorted(set(str(b['stop']) for b in theirs['docs']))}")
    print(f"answers that parse as JSON: textra {sum(bool(a.get('parses')) for a in ours['docs'])}/{len(ours['docs'])} "
          f"(schema-valid {sum(bool(a.get('schema_valid')) for a in ours['docs'])}), llama-server "
          f"{sum(b['parses'] for b in theirs['docs'])}/{len(theirs['docs'])}")
    print(f"peak RSS: textra {ours['rss_mib']:.0f} MiB, llama-server {theirs['rss_mib']:.0f} MiB")
    if answers_path:
        with open(answers_path, "a") as out:
            for a, b in zip(ours["docs"], theirs["docs"]):
                out.write(json.dumps({"model": model.name, "document": a["document"], "textra": a.get("answer"),
                                      "llama_server": b["answer"]}) + "\n")


def print_summary(results: list, args) -> None:
    parts = []
    for model, ours, theirs in results:
        a = sum(d["ms"] for d in ours["docs"])
        b = sum(d["ms"] for d in theirs["docs"])
        later_a = sum(d["ms"] for d in ours["docs"][1:])
        later_b = sum(d["ms"] for d in theirs["docs"][1:])
        cpu_a = sum(d["cpu_ms"] for d in ours["docs"])
        cpu_b = sum(d["cpu_ms"] for d in theirs["docs"])
        later = f", invoices 2.. {later_b / later_a:.2f}x" if later_a else ""
        parts.append(f"{model.stem} {len(ours['docs'])} invoices textra {a / 1000:.1f} s vs llama-server "
                     f"{b / 1000:.1f} s ({b / a:.2f}x{later}; CPU {cpu_b / cpu_a:.2f}x)")
    print(f"\nsummary (ratio = llama-server time / textra time; max tokens {args.max_tokens}, {args.threads} threads, ctx {args.ctx}): " + "; ".join(parts))


if __name__ == "__main__":
    main()

#!/usr/bin/env python3
"""HTTP request fuzzer for a live `textra serve` on 127.0.0.1 (run by `scripts/fuzz --smoke`).

Starts the server with a fresh store and one tiny model of the shared fixtures, stores a few documents, then
for a bounded time and number of requests sends mutated requests from a few concurrent clients to every
route: request lines, headers, JSON bodies, multipart uploads and chunked bodies. Every 2 s and at the end
/healthz must answer 200; the server must not die, must not answer 500 "internal" (an exception escaped a handler) and must stop
cleanly on SIGTERM with no sanitizer report in its log. The last requests are saved on failure.

Python standard library only. Usage:
  http_fuzz.py --textra build/textra [--seconds 30] [--max-requests 20000] [--seed 1] [--clients 4] [--work DIR]
"""
import argparse
import collections
import json
import os
import random
import shutil
import signal
import socket
import struct
import subprocess
import sys
import threading
import time
import zlib

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__)))))
SHARED = os.environ.get("TEXTRA_SHARED", os.path.join(os.path.dirname(ROOT), "shared"))
MODEL_FILE = "tiny-phi3-chat-q8_0.gguf"
MODEL = MODEL_FILE[:-len(".gguf")]

# (method, path template, body kind). {id}: a document id, {job}: a job id, {model}: a model name.
ROUTES = [
    ("GET", "/healthz", None), ("GET", "/metrics", None), ("GET", "/", None), ("GET", "/index.html", None),
    ("GET", "/app.js", None), ("GET", "/style.css", None),
    ("GET", "/v1/documents?limit={n}&cursor={id}&supplier={s}&date_from={s}&date_to={s}&status={s}&duplicates={s}", None),
    ("GET", "/v1/documents/{id}", None), ("GET", "/v1/documents/{id}/file", None),
    ("GET", "/v1/documents/{id}/pages/{n}.png?annotated=1", None),
    ("GET", "/v1/documents/{id}/label-studio", None),
    ("PUT", "/v1/documents/{id}/fields", "corrections"), ("DELETE", "/v1/documents/{id}", None),
    ("GET", "/v1/stats", None), ("POST", "/v1/extract?async=1&schema={s}&fields={s}&engine={s}&lang={s}", "upload"),
    ("POST", "/v1/extract?async=1&filename={s}", "raw"), ("GET", "/v1/jobs/{job}", None),
    ("POST", "/api/chat", "ollama"), ("POST", "/api/generate", "ollama"), ("GET", "/api/tags", None),
    ("GET", "/api/ps", None), ("POST", "/api/show", "show"), ("GET", "/api/version", None),
    ("POST", "/v1/chat/completions", "openai"), ("GET", "/v1/models", None), ("GET", "/v1/models/{model}", None),
]
METHODS = ["GET", "POST", "PUT", "DELETE", "HEAD", "OPTIONS", "PATCH", "TRACE", "CONNECT", "G\x00T", "get", ""]
STRINGS = ["", "invoice", "receipt", "ner", "llm", "fra", "eng+fra", "../../etc/passwd", "/etc/shadow", "%00",
           "a" * 300, "é", "\xff", "1", "-1", "0", "99999999999999999999", "total:amount,paid:boolean",
           "kind:enum(a|b", "x:" * 50, "{}", '{"type":"object"}', "%2e%2e%2f", "*", "null"]
JSON_VALUES = [None, True, False, 0, -1, 1.5, -5, 1e12, 1e308, 2**63, -(2**63) - 1, "", "x", "2024-02-30", [], {},
               [1, "a", None], {"type": "object"}, "a" * 2000]


def png(width, height):
    """A small grey PNG with a dark bar (something OCR may read)."""
    rows = b"".join(b"\x00" + bytes(200 if 8 <= y < 14 else 255 for _ in range(width)) for y in range(height))
    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(rows)) + chunk(b"IEND", b"")


def read_seeds():
    """JSON bodies from the fuzz seed folders of the server, the store and the grammar."""
    seeds = {"ollama": [], "openai": [], "corrections": [], "schema": []}
    def load(folder, kind):
        path = os.path.join(ROOT, folder)
        for name in sorted(os.listdir(path)) if os.path.isdir(path) else []:
            text = open(os.path.join(path, name), "rb").read().split(b"\x00")[0]
            try:
                value = json.loads(text)
            except ValueError:
                continue
            key = kind if kind else ("openai" if name.startswith("openai") else "ollama")
            seeds[key].append(value)
    load("tests/server/fuzz/seeds", None)
    load("tests/store/fuzz/seeds", "corrections")
    load("tests/llm/grammar/fuzz/seeds", "schema")
    load("src/fields/schemas", "schema")
    return seeds


class Mutator:
    def __init__(self, rng, seeds):
        self.rng = rng
        self.seeds = seeds

    def value(self, depth=0):
        r = self.rng.random()
        if depth < 3 and r < 0.15:
            return [self.value(depth + 1) for _ in range(self.rng.randint(0, 3))]
        if depth < 3 and r < 0.3:
            return {self.rng.choice(["type", "properties", "role", "content", "x", ""]): self.value(depth + 1)}
        if r < 0.4 and self.seeds["schema"]:
            return self.rng.choice(self.seeds["schema"])
        return self.rng.choice(JSON_VALUES)

    def json_tree(self, value, depth=0):
        """Replaces, drops or adds members of a JSON value, recursively."""
        rng = self.rng
        if isinstance(value, dict):
            out = {}
            for key, item in value.items():
                r = rng.random()
                if r < 0.1:
                    continue
                out[key] = self.value() if r < 0.25 else self.json_tree(item, depth + 1)
            if rng.random() < 0.2:
                out[rng.choice(["model", "messages", "options", "format", "stream", "max_tokens", "num_predict",
                                "response_format", "stop", "seed", "n", "tools", "images", "raw", "prompt",
                                "supplier.name", "invoice_date", "total_ttc", "bogus"])] = self.value()
            return out
        if isinstance(value, list):
            out = [self.json_tree(item, depth + 1) for item in value if rng.random() > 0.1]
            if rng.random() < 0.2:
                out.append(self.value())
            return out
        return self.value() if rng.random() < 0.2 else value

    def bytes(self, data):
        """Byte-level mutations: flips, cuts, repeats, insertions of JSON tokens, deep nesting."""
        rng = self.rng
        data = bytearray(data)
        for _ in range(rng.randint(1, 4)):
            r = rng.random()
            at = rng.randint(0, len(data))
            if r < 0.3 and data:
                data[min(at, len(data) - 1)] = rng.randrange(256)
            elif r < 0.45:
                del data[at:at + rng.randint(1, 16)]
            elif r < 0.6:
                data[at:at] = rng.choice([b"{", b"}", b"[", b"]", b'"', b",", b":", b"\\u0000", b"\\ud800", b"1e999",
                                          b"-", b"null", b"\xff\xfe", b"\r\n", b"\x00"])
            elif r < 0.7:
                depth = rng.choice([10, 1000, 5000])
                data[at:at] = b"[" * depth + b"]" * depth
            elif r < 0.8 and data:
                piece = data[at:at + rng.randint(1, 32)]
                data[at:at] = piece * rng.randint(2, 50)
        return bytes(data)

    def body_json(self, kind):
        options = self.seeds.get(kind) or [{}]
        value = self.json_tree(self.rng.choice(options))
        if kind in ("ollama", "openai") and self.rng.random() < 0.5:
            value["model"] = MODEL  # reach the completion path, not only "model not found"
        text = json.dumps(value).encode()
        return self.bytes(text) if self.rng.random() < 0.4 else text


def multipart(m, boundary):
    rng = m.rng
    parts = []
    file_bytes = rng.choice([png(rng.randint(1, 64), rng.randint(1, 32)), b"%PDF-1.4\n%%EOF", b"", b"\x00" * 100,
                             m.bytes(png(16, 16)), b"II*\x00" + bytes(rng.randrange(256) for _ in range(64))])
    name = rng.choice(["file", "file", "File", "", "schema", "file\"; x=\"y"])
    filename = rng.choice(["a.png", "../../x.png", "", "é.pdf", "a" * 1000, "x\r\nInjected: 1"])
    parts.append((f'Content-Disposition: form-data; name="{name}"; filename="{filename}"\r\n'
                  f"Content-Type: {rng.choice(['image/png', 'application/pdf', '', 'text/plain'])}\r\n\r\n").encode()
                 + file_bytes)
    for field in rng.sample(["schema", "fields", "engine", "lang", "async"], rng.randint(0, 3)):
        if field == "schema" and m.seeds["schema"]:
            value = json.dumps(m.json_tree(rng.choice(m.seeds["schema"]))).encode()
        else:
            value = rng.choice(STRINGS).encode("utf-8", "surrogateescape")
        parts.append(f'Content-Disposition: form-data; name="{field}"\r\n\r\n'.encode() + value)
    body = b"".join(b"--" + boundary + b"\r\n" + p + b"\r\n" for p in parts) + b"--" + boundary + b"--\r\n"
    return m.bytes(body) if rng.random() < 0.3 else body


class Target:
    def __init__(self, port, ids, jobs):
        self.port = port
        self.ids = ids
        self.jobs = jobs

    def send(self, raw, timeout=1.5):
        """Sends raw bytes, returns the status code (None when the server closed or timed out)."""
        try:
            with socket.create_connection(("127.0.0.1", self.port), timeout=timeout) as s:
                s.sendall(raw)  # no shutdown(SHUT_WR): httplib then drops the request unanswered
                answer = b""
                deadline = time.monotonic() + timeout
                while time.monotonic() < deadline:
                    chunk = s.recv(65536)
                    if not chunk:
                        break
                    answer += chunk
                    if len(answer) > 1 << 20:
                        break
        except OSError:
            return None, b""
        try:
            return int(answer.split(b" ", 2)[1]), answer
        except (IndexError, ValueError):
            return None, answer

    def healthy(self):
        status, _ = self.send(b"GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n", timeout=10)
        return status == 200


def build_request(m, target):
    rng = m.rng
    method, path, kind = rng.choice(ROUTES)
    def fill(name):
        return {"id": str(rng.choice(target.ids + [0, -1, 999999, 10**18, "abc", "1e3"])),
                "job": str(rng.choice(target.jobs + ["x", "-" * 64, "a" * 65])) if target.jobs else "x",
                "n": str(rng.choice([1, 0, -1, 2, 501, 9999, "x"])),
                "model": rng.choice([MODEL, MODEL + ":latest", "", "..%2f..%2fetc", "a" * 500]),
                "s": rng.choice(STRINGS)}[name]
    for name in ("id", "job", "n", "model", "s"):
        while "{" + name + "}" in path:
            path = path.replace("{" + name + "}", fill(name), 1)
    if rng.random() < 0.1:
        method = rng.choice(METHODS)
    if rng.random() < 0.1:
        path = m.bytes(path.encode("utf-8", "surrogateescape")).decode("latin-1")
    version = "HTTP/1.1" if rng.random() > 0.05 else rng.choice(["HTTP/1.0", "HTTP/2", "HTTP/9.9", "", "HTTP/1.1 x"])

    headers = [("Host", rng.choice(["127.0.0.1", "localhost", "attacker.com", "", "127.0.0.1:1"])),
               ("Connection", "close")]
    body = b""
    if kind == "upload":
        boundary = rng.choice([b"b0undary", b"x" * 70, b"", b"--", b"a b"])
        body = multipart(m, boundary)
        headers.append(("Content-Type", "multipart/form-data; boundary=" + boundary.decode()))
    elif kind == "raw":
        body = m.bytes(png(8, 8)) if rng.random() < 0.5 else png(8, 8)
        headers.append(("Content-Type", rng.choice(["image/png", "application/octet-stream", ""])))
    elif kind == "show":
        body = json.dumps(m.json_tree({"model": MODEL, "name": MODEL, "verbose": True})).encode()
    elif kind:
        body = m.body_json(kind)
        headers.append(("Content-Type", rng.choice(["application/json", "text/plain", ""])))
    for _ in range(rng.choice([0, 0, 0, 1, 3])):
        headers.append(rng.choice([("Origin", "http://evil.example"), ("Authorization", "Bearer x"),
                                   ("Transfer-Encoding", "chunked"), ("Content-Encoding", "gzip"),
                                   ("Expect", "100-continue"), ("Range", "bytes=0-1,-5"), ("X-" + "a" * 100, "b" * 9000),
                                   ("Content-Type", "multipart/form-data"), ("Accept-Encoding", "gzip, br"),
                                   ("Cookie", "a=" + "x" * 100), ("Bad Header", "x"), ("", "")]))
    length = len(body)
    r = rng.random()
    if r < 0.05:
        length = rng.choice([0, max(0, len(body) - 10), -1, 2**64, "abc"])  # wrong lengths
    if any(h[0] == "Transfer-Encoding" for h in headers) and rng.random() < 0.7:
        body = b"".join(b"%x\r\n%s\r\n" % (len(c), c) for c in (body[:10], body[10:]) if c) + rng.choice(
            [b"0\r\n\r\n", b"zz\r\n", b"ffffffffffffffff\r\n"])
    elif r > 0.03:
        headers.append(("Content-Length", str(length)))
    head = f"{method} {path} {version}\r\n" + "".join(f"{k}: {v}\r\n" for k, v in headers) + "\r\n"
    return head.encode("utf-8", "surrogateescape") + body


def start_server(textra, work, log):
    data = os.path.join(work, "data")
    models = os.path.join(work, "models")
    shutil.rmtree(work, ignore_errors=True)
    os.makedirs(models)
    model_path = os.path.join(SHARED, "fixtures", "llm", MODEL_FILE)
    if os.path.exists(model_path):
        os.symlink(model_path, os.path.join(models, MODEL_FILE))
    else:
        print(f"http_fuzz: {model_path} not found: the LLM routes answer 'model not found' only", file=sys.stderr)
    env = dict(os.environ)
    env.setdefault("LSAN_OPTIONS", "suppressions=" + os.path.join(ROOT, "tests", "lsan.supp"))
    env.setdefault("ASAN_OPTIONS", "detect_leaks=1")
    env.setdefault("UBSAN_OPTIONS", "print_stacktrace=1:halt_on_error=1")
    proc = subprocess.Popen([textra, "serve", "--host", "127.0.0.1", "--port", "0", "--data-dir", data,
                             "--models", models, "--timeout", "5", "-j", "1", "--queue", "8"],
                            stdout=subprocess.PIPE, stderr=log, env=env)
    line = proc.stdout.readline().decode()  # "textra serve: listening on http://127.0.0.1:PORT (data in ...)"
    try:
        port = int(line.split("http://127.0.0.1:")[1].split(" ")[0])
    except (IndexError, ValueError):
        proc.kill()
        proc.wait()
        raise SystemExit(f"http_fuzz: the server did not start: {line!r} (log {log.name})")
    return proc, port


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--textra", required=True)
    parser.add_argument("--seconds", type=float, default=30)
    parser.add_argument("--max-requests", type=int, default=20000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--clients", type=int, default=4, help="concurrent connections")
    parser.add_argument("--work", default="build-fuzz/http-fuzz")
    args = parser.parse_args()

    work = os.path.abspath(args.work)
    log_path = work + ".log"
    os.makedirs(os.path.dirname(work), exist_ok=True)
    with open(log_path, "wb") as log:
        proc, port = start_server(os.path.abspath(args.textra), work, log)
        target = Target(port, [], [])
        problems = []
        last = collections.deque(maxlen=20)
        statuses = collections.Counter()
        sent, elapsed = 0, 0.0
        try:
            # A few stored documents, so the document routes find ids.
            for i in range(3):
                raw = (f"POST /v1/extract?async=1&filename=seed{i}.png HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                       f"Connection: close\r\nContent-Type: image/png\r\nContent-Length: ").encode()
                body = png(40 + i, 20)
                status, answer = target.send(raw + str(len(body)).encode() + b"\r\n\r\n" + body, timeout=10)
                try:
                    reply = json.loads(answer.split(b"\r\n\r\n", 1)[1])
                    target.ids.append(reply["document_id"])
                    target.jobs.append(reply["job_id"])
                except (IndexError, ValueError, KeyError, TypeError):
                    pass
            seeds = read_seeds()
            stop = threading.Event()
            lock = threading.Lock()
            start = time.monotonic()

            def client(number):
                # Each client has its own generator (from --seed and its number): a run is repeatable per client.
                nonlocal sent
                mutator = Mutator(random.Random(args.seed * 1000 + number), seeds)
                while not stop.is_set():
                    raw = build_request(mutator, target)
                    status, answer = target.send(raw)
                    with lock:
                        last.append(raw)
                        statuses[status] += 1
                        sent += 1
                        if sent >= args.max_requests:
                            stop.set()
                        if status == 500 and b'"internal"' in answer:
                            problems.append("500 internal: " + answer.split(b"\r\n\r\n", 1)[-1][:300].decode("latin-1"))
                            stop.set()

            clients = [threading.Thread(target=client, args=(i,)) for i in range(args.clients)]
            for c in clients:
                c.start()
            # The server must stay alive and answer /healthz while the clients run.
            while not stop.is_set() and time.monotonic() - start < args.seconds:
                stop.wait(2)
                if proc.poll() is not None:
                    problems.append(f"the server exited with {proc.returncode}")
                elif not target.healthy():
                    problems.append("/healthz did not answer 200 during the run")
                if problems:
                    stop.set()
            stop.set()
            for c in clients:
                c.join()
            elapsed = time.monotonic() - start
            if not problems and not target.healthy():
                problems.append("/healthz did not answer 200 at the end")
        finally:
            if proc.poll() is None:
                proc.send_signal(signal.SIGTERM)
                try:
                    proc.wait(timeout=30)
                except subprocess.TimeoutExpired:
                    proc.kill()
                    proc.wait()
                    problems.append("the server did not stop within 30 s of SIGTERM")
    if proc.returncode not in (0, -signal.SIGTERM) and not any("exited" in p for p in problems):
        problems.append(f"the server exited with {proc.returncode}")
    server_log = open(log_path, "rb").read().decode("utf-8", "replace")
    for marker in ("ERROR: AddressSanitizer", "ERROR: LeakSanitizer", "runtime error:"):
        if marker in server_log:
            problems.append(f"sanitizer report in {log_path}: {marker}")
    counts = ", ".join(f"{s or 'none'}: {n}" for s, n in sorted(statuses.items(), key=lambda x: str(x[0])))
    print(f"http_fuzz: {sent} requests in {elapsed:.0f}s against {args.textra} ({counts})", file=sys.stderr)
    if problems:
        crash_dir = work + "-last-requests"
        os.makedirs(crash_dir, exist_ok=True)
        for i, raw in enumerate(last):
            with open(os.path.join(crash_dir, f"{i:02d}.http"), "wb") as f:
                f.write(raw)
        for p in problems:
            print("http_fuzz: FAILED: " + p, file=sys.stderr)
        print(f"http_fuzz: the last {len(last)} requests are in {crash_dir}, the server's log in {log_path}",
              file=sys.stderr)
        return 1
    print("http_fuzz: the server survived and still answers /healthz", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())

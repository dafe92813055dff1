#!/usr/bin/env python3
"""The requests ollama-python (github.com/ollama/ollama-python, ollama/_client.py) sends, with the standard
library only (Python packages cannot be installed here), against `textra serve --models DIR`: its headers,
its JSON bodies (pydantic's model_dump(exclude_none=True): model, stream, options, format, messages, tools),
NDJSON streaming read line by line, and {"error": ...} answers. This is what the original project's
`ollama.chat(model=..., messages=[...])` does on the wire.

Skips without the shared fixtures (fails when CI=true), like the other tests."""
import gzip
import json
import os
import platform
import subprocess
import sys
import tempfile
import unittest
import urllib.error
import urllib.request
from pathlib import Path

SOURCE = Path(__file__).resolve().parents[2]
TEXTRA = Path(os.environ.get("TEXTRA_BINARY", SOURCE / "build" / "textra"))
SHARED = Path(os.environ.get("TEXTRA_SHARED", SOURCE.parent / "shared"))
FIXTURES = SHARED / "fixtures" / "llm"
PHI3, LLAMA3 = "tiny-phi3-chat-q8_0", "tiny-llama3-chat-q8_0"

# BaseClient.__init__: these headers on every request (httpx adds accept-encoding and keep-alive).
HEADERS = {
    "content-type": "application/json",
    "accept": "application/json",
    "user-agent": f"ollama-python/0.6.1 ({platform.machine()} {platform.system().lower()}) "
                  f"Python/{platform.python_version()}",
    "accept-encoding": "gzip, deflate",
}

# What pydantic's Invoice.model_json_schema() gives for a model with these fields (titles included).
INVOICE_SCHEMA = {
    "properties": {
        "supplier": {"title": "Supplier", "type": "string"},
        "total": {"title": "Total", "type": "number"},
        "currency": {"enum": ["EUR", "USD"], "title": "Currency", "type": "string"},
    },
    "required": ["supplier", "total", "currency"],
    "title": "Invoice",
    "type": "object",
}


class ResponseError(Exception):
    """ollama-python's ResponseError: the "error" of a JSON body, and the status."""

    def __init__(self, text, status_code=-1):
        try:
            text = json.loads(text).get("error", text)
        except json.JSONDecodeError:
            pass
        super().__init__(text)
        self.error, self.status_code = text, status_code


class Client:
    def __init__(self, host):
        self.host = host

    def _open(self, method, path, body=None):
        data = None if body is None else json.dumps(body).encode()
        request = urllib.request.Request(self.host + path, data=data, method=method, headers=HEADERS)
        try:
            return urllib.request.urlopen(request, timeout=120)
        except urllib.error.HTTPError as e:
            raise ResponseError(_read(e), e.code) from None

    def _request(self, method, path, body=None, stream=False):
        response = self._open(method, path, body)
        if not stream:
            return json.loads(_read(response))

        def lines():  # _request(stream=True): r.iter_lines(), json.loads, an "error" part raises
            with response:
                for line in response:
                    if not line.strip():
                        continue
                    part = json.loads(line)
                    if part.get("error"):
                        raise ResponseError(part["error"])
                    yield part
        return lines()

    # Client.chat / generate / show / list: ChatRequest(...).model_dump(exclude_none=True).
    def chat(self, model, messages, stream=False, format=None, options=None):
        body = {"model": model, "stream": stream}
        if options is not None:
            body["options"] = options
        if format is not None:
            body["format"] = format
        body["messages"] = [{k: v for k, v in m.items() if v} for m in messages]
        body["tools"] = []
        return self._request("POST", "/api/chat", body, stream)

    def generate(self, model, prompt=None, system=None, stream=False, format=None, options=None):
        body = {"model": model, "stream": stream}
        for key, value in (("options", options), ("format", format), ("prompt", prompt), ("system", system)):
            if value is not None:
                body[key] = value
        return self._request("POST", "/api/generate", body, stream)

    def show(self, model):
        return self._request("POST", "/api/show", {"model": model})

    def list(self):
        return self._request("GET", "/api/tags")


def _read(response):
    body = response.read()
    if response.headers.get("Content-Encoding") == "gzip":
        body = gzip.decompress(body)
    return body.decode()


class OllamaPythonRequests(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.models = tempfile.TemporaryDirectory(prefix="textra-e2e-models-")
        cls.data = tempfile.TemporaryDirectory(prefix="textra-e2e-")
        for model in (PHI3, LLAMA3):
            os.symlink(FIXTURES / f"{model}.gguf", Path(cls.models.name) / f"{model}.gguf")
        cls.server = subprocess.Popen(
            [str(TEXTRA), "serve", "--port", "0", "--data-dir", cls.data.name, "--models", cls.models.name],
            stdout=subprocess.PIPE, text=True)
        line = cls.server.stdout.readline()  # "textra serve: listening on http://127.0.0.1:PORT (data in ...)"
        if "listening on " not in line:
            cls.server.kill()
            raise RuntimeError(f"textra serve did not start: {line!r}")
        cls.client = Client(line.split("listening on ")[1].split()[0])

    @classmethod
    def tearDownClass(cls):
        cls.server.terminate()
        cls.server.wait(timeout=30)
        cls.models.cleanup()
        cls.data.cleanup()

    def test_list_and_show(self):
        names = sorted(m["name"] for m in self.client.list()["models"])
        self.assertEqual(names, [LLAMA3, PHI3])
        shown = self.client.show(PHI3)
        self.assertEqual(shown["details"]["family"], "phi3")
        self.assertIn("model_info", shown)

    def test_chat_as_the_original_project_calls_it(self):
        messages = [{"role": "system", "content": "Tu lis des factures."},
                    {"role": "user", "content": "Quel est le total ?", "images": None}]
        response = self.client.chat(model=PHI3, messages=messages, options={"num_predict": 16, "seed": 4})
        self.assertEqual(response["message"]["role"], "assistant")
        self.assertTrue(response["message"]["content"])
        self.assertTrue(response["done"])
        self.assertLessEqual(response["eval_count"], 16)
        again = self.client.chat(model=PHI3, messages=messages, options={"num_predict": 16, "seed": 4})
        self.assertEqual(again["message"]["content"], response["message"]["content"])

    def test_chat_streams_ndjson(self):
        parts = list(self.client.chat(model=LLAMA3, messages=[{"role": "user", "content": "Hello"}], stream=True,
                                      options={"num_predict": 8, "seed": 1}))
        self.assertGreaterEqual(len(parts), 2)
        self.assertTrue(parts[-1]["done"])
        self.assertTrue(all(not p["done"] for p in parts[:-1]))
        whole = self.client.chat(model=LLAMA3, messages=[{"role": "user", "content": "Hello"}],
                                 options={"num_predict": 8, "seed": 1})
        self.assertEqual("".join(p["message"]["content"] for p in parts), whole["message"]["content"])

    def test_structured_output_with_a_pydantic_schema(self):
        for model in (PHI3, LLAMA3):
            response = self.client.generate(model=model, prompt="The invoice as JSON", format=INVOICE_SCHEMA,
                                            options={"num_predict": 60, "temperature": 0})
            invoice = json.loads(response["response"])
            self.assertEqual(set(invoice), {"supplier", "total", "currency"})
            self.assertIsInstance(invoice["supplier"], str)
            self.assertIsInstance(invoice["total"], (int, float))
            self.assertIn(invoice["currency"], ("EUR", "USD"))

    def test_unknown_model_raises_response_error_404(self):
        with self.assertRaises(ResponseError) as raised:
            self.client.chat(model="no-such-model", messages=[{"role": "user", "content": "x"}])
        self.assertEqual(raised.exception.status_code, 404)
        self.assertIn("not found", raised.exception.error)


if __name__ == "__main__":
    if not (FIXTURES / f"{PHI3}.gguf").exists():
        if os.environ.get("CI") == "true":
            sys.exit(f"shared fixtures not found in {FIXTURES} (set TEXTRA_SHARED)")
        print(f"ollama_python_test: skipped, shared fixtures not found in {FIXTURES} (set TEXTRA_SHARED)")
        sys.exit(0)
    unittest.main(verbosity=2)

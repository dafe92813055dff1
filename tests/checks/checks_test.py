#!/usr/bin/env python3
"""The source checks of scripts/test: each passes on the repository and fails on a deliberate breach.

Each breach is written into a small tree in a temporary folder (the repository is never touched), with
the repository's own cmake/modules.txt, so the test also shows that the real module table forbids it.
"""
import pathlib
import shutil
import subprocess
import sys
import tempfile
import unittest

ROOT = pathlib.Path(__file__).resolve().parents[2]


def run(script, root):
    return subprocess.run([sys.executable, str(ROOT / "scripts" / script), str(root)], capture_output=True,
                          text=True, check=False)


class Tree:
    """A temporary repository-like tree: cmake/modules.txt copied from the repository, files as given."""

    def __init__(self, files):
        self.dir = tempfile.TemporaryDirectory()
        self.root = pathlib.Path(self.dir.name)
        (self.root / "cmake").mkdir()
        shutil.copy(ROOT / "cmake" / "modules.txt", self.root / "cmake" / "modules.txt")
        for name, text in files.items():
            path = self.root / name
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text)

    def __enter__(self):
        return self.root

    def __exit__(self, *exc):
        self.dir.cleanup()


class CheckIncludes(unittest.TestCase):
    def test_passes_on_the_repository(self):
        result = run("check-includes", ROOT)
        self.assertEqual(result.returncode, 0, result.stdout + result.stderr)

    def test_fails_on_an_upward_include(self):
        with Tree({"src/doc/document.cpp": '#include "base/status.h"\n#include "server/server.h"\n'}) as root:
            result = run("check-includes", root)
        self.assertEqual(result.returncode, 1)
        self.assertIn("src/doc/document.cpp:2: doc includes \"server/server.h\" of server", result.stdout)
        self.assertIn("upward", result.stdout)

    def test_fails_on_another_modules_internal_header(self):
        with Tree({"src/ocr/engine.cpp": '#include "imaging/image.h"\n#include "imaging/analysis.h"\n'}) as root:
            result = run("check-includes", root)
        self.assertEqual(result.returncode, 1)
        self.assertEqual(result.stdout.count("\n"), 1, result.stdout)  # image.h is public: one line only
        self.assertIn("src/ocr/engine.cpp:2: \"imaging/analysis.h\" is internal to imaging", result.stdout)

    def test_own_internals_and_the_module_header_are_allowed(self):
        files = {"src/ocr/engine.cpp": '#include "ocr/scoring.h"\n#include "nn/nn.h"\n#include "engine.h"\n'}
        with Tree(files) as root:
            result = run("check-includes", root)
        self.assertEqual(result.returncode, 0, result.stdout)

    def test_fails_on_a_folder_without_a_module_line_and_on_dot_dot(self):
        files = {"src/newmod/newmod.cpp": "int x;\n", "src/ocr/batch.cpp": '#include "../imaging/analysis.h"\n'}
        with Tree(files) as root:
            result = run("check-includes", root)
        self.assertEqual(result.returncode, 1)
        self.assertIn("src/newmod/newmod.cpp: its folder is no module", result.stdout)
        self.assertIn("climbs out with '..'", result.stdout)


class CheckResults(unittest.TestCase):
    HEADER = ("#pragma once\n#include \"base/status.h\"\n"
              "Result<std::string> get_string_or(std::string_view key, std::string fallback);\n"
              "struct Reader { Result<int> little(int n); };\n")

    def check(self, body):
        with Tree({"src/a/a.h": self.HEADER, "src/a/a.cpp": body}) as root:
            return run("check-results", root)

    def test_passes_on_the_repository(self):
        result = run("check-results", ROOT)
        self.assertEqual(result.returncode, 0, result.stdout + result.stderr)

    def test_fails_on_a_value_read_in_the_calls_own_expression(self):
        # The chat_template bug of issue #15: a metadata value of the wrong type aborted `textra chat`.
        result = self.check('void f(const File* file, Reader& r) {\n'
                            '  use(file->get_string_or("tokenizer.chat_template", "").value());\n'
                            '  int x = *r.little(4);\n}\n')
        self.assertEqual(result.returncode, 1)
        self.assertIn("src/a/a.cpp:2: the value of a Result is read", result.stdout)
        self.assertIn("src/a/a.cpp:3: the value of a Result is read", result.stdout)

    def test_fails_on_a_variable_read_before_its_check(self):
        result = self.check("void f(Reader& r) {\n  auto y = r.little(2);\n  use(*y);\n"
                            "  if (!y.is_ok()) return;\n}\n")
        self.assertEqual(result.returncode, 1)
        self.assertIn("src/a/a.cpp:3: Result 'y' is read before it is checked", result.stdout)

    def test_a_new_value_needs_a_new_check(self):
        result = self.check("void f(Reader& r) {\n  auto z = r.little(2);\n  if (!z) return;\n  use(*z);\n"
                            "  z = r.little(3);\n  use(z->x);\n}\n")
        self.assertEqual(result.returncode, 1)
        self.assertIn("src/a/a.cpp:6: Result 'z' is read before it is checked", result.stdout)

    def test_checked_reads_and_iterators_pass(self):
        result = self.check("void f(Reader& r, std::map<int, int>& m) {\n  auto z = r.little(2);\n"
                            "  if (!z.is_ok()) return;\n  use(std::move(z).value());\n"
                            "  Result<int> w = 3;\n  if (w) use(*w);\n"
                            "  auto it = m.find(3);\n  if (it != m.end()) use(it->second);\n}\n")
        self.assertEqual(result.returncode, 0, result.stdout)


if __name__ == "__main__":
    unittest.main()

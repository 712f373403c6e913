#!/usr/bin/env python
"""Hostile text: what the worst text a record can hold costs validation and rendering.

    .venv/bin/python benchmarks/hostile_text_benchmark.py [--timeout 60]

The loader bounds a file (``hostile_yaml_benchmark.py``); this script takes what gets
past it, one text of up to the loader's 100,000 characters, and puts it into the body
of a case study (a Markdown field) of a copy of the fixture city. For each text it prints
the time ``validate`` takes over the whole data folder, what validation said, and, when
the text is accepted, the time the renderer (Python-Markdown and nh3, for a Markdown
field) and the search index's tokens (searchindex.tokens and pinyin_tokens) take over it. Each text runs in a child process with a timeout.

The texts are what makes a regular expression or a Markdown parser slow: thousands of
``[`` (Python-Markdown looks for a link's end from each), unclosed links and images,
lists and quotes nested hundreds deep (it recurses), a run of letters before an ``@``
(an e-mail search without bounds is quadratic), long digit runs (the personal-number
checks), tag starts and entities. No figure here is a test.
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import tempfile
import textwrap
from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parent.parent
ORIGINAL = REPO / "tests" / "fixtures" / "city" / "data" / "cases" / "beishan-salon.yml"
LIMIT = 100_000  # the loader's longest text

CHILD = textwrap.dedent("""
    import json, sys, time
    from pathlib import Path
    from generator.validate import validate
    from generator.richtext import RichText
    from generator.search import plain_text
    from generator.searchindex import pinyin_tokens, tokens

    data, text = Path(sys.argv[1]), Path(sys.argv[2]).read_text(encoding="utf-8")
    field = sys.argv[3]
    start = time.process_time()
    validated, issues = validate(data, data.parent, ci=False)
    checked = time.process_time() - start
    rendered = None
    if validated is not None:
        start = time.process_time()
        if field == "body":  # Markdown: the page's HTML, the search index's words
            RichText()(text)
            text = plain_text(text)
        tokens(text, singles=True)  # every text is cut into the search index's tokens
        pinyin_tokens(text)  # and names are spoken in pinyin
        rendered = time.process_time() - start
    said = issues[0].message if issues else "accepted"
    print(json.dumps({"validate": checked, "render": rendered, "said": said}))
""")


def texts() -> list[tuple[str, str, str]]:
    """(name, field, text): "body" is Markdown, "title" one line of text."""
    nested = "\\n".join("    " * i + "- 项" for i in range(60))
    return [
        ("8,000 [", "body", "[" * 8000),
        ("100 [ in 20,000 characters", "body", "[" + ("文" * 199 + "[") * 99 + "文" * 99),
        ("unclosed links ×2,000", "body", "[a](b" * 2000),
        ("unclosed images ×4,000", "body", "![" * 4000),
        ("list nested 60 deep", "body", nested),
        ("quotes nested 2,000 deep", "body", "> " * 2000 + "x"),
        ("20,000 ordinary characters", "body", "社区社会组织开展公益服务。" * 1538),
        ("letters then @, ×1,600", "title", ("a" * 60 + "@") * 1600),
        (f"{LIMIT:,} letters then @", "title", "a" * (LIMIT - 1) + "@"),
        (f"{LIMIT:,} digits", "title", "1" * LIMIT),
        (f"{LIMIT:,} digits and spaces", "title", "1 " * (LIMIT // 2)),
        (f"{LIMIT:,} tag starts", "title", "<" * LIMIT),
        (f"{LIMIT:,} entities", "title", "&amp;" * (LIMIT // 5)),
        (f"{LIMIT:,} Chinese characters", "title", "社区社会组织开展公益服务" * (LIMIT // 12)),
    ]


def run(data: Path, field: str, text: str, timeout: float) -> dict:
    case = data / "cases" / "beishan-salon.yml"
    record = yaml.safe_load(ORIGINAL.read_text(encoding="utf-8"))
    record[field] = text
    case.write_text(yaml.safe_dump(record, allow_unicode=True, width=1 << 30), encoding="utf-8")
    text_file = data.parent / "text.txt"
    text_file.write_text(text, encoding="utf-8")
    try:
        result = subprocess.run([sys.executable, "-c", CHILD, str(data), str(text_file), field],
                                cwd=REPO, capture_output=True, text=True, timeout=timeout)
    except subprocess.TimeoutExpired:
        return {"validate": None, "render": None, "said": f"killed after {timeout:.0f} s"}
    if result.returncode:
        return {"validate": None, "render": None, "said": result.stderr.strip().splitlines()[-1]}
    return json.loads(result.stdout)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--timeout", type=float, default=60.0)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="hostile-text-") as folder:
        data = Path(folder) / "data"
        shutil.copytree(REPO / "tests" / "fixtures" / "city" / "data", data)
        print(f"{'text':<30} {'field':<6} {'characters':>10} {'validate s':>10} {'render s':>9}  said")
        for name, field, text in texts():
            row = run(data, field, text, args.timeout)
            validate = f"{row['validate']:.3f}" if row["validate"] is not None else "-"
            render = f"{row['render']:.3f}" if row["render"] is not None else "-"
            print(f"{name:<30} {field:<6} {len(text):>10,} {validate:>10} {render:>9}  "
                  f"{row['said'][:70]}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

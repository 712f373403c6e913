"""Any city, from a fork: the data-independent suite (tests/city) passes against a city
that shares nothing with the demo (the county fixture), and `showcase build` in a fork
builds the fork's own city from data/, or the demo, saying so, while data/ has none."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import yaml

from generator import messages as msg

from .conftest import DEMO, ROOT, run_cli
from .test_county import COUNTY, COUNTY_DATA

# what the suite runs against the county: 21 checks of the built site and 29 in the
# browser (one per record, plaque and screen); fewer means tests were skipped or lost
MIN_TESTS = 50


def test_the_city_suite_passes_against_a_city_that_is_not_the_demo():
    result = subprocess.run(
        [sys.executable, "-m", "pytest", "tests/city", "-q", "-p", "no:cacheprovider"],
        cwd=ROOT, capture_output=True, text=True, timeout=900,
        env={**os.environ, "SHOWCASE_CITY": str((COUNTY / "mkdocs.yml").relative_to(ROOT))})
    summary = result.stdout.strip().splitlines()[-1] if result.stdout.strip() else ""
    assert result.returncode == 0, result.stdout[-6000:] + result.stderr[-2000:]
    counts = {word: int(number) for number, word in re.findall(r"(\d+) (\w+)", summary)}
    assert counts.get("passed", 0) >= MIN_TESTS, summary
    assert set(counts) == {"passed"}, summary  # nothing skipped, failed or in error


def _fork(top: Path) -> Path:
    """A fork's tree: the root mkdocs.yml, content, theme and the demo in examples/, and
    an empty data/ (the generator is the installed one)."""
    top.mkdir()
    shutil.copy(ROOT / "mkdocs.yml", top / "mkdocs.yml")
    for name in ("content", "theme"):
        shutil.copytree(ROOT / name, top / name)
    shutil.copytree(DEMO, top / DEMO.relative_to(ROOT),
                    ignore=shutil.ignore_patterns("site", ".cache"))
    (top / "data").mkdir()
    return top


def _title(site: Path) -> str:
    return re.search(r"<title>(.*?)</title>", (site / "index.html").read_text(encoding="utf-8")).group(1)


def test_showcase_build_in_a_fork_builds_the_city_in_its_data_folder(tmp_path):
    top = _fork(tmp_path / "fork")
    shutil.rmtree(top / "data")
    shutil.copytree(COUNTY_DATA, top / "data")
    result = run_cli("build", cwd=top)
    assert result.returncode == 0, result.stderr
    assert "示例城市" not in result.stderr
    county = yaml.safe_load((COUNTY_DATA / "site.yml").read_text(encoding="utf-8"))
    assert county["programme"]["title"] in _title(top / "site")
    built = {path.name for path in (top / "site" / "points").iterdir() if path.is_dir()}
    assert built == {path.stem for path in (COUNTY_DATA / "points").glob("*.yml")}
    assert not (top / DEMO.relative_to(ROOT) / "site").exists()


def test_showcase_build_in_a_fork_without_a_city_builds_the_demo_and_says_so(tmp_path):
    top = _fork(tmp_path / "fork")
    result = run_cli("build", cwd=top)
    assert result.returncode == 0, result.stderr
    assert msg.USING_DEMO.format(data="data/", config="examples/shenzhen/mkdocs.yml") \
        in result.stderr
    demo = yaml.safe_load((DEMO / "data" / "site.yml").read_text(encoding="utf-8"))
    sites = [path.parent for path in top.rglob("site/index.html")]
    assert len(sites) == 1, sites
    assert demo["programme"]["title"] in _title(sites[0])
    assert sites[0] == top / "site", f"the demo was built into {sites[0].relative_to(top)}"

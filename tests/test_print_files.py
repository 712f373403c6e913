"""The print files in a real build: the plaque cache, and what an editor is told when a
plaque cannot be drawn or the site has no address for its QR codes."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import yaml


def _run(*args, cwd):
    return subprocess.run([sys.executable, "-m", "generator.cli", *args], cwd=cwd,
                          capture_output=True, text=True,
                          env={"PATH": "/usr/bin:/bin", "SOURCE_DATE_EPOCH": "1732320000"})


def _cached(project: Path) -> dict[str, bytes]:
    return {path.name: path.read_bytes()
            for path in (project / ".cache" / "showcase").glob("*/*")}


def test_a_rebuild_reads_plaques_from_the_cache_and_drops_stale_ones(copy_project):
    project = copy_project()
    assert _run("build", cwd=project).returncode == 0
    first = _cached(project)
    awarded = sum(yaml.safe_load(p.read_text(encoding="utf-8"))["status"] == "awarded"
                  for p in (project / "data" / "points").glob("*.yml"))
    assert len(first) == 2 * (awarded + 1)  # SVG and PDF of each plaque and of the sheet

    # Prove the cache is read: a cached PDF changed behind the build's back is served as is.
    site_pdf = project / "site" / "points" / "futian-vr-industry" / "plaque.pdf"
    name = next(n for n, content in first.items() if content == site_pdf.read_bytes())
    marked = next((project / ".cache" / "showcase").glob(f"*/{name}"))
    marked.write_bytes(b"%PDF-1.7 cached copy")
    assert _run("build", cwd=project).returncode == 0
    assert site_pdf.read_bytes() == b"%PDF-1.7 cached copy"

    # A changed name draws that plaque (and the sheet) anew; the old files leave the cache.
    point = project / "data" / "points" / "futian-vr-industry.yml"
    point.write_text(point.read_text(encoding="utf-8").replace(
        "name: 虚拟现实产业交流服务展示点", "name: 虚拟现实产业展示点"), encoding="utf-8")
    assert _run("build", cwd=project).returncode == 0
    after = _cached(project)
    assert len(after) == len(first)
    assert len(set(after) - set(first)) == 4  # the point's SVG and PDF, the sheet's SVG and PDF
    assert name not in after
    assert site_pdf.read_bytes().startswith(b"%PDF-1.")
    assert site_pdf.read_bytes() != b"%PDF-1.7 cached copy"


def test_a_character_the_font_lacks_is_an_editor_error(copy_project):
    project = copy_project()
    assert _run("build", cwd=project).returncode == 0
    index = (project / "site" / "index.html").read_bytes()
    point = project / "data" / "points" / "futian-vr-industry.yml"
    text = point.read_text(encoding="utf-8")
    assert "  name: 深圳市虚拟现实产业促进会\n" in text
    point.write_text(text.replace("  name: 深圳市虚拟现实产业促进会\n",
                                  "  name: 深圳市虚拟现实产业促进会😀\n"), encoding="utf-8")
    line = text.splitlines().index("  name: 深圳市虚拟现实产业促进会") + 1
    result = _run("build", cwd=project)
    assert result.returncode == 1
    assert result.stderr.splitlines() == [
        f"data/points/futian-vr-industry.yml:{line}:9: organisation.name: 字体 Noto Sans CJK SC "
        "中没有“😀”(U+1F600)的字形,铭牌上印不出这个字(请改用常用写法)",
        "1 errors(共 1 个错误;网站未生成,上一次生成的网站保持不变)",
    ]
    assert (project / "site" / "index.html").read_bytes() == index


def test_a_site_without_an_address_is_told_to_set_site_url(copy_project):
    project = copy_project()
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    config.write_text("\n".join(line for line in text.splitlines()
                                if not line.startswith("site_url:")) + "\n", encoding="utf-8")
    result = _run("build", cwd=project)
    assert result.returncode == 1
    assert result.stderr.splitlines()[-2:] == [
        "mkdocs.yml:1:1: site_url: mkdocs.yml 没有写网站地址(铭牌二维码要用网站的完整地址:请填写 "
        "site_url,如 https://example.github.io/showcase-directory/)",
        "1 errors(共 1 个错误;网站未生成,上一次生成的网站保持不变)",
    ]
    assert not (project / "site").exists()

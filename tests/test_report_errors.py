"""The "report an error"（纠错） link of every record page: a new issue in the data's
repository or an email, its title and text written in advance; a target that is
neither an address nor an email is refused."""

from __future__ import annotations

import dataclasses as dc
import datetime as dt
import shutil
from urllib.parse import parse_qs, urlsplit

import yaml

from generator.validate import validate

from .conftest import DEMO, DEMO_DATA, FIXTURES, ROOT, site_url, soup


def _site(folder) -> dict:
    return yaml.safe_load((folder / "data" / "site.yml").read_text(encoding="utf-8"))


def _records(folder) -> list[tuple[str, str, str]]:
    """(page, title, data file) of every point, project and case."""
    out = []
    for kind, key in (("points", "name"), ("projects", "name"), ("cases", "title")):
        for path in sorted((folder / "data" / kind).glob("*.yml")):
            record = yaml.safe_load(path.read_text(encoding="utf-8"))
            out.append((f"{kind}/{path.stem}/", record[key], f"data/{kind}/{path.name}"))
    return out


def _link(site, page: str):
    links = soup(site, page).select("article p.sc-report a")
    assert len(links) == 1, page
    return links[0]


def test_every_record_page_opens_a_prefilled_issue(demo_site):
    target = _site(DEMO)["report_errors"]
    assert target.startswith("https://")
    url = site_url()
    for page, title, file in _records(DEMO):
        link = _link(demo_site, page)
        assert link.get_text() == "纠错" and link["rel"] == ["nofollow"]
        address, _, query = link["href"].partition("?")
        assert address == target
        fields = parse_qs(query, strict_parsing=True)
        assert fields["title"] == [f"纠错：{title}"]
        body = fields["body"][0]
        assert f"页面：{url}{page}\n数据文件：{file}\n" in body
        assert "请不要填写身份证号、手机号等个人信息" in body


def test_with_an_email_the_link_writes_a_mail(fixture_site):
    target = _site(FIXTURES / "city")["report_errors"]
    assert "@" in target and not target.startswith("https://")
    url = site_url(FIXTURES / "city" / "mkdocs.yml")
    for page, title, file in _records(FIXTURES / "city"):
        href = _link(fixture_site, page)["href"]
        parts = urlsplit(href)
        assert (parts.scheme, parts.path) == ("mailto", target)
        fields = parse_qs(parts.query, strict_parsing=True)
        assert fields["subject"] == [f"纠错：{title}"]
        assert fields["body"][0].startswith(f"页面：{url}{page}\n数据文件：{file}\n")
        assert "+" not in parts.query  # spaces as %20: mail apps do not read + as a space


def test_without_a_target_there_is_no_link():
    from generator.model import build_directory
    from generator.gate import read_locale
    from generator.pages import Renderer

    validated, issues = validate(DEMO_DATA, ROOT)
    assert not issues
    directory = build_directory(dc.replace(validated, site=dc.replace(validated.site,
                                                                        report_errors=None)))
    renderer = Renderer(directory, ROOT / "theme" / "pages",
                        read_locale(ROOT / "theme" / "locales", "zh-CN"), site_url(), {},
                        dt.date(2026, 1, 1))
    job = next(job for job in renderer._pages() if job.src_uri.startswith("cases/"))
    assert "sc-report" not in renderer.render(job).html


def test_a_target_that_is_neither_an_address_nor_an_email(tmp_path):
    data = tmp_path / "data"
    shutil.copytree(FIXTURES / "city" / "data", data)
    site = data / "site.yml"
    lines = site.read_text(encoding="utf-8").splitlines()
    number = next(i for i, line in enumerate(lines, 1) if line.startswith("report_errors:"))
    lines[number - 1] = "report_errors: github.com/example/issues"
    site.write_text("\n".join(lines) + "\n", encoding="utf-8")
    _, issues = validate(data, tmp_path)
    assert [str(i) for i in issues] == [
        f"data/site.yml:{number}:16: report_errors: 'github.com/example/issues' 既不是 https:// "
        "开头的网址，也不是邮箱地址（纠错链接要打开一个网址或写一封邮件：请写如 "
        "https://github.com/<机构>/<仓库>/issues/new 或 jiucuo@example.org）"]

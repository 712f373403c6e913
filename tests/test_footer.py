"""A government site's footer (site.yml ``footer:``): each number checked for its form
through ``showcase check``, with exact messages; shown on every page, the 404 page too,
each item linked to the official system; data shown as text; no footer, no empty box."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
import yaml

from .conftest import DEMO_DATA, FIXTURES, awarded_ids, build, copy_city, run_cli, site_url, soup

MIIT = "https://beian.miit.gov.cn/"
MPS = "https://beian.mps.gov.cn/#/query/webSearch?code="
REPORT = "https://zfwzgl.www.gov.cn/exposure/jiucuo.html"


def _city_with_footer(top: Path, footer: str) -> Path:
    """A copy of the small fixture city with *footer* (YAML lines) at the end of its site.yml;
    returns its mkdocs.yml."""
    project = copy_city(top)
    site = project / "data" / "site.yml"
    text = site.read_text(encoding="utf-8")
    assert "footer:" not in text
    site.write_text(text.rstrip("\n") + "\n" + footer, encoding="utf-8")
    return project / "mkdocs.yml"


def _check(config: Path) -> tuple[int, list[str], int]:
    """`showcase check` on a city: exit code, the lines about site.yml, and the line
    where its footer starts."""
    result = run_cli("check", "-f", str(config), cwd=config.parent)
    lines = (config.parent / "data" / "site.yml").read_text(encoding="utf-8").splitlines()
    start = lines.index("footer:") + 1
    return result.returncode, [line for line in result.stderr.splitlines()
                               if line.startswith("data/site.yml:")], start


# ---------------------------------------------------------------------------
# Each format's exact message, with file, line, column and field
# ---------------------------------------------------------------------------


def test_every_number_of_the_footer_is_checked_for_its_form(tmp_path):
    config = _city_with_footer(tmp_path, (
        "footer:\n"                                   # +0
        "  icp: 粤ICP备12345678\n"                    # +1
        "  police: 粤公网安备 44030402000001号\n"      # +2
        "  site_code: '44030000'\n"                   # +3
        "  contact:\n"                                # +4
        "    phone: '12345678901234'\n"               # +5
        "    email: mzj.example.org\n"                # +6
        "    postcode: '51800'\n"))                   # +7
    code, lines, at = _check(config)
    assert code == 1
    assert lines == [
        f"data/site.yml:{at + 1}:8: footer.icp: '粤ICP备12345678' 不是 ICP 备案号的写法（应为省份简称、"
        "ICP备、备案数字、号，网站序号写在最后，不加空格，如 粤ICP备12345678号-1；请照工业和信息化部备案系统 "
        "beian.miit.gov.cn 上本站的备案号抄写）",
        f"data/site.yml:{at + 2}:11: footer.police: '粤公网安备 44030402000001号' 不是公安机关备案号的写法"
        "（应为省份简称、公网安备、14 位数字、号，不加空格，如 粤公网安备44030402000001号；请照全国互联网安全"
        "管理服务平台 beian.mps.gov.cn 上本站的备案号抄写）",
        f"data/site.yml:{at + 3}:14: footer.site_code: '44030000' 不是网站标识码的写法（政府网站标识码为 "
        "10 位：地方网站是 6 位行政区划代码加 4 位数字，如 4403000001；国务院部门网站是 bm 加 8 位数字，如 "
        "bm04000007；请照全国政府网站基本信息数据库中本站的标识码抄写）",
        f"data/site.yml:{at + 5}:12: footer.contact.phone: '12345678901234' 不是有效的电话号码（固定电话"
        "写成“区号-号码”，如 010-12345678，也可写 400/800 号码或短号）",
        f"data/site.yml:{at + 6}:12: footer.contact.email: 'mzj.example.org' 不是有效的邮箱地址"
        "（如 visit@example.org）",
        f"data/site.yml:{at + 7}:15: footer.contact.postcode: '51800' 不是邮政编码（邮政编码是 6 位数字，"
        "如 518000）",
    ]


@pytest.mark.parametrize("field, value, message", [
    ("icp", "港ICP备12345678号", "'港ICP备12345678号' 不是 ICP 备案号的写法"),  # not a mainland province
    ("icp", "粤ICP备12345678号-0", "'粤ICP备12345678号-0' 不是 ICP 备案号的写法"),  # sites count from 1
    ("police", "粤公网安备4403040200001号", "'粤公网安备4403040200001号' 不是公安机关备案号的写法"),  # 13
    ("police", "粤公网安备11010802000001号",
     "'粤公网安备11010802000001号' 的简称“粤”是广东，但编号开头的 11 是北京（编号的前两位是备案地的"
     "省份代码，与简称一致，如 粤 对应 44；请照备案系统上本站的备案号改正）"),
    ("site_code", "9903000001", "'9903000001' 不是网站标识码的写法"),  # 99: no province
    ("site_code", "BM04000007", "'BM04000007' 不是网站标识码的写法"),
])
def test_a_wrong_number_is_named_with_what_is_wrong(tmp_path, field, value, message):
    config = _city_with_footer(tmp_path, f"footer:\n  {field}: '{value}'\n")
    code, lines, at = _check(config)
    assert code == 1
    assert len(lines) == 1
    assert lines[0].startswith(f"data/site.yml:{at + 1}:{len(field) + 5}: footer.{field}: {message}")


def test_the_report_link_needs_the_site_code(tmp_path):
    config = _city_with_footer(tmp_path, "footer:\n  icp: 京ICP备2021034556号\n  report_errors_link: true\n")
    code, lines, at = _check(config)
    assert code == 1
    assert lines == [f"data/site.yml:{at + 2}:23: footer.report_errors_link: “我为政府网站找错”链接要带上本站"
                     "的网站标识码，但 footer 里没有写 site_code（请写上 site_code，或删去 report_errors_link）"]


def test_well_formed_numbers_pass(tmp_path):
    config = _city_with_footer(tmp_path, (
        "footer:\n  icp: 陇ICP备2020003856号\n  police: 甘公网安备62090202000584号\n"
        "  site_code: bm04000007\n  contact: {postcode: '066001', phone: 0755-12345678}\n"))
    result = run_cli("check", "-f", str(config), cwd=config.parent)
    assert result.returncode == 0, result.stderr


# ---------------------------------------------------------------------------
# On every page, linked, and escaped
# ---------------------------------------------------------------------------


def _footer(site: Path, page: str):
    found = soup(site, page).select("footer.md-footer")
    assert len(found) == 1, page
    return found[0]


@pytest.mark.parametrize("page", ["", "points/{point}/", "404.html"])
def test_the_demo_footer_is_on_every_kind_of_page_with_its_links(demo_site, page):
    page = page.format(point=awarded_ids()[0])
    footer = yaml.safe_load((DEMO_DATA / "site.yml").read_text(encoding="utf-8"))["footer"]
    bureau = yaml.safe_load((DEMO_DATA / "site.yml").read_text(encoding="utf-8"))["bureau"]
    element = _footer(demo_site, page)
    links = {a.get_text(" ", strip=True): a["href"] for a in element.select("a")}
    digits = footer["police"][len("粤公网安备"):-1]
    here = site_url() + ("" if page == "404.html" else page)  # the 404 page is at any address
    report = next(href for text, href in links.items() if text == "我为政府网站找错")
    address, _, query = report.partition("?")
    assert address == REPORT
    assert parse_qs(query, strict_parsing=True) == {"site_code": [footer["site_code"]], "url": [here]}
    contact = footer["contact"]
    assert links == {
        bureau: footer["sponsor_url"],  # no sponsor written: the bureau's name
        contact["phone"]: "tel:" + contact["phone"].replace("-", ""),
        contact["email"]: "mailto:" + contact["email"],
        footer["icp"]: MIIT,
        f"公安备案 {footer['police']}": MPS + digits,
        "我为政府网站找错": report,
    }
    text = element.get_text(" ", strip=True)
    assert f"网站标识码：{footer['site_code']}" in text
    assert f"地址：{contact['address']}" in text and f"邮编：{contact['postcode']}" in text
    assert "以上备案号、网站标识码和联系方式是示例，并非真实登记。" in text  # the demo's are fictional
    assert "Material" not in soup(demo_site, page).get_text()  # no "Made with Material for MkDocs"


HOSTILE = "某市民政局 &lt;script&gt;alert(1)&lt;/script&gt; a<2 && b>1 \"引号\" 'x' {{ 7*7 }} {% if %}"


def test_footer_text_is_shown_as_written(tmp_path):
    config = _city_with_footer(tmp_path, yaml.safe_dump({"footer": {
        "sponsor": HOSTILE, "operator": HOSTILE, "sponsor_url": "https://example.org/?a=1&b=\"x\"'",
        "contact": {"address": HOSTILE}, "site_code": "3301000001"}}, allow_unicode=True))
    site = build(config, tmp_path / "site")
    for page in ("", "404.html"):
        element = _footer(site, page)
        assert not element.select("script, b")
        sponsor = element.select_one("a[href^='https://example.org/']")
        assert sponsor.get_text() == HOSTILE
        assert sponsor["href"] == "https://example.org/?a=1&b=\"x\"'"
        spans = [span.get_text() for span in element.select(".sc-footer span")]
        assert f"承办单位：{HOSTILE}" in spans and f"地址：{HOSTILE}" in spans
        assert "49" not in element.get_text()  # no template ran
        report = element.select_one(f"a[href^='{REPORT}']")["href"]
        assert parse_qs(urlsplit(report).query)["site_code"] == ["3301000001"]
    # not a sample city: no sample note
    assert "示例" not in _footer(site, "").get_text()


def test_a_city_without_a_footer_has_no_footer_at_all(fixture_site):
    assert "footer" not in yaml.safe_load(
        (FIXTURES / "city" / "data" / "site.yml").read_text(encoding="utf-8"))
    point = sorted((FIXTURES / "city" / "data" / "points").glob("*.yml"))[0].stem
    for page in ("", f"points/{point}/", "404.html"):
        html = soup(fixture_site, page)
        assert not html.select("footer, .md-footer, .md-copyright, .sc-footer"), page
        assert "Made with" not in html.get_text() and "ICP" not in html.get_text()


def test_a_new_city_gets_the_footer_in_comments(tmp_path):
    """`showcase init` writes every footer field, explained and commented out: nothing is
    shown until the city has its numbers."""
    from generator.newcity import NewCity, site_text

    text = site_text(NewCity("某某县", tmp_path / "data", tmp_path / "mkdocs.yml"), dt.date(2026, 1, 1))
    lines = text.splitlines()
    start = lines.index("# footer:")
    assert lines[start - 1] == (
        "# 政府网站每页底部的网站信息：办好 ICP 备案、公安机关备案，取得网站标识码后，去掉下面有关各行"
        "行首的 #，照备案系统上的写法填写（检查会核对写法）；用不到的项不写。")
    block = lines[start + 1:]
    block = block[:next((i for i, line in enumerate(block) if not line.startswith("  ")), len(block))]
    keys = [found[1] for line in block if (found := re.match(r"\s*# (\w+):", line))]
    assert keys == ["sponsor", "sponsor_url", "operator", "contact", "phone", "email", "address",
                    "postcode", "icp", "police", "site_code", "report_errors_link"]
    assert "footer" not in yaml.safe_load(text)

"""The built demo site, checked with HTML selectors; the build's guarantees."""

from __future__ import annotations

import filecmp
import re
import subprocess
import sys
from urllib.parse import urljoin, urlsplit

import pytest

from generator.validate import validate

from .conftest import DEMO_CONFIG, DEMO_DATA, FIXTURES, ROOT, base_path, build, run_cli, soup


@pytest.fixture(scope="module")
def demo():
    validated, _ = validate(DEMO_DATA, ROOT)
    return validated


def test_every_record_has_its_page(demo_site, demo):
    for name in ("points", "projects", "cases"):
        for record in demo.collections[name]:
            page = soup(demo_site, f"{name}/{record.id}/")
            title = record.title if name == "cases" else record.name
            assert page.select_one("article h1").get_text(strip=True) == title


def test_point_page_answers_what_when_how_where(demo_site, demo):
    point = next(p for p in demo.collections["points"] if p.id == "futian-vr-industry")
    page = soup(demo_site, "points/futian-vr-industry/")
    article = page.select_one("article.sc-point")
    assert article["data-status"] == "awarded"
    assert article.select_one(".sc-badge").get_text(strip=True) == "已授牌"
    assert article.select_one(".sc-summary").get_text(strip=True) == point.summary
    hours = [li.get_text(" ", strip=True) for li in article.select(".sc-hours li")]
    assert hours == ["周二至周五 09:30–12:00、14:00–17:30", "周六 10:00–16:00"]
    tel = article.select_one('.sc-book a[href^="tel:"]')
    assert tel["href"] == f"tel:{point.visit.booking.phone}"
    assert article.select_one('.sc-book a[href^="https:"]')["href"] == point.visit.booking.url
    assert point.location.address in article.select_one(".sc-where-short").get_text()
    # the field and district links lead to their pages
    assert article.select_one('.sc-meta a')["href"] == "../../fields/vr/"


def test_delisted_point_keeps_its_page_with_a_notice(demo_site, demo):
    delisted = [p for p in demo.collections["points"] if p.status == "delisted"]
    assert len(delisted) >= 2
    for point in delisted:
        page = soup(demo_site, f"points/{point.id}/")
        notice = page.select_one(".sc-delisted")
        assert notice is not None
        assert str(point.delisted.date) in notice.get_text()
        assert point.delisted.reason in notice.get_text()
        assert page.select_one(".sc-book") is None, "a delisted point offers no booking"


def test_directory_lists_every_point_grouped_by_district(demo_site, demo):
    page = soup(demo_site, "points/")
    links = {a["href"] for a in page.select(".sc-item__title")}
    assert links == {f"../points/{p.id}/" for p in demo.collections["points"]}
    awarded_districts = {p.location.district for p in demo.collections["points"] if p.status == "awarded"}
    assert {h2["id"] for h2 in page.select("h2[id]")} == awarded_districts | {"delisted"}


def test_field_and_district_pages_count_awarded_points(demo_site, demo):
    awarded = [p for p in demo.collections["points"] if p.status == "awarded"]
    for term in demo.taxonomies["fields"].values():
        page = soup(demo_site, f"fields/{term.id}/")
        expected = sorted(p.id for p in awarded if p.field == term.id)
        got = sorted(a["href"].split("/")[-2] for a in page.select(".sc-points .sc-item__title"))
        assert got == expected, term.id
    for term in demo.taxonomies["districts"].values():
        page = soup(demo_site, f"districts/{term.id}/")
        items = page.select(".sc-points .sc-item__title")
        assert len(items) == sum(p.location.district == term.id for p in awarded), term.id


def test_home_shows_key_figures(demo_site, demo):
    page = soup(demo_site, "")
    figures = {li.get_text(" ", strip=True) for li in page.select(".sc-figures li")}
    awarded = [p for p in demo.collections["points"] if p.status == "awarded"]
    assert f"{len(awarded)} 个在营展示点" in figures
    assert f"{len(demo.collections['projects'])} 个社区品牌项目" in figures


def test_sample_data_is_marked_on_every_page(demo_site):
    for page in ("", "points/", "points/futian-vr-industry/", "about/"):
        assert "示例数据" in soup(demo_site, page).select_one(".sc-sample").get_text()


def test_detail_pages_stay_out_of_the_nav(demo_site):
    page = soup(demo_site, "points/futian-vr-industry/")
    nav_links = page.select("nav.md-nav--primary a.md-nav__link")
    assert 5 < len(nav_links) < 30
    assert not any("futian-vr-industry" in a.get("href", "") for a in nav_links)


def test_field_reference_lists_every_field(demo_site):
    page = soup(demo_site, "editors/fields/")
    paths = {code.get_text() for code in page.select("table.sc-reference td:first-child code")}
    assert {"id", "visit.hours[].open", "visit.booking.url", "delisted.reason"} <= paths


def test_no_internal_link_is_broken(demo_site):
    """Every href and src on the site's own pages resolves to a file of the site."""
    prefix = base_path()  # the 404 page links absolutely, under the base path
    broken = []
    for html in demo_site.rglob("*.html"):
        base = prefix + html.relative_to(demo_site).as_posix()
        for ref in re.findall(r'(?:href|src)="([^"#?]*)', html.read_text(encoding="utf-8")):
            if urlsplit(ref).scheme or ref.startswith("//") or not ref:
                continue
            target = urljoin(base, ref)
            assert target.startswith(prefix), f"{base}: {ref} leaves the site"
            path = demo_site / target[len(prefix):]
            if target.endswith("/"):
                path = path / "index.html"
            if not path.exists():
                broken.append(f"{base} → {ref}")
    assert broken == []


def test_no_outside_asset_is_referenced(demo_site):
    """Nothing loads from another host: no CDN, no web font (links to other sites are fine)."""
    outside = set()
    for html in demo_site.rglob("*.html"):
        page = soup(demo_site, html.relative_to(demo_site).as_posix())
        loads = [tag.get("src") for tag in page.select("script[src], img[src], iframe[src], source[src]")]
        loads += [tag["href"] for tag in page.select("link[href]")
                  if not {"canonical", "alternate", "prev", "next"} & set(tag.get("rel", []))]
        outside |= {url for url in loads if url and (urlsplit(url).netloc or url.startswith("//"))}
        css = re.findall(r"@import|url\((?:'|\")?(?:https?:)?//", html.read_text(encoding="utf-8"))
        assert css == [], html
    assert outside == set()


def test_two_builds_are_byte_identical(demo_site, tmp_path):
    again = build(DEMO_CONFIG, tmp_path / "again")
    comparison = filecmp.dircmp(demo_site, again)

    def differences(cmp, prefix=""):
        out = [prefix + name for name in cmp.diff_files + cmp.left_only + cmp.right_only]
        for name, sub in cmp.subdirs.items():
            out += differences(sub, f"{prefix}{name}/")
        return out

    # filecmp compares contents (shallow=False) only for files whose stat differs
    assert differences(comparison) == []
    for path in demo_site.rglob("*"):
        if path.is_file():
            assert path.read_bytes() == (again / path.relative_to(demo_site)).read_bytes(), path


def test_no_city_string_in_generator_or_theme():
    """A second city changes data/ and mkdocs.yml only."""
    hits = []
    for folder in ("generator", "theme"):
        for path in (ROOT / folder).rglob("*"):
            if path.is_file() and path.suffix in {".py", ".html", ".yml", ".css", ".js"}:
                text = path.read_text(encoding="utf-8")
                hits += [f"{path.relative_to(ROOT)}: {word}" for word in ("深圳", "Shenzhen", "0755")
                         if word in text]
    assert hits == []


def test_second_city_fixture_builds(fixture_site):
    page = soup(fixture_site, "points/beishan-centre/")
    assert page.select_one("article h1").get_text() == "北山街道社会组织服务中心"
    assert soup(fixture_site, "").select_one(".sc-organiser").get_text() == "主管单位：示例市民政局"


def test_a_point_without_coordinates_is_published_without_a_map(fixture_site):
    page = soup(fixture_site, "points/lingyin-centre/")
    assert page.select_one("article h1").get_text() == "灵隐街道社会组织服务中心"
    assert page.select_one(".sc-map") is None and page.select_one(".sc-navigate") is None
    assert soup(fixture_site, "points/beishan-centre/").select_one(".sc-map") is not None
    listed = soup(fixture_site, "map/").select_one('.sc-map-list a[href="../points/lingyin-centre/"]')
    assert "暂无坐标" in listed.parent.get_text()


def test_photos_are_published_with_their_text(fixture_site):
    img = soup(fixture_site, "points/beishan-centre/").select_one("figure img")
    assert img["alt"] == "服务中心展示长廊"
    assert img["src"] == "../../media/beishan-centre/hall.png"
    published = fixture_site / "media" / "beishan-centre" / "hall.png"
    source = FIXTURES / "city" / "data" / "media" / "beishan-centre" / "hall.png"
    assert published.read_bytes() == source.read_bytes()
    assert soup(fixture_site, "").select_one("h1").get_text() == "示例市乡镇（街道）社会组织服务中心"
    assert soup(fixture_site, "").select_one(".sc-sample") is None  # sample_data: false


def test_failed_build_leaves_the_last_good_site(copy_project):
    project = copy_project()
    result = run_cli("build", cwd=project)
    assert result.returncode == 0, result.stderr
    index = project / "site" / "index.html"
    before = index.read_bytes()
    point = project / "data" / "points" / "futian-vr-industry.yml"
    point.write_text(point.read_text(encoding="utf-8").replace("status: awarded", "status: open"),
                     encoding="utf-8")
    result = run_cli("build", cwd=project)
    assert result.returncode == 1
    assert result.stderr.splitlines() == [
        "data/points/futian-vr-industry.yml:12:9: status: 'open' 不是可选值（可选：awarded, delisted）",
        "共 1 个错误，网站未生成，上一次生成的网站保持不变",
    ]
    assert "Traceback" not in result.stderr
    assert index.read_bytes() == before
    assert not (project / ".site.staging").exists()


def test_check_command(copy_project):
    project = copy_project()
    result = run_cli("check", cwd=project)
    assert result.returncode == 0
    assert result.stdout.startswith("数据检查通过：38 个展示点")
    (project / "data" / "cases" / "vr-safety-education.yml").write_text("id: [\n", encoding="utf-8")
    result = run_cli("check", cwd=project)
    assert result.returncode == 1
    assert result.stderr.splitlines()[-1] == "共 1 个错误，网站未生成，上一次生成的网站保持不变"


def test_plain_mkdocs_build_refuses_bad_data_with_the_same_messages(copy_project):
    """`mkdocs build` (the adapter path, as in `mkdocs serve`) stops before touching the site."""
    project = copy_project()
    site = project / "site"
    site.mkdir()
    (site / "keep.txt").write_text("last good site", encoding="utf-8")
    point = project / "data" / "points" / "futian-vr-industry.yml"
    point.write_text(point.read_text(encoding="utf-8").replace("field: vr", "field: VR技术"),
                     encoding="utf-8")
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict"], cwd=project,
                            capture_output=True, text=True)
    assert result.returncode == 1
    assert ("data/points/futian-vr-industry.yml:8:8: field: 'VR技术' 是显示名称（请填写它的 id 'vr'）"
            in result.stderr)
    assert (site / "keep.txt").read_text(encoding="utf-8") == "last good site"

"""Permalinks: the QR code on a plaque leads to the point's visit information, for years.

The lock file keeps every published permalink; renames keep their old address through
aliases; a delisted point's permalink leads to its tombstone. The codes are read back
with a real decoder (zxing-cpp), from the PNG download and from the page in Chromium.
"""

from __future__ import annotations

import io
from pathlib import Path

import pytest
import yaml
import zxingcpp
from PIL import Image

from .conftest import DEMO_CONFIG, DEMO_DATA, FIXTURES, awarded_ids, run_cli, site_url, soup

DEMO_POINTS = sorted((DEMO_DATA / "points").glob("*.yml"))


def _decode(image: Image.Image) -> list[zxingcpp.Barcode]:
    return [code for code in zxingcpp.read_barcodes(image) if code.format == zxingcpp.BarcodeFormat.QRCode]


@pytest.mark.parametrize("config, site_fixture", [
    (DEMO_CONFIG, "demo_site"),
    (FIXTURES / "city" / "mkdocs.yml", "fixture_site"),
])
def test_every_png_code_decodes_to_the_points_permalink(config, site_fixture, request):
    site = request.getfixturevalue(site_fixture)
    url = site_url(config)
    ids = awarded_ids(config.parent / "data" / "points")
    assert ids
    for point_id in ids:
        image = Image.open(site / "points" / point_id / "qr.png")
        codes = _decode(image)
        assert [c.text for c in codes] == [f"{url}v/{point_id}/"], point_id
        assert codes[0].ec_level == "Q"
        # the quiet zone: 4 modules of white on every side (10 px a module)
        pixels = image.convert("L")
        width, height = pixels.size
        border = [pixels.getpixel((x, y)) for x in range(width) for y in range(40)]
        assert min(border) == 255


def test_every_plaque_on_the_page_decodes_in_chromium(browser, demo_url):
    """The code a visitor sees on the point page, rendered by the browser, scans."""
    url = site_url()
    page = browser.new_page(viewport={"width": 1000, "height": 900})
    for point_id in awarded_ids():
        page.goto(f"{demo_url}points/{point_id}/")
        svg = page.locator(".sc-qr svg")
        box = svg.bounding_box()
        assert box["width"] >= 29 * 4  # at least 4 CSS px a module for the smallest code
        image = Image.open(io.BytesIO(svg.screenshot()))
        assert [c.text for c in _decode(image)] == [f"{url}v/{point_id}/"], point_id
        link = page.locator(".sc-qr figcaption a")
        assert link.inner_text() == f"{url}v/{point_id}/"
    page.close()


def test_a_delisted_point_has_no_plaque_to_print(demo_site):
    delisted = sorted(set(p.stem for p in DEMO_POINTS) - set(awarded_ids()))
    assert delisted
    for point_id in delisted:
        assert not (demo_site / "points" / point_id / "plaque.pdf").exists()
        assert soup(demo_site, f"points/{point_id}/").select(".sc-qr") == []
        assert (demo_site / "v" / point_id / "index.html").is_file()  # its old plaque still works


def test_permalink_leads_to_visit_information(browser, demo_url):
    page = browser.new_page()
    page.goto(demo_url + "v/futian-vr-industry/")
    page.wait_for_url("**/points/futian-vr-industry/#visit")
    assert page.locator("#visit h2").inner_text() == "开放与预约"
    # a former id (the point was renamed) still leads to the same page
    page.goto(demo_url + "v/futian-vr-base/")
    page.wait_for_url("**/points/futian-vr-industry/#visit")
    # a delisted point's plaque leads to its tombstone, not to a 404
    delisted = next(p.stem for p in DEMO_POINTS
                    if yaml.safe_load(p.read_text(encoding="utf-8"))["status"] == "delisted")
    page.goto(f"{demo_url}v/{delisted}/")
    page.wait_for_url(f"**/points/{delisted}/")
    assert page.locator(".sc-delisted .admonition-title").inner_text() == "该展示点已摘牌"
    page.close()


def test_permalink_page_works_without_javascript(demo_site):
    page = soup(demo_site, "v/futian-vr-base/")
    refresh = page.find("meta", attrs={"http-equiv": "refresh"})
    assert refresh["content"] == "0; url=../../points/futian-vr-industry/#visit"
    assert page.find("link", rel="canonical")["href"] == \
        site_url() + "points/futian-vr-industry/"
    assert page.find("meta", attrs={"name": "robots"})["content"] == "noindex"


def test_the_lock_lists_exactly_the_demo_permalinks():
    lock = (DEMO_DATA / "permalinks.lock").read_text(encoding="utf-8").splitlines()
    entries = [line for line in lock if line and not line.startswith("#")]
    expected = set()
    for path in DEMO_POINTS:
        record = yaml.safe_load(path.read_text(encoding="utf-8"))
        expected.update(f"v/{slug}/" for slug in [record["id"], *record.get("aliases", [])])
    assert sorted(entries) == sorted(expected)


def _add_point(project: Path, new_id: str) -> None:
    source = (project / "data" / "points" / "futian-vr-industry.yml").read_text(encoding="utf-8")
    text = source.replace("id: futian-vr-industry", f"id: {new_id}").replace(
        "aliases: [futian-vr-base]", "").replace("华强北路1688号", "华强北路1690号")
    (project / "data" / "points" / f"{new_id}.yml").write_text(text, encoding="utf-8")


def test_a_local_build_records_new_permalinks_in_the_lock(copy_project):
    project = copy_project()
    _add_point(project, "futian-vr-second")
    lock = project / "data" / "permalinks.lock"
    before = lock.read_text(encoding="utf-8")
    result = run_cli("build", cwd=project)
    assert result.returncode == 0, result.stderr
    assert "已把 1 个新的永久链接记入 data/permalinks.lock（请把该文件一并提交）" in result.stderr
    assert lock.read_text(encoding="utf-8") == before + "v/futian-vr-second/\n"
    assert (project / "site" / "v" / "futian-vr-second" / "index.html").is_file()


def test_in_ci_a_permalink_missing_from_the_lock_fails_the_build(copy_project):
    project = copy_project()
    _add_point(project, "futian-vr-second")
    lock = project / "data" / "permalinks.lock"
    lines = len(lock.read_text(encoding="utf-8").splitlines())
    result = run_cli("check", cwd=project, ci=True)
    assert result.returncode == 1
    assert result.stderr.splitlines() == [
        f"data/permalinks.lock:{lines + 1}:1: 新的永久链接 v/futian-vr-second/ 还没有记入 "
        "data/permalinks.lock（在本地运行 make build 或 showcase build 会自动写入，再把该文件一并"
        "提交；也可以手工在文件末尾加一行 v/futian-vr-second/）",
        "共 1 个错误，网站未生成，上一次生成的网站保持不变",
    ]


def test_a_published_permalink_may_not_disappear(copy_project):
    project = copy_project()
    result = run_cli("build", cwd=project)
    assert result.returncode == 0, result.stderr
    index = (project / "site" / "index.html").read_bytes()
    (project / "data" / "points" / "futian-vr-industry.yml").unlink()
    for case in (project / "data").rglob("*.yml"):  # nothing else may refer to it
        text = case.read_text(encoding="utf-8")
        if "futian-vr-industry" in text and case.parent.name != "points":
            case.write_text(text.replace("futian-vr-industry", "futian-charity-foundation-hub"),
                            encoding="utf-8")
    result = run_cli("build", cwd=project)
    assert result.returncode == 1
    lock = (project / "data" / "permalinks.lock").read_text(encoding="utf-8").splitlines()
    lines = {link: n for n, link in enumerate(lock, start=1)}
    expected = sorted((lines[f"v/{slug}/"], (
        f"data/permalinks.lock:{lines[f'v/{slug}/']}:1: 永久链接 /v/{slug}/ 已经发布（印在铭牌二维码上），"
        f"但已没有展示点使用编号 '{slug}'（请恢复该展示点的记录，停止展示时把 status 改为 delisted 而不要"
        f"删除文件；如果改了 id，请在新记录的 aliases 中写上 '{slug}'。新城市的登记文件从空白开始："
        f"这一行若是从别的城市带来的，请删去它）"))
        for slug in ("futian-vr-industry", "futian-vr-base"))
    assert result.stderr.splitlines() == [text for _, text in expected] + [
        "共 2 个错误，网站未生成，上一次生成的网站保持不变"]
    assert (project / "site" / "index.html").read_bytes() == index


def test_another_citys_lock_is_one_message_that_says_a_new_city_starts_empty(copy_project):
    """A fork that removed the demo's records but kept its lock: one message, not one a line
    telling the editor to restore the demo's points; and what it says to do works."""
    project = copy_project()
    for collection in ("points", "projects", "cases", "years"):
        for record in (project / "data" / collection).glob("*.yml"):
            record.unlink()
    lock = project / "data" / "permalinks.lock"
    lines = lock.read_text(encoding="utf-8").splitlines()
    published = [(n, line) for n, line in enumerate(lines, start=1) if not line.startswith("#")]
    assert len(published) > 30
    result = run_cli("check", cwd=project)
    assert result.returncode == 1
    first_line, first = published[0]
    assert result.stderr.splitlines() == [
        f"data/permalinks.lock:{first_line}:1: {len(published)} 个已经发布的永久链接（第一个是 /{first}）"
        "已没有展示点使用。新城市：这个登记文件是从别的城市（如示例城市）带来的，新城市应从空白的登记文件"
        "开始（用 showcase init 新建城市，或删去 data/permalinks.lock 中不以 # 开头的所有行）。"
        "已发布过的城市：这些链接印在铭牌二维码上，请恢复这些展示点的记录（停止展示时把 status 改为 "
        "delisted 而不要删除文件；改了 id 的，在新记录的 aliases 中写上旧 id）",
        "共 1 个错误，网站未生成，上一次生成的网站保持不变"]
    lock.write_text("".join(f"{line}\n" for line in lines if line.startswith("#")), encoding="utf-8")
    assert run_cli("check", cwd=project).returncode == 0


def test_a_rename_with_its_alias_keeps_the_old_permalink(copy_project):
    project = copy_project()
    old = project / "data" / "points" / "futian-vr-industry.yml"
    text = old.read_text(encoding="utf-8").replace("id: futian-vr-industry", "id: futian-vr-hub") \
        .replace("aliases: [futian-vr-base]", "aliases: [futian-vr-base, futian-vr-industry]")
    old.unlink()
    (project / "data" / "points" / "futian-vr-hub.yml").write_text(text, encoding="utf-8")
    for record in (project / "data").rglob("*.yml"):
        body = record.read_text(encoding="utf-8")
        if record.parent.name != "points" and "futian-vr-industry" in body:
            record.write_text(body.replace("futian-vr-industry", "futian-vr-hub"), encoding="utf-8")
    result = run_cli("build", cwd=project)
    assert result.returncode == 0, result.stderr
    page = soup(project / "site", "v/futian-vr-industry/")
    assert page.find("meta", attrs={"http-equiv": "refresh"})["content"] == \
        "0; url=../../points/futian-vr-hub/#visit"


def test_check_says_what_a_build_will_lock_and_writes_nothing(copy_project):
    project = copy_project()
    _add_point(project, "futian-vr-second")
    lock = project / "data" / "permalinks.lock"
    before = lock.read_text(encoding="utf-8")
    result = run_cli("check", cwd=project)
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[-1] == "1 个新的永久链接将在生成网站时记入 data/permalinks.lock"
    assert lock.read_text(encoding="utf-8") == before

"""The print files in a real build: the plaque cache, and what an editor is told when a
plaque cannot be drawn or the site has no address for its QR codes."""

from __future__ import annotations

import contextlib
import sqlite3
import subprocess
from pathlib import Path

import pytest

from .conftest import awarded_ids, run_cli, site_url


def _cache(project: Path) -> sqlite3.Connection:
    return sqlite3.connect(project / ".cache" / "showcase" / "plaques.sqlite")


def _cached(project: Path) -> dict[str, bytes]:
    with contextlib.closing(_cache(project)) as db:
        return dict(db.execute("SELECT name, content FROM entry"))


def test_a_rebuild_reads_plaques_from_the_cache_and_drops_stale_ones(copy_project):
    project = copy_project()
    assert run_cli("build", cwd=project).returncode == 0
    first = _cached(project)
    awarded = len(awarded_ids(project / "data" / "points"))
    assert len(first) == 2 * (awarded + 1)  # SVG and PDF of each plaque and of the sheet

    # Prove the cache is read: a cached PDF changed behind the build's back is served as is.
    site_pdf = project / "site" / "points" / "futian-vr-industry" / "plaque.pdf"
    name = next(n for n, content in first.items() if content == site_pdf.read_bytes())
    with contextlib.closing(_cache(project)) as db, db:
        db.execute("UPDATE entry SET content = ? WHERE name = ?", (b"%PDF-1.7 cached copy", name))
    assert run_cli("build", cwd=project).returncode == 0
    assert site_pdf.read_bytes() == b"%PDF-1.7 cached copy"

    # A changed name draws that plaque (and the sheet) anew; the old files leave the cache.
    point = project / "data" / "points" / "futian-vr-industry.yml"
    point.write_text(point.read_text(encoding="utf-8").replace(
        "name: 虚拟现实产业交流服务展示点", "name: 虚拟现实产业展示点"), encoding="utf-8")
    assert run_cli("build", cwd=project).returncode == 0
    after = _cached(project)
    assert len(after) == len(first)
    assert len(set(after) - set(first)) == 4  # the point's SVG and PDF, the sheet's SVG and PDF
    assert name not in after
    assert site_pdf.read_bytes().startswith(b"%PDF-1.")
    assert site_pdf.read_bytes() != b"%PDF-1.7 cached copy"


def test_a_character_the_font_lacks_is_an_editor_error(copy_project):
    project = copy_project()
    assert run_cli("build", cwd=project).returncode == 0
    index = (project / "site" / "index.html").read_bytes()
    point = project / "data" / "points" / "futian-vr-industry.yml"
    text = point.read_text(encoding="utf-8")
    assert "  name: 深圳市虚拟现实产业促进会\n" in text
    point.write_text(text.replace("  name: 深圳市虚拟现实产业促进会\n",
                                  "  name: 深圳市虚拟现实产业促进会😀\n"), encoding="utf-8")
    line = text.splitlines().index("  name: 深圳市虚拟现实产业促进会") + 1
    result = run_cli("build", cwd=project)
    assert result.returncode == 1
    assert result.stderr.splitlines() == [
        f"data/points/futian-vr-industry.yml:{line}:9: organisation.name: 字体 Noto Sans CJK SC "
        "中没有“😀”（U+1F600）的字形，铭牌上印不出这个字（请改用常用写法）",
        "共 1 个错误，网站未生成，上一次生成的网站保持不变",
    ]
    assert (project / "site" / "index.html").read_bytes() == index


def test_a_site_without_an_address_is_told_to_set_site_url(copy_project):
    project = copy_project()
    for config in (project / "mkdocs.yml", project.parents[1] / "mkdocs.yml"):  # and its parent
        text = config.read_text(encoding="utf-8")
        config.write_text("\n".join(line for line in text.splitlines()
                                    if not line.startswith("site_url:")) + "\n", encoding="utf-8")
    result = run_cli("build", cwd=project)
    assert result.returncode == 1
    assert result.stderr.splitlines()[-2:] == [
        "mkdocs.yml:1:1: site_url: mkdocs.yml 没有写网站地址（铭牌二维码要用网站的完整地址：请填写 "
        "site_url，如 https://zsd.example.cn/）",
        "共 1 个错误，网站未生成，上一次生成的网站保持不变",
    ]
    assert not (project / "site").exists()


def _set_site_url(project, url: str) -> int:
    """Write *url* as the project's site_url; the number of its line in mkdocs.yml."""
    config = project / "mkdocs.yml"
    lines = config.read_text(encoding="utf-8").splitlines()
    number = next(i for i, line in enumerate(lines, 1) if line.startswith("site_url:"))
    lines[number - 1] = f"site_url: {url}"
    config.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return number


@pytest.mark.parametrize("written, expected", [
    ("https://zsd.example.cn/showcase-directory",
     "site_url: 网站地址 https://zsd.example.cn/showcase-directory 末尾缺少 /（请写成 "
     "https://zsd.example.cn/showcase-directory/：地址是网站所在的文件夹，二维码、订阅源和站点地图里的"
     "链接都接在它后面）"),
    ("http://showcase.example.org/",
     "site_url: 网站地址 http://showcase.example.org/ 用的是 http://（请改用 "
     "https://showcase.example.org/：GitHub Pages 为自定义域名提供 HTTPS；印在铭牌上的 http 地址会被"
     "微信和浏览器提示“不安全”，且印出后无法再改）"),
])
def test_a_site_address_that_would_be_printed_wrong_is_refused(copy_project, written, expected):
    project = copy_project()
    number = _set_site_url(project, written)
    result = run_cli("build", cwd=project)
    assert result.returncode == 1
    assert result.stderr.splitlines()[-2:] == [
        f"mkdocs.yml:{number}:11: {expected}",
        "共 1 个错误，网站未生成，上一次生成的网站保持不变"]
    assert not (project / "site").exists()


def test_a_local_preview_address_may_be_http_and_an_address_needs_its_scheme():
    from generator.gate import public_url_issues
    from generator.issues import Issue

    place = Issue("mkdocs.yml", 4, 11, "site_url", "")
    assert public_url_issues("http://127.0.0.1:8000/", place) == []
    assert public_url_issues("http://localhost:8000/", place) == []
    assert [str(i) for i in public_url_issues("example.org/", place)] == [
        "mkdocs.yml:4:11: site_url: 网站地址 example.org/ 不是以 https:// 开头的完整网址（请写成如 "
        "https://zsd.example.cn/）"]


PROOF = "样稿（校样，不可印制）"
GITHUB_IO = "https://example.github.io/showcase-directory/"


def test_a_github_io_site_is_published_with_every_print_file_a_proof(copy_project, tmp_path):
    """The site builds and publishes; every plaque, the sheet and each code's PNG say 样稿,
    and still scan; the check warns, on an editor's machine and in CI alike."""
    from PIL import Image

    project = copy_project()
    number = _set_site_url(project, GITHUB_IO)
    warning = (
        f"mkdocs.yml:{number}:11: site_url: 提醒：网站地址 {GITHUB_IO} 是 GitHub 的 github.io 地址，"
        "铭牌、卡片和二维码图片都标为“样稿（校样，不可印制）”，不要拿去印制。印在铭牌上的二维码要用主管单位"
        "自己的域名：域名经过 ICP 备案，在中国大陆能稳定打开（github.io 在大陆常常很慢或打不开）；以后换托管"
        "服务、加大陆镜像，都只需改域名解析，挂在门口的铭牌不用重印（请为网站设置自己的域名，写进 mkdocs.yml "
        "的 site_url，如 https://zsd.example.cn/；做法见编辑指南“网站的域名”）")
    for ci in (False, True):
        check = run_cli("check", cwd=project, ci=ci)
        assert check.returncode == 0, check.stderr
        assert warning in check.stderr.splitlines()

    assert run_cli("build", cwd=project).returncode == 0
    site = project / "site"
    url = f"{GITHUB_IO}v/futian-vr-industry/"
    plaque = site / "points" / "futian-vr-industry" / "plaque.pdf"
    assert _decode_all(_pdf_page(plaque, 1, tmp_path)) == [url]
    text = subprocess.run(["pdftotext", str(plaque), "-"], capture_output=True, text=True,
                          check=True).stdout
    assert set(PROOF) <= set(text)  # the mark's glyphs are in the embedded font, as text
    svg = (site / "points" / "futian-vr-industry" / "plaque.svg").read_text(encoding="utf-8")
    assert f"<title>{PROOF} " in svg and "<polygon " in svg
    sheet = site / "plaques" / "plaques.pdf"
    assert len(_decode_all(_pdf_page(sheet, 1, tmp_path))) == 6
    sheet_text = subprocess.run(["pdftotext", "-f", "1", "-l", "1", str(sheet), "-"],
                                capture_output=True, text=True, check=True).stdout
    assert PROOF in sheet_text  # the page's top margin, level
    with Image.open(site / "points" / "futian-vr-industry" / "qr.png") as png:
        assert png.height > png.width * 1.2  # the code between two bands
        assert _decode_all(png.convert("RGB")) == [url]
    assert not (site / "CNAME").exists()


def test_the_demo_has_a_domain_of_its_own_and_print_ready_plaques(demo_site):
    from PIL import Image

    from generator.gate import is_proof_address

    assert not is_proof_address(site_url())
    text = subprocess.run(["pdftotext", str(demo_site / "plaques" / "plaques.pdf"), "-"],
                          capture_output=True, text=True, check=True).stdout
    assert "样稿" not in text
    svg = (demo_site / "points" / "futian-vr-industry" / "plaque.svg").read_text(encoding="utf-8")
    assert "样稿" not in svg and "<polygon " not in svg
    with Image.open(demo_site / "points" / "futian-vr-industry" / "qr.png") as png:
        assert png.mode == "1" and png.width == png.height
    assert not (demo_site / "CNAME").exists()  # under a sub-path: the domain is its host's


def test_a_site_at_the_root_of_its_own_domain_gets_a_cname_file(custom_domain_site):
    """For a fork that publishes from a branch (mkdocs gh-deploy): GitHub Pages keeps the
    custom domain only with this file; Actions deployments ignore it."""
    assert (custom_domain_site / "CNAME").read_text(encoding="utf-8") == "showcase.example.org\n"


def test_a_fresh_forks_init_says_its_plaques_are_proofs_until_it_has_a_domain(tmp_path):
    import shutil

    from .conftest import ROOT

    for site_url, proof in ((None, True), ("https://zsd.example.cn/", False)):
        fork = tmp_path / ("placeholder" if proof else "own-domain")
        (fork / "data").mkdir(parents=True)
        shutil.copy(ROOT / "mkdocs.yml", fork / "mkdocs.yml")
        result = run_cli("init", "某某县", *(("--site-url", site_url) if site_url else ()),
                         cwd=fork)
        assert result.returncode == 0, result.stderr
        said = result.stdout.splitlines()
        assert said[0].startswith("已为某某县新建数据文件夹 data（写入 ")
        assert said[1:] == ([
            f"网站地址还是 {GITHUB_IO}（github.io 的地址）：在 mkdocs.yml 的 site_url 换成主管单位"
            "自己的域名之前，铭牌和二维码都标为“样稿（校样，不可印制）”，只能校对，不能印制；做法见编辑指南"
            "“网站的域名”。"] if proof else [])


@pytest.mark.parametrize("url, proof", [
    ("https://example.github.io/showcase-directory/", True),
    ("https://EXAMPLE.GitHub.IO/", True),
    ("https://github.io/", True),
    ("https://zsd.example.cn/showcase-directory/", False),
    ("https://github.io.example.cn/", False),
    ("https://notgithub.io/", False),
    ("http://127.0.0.1:8000/", False),
])
def test_which_addresses_make_proofs(url, proof):
    from generator.gate import is_proof_address

    assert is_proof_address(url) is proof


def _decode_all(image) -> list[str]:
    import zxingcpp

    return sorted(code.text for code in zxingcpp.read_barcodes(image)
                  if code.format == zxingcpp.BarcodeFormat.QRCode)


def _pdf_page(pdf: Path, page: int, tmp_path: Path):
    """One page of a PDF as poppler renders it for print preview (150 dpi)."""
    from PIL import Image

    prefix = tmp_path / f"{pdf.stem}-{page}"
    subprocess.run(["pdftoppm", "-r", "150", "-png", "-f", str(page), "-l", str(page),
                    "-singlefile", str(pdf), str(prefix)], check=True)
    return Image.open(f"{prefix}.png")


def test_the_demo_plaque_pdfs_scan_to_their_permalinks(demo_site, tmp_path):
    url = site_url()
    plaque = demo_site / "points" / "futian-vr-industry" / "plaque.pdf"
    assert _decode_all(_pdf_page(plaque, 1, tmp_path)) == [f"{url}v/futian-vr-industry/"]
    fonts = subprocess.run(["pdffonts", str(plaque)], capture_output=True, text=True,
                           check=True).stdout.splitlines()[2:]
    assert fonts and all(" yes " in line for line in fonts)  # every font embedded
    text = subprocess.run(["pdftotext", str(plaque), "-"], capture_output=True, text=True,
                          check=True).stdout
    joined = text.replace("\n", "")  # a long name is set on two lines
    assert "虚拟现实产业交流服务展示点" in joined and "深圳市社会组织交流服务展示点" in joined
    # the sheet's first page: one card per awarded point, in the order of the directory
    sheet = demo_site / "plaques" / "plaques.pdf"
    first_page = _decode_all(_pdf_page(sheet, 1, tmp_path))
    assert len(first_page) == 6
    assert all(text.startswith(f"{url}v/") for text in first_page)


def test_the_sheet_holds_every_awarded_point(demo_site):
    awarded = awarded_ids()
    text = subprocess.run(["pdftotext", str(demo_site / "plaques" / "plaques.pdf"), "-"],
                          capture_output=True, text=True, check=True).stdout
    printed = sorted(line.rsplit("/v/", 1)[1].strip("/") for line in text.splitlines()
                     if "/v/" in line)
    assert printed == awarded


def test_the_plaque_svg_scans_in_chromium(browser, demo_url):
    """The SVG as a browser (or a sign maker's viewer) draws it, not as we think we drew it."""
    import io

    from PIL import Image

    page = browser.new_page(viewport={"width": 1200, "height": 900})
    svg = demo_url + "points/futian-vr-industry/plaque.svg"
    page.set_content(f'<img src="{svg}" style="width: 1134px">')  # 300 mm at 96 dpi
    image = page.locator("img")
    image.evaluate("img => img.decode()")
    picture = Image.open(io.BytesIO(image.screenshot()))
    assert _decode_all(picture) == [f"{site_url()}v/futian-vr-industry/"]
    page.goto(svg)
    assert page.locator("svg title").first.text_content().startswith("深圳市社会组织交流服务展示点")
    page.close()

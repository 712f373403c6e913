"""The data's words in the theme's parts of a page: the header, <title> and meta tags.

mkdocs renders Material's templates with autoescape off, and Material prints a page's
title and description there as they are. These are read back with an HTML parser,
as a browser reads them: each holds exactly the text the editor wrote.
"""

import pytest

from .conftest import build, copy_city, soup

# Each passes validation (no tag starts, nothing looks like a link) and would become
# markup if printed as it is: an entity is decoded, a quote ends the attribute.
NAME = '北山中心 & "服务站" &lt;img src=x onerror=alert(1)&gt;'
SUMMARY = '简介" autofocus onfocus="alert(2)" x="'


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    project = copy_city(tmp_path_factory.mktemp("theme-text"))
    point = project / "data" / "points" / "beishan-centre.yml"
    text = point.read_text(encoding="utf-8")
    text = text.replace("name: 北山街道社会组织服务中心", f"name: '{NAME}'")
    text = text.replace("summary: 街道社会组织孵化培育和交流展示中心。", f"summary: '{SUMMARY}'")
    point.write_text(text, encoding="utf-8")
    return build(project / "mkdocs.yml", project / "site")


def test_a_records_name_and_summary_are_text_in_the_theme(site):
    page = soup(site, "points/beishan-centre/")
    assert page.find("title").get_text() == f"{NAME} - 示例市乡镇（街道）社会组织服务中心"  # site.yml's programme
    header = page.select_one(".md-header__topic[data-md-component=header-topic] .md-ellipsis")
    assert header.get_text(strip=True) == NAME
    assert page.select_one("h1").get_text(strip=True) == NAME
    assert page.find("meta", attrs={"name": "description"})["content"] == SUMMARY
    assert page.find("meta", property="og:description")["content"] == SUMMARY
    assert page.find("meta", property="og:title")["content"] == NAME
    for element in page.find_all(True):
        assert not any(name.startswith("on") or name == "autofocus" for name in element.attrs), \
            element



# The programme's word for a record: short (at most 12 characters), no tag, but an entity
# and what Markdown reads as emphasis
WORD = "A&amp;B*中心*"


def test_the_programmes_word_in_a_nav_title_is_text(tmp_path):
    """mkdocs.yml's nav titles write the word as a token; the theme prints titles as they are."""
    project = copy_city(tmp_path)
    site_yml = project / "data" / "site.yml"
    site_yml.write_text(site_yml.read_text(encoding="utf-8").replace(
        "short_title: 服务中心", f"short_title: '{WORD}'"), encoding="utf-8")
    config = project / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace(
        "  - 名录: points/index.md", '  - "{展示点}名录": points/index.md'), encoding="utf-8")
    visiting = project / "content" / "visiting.md"
    visiting.write_text("# 参观{展示点}\n\n请先预约{展示点}。\n", encoding="utf-8")
    site = build(config, project / "site")
    guide = soup(site, "visiting/")
    assert guide.select_one("article h1").get_text(strip=True).startswith(f"参观{WORD}")
    assert guide.select_one("article p").get_text() == f"请先预约{WORD}。"
    page = soup(site, "points/")
    titles = [a.get_text(" ", strip=True) for a in page.select(".md-nav--primary a.md-nav__link")]
    assert f"{WORD}名录" in titles
    assert page.find("title").get_text().startswith(f"{WORD}名录")
    not_found = soup(site, "404.html")  # printed by the theme's template, autoescape off
    assert f"{WORD}名录" in [a.get_text() for a in not_found.select(".sc-not-found a")]


def test_the_home_pages_title_is_the_programmes_once(site):
    home = soup(site, "")
    assert home.find("title").get_text() == "示例市乡镇（街道）社会组织服务中心"  # site.yml's programme
    assert len(home.find_all("title")) == 1

"""The programme's words are configuration: a city that calls its records 服务中心，
awarded by 挂牌 and withdrawn by 撤牌, in counties (县) and towns (乡镇), gets those words
on every page and in every file, and none of the Shenzhen programme's.

The fixture city is copied, its own text rewritten into a county's words, and built;
then every file of the built site is read (HTML as text, JSON by its strings, feeds,
calendars, CSV, SVG, the JSON Schemas) and none may hold a demo word or a token left
unreplaced. The replacement itself is checked on its own: only the five tokens, never
a ``{name}`` placeholder, never the data's text.
"""

from __future__ import annotations

import csv
import io
import json
import re
import shutil
from pathlib import Path

import pytest
import yaml

from generator import messages as msg
from generator.validate import validate
from generator.vocabulary import DEFAULT, Vocabulary, marked

from .conftest import build, copy_city, soup
from .searching import SiteIndex

COUNTY = Vocabulary("服务中心", "挂牌", "撤牌", "县", "乡镇")
DEMO_WORDS = ("展示点", "授牌", "摘牌", "所在区", "街道")
TOKENS = ("{展示点}", "{授牌}", "{摘牌}", "{区}", "{街道}", "{预约参观}")
# A record's own text that writes a token: shown as written, never replaced.
LITERAL = "简介里照原样写着{展示点}二字"
# The city's own text in the county's words (its data was written for a 街道 programme).
OWN_WORDS = {"展示点": "服务中心", "授牌": "挂牌", "摘牌": "撤牌", "所在区": "所在县", "街道": "镇"}
DEFAULT_VALUE = re.compile(r"默认值：<code>[^<]*</code>")
BINARY = {".png", ".jpg", ".jpeg", ".pdf", ".woff", ".woff2", ".ttf", ".ico", ".gz", ".zip"}


def _rewrite(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    for old, new in OWN_WORDS.items():
        text = text.replace(old, new)
    path.write_text(text, encoding="utf-8")


@pytest.fixture(scope="module")
def county(tmp_path_factory) -> Path:
    """The fixture city as a county's service centres, built once: its project folder."""
    project = copy_city(tmp_path_factory.mktemp("vocabulary"))
    data = project / "data"
    for path in [*data.rglob("*.yml"), data / "permalinks.lock", *(project / "content").rglob("*.md")]:
        _rewrite(path)
    site = yaml.safe_load((data / "site.yml").read_text(encoding="utf-8"))
    site["programme"].update(short_title="服务中心", award="挂牌", delisting="撤牌")
    site["levels"] = {"district": "县", "street": "乡镇"}
    (data / "site.yml").write_text(yaml.safe_dump(site, allow_unicode=True, sort_keys=False),
                                   encoding="utf-8")
    point = data / "points" / "lingyin-centre.yml"
    record = yaml.safe_load(point.read_text(encoding="utf-8"))
    record["summary"] = LITERAL
    point.write_text(yaml.safe_dump(record, allow_unicode=True, sort_keys=False), encoding="utf-8")
    # a hand-written page and a nav title in tokens
    (project / "content" / "about.md").write_text(
        "# 关于{展示点}\n\n已{授牌}的{展示点}按所在{区}、{街道}排列；{摘牌}的仍保留页面。\n",
        encoding="utf-8")
    config = project / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace(
        "  - 名录: points/index.md\n",
        "  - \"{展示点}名录\": points/index.md\n  - \"关于{展示点}\": about.md\n"), encoding="utf-8")
    build(config, project / "site")
    return project


def _texts(path: Path) -> list[str]:
    """What a built file says: a JSON file's strings (keys too), or the whole text."""
    text = path.read_text(encoding="utf-8-sig")
    if path.suffix in (".json", ".geojson"):
        found: list[str] = []

        def walk(value):
            if isinstance(value, str):
                found.append(value)
            elif isinstance(value, dict):
                for key, item in value.items():
                    found.append(key)
                    if key != "default":  # a JSON Schema's default is the word as it is
                        walk(item)
            elif isinstance(value, list):
                for item in value:
                    walk(item)
        walk(json.loads(text))
        return found
    return [text]


def test_no_file_of_the_built_site_holds_a_demo_word_or_a_token(county):
    site = county / "site"
    leaks = []
    checked = 0
    for path in sorted(site.rglob("*")):
        if not path.is_file() or path.suffix.lower() in BINARY:
            continue
        if "assets" in path.relative_to(site).parts[:1]:  # the theme's vendored scripts
            continue
        checked += 1
        for text in _texts(path):
            # the field reference names the defaults of the words themselves
            # (programme.award: 授牌 ...)
            text = DEFAULT_VALUE.sub("", text).replace(LITERAL, "")
            for word in DEMO_WORDS + TOKENS:
                if word in text:
                    at = text.index(word)
                    leaks.append(f"{path.relative_to(site)}: {word!r} in …{text[max(0, at - 30):at + 30]}…")
    assert checked > 50
    assert not leaks, "\n".join(leaks)


def test_pages_nav_and_charts_use_the_county_words(county):
    site = county / "site"
    points = soup(site, "points/")
    assert points.select_one("article h1").get_text(strip=True) == "服务中心名录"
    tabs = [a.get_text(strip=True) for a in points.select("nav a")]
    assert "服务中心名录" in tabs and "关于服务中心" in tabs
    page = soup(site, "points/river-centre/")
    assert "已撤牌" in page.select_one(".sc-badge").get_text()
    assert "该服务中心已撤牌" in page.get_text()
    about = soup(site, "about/")
    assert about.select_one("article h1").get_text(strip=True) == "关于服务中心"
    assert "已挂牌的服务中心按所在县、乡镇排列" in about.get_text()
    home = soup(site, "")
    assert "个在营服务中心" in home.get_text()
    districts = soup(site, "districts/")
    assert districts.select_one("article h1").get_text(strip=True) == "所在县"


def test_a_record_text_that_writes_a_token_shows_it_as_written(county):
    page = soup(county / "site", "points/lingyin-centre/")
    assert LITERAL in page.get_text()
    # the search result's card, and the tokens of what is written, not of the county's word
    index = SiteIndex(county / "site")
    card = next(card for card in index.cards if card[0] == "points/lingyin-centre/")
    assert card[6] == LITERAL  # its summary line
    assert index.finds("points/lingyin-centre/", "写着{展示点}二字")


def test_open_data_headings_and_dictionary_use_the_county_words(county):
    site = county / "site"
    text = (site / "open-data" / "points.csv").read_text(encoding="utf-8-sig")
    headings = next(csv.reader(io.StringIO(text)))
    assert {"挂牌年度（award_year）", "县编号（district）", "所在县（district_name）",
            "乡镇（street）", "撤牌日期（delisted_on）"} <= set(headings)
    dictionary = soup(site, "open-data/").get_text()
    assert "所在县，取自 taxonomies/districts.yml 的 id" in dictionary


def test_json_schemas_and_field_reference_use_the_county_words(county):
    site = county / "site"
    schema = json.loads((site / "schemas" / "points.schema.json").read_text(encoding="utf-8"))
    properties = schema["properties"]
    assert properties["name"]["description"] == "服务中心名称。"
    assert properties["award"]["properties"]["year"]["description"] == "挂牌年度，如 2024。"
    assert properties["location"]["properties"]["street"]["description"] == (
        "所在乡镇，须是该县在 taxonomies/districts.yml 中列出的乡镇，如 某某乡镇。")
    reference = soup(site, "editors/fields/").get_text()
    assert "撤牌原因，将公开显示在服务中心页面上。" in reference


def test_feed_and_calendars_use_the_county_words(county):
    feed = (county / "site" / "feed.xml").read_text(encoding="utf-8")
    assert "服务中心遴选通知、公示、挂牌等工作动态" in feed


def test_messages_name_the_sites_words(county, tmp_path):
    data = tmp_path / "data"
    shutil.copytree(county / "data", data)
    point = data / "points" / "river-centre.yml"
    record = yaml.safe_load(point.read_text(encoding="utf-8"))
    del record["delisted"]
    point.write_text(yaml.safe_dump(record, allow_unicode=True, sort_keys=False), encoding="utf-8")
    _, issues = validate(data, tmp_path)
    assert [issue.message for issue in issues] == [
        "状态为 delisted，但缺少撤牌信息（请添加 delisted: 并填写 date 和 reason）"]


# -- the replacement on its own ----------------------------------------------------


def test_only_the_five_tokens_are_replaced():
    text = "{展示点}{授牌}{摘牌}所在{区}{街道} {name}的{展示点} {展示点们} {count} 个 展示点"
    assert COUNTY.apply(text) == "服务中心挂牌撤牌所在县乡镇 {name}的服务中心 {展示点们} {count} 个 展示点"
    assert COUNTY.apply("{name}的{展示点}").format(name="北山") == "北山的服务中心"


def test_the_defaults_are_the_demos_words():
    assert DEFAULT.apply("{展示点}{授牌}{摘牌}{区}{街道}") == "展示点授牌摘牌区街道"


def test_a_marked_message_takes_the_words_and_keeps_the_datas_text():
    message = marked("地址与 {other} 相同（同一场馆不能登记为两个{展示点}）").format(other="{展示点}.yml")
    assert COUNTY.resolve(message) == "地址与 {展示点}.yml 相同（同一场馆不能登记为两个服务中心）"


@pytest.mark.parametrize("name", [n for n in dir(msg) if n.isupper()])
def test_every_message_resolves_to_text_without_marks(name):
    value = getattr(msg, name)
    if isinstance(value, str):
        assert "\x00" not in DEFAULT.resolve(value)


@pytest.mark.parametrize("words, expected", [
    ({"programme": {"short_title": "街道社会组织服务中心孵化培育基地"}},
     "data/site.yml:5:16: programme.short_title: “街道社会组织服务中心孵化培育基地”有 16 个字，太长"
     "（这个词出现在标题、按钮和表头里，最多 12 个字；请写简称）"),
    ({"levels": {"street": "{街道}"}},
     "data/site.yml:23:11: levels.street: “{街道}”里有花括号（界面文字用 {展示点} 这样的写法代入这个词，"
     "词里不能有 { 或 }；请删去）"),
])
def test_a_words_problem_is_an_exact_message(tmp_path, words, expected):
    project = copy_city(tmp_path)
    path = project / "data" / "site.yml"
    site = yaml.safe_load(path.read_text(encoding="utf-8"))
    for section, values in words.items():
        site.setdefault(section, {}).update(values)
    path.write_text(yaml.safe_dump(site, allow_unicode=True, sort_keys=False), encoding="utf-8")
    _, issues = validate(project / "data", project)
    assert [str(issue) for issue in issues] == [expected]


def test_a_citys_own_field_description_is_data_in_the_json_schema():
    """The schema's descriptions take the site's words; a description site.yml writes for
    its own field is data, shown as written, token and all."""
    from generator.reference import json_schema
    from generator.schema import ExtraField, ShowcasePoint

    own = ExtraField(id="staff", label="人数", type="number", description=LITERAL)
    schema = json_schema(ShowcasePoint, {}, COUNTY, (own,))
    assert schema["properties"]["extra"]["properties"]["staff"]["description"] == LITERAL
    assert "服务中心" in schema["properties"]["name"]["description"]

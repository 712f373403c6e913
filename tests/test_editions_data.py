"""English on the records: the en: blocks the schema declares and the validator checks,
and the records as the English edition shows them (``editions.localise``)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import jinja2
import pytest
import yaml
from bs4 import BeautifulSoup

from generator import messages as msg
from generator.editions import Untranslated, localise, plain
from generator.reference import field_rows, json_schema
from generator.richtext import RichText
from generator.schema import COLLECTIONS, TAXONOMIES, ShowcasePoint, SiteConfig
from generator.typography import fix, lint
from generator.validate import validate

from .conftest import DEMO_DATA, FIXTURES

POINT = "points/beishan-centre.yml"
ENGLISH = {
    "name": "Beishan Subdistrict Social Organisation Service Centre",
    "organisation": "Beishan Federation of Social Organisations",
    "summary": "Where the subdistrict's social organisations are incubated and shown.",
    "description": "The centre has an **incubation space** and a gallery.",
    "address": "2/F, 88 Beishan Road, Hubin District",
    "directions": "Bus 7 to Beishan stop.",
}


@pytest.fixture
def data(tmp_path: Path) -> Path:
    """A copy of the small fixture city's data folder."""
    target = tmp_path / "data"
    shutil.copytree(FIXTURES / "city" / "data", target)
    return target


def edit(data: Path, name: str, change) -> None:
    """Change a YAML file of *data* through *change* (its data in, nothing out)."""
    path = data / name
    raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    change(raw)
    path.write_text(yaml.safe_dump(raw, allow_unicode=True, sort_keys=False), encoding="utf-8")


def problems(data: Path) -> list[str]:
    """Each problem as "path: message" (the place is the loader's, tested elsewhere)."""
    validated, issues = validate(data, data.parent, ci=False)
    assert validated is None
    return [f"{issue.path}: {issue.message}" for issue in issues]


def english_point(data: Path) -> None:
    edit(data, POINT, lambda raw: raw.update(en=dict(ENGLISH)))


# -- the schema -----------------------------------------------------------------------


@pytest.mark.parametrize("name", [*COLLECTIONS, *TAXONOMIES, "site"])
def test_every_record_kind_has_an_english_block(name):
    cls = {**COLLECTIONS, **TAXONOMIES, "site": SiteConfig}[name]
    rows = {row.path: row for row in field_rows(cls)}
    assert rows["en"].kind == "object" and not rows["en"].required
    assert rows["en"].doc.startswith("英文版的文字")
    english = [row for path, row in rows.items() if path.startswith("en.")]
    assert english and all(row.doc and not row.required for row in english)


def test_json_schema_describes_the_english_of_a_point():
    english = json_schema(ShowcasePoint, {})["properties"]["en"]
    assert english["additionalProperties"] is False
    assert set(ENGLISH) | {"exhibits", "highlights", "booking_note", "closed_note",
                           "accessibility"} <= set(english["properties"])
    assert english["properties"]["exhibits"]["type"] == "array"


def test_english_blocks_are_accepted_and_not_linted_as_chinese(data):
    english_point(data)
    edit(data, "taxonomies/districts.yml", lambda terms: terms[0].update(
        en={"name": "Hubin District", "streets": ["Beishan Subdistrict", "Lingyin Subdistrict"]}))
    # half-width punctuation and no space rules: right in English, a finding in Chinese
    edit(data, POINT, lambda raw: raw["en"].update(summary="Incubation; exchange: (and) more."))
    validated, issues = validate(data, data.parent, ci=False)
    assert issues == []
    point = next(p for p in validated.collections["points"] if p.id == "beishan-centre")
    assert point.en.summary == "Incubation; exchange: (and) more."
    assert not [issue for issue in lint(data, data.parent) if ".en." in f".{issue.path}."
                or issue.path.startswith("en.")]


# -- what the validator refuses, in its words --------------------------------------------


def test_chinese_in_an_english_field_is_refused(data):
    english_point(data)
    edit(data, POINT, lambda raw: raw["en"].update(name="Beishan 北山街道 Centre"))
    assert problems(data) == ["en.name: " + msg.EN_HAS_CHINESE.format(text="北山街道")]
    assert problems(data)[0] == (
        "en.name: 英文字段里写了中文“北山街道”（英文版按英文朗读和排版这一项：请写成英文或拼音，"
        "如 Futian；还没有英文就删去这一项，英文版会照常显示中文）")


def test_an_english_text_without_its_chinese_is_refused(data):
    english_point(data)
    edit(data, POINT, lambda raw: raw["en"].update(accessibility="Step-free entrance."))
    assert problems(data) == [
        "en.accessibility: 写了 en.accessibility 的英文，但记录没有中文的 visit.accessibility"
        "（英文是中文的译文，两个版本说的要一样：请先写中文的 visit.accessibility，或删去这一项英文）"]


def test_an_english_list_goes_item_for_item_with_the_chinese(data):
    edit(data, "taxonomies/districts.yml", lambda terms: terms[0].update(
        en={"streets": ["Beishan Subdistrict"]}))
    assert problems(data) == [
        "[0].en.streets: en.streets 的英文有 1 项，中文的 streets 有 2 项（英文与中文逐项对应，"
        "第几项译第几项：请补齐或删去多出的项）"]


def test_a_name_en_key_says_where_english_goes(data):
    edit(data, POINT, lambda raw: raw.update(name_en="Beishan Centre"))
    assert problems(data) == ["name_en: 未知字段 'name_en'（英文写在 en: 下，如 en: {name: …}）"]


def test_an_unknown_key_in_an_english_block_is_named(data):
    edit(data, POINT, lambda raw: raw.update(en={"nmae": "Beishan Centre"}))
    assert problems(data) == ["en.nmae: 未知字段 'nmae'（是不是 'name'？）"]


def test_english_words_of_the_programme_have_their_own_limit(data):
    word = "showcase point of the social organisations"
    edit(data, "site.yml", lambda raw: raw["programme"].update(en={"short_title": word}))
    assert problems(data) == [
        f"programme.en.short_title: “{word}”有 {len(word)} 个字符，太长（这个词出现在英文版的标题、"
        "按钮和表头里，最多 30 个字符；请写简称）"]


# -- localise ---------------------------------------------------------------------------


def localised(data: Path):
    validated, issues = validate(data, data.parent, ci=False)
    assert issues == []
    return validated, localise(validated, "en")


def test_localise_swaps_in_the_english_and_marks_the_rest(data):
    english_point(data)
    edit(data, "taxonomies/districts.yml", lambda terms: terms[0].update(
        en={"name": "Hubin District", "streets": ["Beishan Subdistrict", "Lingyin Subdistrict"]}))
    validated, english = localised(data)
    point = next(p for p in english.collections["points"] if p.id == "beishan-centre")
    assert point.name == ENGLISH["name"] and not isinstance(point.name, Untranslated)
    assert point.organisation.name == ENGLISH["organisation"]
    assert point.location.address == ENGLISH["address"]
    assert point.visit.directions == ENGLISH["directions"]
    assert point.location.street == "Beishan Subdistrict"  # from its district's English
    assert english.taxonomies["districts"]["west-lake"].name == "Hubin District"
    # what has no English stays Chinese, and says so
    assert isinstance(point.contacts[0].name, Untranslated) and point.contacts[0].name == "王老师"
    assert isinstance(point.photos[0].alt, Untranslated)
    assert isinstance(english.site.programme.title, Untranslated)
    assert isinstance(english.taxonomies["fields"][point.field].name, Untranslated)
    # ids, addresses, numbers, dates and choices are the same in every language
    original = next(p for p in validated.collections["points"] if p.id == "beishan-centre")
    for same in (point.id, point.field, point.status, point.visit.booking.phone,
                 point.visit.booking.url, point.visit.hours[0].open, point.source_file):
        assert type(same) is not Untranslated
    assert point.visit.booking == original.visit.booking
    assert point.visit.closed_dates == original.visit.closed_dates
    assert point.aliases == original.aliases and point.source_file == original.source_file
    # the records themselves are untouched, and the Chinese edition is the records
    assert original.name == "北山街道社会组织服务中心" and type(original.name) is str
    assert localise(validated, "zh-CN") is validated


def test_a_record_without_any_english_is_marked_chinese_throughout(data):
    _validated, english = localised(data)
    project = english.collections["projects"][0]
    assert isinstance(project.name, Untranslated) and isinstance(project.summary, Untranslated)
    assert all(isinstance(item, Untranslated) for item in project.outcomes)
    year = english.collections["years"][0]
    assert all(isinstance(event.title, Untranslated) for event in year.events)


def test_untranslated_renders_with_its_lang_in_html_and_as_text_in_json():
    text = Untranslated("北山 <中心> & 长廊")
    env = jinja2.Environment(autoescape=True)
    html = env.from_string("<p>{{ name }}</p><p title=\"{{ plain(name) }}\"></p>").render(
        name=text, plain=plain)
    assert html == ('<p><span lang="zh-CN">北山 &lt;中心&gt; &amp; 长廊</span></p>'
                    '<p title="北山 &lt;中心&gt; &amp; 长廊"></p>')
    assert json.dumps({"name": text}, ensure_ascii=False) == '{"name": "北山 <中心> & 长廊"}'
    assert env.from_string("{{ name }}").render(name="Beishan") == "Beishan"  # English as is


def test_markdown_that_falls_back_is_a_block_in_chinese():
    rich = RichText()
    html = str(rich(Untranslated("中心设有**孵化空间**。\n\n- 每月一次沙龙")))
    page = BeautifulSoup(html, "html.parser")
    block = page.find("div")
    assert block["lang"] == "zh-CN" and block.find("strong").get_text() == "孵化空间"
    assert block.find("li").get_text() == "每月一次沙龙"
    assert str(rich("The centre has a **gallery**.")) == \
        "<p>The centre has a <strong>gallery</strong>.</p>"


def test_the_demo_is_english_where_it_is_written():
    validated, issues = validate(DEMO_DATA, DEMO_DATA.parent, ci=False)
    assert issues == []
    english = localise(validated, "en")
    assert not isinstance(english.site.programme.title, Untranslated)
    assert all(not isinstance(term.name, Untranslated)
               for name in ("fields", "districts") for term in english.taxonomies[name].values())
    international = [p for p in english.collections["points"]
                     if p.field == "international" or "international" in p.other_fields]
    assert international and all(
        not isinstance(text, Untranslated) for p in international
        for text in (p.name, p.organisation.name, p.summary, p.location.address))



def test_full_width_punctuation_in_english_is_a_finding_and_fixed(data):
    english_point(data)
    edit(data, POINT, lambda raw: raw["en"].update(summary="Incubation，exchange（and more）。"))
    findings = [(issue.path, issue.message) for issue in lint(data, data.parent)]
    assert findings == [  # marks close together on a line: one finding
        ("en.summary", "英文的标点应使用半角（en: 下写的是英文；建议写作：Incubation, exchange (and more).）")]
    fix(data, data.parent)
    assert yaml.safe_load((data / POINT).read_text(encoding="utf-8"))["en"]["summary"] == \
        "Incubation, exchange (and more)."
    assert lint(data, data.parent) == []

"""The interface files: English is complete, and a partial or mistyped one is a message.

zh-CN.yml is the complete interface; every other locale (the site's ``locale`` or an
edition's, ``editions: [en]``) must have each of its keys, of the same shape, with the
same placeholders. A file that does not is refused by the gate with every difference
placed in the file, never with a Python error from a template halfway through the build.
"""

from __future__ import annotations

import re
import shutil
import string
from pathlib import Path

import pytest
import yaml

from generator.gate import REFERENCE_LOCALE, locale_strings
from generator.issues import Issue
from generator.vocabulary import TOKENS, Vocabulary

from .conftest import ROOT, built_city, run_cli

LOCALES = ROOT / "theme" / "locales"
NOWHERE = Issue("mkdocs.yml", 1, 1, "locale", "")
CHINESE = re.compile(r"[\u3000-\u303f\u3400-\u9fff\uff00-\uffef]")


def _leaves(tree: dict, prefix: str = "") -> dict[str, object]:
    out: dict[str, object] = {}
    for key, value in tree.items():
        if isinstance(value, dict):
            out.update(_leaves(value, f"{prefix}{key}."))
        else:
            out[f"{prefix}{key}"] = value
    return out


def _read(name: str) -> dict:
    return yaml.safe_load((LOCALES / f"{name}.yml").read_text(encoding="utf-8"))


def _fields(text: str) -> set[str]:
    """The placeholders of a text by Python's own parser, the programme's tokens aside."""
    return {name for _, name, _, _ in string.Formatter().parse(text)
            if name is not None and name not in TOKENS}


# the shipped files

def test_english_has_every_key_of_the_reference_with_its_placeholders():
    chinese, english = _leaves(_read(REFERENCE_LOCALE)), _leaves(_read("en"))
    assert sorted(set(chinese) - set(english)) == []
    assert sorted(set(english) - set(chinese)) == []
    differ = {key: (sorted(_fields(chinese[key])), sorted(_fields(english[key])))
              for key in chinese if _fields(chinese[key]) != _fields(str(english[key]))}
    assert differ == {}
    assert all(isinstance(value, str) for value in english.values())


def test_every_shipped_locale_passes_the_gate():
    for path in sorted(LOCALES.glob("*.yml")):
        strings, issues = locale_strings(LOCALES, path.stem, ROOT, NOWHERE)
        assert [str(issue) for issue in issues] == [], path.name
        assert strings is not None


def test_english_formats_with_the_values_the_generator_gives():
    # each text formats with its reference's placeholders: no KeyError, no stray brace
    chinese, english = _leaves(_read(REFERENCE_LOCALE)), _leaves(_read("en"))
    for key, text in english.items():
        values = {name: "x" for name in _fields(chinese[key])}
        Vocabulary(record="showcase point", award="awarded", delisting="delisted",
                   district="district", street="street", visit="visit").apply(text).format(**values)


def test_english_writes_no_chinese_outside_the_programme_tokens():
    chinese = {key: CHINESE.findall(re.sub("|".join(f"\\{{{t}\\}}" for t in TOKENS), "", text))
               for key, text in _leaves(_read("en")).items()}
    assert {key: found for key, found in chinese.items() if found} == {}


def test_english_keeps_each_programme_word_where_the_chinese_has_it():
    # a city's own English words come in wherever the Chinese interface names them
    chinese, english = _leaves(_read(REFERENCE_LOCALE)), _leaves(_read("en"))
    lost = {key: sorted(t for t in TOKENS if f"{{{t}}}" in text and f"{{{t}}}" not in english[key])
            for key, text in chinese.items()}
    assert {key: tokens for key, tokens in lost.items() if tokens} == {}


def test_each_locale_says_how_it_is_offered():
    assert _read(REFERENCE_LOCALE)["edition"] == {"name": "中文", "short": "中", "lang": "zh-CN", "material": "zh"}
    assert _read("en")["edition"] == {"name": "English", "short": "EN", "lang": "en", "material": "en"}
    assert _read("en")["html_lang"] == "en"


def test_an_english_word_that_begins_a_text_is_capitalised():
    words = Vocabulary(record="showcase point", award="awarded", delisting="delisted",
                       district="district", street="street")
    english = _read("en")
    assert words.apply(english["nav"]["points"]) == "Showcase points"
    assert words.apply(english["status"]["delisted"]) == "Delisted"
    assert words.apply(english["home"]["all_points"]) == "All showcase points"
    assert words.apply(english["points"]["delisted_heading"]) == "Delisted showcase points"
    # a Chinese word, or one with a Latin letter among Chinese, is put in as written
    assert Vocabulary(record="e站").apply("{展示点}名录") == "e站名录"
    assert Vocabulary().apply("{展示点}名录") == "展示点名录"


# the gate's messages, on a small reference of the same shape as zh-CN.yml

REFERENCE = """\
html_lang: zh-CN
footer:
  sponsor: 主办单位：
  phone: 联系电话：
point:
  award: "{year} 年第 {batch} 批{授牌}"
  hours: 开放时间
  open_status:
    open_now: "正在开放，今天 {close} 结束"
    tomorrow: 明天
cases:
  intro: "共 {count} 篇典型案例，按年度排列。"
empty: 暂无
"""


def _gate(tmp_path: Path, english: str) -> tuple[dict | None, list[str]]:
    folder = tmp_path / "locales"
    folder.mkdir()
    (folder / "zh-CN.yml").write_text(REFERENCE, encoding="utf-8")
    (folder / "en.yml").write_text(english, encoding="utf-8")
    strings, issues = locale_strings(folder, "en", tmp_path, NOWHERE)
    return strings, [str(issue) for issue in issues]


def test_a_partial_file_is_one_message_listing_every_missing_key_by_section(tmp_path):
    strings, messages = _gate(tmp_path, """\
footer:
  sponsor: "Sponsored by: "
point:
  award: "{授牌} {year}, batch {batch}"
  open_status:
    open_now: "Open now, until {close} today"
cases:
  intro: "{count} case studies, listed by year."
""")
    assert strings is None
    assert messages == [
        "locales/en.yml:1:1: 界面文字不全，比 zh-CN.yml 少了 5 条：html_lang；footer：phone；"
        "point：hours、open_status.tomorrow；empty（请从 zh-CN.yml 把这些条目复制到 en.yml 的"
        "同一位置，再译成这种语言；{count} 这样的占位符和 {展示点} 这样的记号照原样保留）"]


def test_the_message_is_placed_where_the_first_missing_key_belongs(tmp_path):
    # no shortening: every key is listed, a whole section as one
    strings, messages = _gate(tmp_path, """\
html_lang: en
empty: None
footer: {sponsor: "Sponsored by: ", phone: "Phone: "}
point:
  award: "{授牌} {year}, batch {batch}"
""")
    assert messages == [
        "locales/en.yml:4:1: 界面文字不全，比 zh-CN.yml 少了 4 条："
        "point：hours、open_status（整段）；cases（整段）（请从 zh-CN.yml 把这些条目复制到 en.yml 的"
        "同一位置，再译成这种语言；{count} 这样的占位符和 {展示点} 这样的记号照原样保留）"]


def test_values_of_another_shape_and_other_placeholders_are_placed_where_written(tmp_path):
    strings, messages = _gate(tmp_path, """\
html_lang: en
footer: Sponsored by
point:
  award: "{授牌} {year}, batch {number}"
  hours:
  open_status:
    open_now: "Open now, until {close} on {day}"
    tomorrow: "tomorrow {when}"
cases:
  intro: "{count case studies"
empty: [None]
""")
    assert strings is None
    assert messages == [
        "locales/en.yml:2:9: footer: 应为一组条目（sponsor、phone），实际为 'Sponsored by'"
        "（请照 zh-CN.yml 的这一段逐条写出）",
        "locales/en.yml:4:10: point.award: 占位符与 zh-CN.yml 不同：缺少 {batch}，多了 {number}"
        "（这一条应有 {year}、{batch}，由程序填入实际内容：请照原样写出，不要翻译或改名）",
        "locales/en.yml:5:9: point.hours: 应为一段文字，实际为 空值（请照 zh-CN.yml 的这一条写成文字；"
        "以 { 开头的文字要加引号）",
        "locales/en.yml:7:15: point.open_status.open_now: 占位符与 zh-CN.yml 不同：多了 {day}"
        "（这一条应有 {close}，由程序填入实际内容：请照原样写出，不要翻译或改名）",
        "locales/en.yml:8:15: point.open_status.tomorrow: zh-CN.yml 的这一条没有占位符，这里却有 "
        "{when}（程序不会填入它，网页上会照样显示花括号：请删去）",
        "locales/en.yml:10:10: cases.intro: 花括号不成对（占位符写成 {count} 这样，左右各一个花括号；"
        "请补上缺的花括号，或删去多余的）",
        "locales/en.yml:11:8: empty: 应为一段文字，实际为 列表（请照 zh-CN.yml 的这一条写成文字；"
        "以 { 开头的文字要加引号）",
    ]


def test_a_complete_file_with_its_own_wording_passes(tmp_path):
    strings, messages = _gate(tmp_path, """\
html_lang: en
footer: {sponsor: "Sponsored by: ", phone: "Phone: "}
point:
  award: "Batch {batch} of {year}"  # another order: the same placeholders
  hours: Opening hours
  open_status: {open_now: "Open until {close}", tomorrow: tomorrow}
cases: {intro: "{count} cases"}
empty: None
extra_note: a key of its own is no harm
""")
    assert messages == []
    assert strings["point"]["award"] == "Batch {batch} of {year}"


def test_a_broken_reference_text_is_refused_too(tmp_path):
    # the reference has nothing to be compared with, but its texts must still format
    folder = tmp_path / "locales"
    folder.mkdir()
    (folder / "zh-CN.yml").write_text(REFERENCE.replace("{count}", "{count"), encoding="utf-8")
    strings, issues = locale_strings(folder, "zh-CN", tmp_path, NOWHERE)
    assert [str(issue) for issue in issues] == [
        "locales/zh-CN.yml:12:10: cases.intro: 花括号不成对（占位符写成 {count} 这样，左右各一个"
        "花括号；请补上缺的花括号，或删去多余的）"]


# through the commands, as an editor meets it: the site's locale and an edition's

def _setting(project: Path, setting: str) -> None:
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    anchor = "      locales_dir: ../../../theme/locales\n"
    assert anchor in text
    config.write_text(text.replace(anchor, anchor + setting, 1), encoding="utf-8")


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    return built_city(tmp_path_factory.mktemp("locales"))


@pytest.mark.parametrize("setting", ["      locale: en\n", "      editions: [en]\n"])
def test_the_commands_refuse_a_mistyped_english_file_and_keep_the_last_site(setting, built,
                                                                             tmp_path):
    top = tmp_path / "top"
    shutil.copytree(built, top, symlinks=True)
    project = top / "tests" / "fixtures" / "city"
    _setting(project, setting)
    english = top / "theme" / "locales" / "en.yml"
    text = english.read_text(encoding="utf-8")
    for old, new in (('  award: "{授牌} {year}, batch {batch}"', '  award: "{授牌} {year}, batch {number}"'),
                     ("  hours: Opening hours\n  closed_other_days", "  closed_other_days")):
        assert old in text
        text = text.replace(old, new, 1)
    english.write_text(text, encoding="utf-8")
    award_line = next(number for number, line in enumerate(text.splitlines(), 1)
                      if line.startswith('  award: "{授牌} {year}, batch {number}"'))
    point_line = text.splitlines().index("point:") + 1
    site = project / "site" / "index.html"
    before = site.read_bytes()

    config = "tests/fixtures/city/mkdocs.yml"
    check = run_cli("check", "-f", config, cwd=top)
    build = run_cli("build", "-f", config, cwd=top)

    assert check.returncode == build.returncode == 1, (check.stderr, build.stderr)
    assert "Traceback" not in check.stderr + build.stderr
    lines = check.stderr.splitlines()
    where = f"{top}/theme/locales/en.yml"
    assert lines == [
        f"{where}:{point_line}:1: " + "界面文字不全，比 zh-CN.yml 少了 1 条：point：hours"
        "（请从 zh-CN.yml 把这些条目复制到 en.yml 的同一位置，再译成这种语言；{count} 这样的占位符"
        "和 {展示点} 这样的记号照原样保留）",
        f"{where}:{award_line}:10: " + "point.award: 占位符与 zh-CN.yml 不同：缺少 {batch}，"
        "多了 {number}（这一条应有 {year}、{batch}，由程序填入实际内容：请照原样写出，不要翻译或改名）",
        "共 2 个错误，网站未生成，上一次生成的网站保持不变"]
    assert build.stderr.splitlines()[-len(lines):] == lines
    assert site.read_bytes() == before

"""Synonyms and keywords as data: the everyday words visitors type, written by editors.

Every taxonomy term may list ``synonyms`` (checked with exact messages, described in the
editors' JSON Schemas, the field reference and the files ``showcase init`` writes, linted
for typography as term names are); a city may keep a thesaurus, groups of the records'
own words that mean the same (``data/taxonomies/synonyms.yml``, its words checked by the
same rules); hand-written pages may list ``keywords`` in their front matter. The search
reads all three.
"""

from __future__ import annotations

import datetime as dt
import json
import shutil
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml

from generator import typography
from generator.load import load_file
from generator.model import build_directory
from generator.newcity import taxonomy_text, thesaurus_text
from generator.reference import SCHEMA_FILES, field_rows, schema_text
from generator.scaffold import scaffold
from generator.schema import SYNONYM_MAX, TAXONOMIES, THESAURUS_FILE
from generator.validate import validate

from .conftest import DEMO_DATA, FIXTURES, ROOT

FIELDS_LINE = "- {id: community, name: 社区服务}"


def _fields_with(tmp_path: Path, synonyms: str) -> list[str]:
    """The messages for the fixture city with its first field term given *synonyms*."""
    data = tmp_path / "data"
    shutil.copytree(FIXTURES / "city" / "data", data)
    fields = data / "taxonomies" / "fields.yml"
    text = fields.read_text(encoding="utf-8")
    assert text.startswith(FIELDS_LINE)
    fields.write_text(text.replace(FIELDS_LINE, FIELDS_LINE[:-1] + f", synonyms: {synonyms}}}", 1),
                      encoding="utf-8")
    _, issues = validate(data, tmp_path)
    return [str(issue) for issue in issues]


AT = "data/taxonomies/fields.yml:1:"
LONG = "社" * (SYNONYM_MAX + 1)


@pytest.mark.parametrize("synonyms, expected", [
    ("[社区, 居委会, chip design, 5G, VR眼镜]", None),
    ("[" + "社" * SYNONYM_MAX + "]", None),
    ("[社区、居委会]",
     AT + "42: [0].synonyms[0]: 同义词 '社区、居委会' 里有“、”，像是几个词写在了一项里"
     "（每个词单独一项，项与项之间用半角逗号隔开，如 [半导体, 集成电路]）"),
    ("[社区，居委会]",
     AT + "42: [0].synonyms[0]: 同义词 '社区，居委会' 里有“，”，像是几个词写在了一项里"
     "（每个词单独一项，项与项之间用半角逗号隔开，如 [半导体, 集成电路]）"),
    ("[邻里, '社区; 居委会']",
     AT + "46: [0].synonyms[1]: 同义词 '社区; 居委会' 里有“;”，像是几个词写在了一项里"
     "（每个词单独一项，项与项之间用半角逗号隔开，如 [半导体, 集成电路]）"),
    (f"[{LONG}]",
     AT + f"42: [0].synonyms[0]: 同义词 '{LONG}' 有 41 个字，太长（同义词是参观者在搜索框里输入的词，"
     "最多 40 个字；请写成短的说法，几种说法分成几项）"),
    ("[社区, 居委会, 社区]",
     AT + "51: [0].synonyms[2]: 同义词 '社区' 已在 synonyms[0] 写过"
     "（同一个词只写一次，大小写或全角半角不同也算同一个词：请删去这一项）"),
    ("[IC, ｉｃ]",
     AT + "46: [0].synonyms[1]: 同义词 'ｉｃ' 已在 synonyms[0] 写过"
     "（同一个词只写一次，大小写或全角半角不同也算同一个词：请删去这一项）"),
    ("[社区服务]",
     AT + "42: [0].synonyms[0]: 同义词 '社区服务' 就是这一项的显示名称 name"
     "（搜索本来就能找到显示名称：请删去这一项）"),
    ("[社区, 文化体育]",
     AT + "46: [0].synonyms[1]: 同义词 '文化体育' 是本分类中 'culture' 一项的显示名称"
     "（搜索这个词的参观者要找的是那一项：请删去这一项）"),
    ('["街道\\n居委会"]',
     AT + "42: [0].synonyms[0]: 这一项只能写一行，实际写了 2 行"
     "（请合并成一行；分段的内容请写在 description 等可用 Markdown 的字段里）"),
])
def test_each_mistake_in_synonyms_has_its_message(tmp_path, synonyms, expected):
    """A rule about synonyms leaves the term valid: the records that use it are not told
    it is missing."""
    assert _fields_with(tmp_path, synonyms) == ([expected] if expected else [])


def test_synonyms_are_a_list_of_texts(tmp_path):
    messages = _fields_with(tmp_path, "社区")
    assert AT + "41: [0].synonyms: 应为列表，实际为 '社区'（请写成 [a, b] 或每项一行、以“- ”开头）" \
        in messages
    messages = _fields_with(tmp_path / "empty", '[""]')
    assert AT + "42: [0].synonyms[0]: 不能为空（请填写内容，或删除这一行）" in messages


def test_a_district_and_any_other_taxonomy_take_synonyms_too(tmp_path):
    data = tmp_path / "data"
    shutil.copytree(FIXTURES / "city" / "data", data)
    districts = data / "taxonomies" / "districts.yml"
    districts.write_text(districts.read_text(encoding="utf-8").replace(
        "  name: 江畔区\n", "  name: 江畔区\n  synonyms: [江畔, 江畔区]\n"), encoding="utf-8")
    groups = data / "taxonomies" / "target_groups.yml"
    groups.write_text("- {id: elderly, name: 老年人, synonyms: [老人, 长者, 老人]}\n", encoding="utf-8")
    _, issues = validate(data, tmp_path)
    assert [str(issue) for issue in issues] == [
        "data/taxonomies/districts.yml:7:18: [1].synonyms[1]: 同义词 '江畔区' 就是这一项的显示名称 name"
        "（搜索本来就能找到显示名称：请删去这一项）",
        "data/taxonomies/target_groups.yml:1:47: [0].synonyms[2]: 同义词 '老人' 已在 synonyms[0] 写过"
        "（同一个词只写一次，大小写或全角半角不同也算同一个词：请删去这一项）"]


def test_the_model_holds_a_terms_synonyms_as_a_tuple():
    validated, issues = validate(DEMO_DATA, ROOT)
    assert issues == []
    chips = validated.taxonomies["fields"]["chips"]
    assert isinstance(chips.synonyms, tuple)
    assert {"半导体", "集成电路", "IC", "EDA", "chip design"} <= set(chips.synonyms)
    validated, _ = validate(FIXTURES / "city" / "data", ROOT)
    assert validated.taxonomies["fields"]["community"].synonyms == ()


# The taxonomies visitors search by another word: every term of these has synonyms
SEARCHED_BY_ANOTHER_WORD = ("fields", "project_fields", "target_groups", "event_kinds",
                            "organisation_types", "languages", "series")


@pytest.mark.parametrize("name", SEARCHED_BY_ANOTHER_WORD)
def test_the_demo_gives_every_term_its_everyday_words(name):
    terms = yaml.safe_load((DEMO_DATA / "taxonomies" / f"{name}.yml").read_text(encoding="utf-8"))
    bare = [term["id"] for term in terms if len(term.get("synonyms", ())) < 2]
    assert bare == []


def test_the_demo_speaks_the_visitors_words():
    """The words of the query set's synonym and target-group kinds, and the English ones,
    are some term's synonyms (the search is judged on other queries too: each term lists
    more words than these)."""
    validated, _ = validate(DEMO_DATA, ROOT)
    words = {word for terms in validated.taxonomies.values() for term in terms.values()
             for word in term.synonyms}
    assert {"元宇宙", "半导体", "扶贫", "电动车", "新零售", "时装", "残障人士", "农民工子女",
            "宝妈", "VR", "EDA", "chip design", "jewellery", "new energy vehicle"} <= words
    assert len(words) > 400


# ---------------------------------------------------------------------------
# What editors are told: JSON Schemas, the field reference, init's files, the lint
# ---------------------------------------------------------------------------


TAXONOMY_SCHEMAS = {"fields": "taxonomy-fields", "districts": "taxonomy-districts"}


def _schema_of(taxonomy: str) -> str:
    return TAXONOMY_SCHEMAS.get(taxonomy, "taxonomies")


@pytest.mark.parametrize("name", list(TAXONOMIES))
def test_demo_taxonomies_satisfy_their_json_schema(name):
    validated, _ = validate(DEMO_DATA, ROOT)
    schema = json.loads(schema_text(SCHEMA_FILES[_schema_of(name)], validated.taxonomies))
    jsonschema.Draft7Validator.check_schema(schema)
    doc, issues = load_file(DEMO_DATA / "taxonomies" / f"{name}.yml", ROOT)
    assert not issues
    assert [e.message for e in jsonschema.Draft7Validator(schema).iter_errors(doc.data)] == []


def test_the_json_schema_describes_synonyms_and_refuses_what_the_check_refuses():
    schema = json.loads(schema_text(SCHEMA_FILES["taxonomies"], {}))
    synonyms = schema["items"]["properties"]["synonyms"]
    assert synonyms["description"].startswith("同义词，即参观者搜索时会输入的其他说法")
    assert synonyms["uniqueItems"] is True
    assert synonyms["items"]["maxLength"] == SYNONYM_MAX
    validator = jsonschema.Draft7Validator(schema)

    def errors(words: list[str]) -> list[str]:
        return [e.validator for e in validator.iter_errors([{"id": "a", "name": "甲", "synonyms": words}])]

    assert errors(["老人", "长者", "chip design"]) == []
    assert errors(["老人、长者"]) == ["pattern"]
    assert errors(["老人", "老人"]) == ["uniqueItems"]
    assert errors([LONG]) == ["maxLength"]
    assert errors([""]) == ["minLength"]


def test_vscode_maps_every_schema_and_each_taxonomy_file_to_one():
    settings = json.loads((ROOT / ".vscode" / "settings.json").read_text(encoding="utf-8"))
    mapped = {Path(schema).name.removesuffix(".schema.json"): [files] if isinstance(files, str) else files
              for schema, files in settings["yaml.schemas"].items()}
    assert set(mapped) == set(SCHEMA_FILES)
    for name in TAXONOMIES:
        holders = [schema for schema, files in mapped.items()
                   if f"data/taxonomies/{name}.yml" in files]
        assert holders == [_schema_of(name)], name


def test_the_field_reference_lists_synonyms_for_every_kind_of_term():
    for name in ("taxonomies", "taxonomy-fields", "taxonomy-districts"):
        rows = {row.path: row for row in field_rows(SCHEMA_FILES[name])}
        assert rows["[].synonyms"].kind == "list"
        assert rows["[].synonyms"].detail == "synonym"
        assert rows["[].synonyms"].doc.startswith("同义词，即参观者搜索时会输入的其他说法")
    strings = yaml.safe_load((ROOT / "theme" / "locales" / "zh-CN.yml").read_text(encoding="utf-8"))
    assert strings["reference"]["types"]["synonym"] == "一个词或短语"
    assert {"taxonomies", "taxonomy-fields", "taxonomy-districts"} <= set(
        strings["reference"]["collections"])


@pytest.mark.parametrize("name", ["fields", "target_groups"])
def test_init_explains_synonyms_in_each_taxonomy_file(name):
    text = taxonomy_text(name, TAXONOMIES[name], dt.date(2025, 1, 1))
    lines = [line.lstrip("# ") for line in text.splitlines()]
    assert any(line.startswith("同义词，即参观者搜索时会输入的其他说法") for line in lines)
    assert "synonyms: [请填写：同义词]" in lines


def test_synonyms_are_linted_as_term_names_are(tmp_path):
    """Full-width punctuation, as a name; but no space added: words as visitors type them."""
    data = tmp_path / "data"
    shutil.copytree(FIXTURES / "city" / "data", data)
    fields = data / "taxonomies" / "fields.yml"
    fields.write_text(fields.read_text(encoding="utf-8").replace(
        FIELDS_LINE, "- {id: community, name: 社区服务, synonyms: [VR眼镜, 5G手机, '居委会(社区)']}"),
        encoding="utf-8")
    assert [str(issue) for issue in typography.findings(typography.read_texts(data, tmp_path))] == [
        "data/taxonomies/fields.yml:1:58: [0].synonyms[2]: 中文括号应使用全角（）（建议写作：居委会（社区））"]


# ---------------------------------------------------------------------------
# Hand-written pages: keywords in the front matter
# ---------------------------------------------------------------------------


def _front_matter(path: Path) -> dict:
    text = path.read_text(encoding="utf-8")
    assert text.startswith("---\n"), path
    return yaml.safe_load(text.split("---\n", 2)[1])


@pytest.mark.parametrize("page", ["visiting.md", "about.md", "editors/index.md", "editors/domain.md"])
def test_hand_written_pages_list_the_words_that_lead_to_them(page):
    keywords = _front_matter(ROOT / "content" / page)["keywords"]
    assert keywords and all(isinstance(word, str) and word.strip() for word in keywords)
    assert len(keywords) == len(set(keywords))


def test_the_visiting_guide_answers_what_visitors_ask():
    keywords = set(_front_matter(ROOT / "content" / "visiting.md")["keywords"])
    assert {"怎么预约", "如何参观", "开放时间", "几点开门", "要钱吗", "团队参观", "交通", "怎么去",
            "停车"} <= keywords


# ---------------------------------------------------------------------------
# The city's thesaurus: data/taxonomies/synonyms.yml, groups of words that mean the same
# ---------------------------------------------------------------------------

THESAURUS = "data/taxonomies/synonyms.yml:"


def _thesaurus(tmp_path: Path, text: str | None) -> tuple[Any, list[str]]:
    """The fixture city with *text* as its thesaurus (None: without the file): what
    validation gives and its messages."""
    data = tmp_path / "data"
    shutil.copytree(FIXTURES / "city" / "data", data)
    if text is not None:
        (data / "taxonomies" / THESAURUS_FILE).write_text(text, encoding="utf-8")
    validated, issues = validate(data, tmp_path)
    return validated, [str(issue) for issue in issues]


@pytest.mark.parametrize("text, expected", [
    ("- [阅读, 读书, 看书, reading]\n- [客家, Hakka]\n", None),
    ("- [" + "读" * SYNONYM_MAX + ", 阅读]\n", None),
    ("- [阅读、读书, 看书]\n",
     THESAURUS + "1:4: [0][0]: 同义词 '阅读、读书' 里有“、”，像是几个词写在了一项里"
     "（每个词单独一项，项与项之间用半角逗号隔开，如 [半导体, 集成电路]）"),
    ("- [阅读, '读书; 看书']\n",
     THESAURUS + "1:8: [0][1]: 同义词 '读书; 看书' 里有“;”，像是几个词写在了一项里"
     "（每个词单独一项，项与项之间用半角逗号隔开，如 [半导体, 集成电路]）"),
    (f"- [阅读, {LONG}]\n",
     THESAURUS + f"1:8: [0][1]: 同义词 '{LONG}' 有 41 个字，太长（同义词是参观者在搜索框里输入的词，"
     "最多 40 个字；请写成短的说法，几种说法分成几项）"),
    ("- [阅读, 读书, 阅读]\n",
     THESAURUS + "1:12: [0][2]: 同义词 '阅读' 已在 [0][0] 写过"
     "（同一个词只写一次，大小写或全角半角不同也算同一个词：请删去这一项）"),
    ("- [读书, 阅读]\n- [Hakka, 客家, ｈａｋｋａ]\n",
     THESAURUS + "2:15: [1][2]: 同义词 'ｈａｋｋａ' 已在 [1][0] 写过"
     "（同一个词只写一次，大小写或全角半角不同也算同一个词：请删去这一项）"),
    ('- [阅读, "读书\\n看书"]\n',
     THESAURUS + "1:8: [0][1]: 这一项只能写一行，实际写了 2 行"
     "（请合并成一行；分段的内容请写在 description 等可用 Markdown 的字段里）"),
    ("- [阅读, '']\n", THESAURUS + "1:8: [0][1]: 不能为空（请填写内容，或删除这一行）"),
    ("- [阅读]\n",
     THESAURUS + "1:3: [0]: 这一组只有 1 个词（同义词组至少写两个意思相同的词，如 [阅读, 读书]；"
     "没有别的说法就删去这一组）"),
    ("- []\n",
     THESAURUS + "1:3: [0]: 这一组只有 0 个词（同义词组至少写两个意思相同的词，如 [阅读, 读书]；"
     "没有别的说法就删去这一组）"),
    ("- 阅读, 读书\n",
     THESAURUS + "1:3: [0]: 应为列表，实际为 '阅读, 读书'（请写成 [a, b] 或每项一行、以“- ”开头）"),
    ("阅读: [读书]\n",
     THESAURUS + "1:1: 应为列表，实际为 一组“字段：值”（请写成 [a, b] 或每项一行、以“- ”开头）"),
])
def test_each_mistake_in_the_thesaurus_has_its_message(tmp_path, text, expected):
    _, messages = _thesaurus(tmp_path, text)
    assert messages == ([expected] if expected else [])


def test_a_word_in_two_groups_names_the_other_group(tmp_path):
    """Ignoring case and width, as within a group: Hakka and ＨＡＫＫＡ are one word."""
    _, messages = _thesaurus(tmp_path, "- [阅读, 读书]\n- [客家, Hakka]\n- [看书, 读书]\n"
                                       "- [ＨＡＫＫＡ, 客家人]\n")
    assert messages == [
        THESAURUS + "3:8: [2][1]: 同义词 '读书' 已在另一组 [0] 写过（data/taxonomies/synonyms.yml:1:8；"
        "一个词只能属于一组：两组说的是同一个意思就合并成一组，不是就从其中一组删去它）",
        THESAURUS + "4:4: [3][0]: 同义词 'ＨＡＫＫＡ' 已在另一组 [1] 写过（data/taxonomies/synonyms.yml:2:8；"
        "一个词只能属于一组：两组说的是同一个意思就合并成一组，不是就从其中一组删去它）"]


def test_the_thesaurus_refuses_markup_as_every_text_does(tmp_path):
    _, messages = _thesaurus(tmp_path, "- [阅读, '<b>读书</b>']\n")
    assert len(messages) == 1 and messages[0].startswith(THESAURUS + "1:8: [0][1]: ")


def test_the_model_holds_the_thesaurus_as_tuples_of_words(tmp_path):
    validated, _ = _thesaurus(tmp_path, "# 同义词组\n- [阅读, 读书, ' 看书 ']\n- [客家, Hakka]\n")
    directory = build_directory(validated)
    assert directory.thesaurus == (("阅读", "读书", "看书"), ("客家", "Hakka"))


@pytest.mark.parametrize("text", [None, "", "# 只有说明，还没有一组\n", "[]\n"])
def test_a_city_without_a_thesaurus_has_none(tmp_path, text):
    """No file, an empty one, or only comments: no group and no message."""
    validated, messages = _thesaurus(tmp_path, text)
    assert messages == []
    assert build_directory(validated).thesaurus == ()


def test_the_thesaurus_is_no_taxonomy_of_terms(tmp_path):
    """Beside the taxonomies, it is not read as one: `showcase new` offers no term of it,
    and the check does not ask it for ids."""
    data = tmp_path / "data"
    shutil.copytree(FIXTURES / "city" / "data", data)
    (data / "taxonomies" / THESAURUS_FILE).write_text("- [阅读, 读书]\n", encoding="utf-8")
    text = scaffold("point", "reading-room", data, dt.date(2025, 1, 1), "")
    assert "阅读" not in text and "读书" not in text
    assert validate(data, tmp_path)[1] == []


def test_the_demo_thesaurus():
    """80 to 150 groups from the demo's own words: each group has a word some record uses
    (a group no record uses finds nothing), and none only repeats a term's name and synonyms."""
    validated, issues = validate(DEMO_DATA, ROOT)
    assert issues == []
    groups = validated.thesaurus
    assert 80 <= len(groups) <= 150
    records = "\n".join(path.read_text(encoding="utf-8")
                        for name in ("points", "projects", "cases", "years")
                        for path in sorted((DEMO_DATA / name).glob("*.yml")))
    assert [group for group in groups if not any(word in records for word in group)] == []
    said = [{word.casefold() for word in (term.name, *term.synonyms)}
            for terms in validated.taxonomies.values() for term in terms.values()]
    assert [group for group in groups if any({w.casefold() for w in group} <= words
                                              for words in said)] == []
    assert [word for group in groups for word in group if len(word) < 2] == []
    assert not {"服务", "社区", "中心"} & {word for group in groups for word in group}


def test_the_thesaurus_json_schema_describes_it_and_refuses_what_the_check_refuses():
    schema = json.loads(schema_text(SCHEMA_FILES["taxonomy-synonyms"], {}))
    jsonschema.Draft7Validator.check_schema(schema)
    group = schema["items"]
    assert group["description"].startswith("同义词组：一组意思相同的词")
    assert group["minItems"] == 2 and group["uniqueItems"] is True
    assert group["items"]["maxLength"] == SYNONYM_MAX
    validator = jsonschema.Draft7Validator(schema)

    def errors(data: Any) -> list[str]:
        return [e.validator for e in validator.iter_errors(data)]

    doc, issues = load_file(DEMO_DATA / "taxonomies" / THESAURUS_FILE, ROOT)
    assert not issues and errors(doc.data) == []
    assert errors([["阅读", "读书"], ["Hakka", "客家"]]) == []
    assert errors([["阅读"]]) == ["minItems"]
    assert errors([["阅读", "阅读"]]) == ["uniqueItems"]
    assert errors([["阅读、读书", "看书"]]) == ["pattern"]
    assert errors([["阅读", LONG]]) == ["maxLength"]
    assert errors(["阅读"]) == ["type"]


def test_vscode_maps_the_thesaurus_to_its_schema():
    settings = json.loads((ROOT / ".vscode" / "settings.json").read_text(encoding="utf-8"))
    assert settings["yaml.schemas"]["./data/schemas/taxonomy-synonyms.schema.json"] == \
        f"data/taxonomies/{THESAURUS_FILE}"


def test_the_field_reference_describes_the_thesaurus():
    rows = list(field_rows(SCHEMA_FILES["taxonomy-synonyms"]))
    assert [(row.path, row.kind, row.detail, row.required) for row in rows] == [
        ("[]", "list", "synonym", True)]
    assert rows[0].doc.startswith("同义词组：一组意思相同的词")
    strings = yaml.safe_load((ROOT / "theme" / "locales" / "zh-CN.yml").read_text(encoding="utf-8"))
    assert strings["reference"]["collections"]["taxonomy-synonyms"] == "同义词组（选填）"


def test_init_writes_an_empty_thesaurus_that_explains_itself(tmp_path):
    text = thesaurus_text()
    lines = text.splitlines()
    assert lines[-1] == "[]" and all(line.startswith("# ") for line in lines[:-1])
    assert lines[0].startswith("# 同义词组：一组意思相同的词")
    assert "# - [志愿服务, 志愿者, 义工, volunteer]" in lines
    validated, messages = _thesaurus(tmp_path, text)
    assert messages == [] and validated.thesaurus == ()
    # the examples in its comments are a valid thesaurus once uncommented
    validated, messages = _thesaurus(tmp_path / "uncommented", "\n".join(
        line[2:] for line in lines if line.startswith("# - ")) + "\n")
    assert messages == [] and len(validated.thesaurus) == 2


def test_the_thesaurus_is_linted_as_synonyms_are(tmp_path):
    """Full-width punctuation, as a term's synonyms; no space added: VR眼镜, 5G手机."""
    data = tmp_path / "data"
    shutil.copytree(FIXTURES / "city" / "data", data)
    (data / "taxonomies" / THESAURUS_FILE).write_text(
        "- [VR眼镜, 5G手机, '社区书房(图书室)']\n", encoding="utf-8")
    assert [str(issue) for issue in typography.findings(typography.read_texts(data, tmp_path))] == [
        THESAURUS + "1:21: [0][2]: 中文括号应使用全角（）（建议写作：社区书房（图书室））"]

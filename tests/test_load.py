"""The load stage: YAML 1.2 semantics, positions of every node, duplicate keys."""

import shutil

import pytest

from generator.cli import main
from generator.load import (MAX_DEPTH, MAX_FILE_BYTES, MAX_KEYS, MAX_REFUSALS, MAX_TEXT_CHARS,
                            MAX_VALUES, load_file, load_text)

from .conftest import FIXTURES, ROOT


def test_times_and_yes_no_stay_text_as_in_yaml_1_2():
    doc, issues = load_text("open: 9:30\nwheelchair: no\ncountry: NO\nwhen: 2024-05-01\n", "f.yml")
    assert issues == []
    # YAML 1.1 (PyYAML's default) would give 570, False, False and a date.
    assert doc.data == {"open": "9:30", "wheelchair": "no", "country": "NO", "when": "2024-05-01"}


def test_core_schema_types_are_kept():
    doc, _ = load_text("a: true\nb: 12\nc: 22.5\nd: ~\ne: 0x1F\nf: '12'\n", "f.yml")
    assert doc.data == {"a": True, "b": 12, "c": 22.5, "d": None, "e": 31, "f": "12"}


def test_every_node_has_its_line_and_column():
    text = "visit:\n  hours:\n    - days: [mon, tue]\n      open: \"09:30\"\n"
    doc, _ = load_text(text, "f.yml")
    assert (doc.mark(("visit", "hours", 0, "open")).line, doc.mark(("visit", "hours", 0, "open")).col) == (4, 13)
    assert doc.mark(("visit", "hours", 0, "days", 1)).col == 19
    # a missing node is reported where its nearest parent is
    assert doc.mark(("visit", "hours", 0, "close")).line == 3


def test_plain_scalars_keep_their_source_text():
    doc, _ = load_text("phone: 075583330001\n", "f.yml")
    assert doc.data["phone"] == 75583330001
    assert doc.mark(("phone",)).text == "075583330001"


def test_duplicate_key_is_reported_at_the_second_one():
    doc, issues = load_text("id: a\nname: x\nname: y\n", "data/points/a.yml")
    assert [str(i) for i in issues] == [
        "data/points/a.yml:3:1: name: 字段 'name' 重复，第 2 行已经写过（请删除其中一处，只保留正确的值）"]
    assert doc.data["name"] == "x"


def test_syntax_error_has_a_position():
    _, issues = load_text("id: a\nname: [x\nsummary: y\n", "data/points/a.yml")
    assert len(issues) == 1
    assert str(issues[0]).startswith("data/points/a.yml:3:8: YAML 格式错误：")
    assert issues[0].message.endswith("（请检查这一行及上一行的缩进、冒号和引号）")


def test_one_record_per_file():
    _, issues = load_text("id: a\n---\nid: b\n", "f.yml")
    assert [str(i) for i in issues] == [
        "f.yml:3:1: 一个文件只能有一条记录（请删除 --- 及其后的内容，另建一个文件）"]


def test_a_merge_key_is_refused():
    _, issues = load_text("base:\n  x: 1\nother:\n  <<: {x: 1}\n", "f.yml")
    assert [str(i) for i in issues] == [
        "f.yml:4:3: other: 不支持 YAML 合并键 <<（请把要复用的字段直接写出来）"]


ANCHOR = "不支持 YAML 锚点 &{0}（请删去 &{0}，要重复的内容在用到的每一处完整写出来）"
ALIAS = "不支持 YAML 引用 *{0}（请删去 *{0}，在这里把内容完整写出来）"
TAG = "不支持 YAML 标签 {0}（请删去 {0}；要让数字或日期按文字读，就给值加引号，如 '2024'）"


def test_anchors_aliases_and_tags_are_refused_each_where_written():
    text = ("id: a\n"
            "base: &b {x: 1}\n"
            "other:\n"
            "  <<: *b\n"
            "odd: !!python/object x\n"
            "year: !!str 2024\n"
            "kinds: !!set {a, b}\n"
            "steps: !!omap [a: 1]\n"
            "list: !foo [1, *b]\n"
            "&k key: ! 12\n")
    doc, issues = load_text(text, "data/points/a.yml")
    assert doc.data is None  # nothing is converted, so nothing is expanded
    assert [str(i) for i in issues] == [
        "data/points/a.yml:2:7: base: " + ANCHOR.format("b"),
        "data/points/a.yml:4:7: other.<<: " + ALIAS.format("b"),
        "data/points/a.yml:5:6: odd: " + TAG.format("!!python/object"),
        "data/points/a.yml:6:7: year: " + TAG.format("!!str"),
        "data/points/a.yml:7:8: kinds: " + TAG.format("!!set"),
        "data/points/a.yml:8:8: steps: " + TAG.format("!!omap"),
        "data/points/a.yml:9:7: list: " + TAG.format("!foo"),
        "data/points/a.yml:9:16: list[1]: " + ALIAS.format("b"),
        "data/points/a.yml:10:1: key: " + ANCHOR.format("k"),
        "data/points/a.yml:10:9: key: " + TAG.format("!"),
    ]


def alias_bomb(levels: int) -> str:
    """A "billion laughs": 9**levels values once expanded, from a few hundred bytes."""
    lines = ['l0: &l0 "lol"']
    lines += [f"l{i}: &l{i} [" + ", ".join([f"*l{i - 1}"] * 9) + "]"
              for i in range(1, levels + 1)]
    return "\n".join(lines) + "\n"


def test_an_alias_bomb_is_refused_unexpanded_with_a_bounded_list():
    # 9**12 values once expanded: only a loader that never resolves an alias returns
    doc, issues = load_text(alias_bomb(12), "data/points/bomb.yml")
    assert doc.data is None
    assert len(issues) == MAX_REFUSALS + 1  # 13 anchors and 108 aliases
    assert [str(i) for i in issues[:3]] == [
        "data/points/bomb.yml:1:5: l0: " + ANCHOR.format("l0"),
        "data/points/bomb.yml:2:5: l1: " + ANCHOR.format("l1"),
        "data/points/bomb.yml:2:10: l1[0]: " + ALIAS.format("l0"),
    ]
    assert str(issues[-1]) == (
        "data/points/bomb.yml:3:50: l2[8]: 这个文件还有 101 处锚点、引用、标签或超长文字没有列出"
        "（请先改正以上各处，再运行检查）")


def test_a_file_over_the_size_limit_is_refused_unread(tmp_path):
    path = tmp_path / "data" / "years" / "2025.yml"
    path.parent.mkdir(parents=True)
    path.write_text("year: 2025\n" + "# 注释\n" * (MAX_FILE_BYTES // 9), encoding="utf-8")
    size = path.stat().st_size
    assert size > MAX_FILE_BYTES
    doc, issues = load_file(path, tmp_path)
    assert doc.data is None
    assert [str(i) for i in issues] == [
        f"data/years/2025.yml:1:1: 文件有 {size:,} 字节，超过了数据文件的上限 4,194,304 字节"
        "（一个年度文件写两万条活动也不到这么大；请检查是不是放错了文件，或删去重复的内容）"]


def test_an_endless_file_is_read_only_up_to_the_limit(tmp_path):
    path = tmp_path / "endless.yml"
    path.symlink_to("/dev/zero")
    _, issues = load_file(path, tmp_path)
    assert [i.message.split("（")[0] for i in issues] == [
        "文件有 4,194,305 字节，超过了数据文件的上限 4,194,304 字节"]


def test_a_file_at_the_size_limit_is_read(tmp_path):
    path = tmp_path / "a.yml"
    path.write_bytes(b"id: a\n" + b"#" * (MAX_FILE_BYTES - 7) + b"\n")
    assert path.stat().st_size == MAX_FILE_BYTES
    doc, issues = load_file(path, tmp_path)
    assert issues == [] and doc.data == {"id": "a"}


@pytest.mark.parametrize("opening", ["[", "{a: "])
def test_deep_flow_nesting_is_refused_without_recursion(opening):
    text = "x: " + opening * 100_000  # unclosed: the limit answers before the syntax does
    doc, issues = load_text(text, "f.yml")
    assert doc.data is None
    assert [str(i) for i in issues] == [
        f"f.yml:1:{4 + MAX_DEPTH * len(opening) - len(opening)}: x: 层层嵌套超过 20 层"
        "（数据最多只有五六层；请检查是否多写了 [ 或 {，或者缩进有误）"]


def test_deep_block_nesting_is_refused():
    text = "".join("  " * i + "a:\n" for i in range(500)) + "  " * 500 + "x\n"
    _, issues = load_text(text, "f.yml")
    assert [str(i) for i in issues] == [
        "f.yml:21:41: a: 层层嵌套超过 20 层（数据最多只有五六层；请检查是否多写了 [ 或 {，或者缩进有误）"]


def test_nesting_up_to_the_limit_is_read():
    doc, issues = load_text("[" * MAX_DEPTH + "]" * MAX_DEPTH, "f.yml")
    assert issues == []
    assert doc.mark((0,) * (MAX_DEPTH - 1)).col == MAX_DEPTH


def test_too_many_values_are_refused_at_the_first_one_over():
    doc, issues = load_text("[" + "1," * MAX_VALUES + "1]", "f.yml")
    assert doc.data is None
    col = 2 + 2 * (MAX_VALUES - 1)  # the list itself is the first value
    assert [str(i) for i in issues] == [
        f"f.yml:1:{col}: 文件中的值超过 300000 个（一个年度文件写两万条活动也用不了这么多；"
        "请检查是不是放错了文件，或删去重复的内容）"]


def test_too_many_keys_in_one_mapping_are_refused():
    text = "visit:\n" + "".join(f"  k{i}: v\n" for i in range(MAX_KEYS + 50))
    _, issues = load_text(text, "data/points/a.yml")
    assert [str(i) for i in issues] == [
        f"data/points/a.yml:{MAX_KEYS + 2}:3: visit: 这一组的字段超过 200 个"
        "（一条记录的字段不到五十个；请检查缩进，或是不是放错了文件）"]


def test_a_long_text_and_a_long_field_name_are_refused_without_quoting_them():
    text = f"description: {'长' * (MAX_TEXT_CHARS + 1)}\n{'字' * 101}: x\n"
    _, issues = load_text(text, "data/cases/a.yml")
    assert [str(i) for i in issues] == [
        "data/cases/a.yml:1:14: description: 这段文字有 100,001 个字符，超过了上限 100,000"
        "（请删减；篇幅很长的材料请放在其他网页上，在这里写它的网址）",
        "data/cases/a.yml:2:1: 字段名有 101 个字符，超过了上限 100"
        "（字段名是字段说明里的英文名，如 summary；常见原因是文字里的冒号后面有空格而没有加引号）"]


def test_the_cli_check_refuses_an_alias_bomb_in_a_point_file(tmp_path, monkeypatch, capsys):
    city = FIXTURES / "city"
    shutil.copytree(city / "data", tmp_path / "data")
    config = (city / "mkdocs.yml").read_text(encoding="utf-8")  # its theme, where it is
    (tmp_path / "mkdocs.yml").write_text(config.replace("../../../", f"{ROOT}/"),
                                         encoding="utf-8")
    shutil.copytree(city / "content", tmp_path / "content")
    (tmp_path / "data" / "points" / "bomb.yml").write_text(alias_bomb(12), encoding="utf-8")
    monkeypatch.chdir(tmp_path)  # as an editor runs it, in the project's folder
    monkeypatch.delenv("CI", raising=False)  # on CI, the new point's permalink is an error too
    assert main(["check", "--data", "data"]) == 1
    err = capsys.readouterr().err.splitlines()
    assert err[0] == "data/points/bomb.yml:1:5: l0: " + ANCHOR.format("l0")
    assert len(err) == MAX_REFUSALS + 2  # the listed ones, how many more, the count
    assert err[-1] == "共 21 个错误，网站未生成，上一次生成的网站保持不变"

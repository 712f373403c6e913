"""The load stage: YAML 1.2 semantics, positions of every node, duplicate keys."""

from generator.load import load_text


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
        "data/points/a.yml:3:1: name: 字段 'name' 重复,第 2 行已经写过(请删除其中一处,只保留正确的值)"]
    assert doc.data["name"] == "x"


def test_syntax_error_has_a_position():
    _, issues = load_text("id: a\nname: [x\nsummary: y\n", "data/points/a.yml")
    assert len(issues) == 1
    assert str(issues[0]).startswith("data/points/a.yml:3:8: YAML 格式错误:")
    assert issues[0].message.endswith("(请检查这一行及上一行的缩进、冒号和引号)")


def test_one_record_per_file():
    _, issues = load_text("id: a\n---\nid: b\n", "f.yml")
    assert [str(i) for i in issues] == [
        "f.yml:3:1: 一个文件只能有一条记录(请删除 --- 及其后的内容,另建一个文件)"]


def test_tags_and_merge_keys_are_refused():
    _, issues = load_text("base: &b {x: 1}\nother:\n  <<: *b\nodd: !!python/object x\n", "f.yml")
    assert [i.message for i in issues] == [
        "不支持 YAML 合并键 <<(请把要复用的字段直接写出来)",
        "不支持 YAML 标签 tag:yaml.org,2002:python/object(请去掉以 ! 开头的标签)",
    ]


def test_an_explicit_tag_that_does_not_fit_its_text_is_reported_not_raised():
    _, issues = load_text("phone: !!int 010-1234\n", "f.yml")
    assert [str(i) for i in issues] == [
        "f.yml:1:8: phone: 不支持 YAML 标签 tag:yaml.org,2002:int(请去掉以 ! 开头的标签)"]

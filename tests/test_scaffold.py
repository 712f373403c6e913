"""`showcase new`: a new record file of each kind that passes the check as it is, every
field explained by its description from the schema; a taken or malformed id refused."""

from __future__ import annotations

import shutil

import pytest
import yaml

from generator.schema import COLLECTIONS, field_specs
from generator.scaffold import KINDS, TODO
from generator.vocabulary import DEFAULT

from .conftest import FIXTURES, ROOT, copy_site_inputs, run_cli


@pytest.fixture
def data_copy(tmp_path):
    return copy_site_inputs(tmp_path / "project")


@pytest.mark.parametrize("kind, id_", [("point", "futian-new-hub"), ("project", "new-project"),
                                       ("case", "new-case"), ("year", "2031")])
def test_a_new_record_passes_the_check_and_explains_every_field(data_copy, kind, id_):
    collection = KINDS[kind]
    before = len(list((data_copy / "data" / collection).glob("*.yml")))
    result = run_cli("new", kind, id_, cwd=data_copy)
    path = f"data/{collection}/{id_}.yml"
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == \
        f"已创建 {path}：请把以“请填写”开头的内容换成实际信息，再运行 showcase check 检查。"
    text = (data_copy / path).read_text(encoding="utf-8")
    comments = {line.strip()[2:] for line in text.splitlines() if line.strip().startswith("# ")}
    for spec in field_specs(COLLECTIONS[collection]):
        assert DEFAULT.apply(spec.doc) in comments, spec.name  # in the demo's words
    record = yaml.safe_load(text)
    if kind != "year":  # what is still to write says so (a year needs only its number)
        assert any(isinstance(v, str) and v.startswith(TODO) for v in record.values())
    check = run_cli("check", cwd=data_copy)
    assert check.returncode == 0, check.stderr
    counts = {"points": "个展示点", "projects": "个品牌项目", "cases": "篇典型案例", "years": "个年度"}
    assert f"{before + 1} {counts[collection]}" in check.stdout
    # on the editor's machine each value still to write is a reminder; in CI, where the
    # site is published, it is an error, and the same in the build
    reminders = {line.split(": ", 1)[1] for line in check.stderr.splitlines()
                 if line.startswith(f"{path}:") and "占位文字" in line}
    todo = [(key, value) for key, value in _strings(record) if value.startswith(TODO)]
    assert reminders == {f"{key}: 提醒：“{value[:40]}”还是新建记录时的占位文字（请换成实际内容；"
                         "持续集成检查时这是错误，网站不会发布）" for key, value in todo}
    for command in ("check", "build"):
        in_ci = run_cli(command, cwd=data_copy, ci=True)
        errors = {line.split(": ", 1)[1] for line in in_ci.stderr.splitlines()
                  if line.startswith(f"{path}:")}
        assert errors == {message.replace("提醒：", "") for message in reminders}
        assert in_ci.returncode == (1 if todo or kind == "point" else 0), in_ci.stderr


def _strings(record, prefix=""):
    """(field path, text) of every text in a record read by PyYAML."""
    items = record.items() if isinstance(record, dict) else enumerate(record)
    for key, value in items:
        path = f"{prefix}[{key}]" if isinstance(key, int) else f"{prefix}.{key}" if prefix else key
        if isinstance(value, str):
            yield path, value
        elif isinstance(value, (dict, list)):
            yield from _strings(value, path)


def test_two_new_points_do_not_share_a_venue(data_copy):
    for id_ in ("new-one", "new-two"):
        assert run_cli("new", "point", id_, cwd=data_copy).returncode == 0
    assert run_cli("check", cwd=data_copy).returncode == 0


@pytest.mark.parametrize("args, message", [
    (("point", "futian-vr-industry"),
     "data/points/futian-vr-industry.yml 已经存在（请换一个 id，或直接编辑这个文件）"),
    (("point", "Futian_Hub"),
     "'Futian_Hub' 不能用作 id（只用小写字母、数字和连字符，如 east-new-centre;id 会印在铭牌二维码里，"
     "定了就不要再改）"),
    (("year", "二〇二七"), "'二〇二七' 不是年份（年度文件以年份命名，如 2027）"),
])
def test_a_taken_or_malformed_id_is_refused(data_copy, args, message):
    existing = sorted(path.name for path in (data_copy / "data").rglob("*.yml"))
    result = run_cli("new", *args, cwd=data_copy)
    assert result.returncode == 1
    assert result.stderr.strip() == message
    assert sorted(path.name for path in (data_copy / "data").rglob("*.yml")) == existing


def test_a_new_record_of_a_walk_in_programme_says_nothing_of_booking(tmp_path):
    """A programme without booking (programme.booking: none) refuses a record that says how
    to book: the new record has no booking part, and passes the check as it is."""
    county = tmp_path / "tests" / "fixtures" / "county"
    shutil.copytree(FIXTURES / "county", county)
    shutil.copytree(ROOT / "theme", tmp_path / "theme")
    assert yaml.safe_load((county / "data" / "site.yml").read_text(encoding="utf-8"))[
        "programme"]["booking"] == "none"
    result = run_cli("new", "point", "new-centre", cwd=county)
    assert result.returncode == 0, result.stderr
    text = (county / "data" / "points" / "new-centre.yml").read_text(encoding="utf-8")
    assert "booking" not in text
    site = yaml.safe_load((county / "data" / "site.yml").read_text(encoding="utf-8"))
    for field in site["extra_fields"]:  # the city's own fields, each explained
        if field.get("collection", "points") == "points":
            assert f"  # {field['label']}：{field['description']}" in text
            assert f"  # {field['id']}: " in text
    check = run_cli("check", cwd=county)
    assert check.returncode == 0, check.stderr

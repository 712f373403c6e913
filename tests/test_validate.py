"""The validate stage: every mistake an editor can make, with its exact message."""

from __future__ import annotations

import datetime as dt
import os
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
import yaml

from generator.issues import report
from generator.validate import validate

from .conftest import DEMO_DATA, FIXTURES, ROOT

BROKEN = FIXTURES / "broken"


def broken_data(tmp_path: Path) -> Path:
    data = tmp_path / "data"
    shutil.copytree(FIXTURES / "city" / "data", data)
    for path in [*BROKEN.rglob("*.yml"), BROKEN / "permalinks.lock"]:
        target = data / path.relative_to(BROKEN)
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(path, target)
    return data


def test_broken_fixture_reports_every_expected_message(tmp_path):
    data = broken_data(tmp_path)
    validated, issues = validate(data, tmp_path, ci=False)
    assert validated is None
    text = report(issues) + "\n"
    expected_file = BROKEN / "expected.txt"
    if os.environ.get("UPDATE_EXPECTED"):
        expected_file.write_text(text, encoding="utf-8")
    assert text.splitlines() == expected_file.read_text(encoding="utf-8").splitlines()


def test_files_read_on_two_cores_give_the_same_messages(tmp_path):
    """The broken fixture's few files are read on one core; forced onto two (as a large
    data folder is, in a process without threads), every message is the same."""
    data = broken_data(tmp_path)
    script = textwrap.dedent(f"""
        import sys
        from pathlib import Path
        import generator.validate as validation
        from generator.issues import report
        from generator.parallel import _can_fork
        assert _can_fork()
        validation.PARALLEL_FILES = 1
        validated, issues = validation.validate(Path({str(data)!r}), Path({str(tmp_path)!r}),
                                                ci=False)
        assert validated is None
        sys.stdout.write(report(issues))
    """)
    result = subprocess.run([sys.executable, "-c", script], cwd=ROOT, capture_output=True,
                            text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    expected = (BROKEN / "expected.txt").read_text(encoding="utf-8").splitlines()
    assert result.stdout.splitlines() == expected


def test_valid_fixture_and_demo_data_have_no_problems():
    for data in (FIXTURES / "city" / "data", DEMO_DATA):
        validated, issues = validate(data, data.parent)
        assert issues == [], report(issues)
        assert validated is not None


def _one(tmp_path, collection: str, text: str, name: str = "beishan-centre") -> list[str]:
    data = tmp_path / "data"
    shutil.copytree(FIXTURES / "city" / "data", data)
    (data / collection / f"{name}.yml").write_text(text, encoding="utf-8")
    _, issues = validate(data, tmp_path)
    return [str(issue) for issue in issues]


POINT = (FIXTURES / "city" / "data" / "points" / "beishan-centre.yml").read_text(encoding="utf-8")


def test_the_valid_point_reads_back_with_normalised_values(tmp_path):
    validated, _ = validate(FIXTURES / "city" / "data", tmp_path)
    point = next(p for p in validated.collections["points"] if p.id == "beishan-centre")
    # "9:00" unquoted is the text 9:00, not 540 minutes; it is normalised to 09:00
    assert [(h.open, h.close) for h in point.visit.hours] == [("09:00", "12:00"), ("13:30", "17:00")]
    assert point.visit.booking.phone == "0571-87001234"
    assert str(point.visit.closed_dates[0]) == "2024-10-01"


@pytest.mark.parametrize("change, expected", [
    (("lead_days: 2", "lead_days: two"),
     "data/points/beishan-centre.yml:28:16: visit.booking.lead_days: 应为整数，实际为 'two'（请写阿拉伯数字，不加引号，如 2024）"),
    (("close: \"12:00\"}", "close: 12:00}"), None),  # unquoted 12:00 is text in YAML 1.2: fine
    (("summary: 街道", "summary: <script>alert(1)</script>街道"),
     "data/points/beishan-centre.yml:15:10: summary: 不允许使用 HTML 标签 '<script>'（请改用 Markdown：**加粗**、[链接文字](https://…)、- 列表）"),
    (("phone: 0571-87001234\n    url", "phone: 0571-87001234\n    wechat: 北山\n    url"), None),
    (("  - {name: 王老师, phone: 0571-87001234}", "  - {name: 王老师, phone: 139 1234 5678}"), None),
    (("status: awarded", "status: delisted"),
     "data/points/beishan-centre.yml:9:9: status: 状态为 delisted，但缺少摘牌信息（请添加 delisted: 并填写 date 和 reason）"),
    (("directions: 公交 7 路北山站下车。", "directions: 公交 7 路北山站下车，联系 0571-87001234 或 15912345678。"),
     "data/points/beishan-centre.yml:31:15: visit.directions: 疑似个人手机号码 '15912345678'（手机号只能填在联系人或预约电话字段，且须本人同意公开）"),
])
def test_single_mistakes(tmp_path, change, expected):
    old, new = change
    assert old in POINT
    messages = _one(tmp_path, "points", POINT.replace(old, new))
    assert messages == ([expected] if expected else [])


def test_an_event_at_a_point_and_at_a_venue(tmp_path):
    """The page names the point of an event that has one: a venue written beside it would
    be lost without a word."""
    year = (FIXTURES / "city" / "data" / "years" / "2023.yml").read_text(encoding="utf-8")
    old = "point: beishan-centre}"
    assert old in year
    messages = _one(tmp_path, "years", year.replace(old, "point: beishan-centre, venue: 市民中心}"),
                    name="2023")
    assert messages == [
        "data/years/2023.yml:5:85: events[0].venue: 活动写了 point 又写了 venue，venue 不会显示"
        "（在服务中心举办只写 point；不在服务中心举办则删除 point，只写 venue）"]


def test_yes_in_a_boolean_field(tmp_path):
    data = tmp_path / "data"
    shutil.copytree(FIXTURES / "city" / "data", data)
    site = data / "site.yml"
    site.write_text(site.read_text(encoding="utf-8").replace("sample_data: false", "sample_data: yes"),
                    encoding="utf-8")
    _, issues = validate(data, tmp_path)
    assert [str(i) for i in issues] == [
        "data/site.yml:9:14: sample_data: 'yes' 在这里不表示是或否（请写 true 或 false）"]


def test_missing_taxonomy_file(tmp_path):
    data = tmp_path / "data"
    shutil.copytree(FIXTURES / "city" / "data", data)
    (data / "taxonomies" / "series.yml").unlink()
    _, issues = validate(data, tmp_path)
    assert str(issues[0]) == ("data/taxonomies/series.yml:1:1: 缺少分类文件 data/taxonomies/series.yml"
                              "（请从其他城市的配置复制一份并修改）")


def test_in_ci_a_missing_lock_file_is_an_error(tmp_path):
    data = tmp_path / "data"
    shutil.copytree(FIXTURES / "city" / "data", data)
    (data / "permalinks.lock").unlink()
    validated, issues = validate(data, tmp_path, ci=False)
    assert issues == [] and validated.new_permalinks == [
        "v/beishan-centre/", "v/beishan-hall/", "v/lingyin-centre/", "v/river-centre/"]
    _, issues = validate(data, tmp_path, ci=True)
    assert [str(issue) for issue in issues] == [
        "data/permalinks.lock:1:1: 缺少永久链接登记文件 data/permalinks.lock（在本地运行 make build 或 "
        "showcase build 会自动生成，再把它提交）"]


def test_a_target_year_written_twice(tmp_path):
    data = tmp_path / "data"
    shutil.copytree(FIXTURES / "city" / "data", data)
    site = data / "site.yml"
    site.write_text(site.read_text(encoding="utf-8") + (
        "targets:\n  - {year: 2025, points: 30}\n  - {year: 2026, points: 40}\n"
        "  - {year: 2025, points: 35}\n"), encoding="utf-8")
    _, issues = validate(data, tmp_path)
    lines = len(site.read_text(encoding="utf-8").splitlines())
    assert [str(i) for i in issues] == [
        f"data/site.yml:{lines}:12: targets[2].year: 2025 年的这项目标写了两次（同一年的同一种目标只写一次，"
        "请删去其中一项）"]


@pytest.mark.parametrize("url, expected", [
    ("http://creativecommons.org/licenses/by/4.0/",
     "data_licence.url: 许可协议的网址必须以 https:// 开头，实际为 "
     "'http://creativecommons.org/licenses/by/4.0/'（开放数据页和数据文件都链接到这个地址："
     "请改用 https:// 开头的地址，如 https://creativecommons.org/licenses/by/4.0/）"),
    ("CC BY 4.0",
     "data_licence.url: 'CC BY 4.0' 不是网址（url 写许可协议全文的网址，如 "
     "https://creativecommons.org/licenses/by/4.0/；协议的名称写在 name 里）"),
])
def test_a_data_licence_whose_address_is_not_https(tmp_path, url, expected):
    data = tmp_path / "data"
    shutil.copytree(FIXTURES / "city" / "data", data)
    site = data / "site.yml"
    site.write_text(site.read_text(encoding="utf-8") + (
        "data_licence:\n  name: 知识共享署名 4.0 国际许可协议（CC BY 4.0）\n"
        f"  url: {url}\n"), encoding="utf-8")
    _, issues = validate(data, tmp_path)
    lines = len(site.read_text(encoding="utf-8").splitlines())
    assert [str(i) for i in issues] == [f"data/site.yml:{lines}:8: {expected}"]


def test_a_data_file_that_links_outside_the_data_folder_is_not_read(tmp_path):
    # a pull request of links could have the build read any file of the machine and
    # quote its lines in the (public) CI log
    secret = tmp_path / "secret.txt"
    secret.write_text("token: s3cr3t-value\n- [unclosed\n", encoding="utf-8")
    data = tmp_path / "data"
    shutil.copytree(FIXTURES / "city" / "data", data)
    (data / "points" / "stolen.yml").symlink_to(secret)
    (data / "permalinks.lock").unlink()
    (data / "permalinks.lock").symlink_to(secret)
    validated, issues = validate(data, tmp_path, ci=False)
    assert validated is None
    message = "这个文件是指向数据文件夹以外的链接，不会被读取（请把文件本身放进数据文件夹，不要用符号链接）"
    assert [str(issue) for issue in issues] == [
        f"data/permalinks.lock:1:1: {message}", f"data/points/stolen.yml:1:1: {message}"]
    assert "s3cr3t" not in report(issues)


def test_a_file_with_thousands_of_problems_lists_thirty(tmp_path):
    # a spreadsheet pasted into a record: every line an unknown field
    data = tmp_path / "data"
    shutil.copytree(FIXTURES / "city" / "data", data)
    case = data / "cases" / "beishan-salon.yml"
    case.write_text(case.read_text(encoding="utf-8") + "".join(
        f"column{i}: {i}\n" for i in range(150)), encoding="utf-8")
    _, issues = validate(data, tmp_path, ci=False)
    lines = report(issues).splitlines()
    assert len(issues) == 150 and len(lines) == 32
    assert lines[0] == ("data/cases/beishan-salon.yml:11:1: column0: 未知字段 'column0'（可用字段：id, title, "
                        "year, field, organisations, points, projects, summary, body, source, extra, en）")
    assert lines[-2:] == [
        "data/cases/beishan-salon.yml: 这个文件还有 120 个问题没有列出（请先改正上面这些，再运行检查）",
        "共 150 个错误，网站未生成，上一次生成的网站保持不变"]


@pytest.mark.parametrize("body, message", [
    ("文" * 20_001, "太长：20001 个字符，最多 20000 个（请精简，或把内容分成几条记录）"),
    ("[" * 101, "方括号 [ 太多：101 个，最多 100 个（[ 用来写链接，如 [文字](https://…)；"
                "正文里的方括号请改用【】）"),
    ("\n".join("    " * i + "- 项" for i in range(9)),
     "列表或引用嵌套超过 8 层（请减少缩进或行首的 >、-、* 标记）"),
    ("> " * 9 + "引用", "列表或引用嵌套超过 8 层（请减少缩进或行首的 >、-、* 标记）"),
])
def test_markdown_the_renderer_could_not_finish_is_refused(tmp_path, body, message):
    # Python-Markdown looks for a link's end from every [ (8,000 took 9 s) and nests
    # lists and quotes by recursion (400 levels: RecursionError)
    data = tmp_path / "data"
    shutil.copytree(FIXTURES / "city" / "data", data)
    case = data / "cases" / "beishan-salon.yml"
    record = yaml.safe_load(case.read_text(encoding="utf-8"))
    record["body"] = body
    case.write_text(yaml.safe_dump(record, allow_unicode=True, sort_keys=False, width=1 << 30),
                    encoding="utf-8")
    _, issues = validate(data, tmp_path, ci=False)
    assert [(i.file, i.path, i.message) for i in issues] == [
        ("data/cases/beishan-salon.yml", "body", message)]


def test_markdown_at_the_limits_is_accepted(tmp_path):
    data = tmp_path / "data"
    shutil.copytree(FIXTURES / "city" / "data", data)
    case = data / "cases" / "beishan-salon.yml"
    record = yaml.safe_load(case.read_text(encoding="utf-8"))
    record["body"] = ("\n".join("    " * i + "- 项" for i in range(8)) + "\n\n"
                      + "[链接](https://example.org/) " * 100 + "文" * 15_000)
    case.write_text(yaml.safe_dump(record, allow_unicode=True, sort_keys=False, width=1 << 30),
                    encoding="utf-8")
    assert validate(data, tmp_path, ci=False)[1] == []


def test_a_folder_or_a_dead_link_where_a_record_belongs_is_said_not_raised(tmp_path):
    data = tmp_path / "data"
    shutil.copytree(FIXTURES / "city" / "data", data)
    (data / "points" / "folder.yml").mkdir()
    (data / "points" / "dead.yml").symlink_to(data / "points" / "gone.yml")
    _, issues = validate(data, tmp_path, ci=False)
    assert [str(issue) for issue in issues] == [
        "data/points/dead.yml:1:1: 这是一个链接，但它指向的文件不存在（请删除这个链接，"
        "把记录文件本身放在这里）",
        "data/points/folder.yml:1:1: 这是一个文件夹，不是记录文件（文件夹的名字不要以 .yml "
        "结尾；记录文件请直接放在这里）"]


# ---------------------------------------------------------------------------
# A schema that fits real programmes: booking, several fields, extra fields, targets
# ---------------------------------------------------------------------------


def _city(tmp_path: Path, site_extra: str = "", programme_extra: str = "") -> Path:
    """A copy of the fixture city's data, with lines added to site.yml (and to its
    ``programme``)."""
    data = tmp_path / "data"
    shutil.copytree(FIXTURES / "city" / "data", data)
    site = data / "site.yml"
    text = site.read_text(encoding="utf-8").replace(
        "  short_title: 服务中心\n", "  short_title: 服务中心\n" + programme_extra)
    site.write_text(text + site_extra, encoding="utf-8")
    return data


def _messages(data: Path, tmp_path: Path) -> list[str]:
    _, issues = validate(data, tmp_path)
    return [str(issue) for issue in issues]


WALK_IN = ("visit.booking: 本项目无需预约，开放时间内可直接前往（site.yml 中 programme.booking 为 none），"
           "记录里不写预约方式（请删去 visit.booking 及其下各项，把开放时间写在 visit.hours 下；"
           "要接受预约，请把 programme.booking 改为 optional）")


def test_a_walk_in_programme_refuses_a_booking(tmp_path):
    data = _city(tmp_path, programme_extra="  booking: none\n")
    assert _messages(data, tmp_path) == [
        f"data/points/beishan-centre.yml:26:5: {WALK_IN}",
        f"data/points/lingyin-centre.yml:13:12: {WALK_IN}"]


def test_booking_optional_or_none_needs_no_booking_channel(tmp_path):
    for mode in ("optional", "none"):
        data = _city(tmp_path / mode, programme_extra=f"  booking: {mode}\n")
        for name in ("beishan-centre", "lingyin-centre"):
            path = data / "points" / f"{name}.yml"
            point = yaml.safe_load(path.read_text(encoding="utf-8"))
            del point["visit"]["booking"]
            path.write_text(yaml.safe_dump(point, allow_unicode=True), encoding="utf-8")
        assert _messages(data, tmp_path / mode) == []
        if mode == "optional":  # and still takes one
            assert _messages(_city(tmp_path / "kept", programme_extra="  booking: optional\n"),
                             tmp_path / "kept") == []


def test_booking_required_is_todays_rule(tmp_path):
    data = _city(tmp_path, programme_extra="  booking: walkin\n")
    path = data / "points" / "lingyin-centre.yml"
    path.write_text(path.read_text(encoding="utf-8").replace(
        "visit:\n  booking: {phone: 0571-87005678}\n", ""), encoding="utf-8")
    assert _messages(data, tmp_path) == [
        "data/points/lingyin-centre.yml:1:1: visit.booking: 已授牌的展示点必须至少有一种预约方式"
        "（请在 visit.booking 下填写 phone、url、email 或 wechat）",
        "data/site.yml:6:12: programme.booking: 'walkin' 不是可选值（可选：required, optional, none）"]


@pytest.mark.parametrize("other, expected", [
    ("[culture]", None),
    ("[culture, community]",
     "data/points/beishan-centre.yml:8:25: other_fields[1]: 'community' 已是主要领域 field，"
     "other_fields 只写其他领域（请删去这一项）"),
    ("[culture, culture]",
     "data/points/beishan-centre.yml:8:25: other_fields[1]: 'culture' 重复（同一项只写一次）"),
    ("[sports]",
     "data/points/beishan-centre.yml:8:16: other_fields[0]: 'sports' 不在 taxonomies/fields.yml 中"
     "（可选：community, culture）"),
])
def test_other_fields(tmp_path, other, expected):
    text = POINT.replace("field: community\n", f"field: community\nother_fields: {other}\n")
    messages = _one(tmp_path, "points", text)
    assert messages == ([expected] if expected else [])


EXTRA_FIELDS = """extra_fields:
  - {id: staff, label: 专职工作人员, type: number, description: 中心的专职工作人员人数。}
  - {id: services, label: 服务项目, type: list, description: 中心提供的服务。}
  - {id: opened, label: 启用日期, type: date, description: 中心启用的日期。}
  - {id: report, label: 年度报告, type: url, description: 年度报告的网址。}
"""


def test_extra_values_of_the_wrong_type_or_undeclared(tmp_path):
    data = _city(tmp_path, EXTRA_FIELDS)
    point = data / "points" / "beishan-centre.yml"
    point.write_text(point.read_text(encoding="utf-8") + (
        "extra: {staff: six, services: 助餐, opened: 2019, report: example.org/r, colour: red}\n"),
        encoding="utf-8")
    at = "data/points/beishan-centre.yml:39"
    assert _messages(data, tmp_path) == [
        f"{at}:16: extra.staff: 应为数字，实际为 'six'（请写阿拉伯数字，不加引号，如 22.5431）",
        f"{at}:31: extra.services: 应为列表，实际为 '助餐'（请写成 [a, b] 或每项一行、以“- ”开头）",
        f"{at}:43: extra.opened: 应为日期，实际为 '2019'（请写成 YYYY-MM-DD，如 2024-11-08）",
        f"{at}:57: extra.report: 网址必须以 https:// 或 http:// 开头，实际为 'example.org/r'"
        "（请填写完整网址，如 https://example.org/booking）",
        f"{at}:72: extra.colour: 'colour' 不是已声明的自定义字段（extra: 下只写 site.yml 的 "
        "extra_fields 中 collection 为 points 的字段：staff、services、opened、report；要加新的一项，"
        "请先在 extra_fields 中声明它的 id、label、type 和 description）"]


def test_extra_values_as_declared_read_back(tmp_path):
    data = _city(tmp_path, EXTRA_FIELDS)
    point = data / "points" / "beishan-centre.yml"
    point.write_text(point.read_text(encoding="utf-8") + (
        "extra: {services: [助餐, 法律咨询], staff: 6, opened: 2019-05-01}\n"), encoding="utf-8")
    validated, issues = validate(data, tmp_path)
    assert issues == []
    beishan = next(p for p in validated.collections["points"] if p.id == "beishan-centre")
    assert beishan.extra == (("staff", 6), ("services", ("助餐", "法律咨询")),
                             ("opened", dt.date(2019, 5, 1)))  # in the declarations' order


def test_extra_field_declarations(tmp_path):
    data = _city(tmp_path, EXTRA_FIELDS + (
        "  - {id: staff, label: 又一个, type: text, description: 重复的编号。, collection: cases}\n"))
    assert _messages(data, tmp_path) == [
        "data/site.yml:23:10: extra_fields[4].id: 自定义字段 'staff' 已在 extra_fields[0] 声明过"
        "（每个编号只声明一次：请删去这一项，或换一个编号）"]
    data = _city(tmp_path / "2", "extra_fields:\n  - {id: Staff, label: 人数, type: count, "
                 "description: 人数。, collection: events}\n")
    assert _messages(data, tmp_path / "2") == [
        "data/site.yml:19:10: extra_fields[0].id: 'Staff' 不能用作编号（只能用小写英文字母、数字和连字符，"
        "如 east-centre）",
        "data/site.yml:19:34: extra_fields[0].type: 'count' 不是可选值（可选：text, number, list, date, url）",
        "data/site.yml:19:71: extra_fields[0].collection: 'events' 不是可选值（可选：points, projects, cases）"]


def test_targets_of_each_kind(tmp_path):
    data = _city(tmp_path, """targets:
  - {year: 2025}
  - {year: 2025, points: 30, coverage: streets}
  - {year: 2025, count: 12}
  - {year: 2026, share: 20, of: projects}
  - {year: 2026, points: 30, of: points}
  - {year: 2024, coverage: streets}
  - {year: 2024, coverage: districts}
  - {year: 2024, coverage: streets}
  - {year: 2025, count: 12, of: projects}
  - {year: 2025, count: 3, of: cases}
  - {year: 2026, share: 20, of: rated}
  - {year: 2026, points: 30}
""")
    assert _messages(data, tmp_path) == [
        "data/site.yml:19:5: targets[0]: 目标没有写明是哪一种（请写 points、count、coverage 或 share 中的一种，"
        "如 points: 30）",
        "data/site.yml:20:40: targets[1].coverage: 一个目标只能是一种，这里同时写了 points 和 coverage"
        "（请分成两项目标，各写一种）",
        "data/site.yml:21:25: targets[2].count: count 要用 of 写明数哪一类记录（of 写 points、projects、"
        "cases 或 events）",
        "data/site.yml:22:33: targets[3].of: share 要写 of: rated（占比目标算的是在营记录中参加评估定级的组织）",
        "data/site.yml:23:34: targets[4].of: of 只和 count 或 share 一起写（points 目标不用 of，请删去）",
        "data/site.yml:26:12: targets[7].year: 2024 年的这项目标写了两次（同一年的同一种目标只写一次，"
        "请删去其中一项）"]

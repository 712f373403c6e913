"""Chinese typography, enforced: `showcase check` lints every free text of the data with
AutoCorrect (autocorrect-py) and our rules, places each finding where it is written,
reports it as a warning or an error as site.yml says, and `--fix` writes the corrections
back, changing nothing else in the files."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from generator import typography

from .conftest import DEMO_DATA, FIXTURES, copy_city, run_cli

CONFIG = "tests/fixtures/city/mkdocs.yml"
WARNING = "提醒："


def _replace(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, (path, old)
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def _point(project: Path) -> Path:
    return project / "data" / "points" / "beishan-centre.yml"


def _half_width_texts(project: Path) -> None:
    """Half-width punctuation and missing spaces in a plain, a double-quoted (with an
    escape before the comma), a single-quoted, a literal and a folded text."""
    point = _point(project)
    _replace(point, "summary: 街道社会组织孵化培育和交流展示中心。",
             'summary: "街道社会组织\\u5b75化培育,和交流展示中心。"')
    _replace(point, "name: 北山街道社会组织服务中心", "name: '北山街道社会组织服务中心(湖滨)'")
    _replace(point, "  中心设有**孵化空间**和展示长廊。",
             "  中心设有**孵化空间**和展示长廊,面积200平方米。")
    _replace(point, "  directions: 公交 7 路北山站下车。",
             "  directions: 公交7路北山站下车;步行约5分钟。\n"
             "  accessibility: >\n    设无障碍坡道;\n    展厅为平层,轮椅可通行。")


# Each at the character that changes (inside a quoted text: after the escape \u5b75, six
# characters in the file for one in the text; in a block: below its key), in the editors'
# words, with the corrected text around it
FINDINGS = [
    "data/points/beishan-centre.yml:2:20: name: 提醒：中文括号应使用全角（）"
    "（建议写作：…街道社会组织服务中心（湖滨））",
    "data/points/beishan-centre.yml:15:26: summary: 提醒：中文标点应使用全角"
    "（建议写作：街道社会组织孵化培育，和交流展示中心。）",
    "data/points/beishan-centre.yml:17:20: description: 提醒：中文标点应使用全角"
    "（建议写作：…化空间**和展示长廊，面积 200 平方米。…）",
    "data/points/beishan-centre.yml:17:23: description: 提醒：中文与英文、数字之间应加空格"
    "（建议写作：…**和展示长廊，面积 200 平方米。…）",
    "data/points/beishan-centre.yml:31:17: visit.directions: 提醒：中文与英文、数字之间应加空格"
    "（建议写作：公交 7 路北山站下车；步行约…）",
    "data/points/beishan-centre.yml:31:24: visit.directions: 提醒：中文标点应使用全角"
    "（建议写作：公交 7 路北山站下车；步行约 5 分钟。）",
    "data/points/beishan-centre.yml:31:28: visit.directions: 提醒：中文与英文、数字之间应加空格"
    "（建议写作：…路北山站下车；步行约 5 分钟。）",
    "data/points/beishan-centre.yml:33:11: visit.accessibility: 提醒：中文标点应使用全角"
    "（建议写作：设无障碍坡道；展厅为平层，轮椅可通…）",
    "data/points/beishan-centre.yml:34:10: visit.accessibility: 提醒：中文标点应使用全角"
    "（建议写作：…碍坡道；展厅为平层，轮椅可通行。）",
]


def _typography_lines(stderr: str) -> list[str]:
    return [line for line in stderr.splitlines() if "建议写作" in line]


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    """The fixture city built once; each test copies it, site and all."""
    top = tmp_path_factory.mktemp("typography")
    copy_city(top)
    result = run_cli("build", "-f", CONFIG, cwd=top)
    assert result.returncode == 0, result.stderr
    return top


def _copy(built: Path, tmp_path: Path) -> tuple[Path, Path]:
    top = tmp_path / "top"
    shutil.copytree(built, top, symlinks=True)
    return top, top / "tests" / "fixtures" / "city"


def test_findings_are_reminders_by_default_placed_where_they_are_written(built, tmp_path):
    top, project = _copy(built, tmp_path)
    _half_width_texts(project)
    check = run_cli("check", "-f", CONFIG, cwd=top)
    assert check.returncode == 0, check.stderr
    assert _typography_lines(check.stderr) == FINDINGS
    build = run_cli("build", "-f", CONFIG, cwd=top)
    assert build.returncode == 0, build.stderr
    assert [line.split(" -  ", 1)[-1] for line in _typography_lines(build.stderr)] == FINDINGS


def test_as_errors_they_fail_the_check_and_the_build_keeps_the_last_site(built, tmp_path):
    top, project = _copy(built, tmp_path)
    _half_width_texts(project)
    _replace(project / "data" / "site.yml", "sample_data: false\n",
             "sample_data: false\ntypography: error\n")
    site = project / "site" / "index.html"
    before = site.read_bytes()

    check = run_cli("check", "-f", CONFIG, cwd=top)
    build = run_cli("build", "-f", CONFIG, cwd=top)

    assert check.returncode == build.returncode == 1, (check.stderr, build.stderr)
    errors = [line.replace("提醒：", "") for line in FINDINGS]
    assert check.stderr.splitlines() == errors + ["共 9 个错误，网站未生成，上一次生成的网站保持不变"]
    assert build.stderr.splitlines()[-len(errors) - 1:-1] == errors
    assert "Traceback" not in check.stderr + build.stderr
    assert site.read_bytes() == before


def test_the_setting_is_one_of_two_words(built, tmp_path):
    top, project = _copy(built, tmp_path)
    _replace(project / "data" / "site.yml", "sample_data: false\n",
             "sample_data: false\ntypography: strict\n")
    check = run_cli("check", "-f", CONFIG, cwd=top)
    assert check.returncode == 1
    assert check.stderr.splitlines()[0] == (
        "data/site.yml:10:13: typography: 'strict' 不是可选值（可选：warning, error）")


def test_fix_writes_the_corrections_and_changes_nothing_else(built, tmp_path):
    top, project = _copy(built, tmp_path)
    _half_width_texts(project)
    point = _point(project)

    fixed = run_cli("check", "--fix", "-f", CONFIG, cwd=top)
    assert fixed.returncode == 0, fixed.stderr
    assert fixed.stdout.splitlines()[0] == "已改正 data/points/beishan-centre.yml 中的 5 段文字"
    assert _typography_lines(fixed.stderr) == []
    lines = point.read_text(encoding="utf-8").splitlines()
    # the quoting, the escape, the block's indicator and indentation stay as written;
    # the folded block's two lines, joined by the removed space, become one
    assert lines[1] == "name: '北山街道社会组织服务中心（湖滨）'"
    assert lines[14] == 'summary: "街道社会组织\\u5b75化培育，和交流展示中心。"'
    assert lines[15:17] == ["description: |", "  中心设有**孵化空间**和展示长廊，面积 200 平方米。"]
    assert lines[30:34] == ["  directions: 公交 7 路北山站下车；步行约 5 分钟。",
                            "  accessibility: >", "    设无障碍坡道；展厅为平层，轮椅可通行。",
                            "contacts:"]

    again = run_cli("check", "--fix", "-f", CONFIG, cwd=top)
    assert again.returncode == 0, again.stderr
    assert again.stdout.splitlines()[0] == "没有需要改正的中文排版"


@pytest.mark.parametrize("text, expected", [
    # filing numbers, as the footer and the map print them
    ("备案号:粤ICP备12345678号-1", "备案号：粤ICP备12345678号-1"),
    ("粤公网安备44030402000001号", "粤公网安备44030402000001号"),
    ("审图号:GS(2024)0001号", "审图号：GS(2024)0001号"),
    # times, phone numbers, dates, web and e-mail addresses: a space before, none inside
    ("开放时间9:00-17:00,周一闭馆", "开放时间 9:00-17:00，周一闭馆"),
    ("预约电话0755-83330001", "预约电话 0755-83330001"),
    ("详见https://example.org/a,b;c", "详见 https://example.org/a,b;c"),
    ("邮箱jiucuo@example.org。", "邮箱 jiucuo@example.org。"),
    ("2024-05-01起开放", "2024-05-01 起开放"),
    # one word with a plus
    ("以“VR+公益”形式", "以“VR+公益”形式"),
    ("“党建+业务”融合", "“党建+业务”融合"),
    # our rules: colon, semicolon, brackets and quotes around Chinese
    ("坐标系:GPS", "坐标系：GPS"),
    ("周一闭馆;周二开放", "周一闭馆；周二开放"),
    ("累计38个(在营35个),达到目标", "累计 38 个（在营 35 个），达到目标"),
    ("深圳市 (福田区) 民政局", "深圳市（福田区）民政局"),
    ('称为"示范点"', "称为“示范点”"),
    ("知识共享署名 4.0 国际许可协议(CC BY 4.0)", "知识共享署名 4.0 国际许可协议（CC BY 4.0）"),
    ("阿里巴巴 (BABA.N) 的", "阿里巴巴（BABA.N）的"),
    # no Chinese, nothing to do
    ("Open 9:00-17:00, Mon-Fri. (English)", "Open 9:00-17:00, Mon-Fri. (English)"),
])
def test_what_an_editor_writes_on_purpose_stays(text, expected):
    assert typography.corrected(text) == expected


@pytest.mark.parametrize("text, expected", [
    ("详见[参观须知](https://example.org/a_b,c)。", "详见[参观须知](https://example.org/a_b,c)。"),
    ("- **行业发展**:深圳 VR/AR 产业链;", "- **行业发展**：深圳 VR/AR 产业链；"),
    ("用`a,b`分隔", "用`a,b`分隔"),
    ("第一段,内容.\n\n第二段(说明)", "第一段，内容。\n\n第二段（说明）"),
    ("<https://example.org/x,y>", "<https://example.org/x,y>"),
])
def test_markdown_keeps_its_syntax(text, expected):
    assert typography.corrected(text, markdown=True) == expected


def test_names_and_addresses_take_punctuation_but_no_spaces():
    assert typography.corrected("华强北路1688号,18楼", spacing=False) == "华强北路1688号，18楼"


@pytest.mark.parametrize("data", [DEMO_DATA, FIXTURES / "county" / "data"],
                         ids=["demo", "county"])
def test_the_shipped_data_has_no_findings(data):
    assert typography.findings(typography.read_texts(data, data.parent)) == []


# (file under the demo's data, text as shipped, the same with half-width punctuation)
DEMO_INJECTIONS = [
    ("points/futian-vr-industry.yml", "  closed_note: 法定节假日闭馆，遇特殊情况以预约确认为准。",
     "  closed_note: 法定节假日闭馆,遇特殊情况以预约确认为准."),
    ("points/futian-vr-industry.yml", "  - **行业发展**：深圳 VR/AR 产业链图谱与代表企业；",
     "  - **行业发展**:深圳VR/AR产业链图谱与代表企业;"),
    ("years/2025.yml", "（在营 35 个），", "(在营35个),"),
    ("years/2026.yml", "title: 2026 年度展示点授牌仪式暨交流会（计划）",
     'title: "2026年度展示点授牌仪式暨交流会(计划)"'),
    ("site.yml", "    社会组织交流服务展示点是由市民政局遴选、授牌的实体场馆，",
     "    社会组织交流服务展示点是由市民政局遴选、授牌的实体场馆,"),
]


def test_fix_puts_back_exactly_what_was_shipped(copy_project):
    demo = copy_project()
    data = demo / "data"
    shipped = {path: path.read_bytes() for path in sorted(data.rglob("*")) if path.is_file()}
    for name, good, bad in DEMO_INJECTIONS:
        _replace(data / name, good, bad)
    # the quoted title stays quoted: the fix changes characters, not how a text is written
    quoted = (data / "years/2026.yml").read_text(encoding="utf-8").replace(
        'title: "2026年度展示点授牌仪式暨交流会(计划)"', 'title: "2026 年度展示点授牌仪式暨交流会（计划）"')

    done = typography.fix(data, demo)

    assert done.refused == []
    assert done.written == {"data/points/futian-vr-industry.yml": 2, "data/years/2025.yml": 1,
                            "data/years/2026.yml": 1, "data/site.yml": 1}
    for path, content in shipped.items():
        if path.name != "2026.yml":
            assert path.read_bytes() == content, path
    assert (data / "years/2026.yml").read_text(encoding="utf-8") == quoted
    assert typography.fix(data, demo).written == {}


def test_fix_refuses_a_change_that_would_change_what_the_file_holds(tmp_path, monkeypatch):
    # no rule of ours makes one; a correction that would end a plain text with " #" (a
    # comment) stands for any that would
    project = copy_city(tmp_path / "top")
    point = _point(project)
    _replace(point, "  directions: 公交 7 路北山站下车。", "  directions: 公交 7 路北山站下车,步行。")
    before = point.read_bytes()
    monkeypatch.setattr(typography, "corrected",
                        lambda text, markdown=False, spacing=True: text.replace(",", " #"))

    done = typography.fix(project / "data", project)

    assert done.written == {}
    assert [str(issue) for issue in done.refused] == [
        "data/points/beishan-centre.yml:31:15: visit.directions: 这段文字改正后会改变文件的结构，"
        "没有自动改正（请手工改为：公交 7 路北山站下车 #步行。；文字里有 # 或冒号时，给整段文字加上引号）"]
    assert point.read_bytes() == before


def test_ids_addresses_and_accounts_are_not_spaced(tmp_path):
    project = copy_city(tmp_path / "top")
    point = _point(project)
    _replace(point, "  address: 湖滨区北山路 88 号 2 楼", "  address: 湖滨区北山路88号2楼")
    _replace(point, "    lead_days: 2", "    lead_days: 2\n    wechat: 北山VR服务中心,官方")
    assert typography.read_texts(project / "data", project) == []
    _replace(point, "  address: 湖滨区北山路88号2楼", "  address: 湖滨区北山路88号2楼(北门)")
    assert [str(issue) for issue in typography.findings(
        typography.read_texts(project / "data", project))] == [
        "data/points/beishan-centre.yml:13:23: location.address: 中文括号应使用全角（）"
        "（建议写作：…滨区北山路88号2楼（北门））"]


def test_a_record_written_as_yaml_is_linted_as_the_check_reads_it(tmp_path):
    """The validator reads a record file ending .yaml as well as .yml: so does the lint."""
    project = copy_city(tmp_path / "top")
    point = _point(project)
    _replace(point, "  address: 湖滨区北山路 88 号 2 楼", "  address: 湖滨区北山路 88 号 2 楼(北门)")
    point.rename(point.with_suffix(".yaml"))
    assert [str(issue) for issue in typography.findings(
        typography.read_texts(project / "data", project))] == [
        "data/points/beishan-centre.yaml:13:27: location.address: 中文括号应使用全角（）"
        "（建议写作：…路 88 号 2 楼（北门））"]

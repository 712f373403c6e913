"""One gate: `showcase check` refuses exactly what the build refuses, with the same words.

Each case below is a refusal of the build. Both commands run on the same project, as
an editor (or CI) runs them, and must print the same messages and exit with 1; the
build must leave the last good site as it was. Each case is a mistake an editor or a
city adopting the generator can make, and each message names the file, line, field and
what to do, never a Python traceback.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from .conftest import built_city, copy_city, run_cli


def _replace(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, (path, old)
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def _http_site_url(project: Path) -> None:
    _replace(project / "mkdocs.yml", "site_url: https://example.org/demo/",
             "site_url: http://example.org/demo/")


def _glyph_missing(project: Path) -> None:
    _replace(project / "data" / "points" / "beishan-centre.yml",
             "name: 北山街道社会组织服务中心", "name: 北山街道社会组织服务中心🏛")


def _photo_not_an_image(project: Path) -> None:
    (project / "data" / "media" / "beishan-centre" / "hall.png").write_text(
        "not a picture", encoding="utf-8")


def _permalink_dropped(project: Path) -> None:
    (project / "data" / "points" / "river-centre.yml").unlink()


def _locale_missing(project: Path) -> None:
    _replace(project / "mkdocs.yml", "      locales_dir: ../../../theme/locales\n",
             "      locales_dir: ../../../theme/locales\n      locale: zh-TW\n")


def _locale_partial(project: Path) -> None:
    english = project.parents[2] / "theme" / "locales" / "en.yml"
    text = english.read_text(encoding="utf-8")
    text = re.sub(r"\nfooter:\n(  .*\n)+", "\n", text)  # a section, a text and a word dropped
    english.write_text(text.replace("\nhtml_lang: en", "\n").replace("\n  tue: Tue\n", "\n"),
                       encoding="utf-8")
    _replace(project / "mkdocs.yml", "      locales_dir: ../../../theme/locales\n",
             "      locales_dir: ../../../theme/locales\n      locale: en\n")


def _data_dir_wrong(project: Path) -> None:
    _replace(project / "mkdocs.yml", "      data_dir: data", "      data_dir: dat")


def _year_with_its_unit(project: Path) -> None:
    _replace(project / "data" / "years" / "2023.yml", "year: 2023", 'year: "2023年"')


def _unfinished(project: Path) -> None:
    _replace(project / "data" / "cases" / "beishan-salon.yml", "\ntitle: ", "\ntitle: 请填写：")


def _control_character(project: Path) -> None:
    _replace(project / "data" / "points" / "beishan-centre.yml",
             "summary: 街道社会组织孵化培育和交流展示中心。",
             'summary: "街道社会组织\\x0b孵化培育和交流展示中心。"')


CASES = {
    "http site_url": (_http_site_url, False, [
        "mkdocs.yml:3:11: site_url: 网站地址 http://example.org/demo/ 用的是 http://（请改用 "
        "https://example.org/demo/：GitHub Pages 为自定义域名提供 HTTPS；印在铭牌上的 http 地址会被"
        "微信和浏览器提示“不安全”，且印出后无法再改）"]),
    "glyph missing": (_glyph_missing, False, [
        "data/points/beishan-centre.yml:2:7: name: 字体 Noto Sans CJK SC "
        "中没有“🏛”（U+1F3DB）的字形，铭牌上印不出这个字（请改用常用写法）"]),
    "photo not an image": (_photo_not_an_image, False, [
        "data/points/beishan-centre.yml:36:12: photos[0].file: "
        "data/media/beishan-centre/hall.png 打不开：文件不是图片，或者没有存完整"
        "（请重新导出为 JPEG 或 PNG 再放进来）"]),
    "permalink dropped": (_permalink_dropped, False, [
        "data/permalinks.lock:6:1: 永久链接 /v/river-centre/ 已经发布（印在铭牌二维码上），但已没有"
        "服务中心使用编号 'river-centre'（请恢复该服务中心的记录，停止展示时把 status 改为 delisted "
        "而不要删除文件；如果改了 id，请在新记录的 aliases 中写上 'river-centre'。"
        "新城市的登记文件从空白开始：这一行若是从别的城市带来的，请删去它）"]),
    "locale missing": (_locale_missing, False, [
        "mkdocs.yml:20:15: locale: 没有界面文字文件 {top}/theme/locales/zh-TW.yml"
        "（locale 写的是 'zh-TW'，现有的语言：en、zh-CN；请改正 mkdocs.yml 中 showcase 插件的 "
        "locale，或新建这个文件）"]),
    "locale partial": (_locale_partial, False, [
        "{top}/theme/locales/en.yml:1:1: 界面文字不全，比 zh-CN.yml 少了 12 条：html_lang；"
        "footer（整段）；weekdays：tue（请从 zh-CN.yml 把这些条目复制到 en.yml 的同一位置，再译成"
        "这种语言；{{count}} 这样的占位符和 {{展示点}} 这样的记号照原样保留）"]),
    "data_dir wrong": (_data_dir_wrong, False, [
        "mkdocs.yml:17:17: data_dir: 数据文件夹 dat "
        "不存在（请改正 mkdocs.yml 中 showcase 插件的 data_dir：它相对于 mkdocs.yml 所在的"
        "文件夹，如 data）"]),
    "year with its unit": (_year_with_its_unit, False, [
        "data/years/2023.yml:1:7: year: 应为整数，实际为 '2023年'"
        "（请写阿拉伯数字，不加引号，如 2024）"]),
    "unfinished in CI": (_unfinished, True, [
        "data/cases/beishan-salon.yml:2:8: title: “请填写：街道社会组织沙龙的做法”还是新建记录时的"
        "占位文字（请换成实际内容；持续集成检查时这是错误，网站不会发布）"]),
    "control character": (_control_character, False, [
        "data/points/beishan-centre.yml:15:10: summary: 第 7 个字符是看不见的"
        "控制字符 U+000B（常见于从网页、Word 或聊天软件复制的文字：请删掉这段文字，重新输入）"]),
}


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    """A project built once; each case copies it, site and all."""
    return built_city(tmp_path_factory.mktemp("gate"))


@pytest.mark.parametrize("command", ["check", "build"])
def test_a_missing_mkdocs_yml_is_said_not_raised(command, tmp_path):
    result = run_cli(command, cwd=tmp_path)
    assert (result.returncode, result.stderr) == (1, "找不到网站配置 mkdocs.yml（请在含有 mkdocs.yml "
                                                  "的文件夹里运行，或用 -f 指明它的位置）\n")


@pytest.mark.parametrize("case", list(CASES))
def test_check_refuses_what_the_build_refuses_in_the_same_words(case, built, tmp_path):
    top = tmp_path / "top"
    shutil.copytree(built, top, symlinks=True)
    project = top / "tests" / "fixtures" / "city"
    mutate, ci, expected = CASES[case]
    mutate(project)
    config = "tests/fixtures/city/mkdocs.yml"
    site = project / "site" / "index.html"
    before = site.read_bytes()

    check = run_cli("check", "-f", config, cwd=top, ci=ci)
    build = run_cli("build", "-f", config, cwd=top, ci=ci)

    assert check.returncode == build.returncode == 1, (check.stderr, build.stderr)
    lines = check.stderr.splitlines()
    assert "Traceback" not in check.stderr + build.stderr
    assert re.fullmatch(r"共 \d+ 个错误，网站未生成，上一次生成的网站保持不变", lines[-1])
    assert lines[:-1] == [line.format(top=top) for line in expected]
    assert build.stderr.splitlines()[-len(lines):] == lines
    assert site.read_bytes() == before


def test_a_data_folder_outside_the_project_builds_and_is_named_whole(tmp_path):
    # a bureau may keep its records in a folder of their own; the first build, which
    # adds the permalinks of new points to the lock, crashed on its file name
    top = tmp_path / "top"
    project = copy_city(top)
    data = tmp_path / "records"
    (project / "data").rename(data)
    _replace(project / "mkdocs.yml", "      data_dir: data", f"      data_dir: {data}")
    lock = data / "permalinks.lock"
    lock.write_text("".join(line for line in lock.read_text(encoding="utf-8").splitlines(True)
                            if line != "v/river-centre/\n"), encoding="utf-8")

    check = run_cli("check", "-f", "tests/fixtures/city/mkdocs.yml", cwd=top)
    assert check.returncode == 0, check.stderr
    assert check.stdout.splitlines()[-1] == f"1 个新的永久链接将在生成网站时记入 {lock}"
    build = run_cli("build", "-f", "tests/fixtures/city/mkdocs.yml", cwd=top)
    assert build.returncode == 0, build.stderr
    assert f"已把 1 个新的永久链接记入 {lock}（请把该文件一并提交）" in build.stderr
    assert lock.read_text(encoding="utf-8").endswith("v/river-centre/\n")

"""`showcase init`: a fork's new city in one command, as an editor runs it.

Each test works in a copy of the site's inputs with an empty data folder (a fork once the
demo is out of data/), runs the real command, and reads what it wrote with PyYAML.
"""

from __future__ import annotations

import json
import shutil

import pytest
import yaml

from generator.newcity import NEEDED_TAXONOMIES
from generator.schema import TAXONOMIES, TAXONOMY_DOCS, field_specs

from .conftest import ROOT, run_cli, soup

DEMO_DATA = ROOT / "examples" / "shenzhen" / "data"
CITY = "某某县"
OK = ("已为某某县新建数据文件夹 data（写入 {count} 个文件）。下一步：把 data/site.yml 和 "
      "data/taxonomies/ 中以“请填写”开头的内容换成实际信息，再运行 showcase check；"
      "每一步见编辑指南的“新城市”一章。")
NOT_EMPTY = ("data 里已经有城市的数据（{found}），showcase init 不会覆盖它（新城市请用空的数据文件夹，"
             "或用 --data 指明另一个文件夹；确实不要这些数据、要重新开始，再加上 --force）")
REMINDER = "还是新建记录时的占位文字（请换成实际内容；持续集成检查时这是错误，网站不会发布）"


def _comments(text: str) -> set[str]:
    return {line.strip()[2:] for line in text.splitlines() if line.strip().startswith("# ")}


def _descriptions(schema: dict) -> set[str]:
    """Every description in a JSON Schema: the schema's field descriptions, as editors read them."""
    found = {schema["description"]} if "description" in schema else set()
    parts = [*schema.get("properties", {}).values(), *([schema["items"]] if "items" in schema else [])]
    for part in parts:
        found |= _descriptions(part)
    return found


def _keys(text: str) -> list[str]:
    """The keys of a YAML text's first level (not those of a nested block, such as an
    en: block's), written or commented out, each after its description."""
    lines = text.splitlines()
    found = [(len(line) - len(line.lstrip(" -")),
              line.strip().removeprefix("# ").removeprefix("- ").split(":", 1)[0])
             for before, line in zip(lines, lines[1:])
             if before.strip().startswith("# ") and ":" in line and not line.strip()[2:].startswith(" ")]
    return [key for depth, key in found if depth == found[0][0]] if found else []


def test_init_writes_a_city_that_explains_itself_checks_and_builds(fork):
    result = run_cli("init", CITY, "--bureau", "某某县民政局",
                     "--site-url", "https://example.org/county/", cwd=fork)
    assert result.returncode == 0, result.stderr
    data = fork / "data"
    written = [path for path in data.rglob("*") if path.is_file()]
    assert result.stdout.strip() == OK.format(count=len(written) + 1)  # and mkdocs.yml

    site_text = (data / "site.yml").read_text(encoding="utf-8")
    site = yaml.safe_load(site_text)
    assert site["city"] == CITY and site["bureau"] == "某某县民政局"
    assert site["programme"]["title"].startswith("请填写")
    assert site["region"]["name"].startswith("请填写")
    box, centre = site["region"]["bbox"], site["region"]["centre"]
    assert box["south"] <= centre["lat"] <= box["north"]
    assert box["west"] <= centre["lng"] <= box["east"]
    assert "sample_data" not in site  # a new city's data is not a demo's
    schema = json.loads((data / "schemas" / "site.schema.json").read_text(encoding="utf-8"))
    assert _descriptions(schema) <= _comments(site_text)  # every setting explained

    for name, cls in TAXONOMIES.items():
        text = (data / "taxonomies" / f"{name}.yml").read_text(encoding="utf-8")
        assert text.splitlines()[0] == f"# {TAXONOMY_DOCS[name]}", name
        terms = yaml.safe_load(text)
        if name in NEEDED_TAXONOMIES:  # a term to replace
            assert [term["id"] for term in terms] == ["example"], name
            assert terms[0]["name"].startswith("请填写"), name
        else:  # empty until the city has a use for it, the way to write one in comments
            assert terms == [], name
            assert "# - id: example" in text.splitlines(), name
            text = "\n".join(line[2:] for line in text.splitlines()[2:-1])
        assert [spec.name for spec in field_specs(cls)] == \
            [key for key in _keys(text) if key in {spec.name for spec in field_specs(cls)}], name

    lock = (data / "permalinks.lock").read_text(encoding="utf-8").splitlines()
    assert all(line.startswith("#") for line in lock)
    assert "# 新城市从空白的登记文件开始（由 showcase init 生成）：此后生成网站时只会在末尾增加新的行，" \
           "不会删去任何一行。" in lock
    assert (data / "holidays.yml").read_bytes() == (DEMO_DATA / "holidays.yml").read_bytes()
    points_schema = json.loads((data / "schemas" / "points.schema.json").read_text(encoding="utf-8"))
    assert points_schema["properties"]["field"]["enum"] == ["example"]  # this city's terms
    assert yaml.safe_load((fork / "mkdocs.yml").read_text(encoding="utf-8"))["site_url"] == \
        "https://example.org/county/"

    # what is still to write is a reminder on the editor's machine, an error in CI
    check = run_cli("check", cwd=fork)
    assert check.returncode == 0, check.stderr
    reminders = check.stderr.splitlines()
    assert reminders and all("提醒：“请填写" in line and line.endswith(REMINDER)
                             for line in reminders)
    assert {line.split(":", 1)[0] for line in reminders} == \
        {"data/site.yml", *(f"data/taxonomies/{name}.yml" for name in NEEDED_TAXONOMIES)}
    in_ci = run_cli("check", cwd=fork, ci=True)
    assert in_ci.returncode == 1
    assert in_ci.stderr.splitlines() == [line.replace("提醒：", "") for line in reminders] + [
        f"共 {len(reminders)} 个错误，网站未生成，上一次生成的网站保持不变"]



def test_the_new_city_builds(fork):
    assert run_cli("init", CITY, cwd=fork).returncode == 0
    build = run_cli("build", cwd=fork)
    assert build.returncode == 0, build.stderr  # strict: no link to a page the city lacks
    site = fork / "site"
    programme = yaml.safe_load((fork / "data" / "site.yml").read_text(encoding="utf-8"))[
        "programme"]
    word, award = programme["short_title"], programme["award"]
    points = soup(site, "points/")
    assert points.select_one("article p").get_text() == \
        f"还没有收录{word}。{award}后，每个{word}都会列在这里。"
    assert not points.select("article form, article [data-filter-group]")  # nothing to filter
    plaques = soup(site, "plaques/")
    assert plaques.select("article p")[1].get_text() == \
        f"还没有在营的{word}。{award}后，这里列出每块铭牌和它的二维码。"
    assert not plaques.select("table, a[download]")
    home = soup(site, "")
    assert not home.select("article a[href$='points/']")  # no button to an empty list
    tabs = [a.get_text(strip=True) for a in home.select(".md-tabs a")]
    assert not {"品牌项目", "典型案例", "年度回顾"} & set(tabs)


def test_a_first_record_after_init_passes_the_check(fork):
    assert run_cli("init", CITY, cwd=fork).returncode == 0
    new = run_cli("new", "point", "east-centre", cwd=fork)
    assert new.returncode == 0, new.stderr
    check = run_cli("check", cwd=fork)
    assert check.returncode == 0, check.stderr
    assert check.stdout.splitlines()[-1] == \
        "1 个新的永久链接将在生成网站时记入 data/permalinks.lock"


def test_init_refuses_a_folder_that_has_a_city(fork):
    (fork / "data" / "site.yml").write_text("city: 某市\n", encoding="utf-8")
    result = run_cli("init", CITY, cwd=fork)
    assert (result.returncode, result.stdout) == (1, "")
    assert result.stderr.splitlines() == [NOT_EMPTY.format(found="data/site.yml")]
    assert (fork / "data" / "site.yml").read_text(encoding="utf-8") == "city: 某市\n"


def test_init_refuses_a_folder_with_records_and_force_starts_afresh(fork):
    shutil.rmtree(fork / "data")
    shutil.copytree(DEMO_DATA, fork / "data")  # a fork made before the demo moved out
    records = sum(1 for name in ("points", "projects", "cases", "years")
                  for _ in (fork / "data" / name).glob("*.yml"))
    result = run_cli("init", CITY, cwd=fork)
    assert result.returncode == 1
    assert result.stderr.splitlines() == [
        NOT_EMPTY.format(found=f"data/site.yml、{records} 条记录")]
    forced = run_cli("init", CITY, "--force", cwd=fork)
    assert forced.returncode == 0, forced.stderr
    assert not any((fork / "data" / name).exists() for name in ("points", "projects", "cases", "years"))
    lock = (fork / "data" / "permalinks.lock").read_text(encoding="utf-8").splitlines()
    assert [line for line in lock if not line.startswith("#")] == []
    assert run_cli("check", cwd=fork).returncode == 0


def test_force_never_touches_examples(fork):
    demo = fork / "examples" / "shenzhen" / "data"
    shutil.copytree(DEMO_DATA, demo)
    result = run_cli("init", CITY, "--force", "--data", "examples/shenzhen/data", cwd=fork)
    assert result.returncode == 1
    assert result.stderr.splitlines() == [
        "examples/shenzhen/data 在 examples/ 下，是测试要用的示例数据，showcase init --force "
        "不会删除它（请在项目的 data/ 或另一个文件夹里新建城市）"]
    assert sorted(p.relative_to(demo) for p in demo.rglob("*")) == \
        sorted(p.relative_to(DEMO_DATA) for p in DEMO_DATA.rglob("*"))


def test_init_refuses_a_site_url_the_build_would_refuse(fork):
    result = run_cli("init", CITY, "--site-url", "https://example.org/county", cwd=fork)
    assert result.returncode == 1
    assert result.stderr.splitlines() == [
        "网站地址 https://example.org/county 末尾缺少 /（请写成 https://example.org/county/：地址是网站"
        "所在的文件夹，二维码、订阅源和站点地图里的链接都接在它后面）"]
    assert list((fork / "data").iterdir()) == []


def test_what_init_writes_names_no_demo_word(fork):
    """Before the city names its records (programme.short_title), its files call them 记录:
    not the demo's 展示点 in the site settings' comments, the taxonomies', the lock's or
    the editors' schemas."""
    assert run_cli("init", CITY, cwd=fork).returncode == 0
    found = sorted(path.relative_to(fork / "data").as_posix()
                   for path in (fork / "data").rglob("*") if path.is_file()
                   and path.name != "holidays.yml"  # the national holidays, as the demo has them
                   and "展示点" in path.read_text(encoding="utf-8"))
    assert found == []
    schema = (fork / "data" / "schemas" / "points.schema.json").read_text(encoding="utf-8")
    assert "记录" in schema


def test_an_optional_taxonomy_is_filled_in_when_the_city_needs_it(fork):
    """An empty taxonomy's comments show how to write a term: uncommented, it is one."""
    assert run_cli("init", CITY, cwd=fork).returncode == 0
    series = fork / "data" / "taxonomies" / "series.yml"
    lines = series.read_text(encoding="utf-8").splitlines()
    assert lines[-1] == "[]"
    written = [line[2:] for line in lines[2:-1]]  # the term, its comments uncommented
    series.write_text("\n".join(written).replace("请填写：显示名称", "邻里守望") + "\n",
                      encoding="utf-8")
    assert yaml.safe_load(series.read_text(encoding="utf-8")) == [
        {"id": "example", "name": "邻里守望"}]
    check = run_cli("check", cwd=fork)
    assert check.returncode == 0, check.stderr
    assert "data/taxonomies/series.yml" not in check.stderr


def test_the_check_says_when_the_editors_schemas_lag_behind_the_data(fork):
    """VS Code completes from data/schemas/: a taxonomy changed since `showcase schemas`
    makes them say what the data no longer does, and the check says so."""
    assert run_cli("init", CITY, cwd=fork).returncode == 0
    assert "JSON Schema" not in run_cli("check", cwd=fork).stderr
    fields = fork / "data" / "taxonomies" / "fields.yml"
    fields.write_text("- {id: incubation, name: 培育孵化}\n", encoding="utf-8")
    stale = [line for line in run_cli("check", cwd=fork).stderr.splitlines() if "JSON Schema" in line]
    assert stale == [
        f"data/schemas/{name}.schema.json:1:1: 提醒：编辑器用的这份 JSON Schema 与现在的分类、"
        "用词或自定义字段不一致（请运行 showcase schemas 更新 data/schemas/，再一并提交；"
        "VS Code 的提示才会跟上）" for name in ("points", "cases")]
    assert run_cli("schemas", cwd=fork).returncode == 0
    assert "JSON Schema" not in run_cli("check", cwd=fork).stderr

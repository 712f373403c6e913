#!/usr/bin/env python
"""Build benchmark: our mkdocs build against a plain mkdocs-material site of the same size.

    .venv/bin/python benchmarks/build_benchmark.py [--sizes 100 1000 10000] [--keep]

For each size N the script

1. writes a synthetic project under ``benchmarks/out/`` (git-ignored): a copy of the
   repo's mkdocs.yml pointing (by absolute paths) at the repo's content/ and theme/, and a
   data/ folder with the repo's site.yml and taxonomies plus N showcase points, N brand
   projects, N/5 case studies and one programme file per award year, all valid for the
   schema; ``showcase check`` must accept the data before anything is timed;
2. runs our pipeline alone (``generator.build.generate``) in a subprocess;
3. runs ``mkdocs build --strict`` on it, as users do, in a subprocess;
4. writes and builds a plain mkdocs-material site (material, zh, no fonts, search with
   lang zh) with as many pages as our build produced, each a heading and a few paragraphs
   of Chinese text, together as long as our pages' text;

and measures each child's wall time and peak resident memory (``os.wait4`` rusage of that
child). Only the standard library and what the project's virtualenv holds are used.
The output folder is deleted at the end unless ``--keep`` is given.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import random
import re
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml  # PyYAML: a dependency of the project, installed in the virtualenv

BENCH_DIR = Path(__file__).resolve().parent
REPO = BENCH_DIR.parent
OUT_ROOT = BENCH_DIR / "out"
BIN = Path(sys.executable).parent  # run with .venv/bin/python: mkdocs and showcase are here
FIRST_YEAR, LAST_YEAR = 2019, 2025


# ---------------------------------------------------------------------------
# Running a child and measuring it
# ---------------------------------------------------------------------------


@dataclass
class Run:
    wall: float  # seconds
    peak_mb: float  # ru_maxrss of the child
    cpu: float  # user + system seconds of the child
    returncode: int
    log: Path
    stages: dict[str, float] = field(default_factory=dict)  # our build's own stopwatch


def run_measured(cmd: list[str], log: Path, cwd: Path, env: dict[str, str] | None = None) -> Run:
    """Run *cmd* to completion; its wall time and its own rusage (not ours, not siblings')."""
    with open(log, "wb") as out:
        start = time.perf_counter()
        proc = subprocess.Popen(cmd, cwd=cwd, stdout=out, stderr=subprocess.STDOUT,
                                stdin=subprocess.DEVNULL, env={**os.environ, **(env or {})})
        _, status, usage = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)  # reaped here, not by Popen
    return Run(wall, usage.ru_maxrss / 1024, usage.ru_utime + usage.ru_stime,
               proc.returncode, log)


def fail(message: str, log: Path | None = None, tail: int | None = 80) -> None:
    """Stop with the child's output (its last *tail* lines, or all of it)."""
    print(f"\nERROR: {message}", file=sys.stderr)
    if log is not None and log.is_file():
        lines = log.read_text(encoding="utf-8", errors="replace").splitlines()
        shown = lines if tail is None else lines[-tail:]
        print(f"--- {'output' if len(shown) == len(lines) else f'last {len(shown)} lines'} "
              f"of {' '.join(log.stem.split('-'))} ---", file=sys.stderr)
        print("\n".join(shown), file=sys.stderr)
    print("(run with --keep to keep the generated project for inspection)", file=sys.stderr)
    raise SystemExit(1)


def progress(text: str) -> None:
    print(text, file=sys.stderr, flush=True)


# ---------------------------------------------------------------------------
# A small YAML writer, in the style of the demo records
# ---------------------------------------------------------------------------

_PLAIN_OK = re.compile(r"[^\s\-?:,\[\]{}#&*!|>'\"%@`]\S*(?: \S+)*")
_CORE_SCALAR = re.compile(  # what a YAML 1.2 core (or 1.1) loader would not read as text
    r"~|null|Null|NULL|true|True|TRUE|false|False|FALSE|yes|no|on|off|y|n|Yes|No|On|Off"
    r"|[-+]?(?:\.[0-9]+|[0-9][0-9_]*(?:\.[0-9_]*)?)(?:[eE][-+]?[0-9]+)?|[0-9]+(?::[0-5]?[0-9])+"
    r"|0o[0-7]+|0x[0-9a-fA-F]+|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN)")
_SLUGISH = re.compile(r"[a-z0-9][a-z0-9-]*")


class Date(str):
    """A date, written plain (2025-01-01) like editors do."""


class Time(str):
    """A time of day, written quoted ("09:30") as the schema asks."""


def _scalar(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return repr(value)
    if isinstance(value, Date):
        return str(value)
    text = str(value)
    if isinstance(value, Time) or not _PLAIN_OK.fullmatch(text) or _CORE_SCALAR.fullmatch(text) \
            or ": " in text or " #" in text or text.endswith(":"):
        return json.dumps(text, ensure_ascii=False)  # a JSON string is a YAML double-quoted one
    return text


def _flow_ok(items: list) -> bool:
    return all(isinstance(i, Date) or (isinstance(i, str) and _SLUGISH.fullmatch(i)) for i in items)


def to_yaml(data: dict[str, Any], comment: str = "") -> str:
    """Block-style YAML like the demo records: ids in flow lists, Markdown as literal blocks."""
    lines = [f"# {comment}"] if comment else []

    def mapping(d: dict[str, Any], indent: str, first: str = "") -> None:
        for j, (key, value) in enumerate(d.items()):
            lead = indent + (first if j == 0 else " " * len(first))
            entry(f"{lead}{key}:", value, indent + " " * len(first) + "  ")

    def entry(head: str, value: Any, child: str) -> None:
        if isinstance(value, dict):
            lines.append(head)
            mapping(value, child)
        elif isinstance(value, list) and (not value or _flow_ok(value)):
            lines.append(f"{head} [{', '.join(map(str, value))}]")
        elif isinstance(value, list):
            lines.append(head)
            for item in value:
                if isinstance(item, dict):
                    mapping(item, child, "- ")
                else:
                    lines.append(f"{child}- {_scalar(item)}")
        elif isinstance(value, str) and "\n" in value:
            lines.append(f"{head} |")
            lines.extend(f"{child}{line}" if line else "" for line in value.rstrip("\n").split("\n"))
        else:
            lines.append(f"{head} {_scalar(value)}")

    mapping(data, "")
    return "\n".join(lines) + "\n"


# ---------------------------------------------------------------------------
# Chinese text, from varied phrases
# ---------------------------------------------------------------------------

SUBJECTS = ["展示点", "运营团队", "协会秘书处", "会员单位", "志愿者队伍", "社区社会组织", "行业专家",
            "讲解员", "合作高校", "街道社工站", "项目团队", "青年志愿者", "党支部", "理事会"]
ACTIONS = ["定期举办", "持续开展", "联合辖区单位组织", "面向公众推出", "与合作伙伴共同策划",
           "依托展厅资源开设", "结合行业特点设计", "每月固定开展", "围绕群众需求打造", "牵头组织"]
OBJECTS = ["主题开放日活动", "公益讲座和沙龙", "沉浸式互动体验课程", "行业交流座谈会",
           "青少年科普研学活动", "社会组织能力建设培训", "志愿服务进社区活动", "成果展览和案例分享会",
           "政策宣讲和咨询服务", "党建联建主题活动", "邻里互助议事会", "非遗技艺体验工作坊",
           "安全知识宣传周", "公益创投路演", "人才培养实训营"]
RESULTS = ["累计服务群众 {n} 余人次", "吸引 {m} 家社会组织参与", "形成可复制推广的工作经验",
           "获得参观者的广泛好评", "带动会员单位投入公益资金 {m} 万元", "培育骨干志愿者 {m} 名",
           "被多家媒体报道", "有效提升了社会组织的公众认知度", "促进了行业资源共享",
           "推动问题在基层得到解决", "惠及辖区 {m} 个社区"]
SCENES = ["展厅以图文、实物和多媒体相结合的方式呈现", "展区按照发展历程、典型成果和未来展望三个部分布置",
          "场馆设有互动体验区、成果展示墙和交流会议室", "展陈内容每年根据行业发展情况更新一次",
          "参观线路约需四十分钟，可根据团队需要调整讲解重点", "展示点配有专职讲解员和志愿讲解队伍",
          "展厅入口设有导览屏，扫码即可收听语音讲解", "场馆内设有阅读角，提供行业资料和公益读物"]
CLOSERS = ["欢迎市民和各类团体预约参观。", "学校、社区和企业团队可提前预约专场讲解。",
           "参观前请留意开放时间和预约须知。", "节假日期间的开放安排以公众号通知为准。",
           "更多活动信息请关注展示点公众号。"]
EXHIBITS = ["发展历程展墙", "行业成果实物展区", "互动体验区", "会员单位风采展", "党建引领专区",
            "公益项目成果展", "多媒体放映厅", "志愿服务成果墙", "典型案例展板", "技术演进时间轴",
            "科普互动装置区", "非遗技艺展示台", "图书资料阅览角", "交流研讨会议室"]
HIGHLIGHTS = ["年接待参观 {n} 余人次，其中青少年占三成以上", "牵头制定团体标准 {k} 项",
              "与 {m} 所中小学建立研学合作关系", "建立“展示点+社区”联动服务机制",
              "组建 {m} 人的志愿讲解队伍", "打造线上展厅，实现全年不打烊",
              "联合会员单位设立公益基金，年投入 {m} 万元", "形成“一月一主题”开放活动品牌"]
ROADS = ["深南大道", "滨河大道", "北环大道", "红荔路", "福华路", "宝安大道", "龙岗大道", "布龙路",
         "梅观路", "南海大道", "沙河西路", "建设路", "人民南路", "东门中路", "光明大道",
         "坪山大道", "盐田路", "葵涌路", "民治大道", "创业路", "新湖路", "前进路", "留仙大道"]
BUILDINGS = ["科技大厦", "创新中心", "产业园A栋", "产业园B栋", "文化广场", "社会组织孵化基地",
             "党群服务中心", "综合楼", "创意园", "商务中心", "会展楼", "服务大厦"]
STATIONS = ["华强路", "车公庙", "会展中心", "老街", "大剧院", "南山", "宝安中心", "布吉", "龙华",
            "坪山", "光明", "前海湾", "深圳北", "西丽", "福永", "大运", "岗厦北", "红树湾南"]
COMMUNITIES = ["景田社区", "福新社区", "桂园社区", "渔村社区", "海月社区", "新围社区", "浪口社区",
               "坂田社区", "龙城社区", "沙井社区", "松岗社区", "马峦社区", "公明社区", "南澳社区"]
SURNAMES = "陈李王张刘黄林吴周郑何杨赵徐孙胡朱高罗梁宋谢唐韩冯邓曹彭曾"
ORG_SUFFIX = {"association": ["促进会", "协会", "联合会", "研究会"], "foundation": ["基金会", "发展基金会"],
              "social-service-agency": ["社会工作服务中心", "公益服务中心", "发展服务中心"]}


def sentence(rng: random.Random) -> str:
    n, m = rng.randrange(500, 20000, 100), rng.randrange(3, 200)
    return (f"{rng.choice(SUBJECTS)}{rng.choice(ACTIONS)}{rng.choice(OBJECTS)},"
            f"{rng.choice(RESULTS).format(n=n, m=m)}。")


def paragraph(rng: random.Random, sentences: tuple[int, int] = (2, 4)) -> str:
    parts = [sentence(rng) for _ in range(rng.randint(*sentences))]
    if rng.random() < 0.5:
        parts.insert(rng.randrange(len(parts) + 1), rng.choice(SCENES) + "。")
    return "".join(parts)


def chinese_text(rng: random.Random, chars: int) -> list[str]:
    """Markdown blocks, paragraphs with a section heading every third one, of *chars*
    characters of text in all (spaces not counted)."""
    blocks: list[str] = []
    total = 0
    while total < chars:
        if blocks and len(blocks) % 4 == 3:
            heading = rng.choice(OBJECTS)
            blocks.append(f"## {heading}")
            total += len(heading)
        text = paragraph(rng)
        room = chars - total
        if len(text.replace(" ", "")) > room:
            text = text[:max(room - 1, 1)] + "。"
        blocks.append(text)
        total += len(text.replace(" ", ""))
    return blocks


def date(year: int, rng: random.Random) -> Date:
    return Date(dt.date(year, rng.randint(1, 12), rng.randint(1, 28)).isoformat())


def phone(rng: random.Random) -> str:
    return f"0755-{rng.randint(2, 8)}{rng.randrange(10**6, 10**7):07d}"


def pick(rng: random.Random, items: list, low: int, high: int) -> list:
    """A few distinct items, in their original order (taxonomy order)."""
    chosen = set(rng.sample(range(len(items)), rng.randint(low, min(high, len(items)))))
    return [item for i, item in enumerate(items) if i in chosen]


# ---------------------------------------------------------------------------
# The synthetic data folder
# ---------------------------------------------------------------------------


@dataclass
class Taxonomies:
    terms: dict[str, list[dict[str, Any]]]

    def ids(self, name: str) -> list[str]:
        return [t["id"] for t in self.terms[name]]


def load_taxonomies(folder: Path) -> Taxonomies:
    terms = {}
    for path in sorted(folder.glob("*.yml")):
        terms[path.stem] = yaml.safe_load(path.read_text(encoding="utf-8"))
    return Taxonomies(terms)


@dataclass
class Counts:
    points: int = 0
    projects: int = 0
    cases: int = 0
    years: int = 0
    bytes: int = 0
    files: dict[str, int] = field(default_factory=dict)


def make_point(i: int, pid: str, tax: Taxonomies, rng: random.Random, district: dict,
               field_term: dict, project_ids: list[str], case_ids: list[str]) -> dict[str, Any]:
    street = rng.choice(district["streets"])
    org_type = rng.choice(tax.ids("organisation_types"))
    org_name = f"深圳市{district['name']}{field_term['name']}{rng.choice(ORG_SUFFIX[org_type])}"
    year = rng.randint(FIRST_YEAR, LAST_YEAR)
    delisted = rng.random() < 0.06 and year < LAST_YEAR
    box, margin = district["bbox"], 0.02  # > the GCJ-02/BD-09 offsets (about 0.01°)
    lat = round(rng.uniform(box["south"] + margin, box["north"] - margin), 5)
    lng = round(rng.uniform(box["west"] + margin, box["east"] - margin), 5)
    # The house number is the point's index: every address is different.
    address = (f"深圳市{district['name']}{street}{rng.choice(ROADS)}{i + 1}号"
               f"{rng.choice(BUILDINGS)}{rng.randint(1, 30)}楼")
    name = f"{field_term['name']}{rng.choice(['', '产业', '行业', '社会组织'])}交流服务展示点"
    description = [f"展示点位于{district['name']}{street}，由{org_name}运营，展示面积约 "
                   f"{rng.randrange(100, 1500, 10)} 平方米。"]
    description += [paragraph(rng, (1, 3)) for _ in range(rng.randint(1, 2))]
    if rng.random() < 0.6:
        description.append("## 展示内容\n\n" + "\n".join(
            f"- **{rng.choice(EXHIBITS)}**:{rng.choice(SCENES)};" for _ in range(rng.randint(2, 4))))
    closing = rng.choice(CLOSERS)
    if rng.random() < 0.5:
        closing += f"详见[参观须知](https://example.org/points/{pid}/visit)。"
    description.append(closing)
    days = ["tue", "wed", "thu", "fri"] if rng.random() < 0.6 else ["mon", "tue", "wed", "thu", "fri"]
    morning = (Time(rng.choice(["09:00", "09:30"])), Time(rng.choice(["12:00", "12:30"])))
    afternoon = (Time(rng.choice(["14:00", "14:30"])), Time(rng.choice(["17:00", "17:30"])))
    hours = [{"days": days, "open": morning[0], "close": morning[1]},
             {"days": days, "open": afternoon[0], "close": afternoon[1]}]
    if rng.random() < 0.5:
        hours.append({"days": ["sat"], "open": Time("10:00"), "close": Time("16:00")})
    booking: dict[str, Any] = {"phone": phone(rng)}
    if rng.random() < 0.7:
        booking["url"] = f"https://example.org/points/{pid}/booking"
    if rng.random() < 0.6:
        booking["email"] = f"visit-{i + 1}@example.org"
    if rng.random() < 0.5:
        booking["wechat"] = f"{district['name']}{field_term['name']}展示点"
    booking["lead_days"] = rng.choice([1, 2, 3, 5, 7])
    booking["note"] = f"{rng.randrange(10, 30, 5)} 人以上团队请提前 {rng.randint(3, 10)} 个工作日预约。"
    languages = ["zh"] + pick(rng, [x for x in tax.ids("languages") if x != "zh"], 0, 2)
    contacts = [{"name": f"{rng.choice(SURNAMES)}老师", "role": "展示点联络人", "phone": phone(rng),
                 "email": f"contact-{i + 1}@example.org"}]
    if rng.random() < 0.3:
        contacts.append({"name": f"{rng.choice(SURNAMES)}女士", "role": "讲解接待",
                         "phone": phone(rng)})
    record: dict[str, Any] = {
        "id": pid,
        "name": name,
        "organisation": {"name": org_name, "type": org_type},
        "field": field_term["id"],
        "award": {"year": year, "batch": rng.randint(1, 3)},
        "status": "delisted" if delisted else "awarded",
    }
    if rng.random() < 0.7:
        record["organisation"]["grade"] = rng.choice(["5A", "4A", "3A"])
    if delisted:
        record["delisted"] = {"date": date(rng.randint(year + 1, LAST_YEAR), rng),
                              "reason": "复核抽查发现展示场地已改作他用，不再具备展示和接待条件。"}
    record.update({
        "location": {"district": district["id"], "street": street, "address": address,
                     "coordinates": {"system": rng.choice(["gcj02", "wgs84", "bd09"]),
                                     "lat": lat, "lng": lng}},
        "venue": {"area_m2": rng.randrange(80, 1500, 10),
                  "exhibits": rng.sample(EXHIBITS, rng.randint(2, 4))},
        "highlights": [h.format(n=rng.randrange(1000, 20000, 500), m=rng.randint(3, 60),
                                k=rng.randint(1, 5)) for h in rng.sample(HIGHLIGHTS, rng.randint(1, 3))],
        "platforms": pick(rng, tax.ids("platforms"), 2, 5),
        "summary": f"展示{district['name']}{field_term['name']}领域社会组织发展成果，"
                   f"{rng.choice(ACTIONS)}{rng.choice(OBJECTS)}。",
        "description": "\n\n".join(description) + "\n",
        "visit": {
            "hours": hours,
            "closed_dates": sorted({date(LAST_YEAR, rng) for _ in range(rng.randint(0, 3))}),
            "closed_note": rng.choice(["法定节假日闭馆，遇特殊情况以预约确认为准。", "周末及法定节假日闭馆。",
                                       "闭馆日期以公众号通知为准。"]),
            "booking": booking,
            "group_size": {"min": 1, "max": rng.choice([20, 30, 40, 50, 80])},
            "languages": languages,
            "accessibility": rng.choice(["设有无障碍电梯和无障碍卫生间。", "展区通道宽度满足轮椅通行。",
                                         "可提供轮椅借用和手语讲解预约。"]),
            "directions": f"地铁{rng.randint(1, 20)}号线{rng.choice(STATIONS)}站"
                          f"{rng.choice('ABCDE')}口出，步行约{rng.randint(3, 15)}分钟。",
        },
        "contacts": contacts,
        "website": f"https://example.org/points/{pid}",
        "projects": sorted(rng.sample(project_ids, rng.randint(0, 2))),
        "cases": sorted(rng.sample(case_ids, rng.randint(0, 1))) if case_ids else [],
        "last_verified": date(LAST_YEAR, rng),
    })
    if not record["visit"]["closed_dates"]:
        del record["visit"]["closed_dates"]
    return record


def make_project(i: int, pid: str, tax: Taxonomies, rng: random.Random, district: dict,
                 point_ids: list[str]) -> dict[str, Any]:
    street = rng.choice(district["streets"])
    community = rng.choice(COMMUNITIES)
    noun = rng.choice(["邻里互助", "长者关爱", "儿童成长", "社区议事", "文化传承", "平安守护", "绿色家园"])
    record: dict[str, Any] = {
        "id": pid,
        "name": f"{street.removesuffix('街道').removesuffix('镇')}{noun}计划",
        "organisation": f"深圳市{district['name']}{street}{noun}{rng.choice(['服务社', '志愿者协会', '互助会'])}",
        "field": rng.choice(tax.ids("project_fields")),
    }
    if rng.random() < 0.7:
        record["series"] = rng.choice(tax.ids("series"))
    record.update({
        "target_groups": pick(rng, tax.ids("target_groups"), 1, 3),
        "location": {"district": district["id"], "street": street, "community": community},
        "year": rng.randint(FIRST_YEAR, LAST_YEAR),
        "summary": f"组织{community}居民和志愿者{rng.choice(ACTIONS)}{rng.choice(OBJECTS)}。",
        "description": "\n\n".join(paragraph(rng, (1, 2)) for _ in range(rng.randint(1, 2))) + "\n",
        "outcomes": [r.format(n=rng.randrange(500, 20000, 100), m=rng.randint(3, 200)) for r in
                     rng.sample(RESULTS, rng.randint(1, 3))],
        "points": sorted(rng.sample(point_ids, rng.randint(0, 1))),
    })
    return record


def make_case(i: int, cid: str, tax: Taxonomies, rng: random.Random, points: list[dict],
              project_ids: list[str]) -> dict[str, Any]:
    related = rng.sample(points, rng.randint(1, 2))
    record: dict[str, Any] = {
        "id": cid,
        "title": f"{rng.choice(['把', '让', '用'])}{rng.choice(OBJECTS)}{rng.choice(['带进社区', '办到群众身边', '做成品牌', '变成常态'])}",
        "year": rng.randint(FIRST_YEAR, LAST_YEAR),
        "field": related[0]["field"],
        "organisations": sorted({p["organisation"]["name"] for p in related}),
        "points": sorted(p["id"] for p in related),
        "projects": sorted(rng.sample(project_ids, rng.randint(0, 1))),
        "summary": f"{rng.choice(SUBJECTS)}{rng.choice(ACTIONS)}{rng.choice(OBJECTS)},"
                   f"{rng.choice(RESULTS).format(n=rng.randrange(500, 20000, 100), m=rng.randint(3, 200))}。",
        "body": "\n\n".join([
            "## 背景", paragraph(rng, (1, 2)),
            "## 做法", "\n".join(f"{k}. {sentence(rng)}" for k in range(1, rng.randint(3, 4))),
            "## 成效", paragraph(rng, (1, 3)),
        ]) + "\n",
    }
    if rng.random() < 0.5:
        record["source"] = {"title": f"{rng.choice(['深圳社会组织', '民政动态', '社区简报'])}"
                                     f"{record['year']}年第{rng.randint(1, 12)}期",
                            "url": f"https://example.org/cases/{cid}"}
    return record


def make_year(year: int, rng: random.Random, point_ids: list[str], events: int) -> dict[str, Any]:
    kinds = ["exchange", "training", "exhibition", "festival", "open-day"]
    programme = [
        {"step": "call", "title": f"发布{year}年度新增展示点遴选通知", "date": Date(f"{year}-05-{rng.randint(10, 28):02d}")},
        {"step": "selection", "title": "材料初审、项目路演和实地考察", "date": Date(f"{year}-07-01"),
         "end": Date(f"{year}-08-31")},
        {"step": "notice", "title": "拟授牌展示点名单公示", "date": Date(f"{year}-09-{rng.randint(10, 28):02d}")},
        {"step": "award", "title": "授牌仪式暨展示点交流会", "date": Date(f"{year}-11-{rng.randint(1, 28):02d}")},
    ]
    items = []
    for _ in range(events):
        start = dt.date(year, rng.randint(1, 12), rng.randint(1, 20))
        event: dict[str, Any] = {"title": f"{rng.choice(OBJECTS)}", "kind": rng.choice(kinds),
                                 "date": Date(start.isoformat())}
        if rng.random() < 0.3:
            event["end"] = Date((start + dt.timedelta(days=rng.randint(1, 6))).isoformat())
        event["point"] = rng.choice(point_ids)
        event["description"] = sentence(rng)
        items.append(event)
    items.sort(key=lambda e: e["date"])
    return {"year": year, "summary": f"{year}年度展示点遴选、授牌和开放活动安排。",
            "programme": programme, "events": items}


def write_data(data_dir: Path, n: int, seed: int) -> Counts:
    """The repo's site.yml and taxonomies, and n points, n projects, n/5 cases, the years."""
    data_dir.mkdir(parents=True)
    shutil.copy2(REPO / "examples" / "shenzhen" / "data" / "site.yml", data_dir / "site.yml")
    shutil.copytree(REPO / "examples" / "shenzhen" / "data" / "taxonomies", data_dir / "taxonomies")
    tax = load_taxonomies(data_dir / "taxonomies")
    rng = random.Random(seed)
    districts, fields = tax.terms["districts"], tax.terms["fields"]
    n_cases = max(1, n // 5)

    point_meta = []
    for i in range(n):
        district, field_term = rng.choice(districts), rng.choice(fields)
        point_meta.append((f"{district['id']}-{field_term['id']}-{i + 1:05d}", district, field_term))
    project_meta = []
    for i in range(n):
        district = rng.choice(districts)
        project_meta.append((f"{district['id']}-project-{i + 1:05d}", district))
    point_ids = [m[0] for m in point_meta]
    project_ids = [m[0] for m in project_meta]
    case_ids = [f"case-{i + 1:05d}" for i in range(n_cases)]

    counts = Counts()
    comment = "基准测试生成的虚构数据，仅用于测量构建性能。"

    def write(folder: str, stem: str, record: dict[str, Any]) -> None:
        path = data_dir / folder / f"{stem}.yml"
        path.parent.mkdir(exist_ok=True)
        text = to_yaml(record, comment)
        path.write_text(text, encoding="utf-8")
        counts.bytes += len(text.encode())
        counts.files[folder] = counts.files.get(folder, 0) + 1

    points, addresses = [], set()
    for i, (pid, district, field_term) in enumerate(point_meta):
        point = make_point(i, pid, tax, rng, district, field_term, project_ids, case_ids)
        key = re.sub(r"[\s,,。.]", "", point["location"]["address"])
        assert key not in addresses, key
        addresses.add(key)
        points.append(point)
        write("points", pid, point)
    for i, (pid, district) in enumerate(project_meta):
        write("projects", pid, make_project(i, pid, tax, rng, district, point_ids))
    for i, cid in enumerate(case_ids):
        write("cases", cid, make_case(i, cid, tax, rng, points, project_ids))
    years = range(FIRST_YEAR, LAST_YEAR + 1)
    for year in years:
        write("years", str(year), make_year(year, rng, point_ids, max(3, n // 20)))
    counts.points, counts.projects, counts.cases, counts.years = n, n, n_cases, len(years)
    return counts


# ---------------------------------------------------------------------------
# The two projects: ours and the plain baseline
# ---------------------------------------------------------------------------


def repo_config() -> dict[str, Any]:
    return yaml.safe_load((REPO / "mkdocs.yml").read_text(encoding="utf-8"))


def showcase_options(config: dict[str, Any]) -> dict[str, Any]:
    for plugin in config.get("plugins", []):
        if isinstance(plugin, dict) and "showcase" in plugin:
            return plugin["showcase"] or {}
    raise SystemExit("mkdocs.yml: no showcase plugin")


def write_our_config(project: Path, site_dir: Path, editions: bool = True) -> Path:
    """The repo's mkdocs.yml, with every folder an absolute path into the repo; without
    its other language editions unless *editions*."""
    config = repo_config()
    config["docs_dir"] = str((REPO / config.get("docs_dir", "docs")).resolve())
    config["site_dir"] = str(site_dir)
    theme = config["theme"]
    if theme.get("custom_dir"):
        theme["custom_dir"] = str((REPO / theme["custom_dir"]).resolve())
    for plugin in config["plugins"]:
        if isinstance(plugin, dict) and "showcase" in plugin:
            options = plugin["showcase"]
            options["data_dir"] = str((project / "data").resolve())
            for key in ("templates_dir", "locales_dir"):
                options[key] = str((REPO / options[key]).resolve())
            if not editions:
                options.pop("editions", None)
    path = project / "mkdocs.yml"
    path.write_text("# Generated by benchmarks/build_benchmark.py\n"
                    + yaml.safe_dump(config, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def _nav_files(nav: Any) -> list[str]:
    """Every page file a mkdocs nav refers to, in order."""
    if isinstance(nav, str):
        return [nav]
    if isinstance(nav, list):
        return [f for item in nav for f in _nav_files(item)]
    if isinstance(nav, dict):
        return [f for value in nav.values() for f in _nav_files(value)]
    return []


def write_plain_project(project: Path, site_dir: Path, pages: int, chars: int, seed: int) -> Path:
    """A plain mkdocs-material site: *pages* pages of about *chars* characters of text each.

    Same theme as ours (custom_dir, palette, features), same nav: the nav's pages are
    plain pages at the same paths, the rest are out of the nav like our detail pages.
    """
    ours = repo_config()
    docs = project / "docs"
    (docs / "pages").mkdir(parents=True)
    rng = random.Random(seed + 1)
    nav_files = _nav_files(ours.get("nav", []))
    for k in range(pages):
        title = f"{rng.choice(SUBJECTS)}{rng.choice(ACTIONS)}{rng.choice(OBJECTS)}"
        blocks = [f"# {title}"] + chinese_text(rng, max(chars - len(title), 40))
        rel = nav_files[k] if k < len(nav_files) else f"pages/page-{k:05d}.md"
        (docs / rel).parent.mkdir(parents=True, exist_ok=True)
        (docs / rel).write_text("\n\n".join(blocks) + "\n", encoding="utf-8")
    theme = dict(ours["theme"])
    if theme.get("custom_dir"):
        theme["custom_dir"] = str((REPO / theme["custom_dir"]).resolve())
    config = {
        "site_name": "基准测试对照站点",
        "site_url": "https://example.org/plain/",
        "docs_dir": str(docs),
        "site_dir": str(site_dir),
        "use_directory_urls": True,
        "strict": True,
        "theme": theme,
        "plugins": [{"search": {"lang": "zh"}}],
        "markdown_extensions": ours.get("markdown_extensions", []),
        "nav": ours.get("nav", [{"首页": "index.md"}]),
        "not_in_nav": "/pages/**",
    }
    path = project / "mkdocs.yml"
    path.write_text(yaml.safe_dump(config, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def calibrated_chars(work: Path, target: float, seed: int) -> int:
    """How much body text a plain page needs for Material to index *target* characters
    of it, as measured by ``text_per_page`` (its title and the theme add some): found
    by building a small plain site once."""
    pilot, site = work / "plain-pilot", work / "site-plain-pilot"
    config = write_plain_project(pilot, site, 40, round(target), seed)
    run = run_measured([str(BIN / "mkdocs"), "build", "--strict", "-f", str(config)],
                       work / "build-plain-pilot.log", pilot)
    if run.returncode != 0:
        fail("the plain pilot site did not build", run.log)
    return max(1, round(2 * target - text_per_page(site)))


def count_pages(site: Path) -> int:
    """Pages mkdocs built; the permalinks under v/ are one-line redirects, not pages."""
    return sum(1 for path in site.rglob("index.html") if path.relative_to(site).parts[0] != "v")


def text_per_page(site: Path) -> float:
    """Mean characters of text mkdocs-material's search would index in a page, over the
    pages ``count_pages`` counts: each page's article parsed with Material's own search
    parser (which skips what is marked ``data-search-exclude``), whitespace left out.

    Read from the HTML, not from the search index: our record pages are indexed from
    their data, so the index holds less than Material would take from them, and the
    plain site must not get less text than ours for that reason."""
    from material.plugins.search.plugin import Parser  # in the project's virtualenv

    total = pages = 0
    for path in site.rglob("index.html"):
        if path.relative_to(site).parts[0] == "v":
            continue
        found = re.search(r"<article\b.*?</article>", path.read_text(encoding="utf-8"), re.S)
        parser = Parser()
        parser.feed(found[0] if found else "")
        parser.close()
        text = "".join("".join(section.title) + "".join(section.text)
                       for section in parser.data if not section.is_excluded())
        total += len(re.sub(r"[\s\u200b]", "", text))
        pages += 1
    return total / max(1, pages)


PIPELINE_CHILD = r"""
import json, sys, time
t0 = time.perf_counter()
from pathlib import Path
from generator.build import Sources, generate
imported = time.perf_counter() - t0
data, templates, locales, locale, base, public_url = sys.argv[1:7]
import tempfile
# an empty cache folder: every plaque is drawn, as in a cold build
sources = Sources(Path(data), Path(templates), Path(locales), locale, Path(base), public_url,
                  cache_dir=Path(tempfile.mkdtemp(prefix="plaques-")), ci=False)
t = time.perf_counter()
site = generate(sources)
generated = time.perf_counter() - t
# the plaques are drawn in the background; here nothing else runs beside the drawing
with site.timings("drawing"):
    site.print_files.finish()
import shutil; shutil.rmtree(sources.cache_dir)
print(json.dumps({"import": imported, "generate": generated, **site.timings,
                  "pages": len(site.pages),
                  "html_bytes": sum(len(p.html.encode()) for p in site.pages)}))
"""


@dataclass
class Result:
    n: int
    counts: Counts
    pages: int = 0
    plain_pages: int = 0
    ours: Run | None = None
    rebuild: Run | None = None  # ours again, with the plaques drawn last time in the cache
    written: tuple[int, float] = (0, 0.0)  # generated files our build wrote, and in how long
    plain: Run | None = None
    pipeline: Run | None = None
    stages: dict[str, float] = field(default_factory=dict)
    check_wall: float = 0.0
    text_ours: float = 0.0
    text_plain: float = 0.0


def best(runs: list[Run]) -> Run:
    """The fastest of the repeats, with the highest peak memory seen."""
    fastest = min(runs, key=lambda r: r.wall)
    return Run(fastest.wall, max(r.peak_mb for r in runs), fastest.cpu, fastest.returncode,
               fastest.log, fastest.stages)


def build_best(label: str, config: Path, site: Path, cwd: Path, work: Path, repeat: int,
               n: int, cold: bool = True) -> Run:
    """`mkdocs build --strict` *repeat* times; the fastest run.

    A cold build starts without the plaque cache (``.cache/`` beside mkdocs.yml).
    """
    runs = []
    for r in range(repeat):
        progress(f"   mkdocs build --strict ({label}){f' #{r + 1}' if repeat > 1 else ''}")
        shutil.rmtree(site, ignore_errors=True)
        if cold:
            shutil.rmtree(config.parent / ".cache", ignore_errors=True)
        timings = work / f"timings-{label}-{r + 1}.json"
        timings.unlink(missing_ok=True)
        run = run_measured([str(BIN / "mkdocs"), "build", "--strict", "-f", str(config),
                            "-d", str(site)], work / f"build-{label}-{r + 1}.log", cwd,
                           env={"SHOWCASE_TIMINGS": str(timings)})
        if run.returncode != 0:
            fail(f"mkdocs build of the {label} site failed for N={n}", run.log)
        if timings.is_file():  # the plain site has no showcase plugin
            run.stages = json.loads(timings.read_text(encoding="utf-8"))
        runs.append(run)
    return best(runs)


def bench_size(n: int, root: Path, seed: int, repeat: int, editions: bool = True) -> Result:
    work = root / f"n{n}"
    project = work / "project"
    progress(f"\n== N = {n}: generating data in {project}")
    t = time.perf_counter()
    counts = write_data(project / "data", n, seed)
    progress(f"   {counts.points} points, {counts.projects} projects, {counts.cases} cases, "
             f"{counts.years} years, {counts.bytes / 1e6:.1f} MB of YAML "
             f"({time.perf_counter() - t:.1f} s)")
    site_ours = work / "site-ours"
    config = write_our_config(project, site_ours, editions)
    result = Result(n, counts)

    progress("   showcase check")
    check = run_measured([str(BIN / "showcase"), "check", "--data", str(project / "data")],
                         work / "check.log", project)
    if check.returncode != 0:
        fail(f"showcase check rejected the generated data for N={n}", check.log, tail=None)
    result.check_wall = check.wall

    progress("   pipeline alone (generator.build.generate)")
    opts = showcase_options(yaml.safe_load(config.read_text(encoding="utf-8")))
    pipeline = run_measured([sys.executable, "-c", PIPELINE_CHILD, opts["data_dir"],
                             opts["templates_dir"], opts["locales_dir"],
                             opts.get("locale", "zh-CN"), str(project),
                             repo_config()["site_url"]],
                            work / "pipeline.log", REPO)
    if pipeline.returncode != 0:
        fail(f"the pipeline failed for N={n}", pipeline.log)
    result.pipeline = pipeline
    result.stages = json.loads(pipeline.log.read_text(encoding="utf-8").strip().splitlines()[-1])

    result.ours = build_best("ours", config, site_ours, project, work, repeat, n)
    result.written = _files_written(result.ours.log)
    result.rebuild = build_best("ours, rebuild", config, site_ours, project, work, repeat, n,
                                cold=False)
    result.pages = count_pages(site_ours)
    result.text_ours = text_per_page(site_ours)

    plain = work / "plain"
    site_plain = work / "site-plain"
    chars = calibrated_chars(work, result.text_ours, seed)
    progress(f"   writing the plain site: {result.pages} pages of {chars} chars of body text "
             f"(~{result.text_ours:.0f} indexed, as ours)")
    plain_config = write_plain_project(plain, site_plain, result.pages, chars, seed)
    result.plain = build_best("plain", plain_config, site_plain, plain, work, repeat, n)
    result.plain_pages = count_pages(site_plain)
    result.text_plain = text_per_page(site_plain)
    if result.plain_pages != result.pages:
        progress(f"   WARNING: plain site has {result.plain_pages} pages, ours {result.pages}")
    return result


# ---------------------------------------------------------------------------
# Report
# ---------------------------------------------------------------------------


def _files_written(log: Path) -> tuple[int, float]:
    """How many generated files (permalinks, calendars, QR codes, plaques) a build wrote, and
    in how long, from the line our plugin logs."""
    found = re.search(r"已写入（\d+） 个生成的文件[((]用时（\d+\.\d+） 秒", log.read_text(encoding="utf-8"))
    return (int(found[1]), float(found[2])) if found else (0, 0.0)


def table(headers: list[str], rows: list[list[str]]) -> str:
    widths = [max(len(h), *(len(r[i]) for r in rows)) for i, h in enumerate(headers)]
    line = "  ".join(h.rjust(w) for h, w in zip(headers, widths))
    out = [line, "  ".join("-" * w for w in widths)]
    out += ["  ".join(c.rjust(w) for c, w in zip(row, widths)) for row in rows]
    return "\n".join(out)


def report(results: list[Result], repeat: int, load: tuple[float, float]) -> None:
    print()
    print(f"Build benchmark — mkdocs build --strict, wall time and peak RSS of the child"
          f"{f' (best of {repeat})' if repeat > 1 else ''}; "
          f"{os.cpu_count()} CPUs, Python {sys.version.split()[0]}, "
          f"load average {load[0]:.2f} at start, {load[1]:.2f} at end")
    print()
    rows = []
    for r in results:
        ours, plain = r.ours, r.plain
        rows.append([
            str(r.n), str(r.pages),
            f"{ours.wall:.2f}", f"{plain.wall:.2f}", f"{ours.wall / plain.wall:.2f}x",
            f"{ours.peak_mb:.0f}", f"{plain.peak_mb:.0f}", f"{ours.peak_mb / plain.peak_mb:.2f}x",
            f"{ours.wall / r.pages * 1000:.2f}", f"{plain.wall / r.plain_pages * 1000:.2f}",
        ])
    print(table(["N points", "pages", "ours s", "plain s", "wall ratio", "ours MB", "plain MB",
                 "mem ratio", "ours s/1k pages", "plain s/1k pages"], rows))
    print()
    print("Our pipeline alone (generator.build.generate in a subprocess, cold: no plaque "
          "cache), seconds per stage:")
    print()
    rows = []
    for r in results:
        s = r.stages
        rows.append([
            str(r.n), str(s["pages"]), f"{r.pipeline.wall:.2f}", f"{s['import']:.2f}",
            f"{s['generate']:.2f}", f"{s['validate']:.2f}", f"{s['model']:.3f}",
            f"{s['render']:.2f}", f"{s['files']:.2f}", f"{s['qr']:.2f}",
            f"{s['plaques'] + s['drawing']:.2f}",
            f"{r.pipeline.peak_mb:.0f}", f"{100 * s['generate'] / r.ours.wall:.0f}%",
            f"{r.check_wall:.2f}",
        ])
    print(table(["N points", "gen pages", "child wall s", "import s", "generate() s", "validate s",
                 "model s", "render s", "files s", "QR s", "plaques s (1 core)", "child MB",
                 "generate/ours build", "showcase check s"], rows))
    print()
    print("QR codes and plaques in the mkdocs builds above (QR: encoding and PNGs; plaques: "
          "every point's SVG and PDF and the A4 sheet).")
    print("Seconds the build itself spends on them: encoding, the cache lookup and the font "
          "check, starting the drawing, and waiting for it at the end. The drawing runs in a "
          "child on the other core while mkdocs writes the pages; its CPU time is shown "
          "apart. The rebuild reads the plaques from the cache:")
    print()
    rows = []
    for r in results:
        cold, warm = r.ours.stages, r.rebuild.stages
        cost = cold["qr"] + cold["plaques"]
        warm_cost = warm["qr"] + warm["plaques"]
        written = r.written
        rows.append([str(r.n), f"{cost:.2f}", f"{r.ours.wall:.2f}",
                     f"{100 * cost / r.ours.wall:.1f}%", f"{cold.get('plaques_cpu', 0):.2f}",
                     f"{warm_cost:.2f}", f"{100 * warm_cost / r.rebuild.wall:.1f}%",
                     f"{r.rebuild.wall:.2f}", f"{written[0]} in {written[1]:.1f} s"])
    print(table(["N points", "QR + plaques s (cold)", "cold build s", "share of cold build",
                 "drawing CPU s (background)", "QR + plaques s (rebuild)", "share of rebuild",
                 "rebuild s", "generated files written"], rows))
    print()
    rows = [[str(r.n), str(r.counts.points), str(r.counts.projects), str(r.counts.cases),
             str(r.counts.years), f"{r.counts.bytes / 1e6:.2f}", f"{r.text_ours:.0f}",
             f"{r.text_plain:.0f}", f"{r.stages['html_bytes'] / 1e6:.1f}"] for r in results]
    print(table(["N points", "points", "projects", "cases", "years", "data MB",
                 "text/page ours", "text/page plain", "generated HTML MB"], rows))
    if len(results) > 1:
        first, last = results[0], results[-1]
        ours_growth = (last.ours.wall / last.pages) / (first.ours.wall / first.pages)
        plain_growth = (last.plain.wall / last.plain_pages) / (first.plain.wall / first.plain_pages)
        gen_growth = (last.stages["generate"] / last.pages) / (first.stages["generate"] / first.pages)
        print()
        print(f"Growth: our per-page build time at N={last.n} is {ours_growth:.2f}x that at "
              f"N={first.n} ({last.ours.wall / last.pages * 1000:.2f} vs "
              f"{first.ours.wall / first.pages * 1000:.2f} s per 1000 pages; plain mkdocs-material: "
              f"{plain_growth:.2f}x; our pipeline alone: {gen_growth:.2f}x). "
              f"1.0x would be linear; fixed start-up costs make small sites look dearer per page.")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", type=int, nargs="+", default=[100, 1000],
                        help="numbers of showcase points (default: 100 1000)")
    parser.add_argument("--keep", action="store_true",
                        help="keep the generated projects and sites under benchmarks/out/")
    parser.add_argument("--seed", type=int, default=20251123, help="random seed of the data")
    parser.add_argument("--repeat", type=int, default=1,
                        help="builds per site; the fastest counts (default 1)")
    parser.add_argument("--no-editions", action="store_true",
                        help="build the Chinese site alone, without mkdocs.yml's editions "
                             "(the English one): what they add is the difference")
    args = parser.parse_args(argv)
    if any(n < 1 for n in args.sizes) or args.repeat < 1:
        parser.error("sizes and --repeat must be positive")
    for tool in ("mkdocs", "showcase"):
        if not (BIN / tool).is_file():
            parser.error(f"{BIN / tool} not found: run with the project's .venv/bin/python")

    OUT_ROOT.mkdir(exist_ok=True)
    root = Path(tempfile.mkdtemp(prefix=time.strftime("run-%Y%m%d-%H%M%S-"), dir=OUT_ROOT))
    results = []
    try:
        load_before = os.getloadavg()[0]
        for n in sorted(set(args.sizes)):
            results.append(bench_size(n, root, args.seed, args.repeat, not args.no_editions))
            if not args.keep:  # a large size's sites take room; the figures are all we need
                shutil.rmtree(root / f"n{n}", ignore_errors=True)
        report(results, args.repeat, (load_before, os.getloadavg()[0]))
    finally:
        if args.keep:
            progress(f"\nKept {root}")
        else:
            shutil.rmtree(root, ignore_errors=True)
            try:
                OUT_ROOT.rmdir()  # only if nothing else is in it
            except OSError:
                pass
    return 0


if __name__ == "__main__":
    sys.exit(main())

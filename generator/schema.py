"""The schema, declared once: every record's fields with type, default and description.

These frozen dataclasses are the records the site is built from, and the single source
of the validator, the JSON Schema files for editors' autocompletion and the field
reference page. A field's type says what an editor may write; the ``Annotated`` markers
say more (a taxonomy, a reference to another record, a text format, a range).
Descriptions are written for editors, in their language.
"""

from __future__ import annotations

import dataclasses as dc
import datetime as dt
import functools
import re
import types
import typing
from dataclasses import dataclass
from typing import Annotated, Any

# ---------------------------------------------------------------------------
# Markers that refine a field's type
# ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Format:
    """A text format: slug, line, markdown, url, phone, email, time, media, synonym."""

    name: str


@dataclass(frozen=True)
class Term:
    """The id of a term of a taxonomy in ``data/taxonomies/<taxonomy>.yml``."""

    taxonomy: str


@dataclass(frozen=True)
class RecordRef:
    """The id of a record of another collection (points, projects, cases)."""

    collection: str


@dataclass(frozen=True)
class Choice:
    """One of a fixed set of values, each with its meaning."""

    options: tuple[tuple[str, str], ...]

    @property
    def values(self) -> tuple[str, ...]:
        return tuple(value for value, _ in self.options)


@dataclass(frozen=True)
class Extra:
    """The values of a city's own fields for records of a collection: declared in
    site.yml's ``extra_fields``, written under ``extra:``, held as (id, value) pairs in
    the declarations' order."""

    collection: str


@dataclass(frozen=True)
class Range:
    """Inclusive bounds of a number."""

    minimum: float | None = None
    maximum: float | None = None


@dataclass(frozen=True)
class WordGroup:
    """A list of words that mean the same to a visitor (a group of the city's thesaurus):
    at least *minimum* of them; *doc* says what it is, as ``spec`` does for a field."""

    minimum: int
    doc: str


# A slug: lowercase letters and digits, in words joined by single hyphens
SLUG_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
Slug = Annotated[str, Format("slug")]
Line = Annotated[str, Format("line")]
Markdown = Annotated[str, Format("markdown")]
Url = Annotated[str, Format("url")]
HttpsUrl = Annotated[str, Format("https")]  # where visitors type in personal details
ReportTarget = Annotated[str, Format("report")]  # an https address or an email address
LicenceUrl = Annotated[str, Format("licence")]  # https: the data page and files link to it
Phone = Annotated[str, Format("phone")]
Email = Annotated[str, Format("email")]
Time = Annotated[str, Format("time")]
Media = Annotated[str, Format("media")]
# A word or phrase visitors type into the search box for a term (a taxonomy's synonyms):
# one line, short, one word an item
Synonym = Annotated[str, Format("synonym")]
SYNONYM_MAX = 40  # characters: a search word or phrase, never a sentence
# The city's thesaurus (data/taxonomies/synonyms.yml, optional): groups of words of the
# records themselves (an industry, an activity, a place) that the search treats as one.
# A term's synonyms cover the term; these cover the words a record is written in.
THESAURUS_FILE = "synonyms.yml"
THESAURUS_GROUP = WordGroup(2, (
    "同义词组：一组意思相同的词，参观者搜其中任何一个，都能找到写了另一个的记录，"
    "如 [志愿服务, 志愿者, 义工, volunteer]。每组至少两个词，每个词最多 "
    f"{SYNONYM_MAX} 个字、只能属于一组；分类名称的其他说法写在该分类的 synonyms 里，不写在这里。"))
SynonymGroup = Annotated[tuple[Synonym, ...], THESAURUS_GROUP]
Thesaurus = tuple[SynonymGroup, ...]
Year = Annotated[int, Range(2000, 2100)]
Date = dt.date

WEEKDAYS = Choice((("mon", "星期一"), ("tue", "星期二"), ("wed", "星期三"), ("thu", "星期四"),
                   ("fri", "星期五"), ("sat", "星期六"), ("sun", "星期日")))
Weekday = Annotated[str, WEEKDAYS]


def spec(doc: str, default: Any = dc.MISSING, *, public_contact: bool = False,
         translates: str | None = None) -> Any:
    """Declare a field with its description; no default means the field is required.

    *public_contact* marks the fields meant for contacts an organisation chose to
    publish: only there may a mobile number stand. *translates* is, for a field of an
    ``en:`` block (``English``), the dotted path of the text it translates in the
    record that holds the block, if not the field of its own name.
    """
    metadata = {"doc": doc, "public_contact": public_contact}
    if translates is not None:
        metadata["translates"] = translates
    return dc.field(default=default, metadata=metadata)


@dataclass(frozen=True)
class FieldSpec:
    """A schema field as the validator and the exporters see it."""

    name: str
    type: Any
    doc: str
    required: bool
    default: Any
    public_contact: bool


@functools.cache
def field_specs(cls: type) -> tuple[FieldSpec, ...]:
    """The declared fields of a schema class, in declaration order."""
    hints = typing.get_type_hints(cls, include_extras=True)
    specs = []
    for f in dc.fields(cls):
        if f.metadata.get("internal"):
            continue
        required = f.default is dc.MISSING and f.default_factory is dc.MISSING
        specs.append(FieldSpec(f.name, hints[f.name], f.metadata.get("doc", ""), required,
                               None if required else f.default,
                               f.metadata.get("public_contact", False)))
    return tuple(specs)


_UNWRAPPED: dict[int, tuple[Any, tuple[Any, ...], bool]] = {}


def unwrap(tp: Any) -> tuple[Any, tuple[Any, ...], bool]:
    """Split a field type into (base type, markers, optional)."""
    # Keyed by id: hashing an Annotated type walks its arguments, and this runs for
    # every value of every record. Schema types live as long as the module.
    known = _UNWRAPPED.get(id(tp))
    if known is not None:
        return known
    optional, inner = False, tp
    if typing.get_origin(inner) in (typing.Union, types.UnionType):
        args = [arg for arg in typing.get_args(inner) if arg is not type(None)]
        optional, inner = True, args[0]
    markers: tuple[Any, ...] = ()
    if typing.get_origin(inner) is Annotated:
        inner, *rest = typing.get_args(inner)
        markers = tuple(rest)
    _UNWRAPPED[id(tp)] = result = (inner, markers, optional)
    _KEEP_ALIVE.append(tp)  # an id stays valid only while its object lives
    return result


_KEEP_ALIVE: list[Any] = []


def record(cls: type) -> type:
    """The decorator of every schema class: frozen, keyword-only."""
    return dataclass(frozen=True, kw_only=True)(cls)


# ---------------------------------------------------------------------------
# Shared pieces
# ---------------------------------------------------------------------------


@record
class English:
    """The English of a record's texts: its ``en:`` block, which the English edition
    (under /en/) shows in place of the Chinese (``editions.localise``). Each field
    translates the text of its own name in the record that holds the block, or the one
    its ``translates`` names; a text without its English is shown in Chinese, marked as
    Chinese. Exempt from the Chinese typography lint: English has its own punctuation."""


EDITION_FIELDS = ("en",)  # the blocks of each edition's texts, named as the edition


def translations(cls: type) -> tuple[tuple[str, str], ...]:
    """(field of the ``en:`` block, dotted path of the text it translates) of *cls*."""
    return tuple((f.name, f.metadata.get("translates", f.name)) for f in dc.fields(cls))


def en_doc(what: str) -> Any:
    """The ``en:`` field of a record, its English class given by the annotation."""
    return spec(f"英文版的文字：英文版页面（/en/）显示这里写的英文，没写的项照常显示中文。{what}", None)


@record
class PhotoEnglish(English):
    alt: Line | None = spec("图片文字说明的英文，如 Entrance hall。", None)


@record
class Coordinates:
    system: Annotated[str, Choice((
        ("wgs84", "WGS-84:GPS、OpenStreetMap 使用的坐标"),
        ("gcj02", "GCJ-02:高德地图、腾讯地图上拾取的坐标"),
        ("bd09", "BD-09:百度地图上拾取的坐标"),
    ))] = spec("坐标系：从哪种地图上取的坐标就填哪种，生成网站时统一换算。")
    # No Range here: the region check says more, e.g. that lat and lng are swapped.
    lat: float = spec("纬度，如 22.5431。")
    lng: float = spec("经度，如 114.0880。")


@record
class BoundingBox:
    south: Annotated[float, Range(-90, 90)] = spec("最南端的纬度。")
    west: Annotated[float, Range(-180, 180)] = spec("最西端的经度。")
    north: Annotated[float, Range(-90, 90)] = spec("最北端的纬度。")
    east: Annotated[float, Range(-180, 180)] = spec("最东端的经度。")

    def contains(self, lat: float, lng: float) -> bool:
        return self.south <= lat <= self.north and self.west <= lng <= self.east


@record
class LatLng:
    lat: Annotated[float, Range(-90, 90)] = spec("纬度。")
    lng: Annotated[float, Range(-180, 180)] = spec("经度。")


@record
class Photo:
    file: Media = spec("图片文件名，图片放在 data/media/ 下，如 east-hub/hall.jpg。"
                       "只能用 JPEG 或 PNG，每张不超过 1 MB；发布时去掉拍摄地点等信息。")
    alt: Line = spec("图片的文字说明，供读屏软件朗读，如“展厅入口”。")
    credit: Line | None = spec("摄影或来源署名。", None)
    en: PhotoEnglish | None = en_doc("")


@record
class Record:
    """Fields every record file has besides its own: where it came from."""

    source_file: str = dc.field(default="", compare=False, repr=False, metadata={"internal": True})


# ---------------------------------------------------------------------------
# Showcase points
# ---------------------------------------------------------------------------


@record
class Organisation:
    name: Line = spec("运营{展示点}的社会组织全称，与登记证书一致。")
    type: Annotated[str, Term("organisation_types")] = spec(
        "组织类型，取自 taxonomies/organisation_types.yml，如 association（社会团体）。")
    grade: Annotated[str, Choice((
        ("5A", "5A 级"), ("4A", "4A 级"), ("3A", "3A 级"), ("2A", "2A 级"), ("1A", "1A 级"),
    ))] | None = spec("社会组织评估等级，如 5A；未参加评估则不填。", None)


@record
class Award:
    year: Year = spec("{授牌}年度，如 2024。")
    batch: Annotated[int, Range(1, 20)] = spec("当年的{授牌}批次，默认第 1 批。", 1)


@record
class Delisting:
    date: Date = spec("{摘牌}日期，如 2025-06-30。")
    reason: Line = spec("{摘牌}原因，将公开显示在{展示点}页面上。")


@record
class PointLocation:
    district: Annotated[str, Term("districts")] = spec(
        "所在{区}，取自 taxonomies/districts.yml 的 id，如 east-district。")
    street: Line = spec("所在{街道}，须是该{区}在 taxonomies/districts.yml 中列出的{街道}，如 某某{街道}。")
    address: Line = spec("详细地址，写到楼层或房间号，方便参观者找到。")
    coordinates: Coordinates | None = spec(
        "场馆坐标及其坐标系；不填则页面不显示地图，生成时给出提醒。", None)


@record
class Venue:
    area_m2: Annotated[float, Range(1, 100000)] | None = spec("展示面积（平方米）。", None)
    exhibits: tuple[Line, ...] = spec("主要展示内容，每项一行。", ())


@record
class OpeningHours:
    days: tuple[Weekday, ...] = spec("开放的星期，如 [tue, wed, thu, fri]。")
    open: Time = spec("开始时间，24 小时制，加引号，如 \"09:30\"。")
    close: Time = spec("结束时间，24 小时制，加引号，如 \"17:30\"；须晚于开始时间。")


@record
class Booking:
    phone: Phone | None = spec("预约电话，固定电话写成“区号-号码”，如 010-12345678。", None, public_contact=True)
    url: HttpsUrl | None = spec("在线预约网址，必须以 https:// 开头（预约要填写个人信息，须加密传输）。", None)
    email: Email | None = spec("预约邮箱。", None, public_contact=True)
    wechat: Line | None = spec("可预约的微信公众号名称。", None)
    lead_days: Annotated[int, Range(0, 365)] | None = spec("需提前几天预约。", None)
    note: Line | None = spec("预约的其他说明。", None)


@record
class GroupSize:
    min: Annotated[int, Range(1, 10000)] = spec("每批最少人数。", 1)
    max: Annotated[int, Range(1, 10000)] | None = spec("每批最多人数。", None)


@record
class Visit:
    hours: tuple[OpeningHours, ...] = spec("开放时间，可写多段，如上午、下午各一段。", ())
    closed_dates: tuple[Date, ...] = spec("不开放的日期，如 [2025-01-01]。", ())
    closed_note: Line | None = spec("闭馆说明，如“周一闭馆”。", None)
    public_holidays: Annotated[str, Choice((
        ("closed", "法定节假日闭馆"),
        ("open", "法定节假日照常按开放时间开放"),
    ))] = spec("法定节假日是否开放：closed（闭馆，默认）或 open；节假日日期在 data/holidays.yml。",
               "closed")
    booking: Booking | None = spec("预约方式；仍在{授牌}期内的{展示点}至少填一种。", None)
    group_size: GroupSize | None = spec("每批参观人数。", None)
    languages: tuple[Annotated[str, Term("languages")], ...] = spec(
        "讲解语言，取自 taxonomies/languages.yml，如 [zh, en]。", ())
    accessibility: Line | None = spec("无障碍设施与服务，如轮椅通道、无障碍卫生间。", None)
    directions: Line | None = spec("交通指引，如地铁站和出口。", None)


@record
class Contact:
    name: Line = spec("联系人称呼，如“陈老师”。只填本人同意公开的信息。")
    role: Line | None = spec("联系人职责。", None)
    phone: Phone | None = spec("对外公开的联系电话。", None, public_contact=True)
    email: Email | None = spec("对外公开的邮箱。", None, public_contact=True)
    en: ContactEnglish | None = en_doc("")


@record
class ContactEnglish(English):
    name: Line | None = spec("联系人称呼的英文，如 Ms Chen。", None)
    role: Line | None = spec("联系人职责的英文。", None)


@record
class PointEnglish(English):
    name: Line | None = spec("{展示点}名称的英文。", None)
    organisation: Line | None = spec("社会组织名称的英文（organisation.name 的译名）。", None,
                                     translates="organisation.name")
    summary: Line | None = spec("一句话简介的英文。", None)
    description: Markdown | None = spec("详细介绍的英文，可用 Markdown。", None)
    address: Line | None = spec("详细地址的英文（location.address 的译文），如 "
                                "3/F, 1 Example Road, Futian District。", None,
                                translates="location.address")
    directions: Line | None = spec("交通指引的英文（visit.directions）。", None,
                                   translates="visit.directions")
    booking_note: Line | None = spec("预约说明的英文（visit.booking.note）。", None,
                                     translates="visit.booking.note")
    accessibility: Line | None = spec("无障碍设施与服务的英文（visit.accessibility）。", None,
                                      translates="visit.accessibility")
    closed_note: Line | None = spec("闭馆说明的英文（visit.closed_note）。", None,
                                    translates="visit.closed_note")
    exhibits: tuple[Line, ...] = spec("主要展示内容的英文（venue.exhibits），与中文逐项对应。", (),
                                      translates="venue.exhibits")
    highlights: tuple[Line, ...] = spec("创新亮点的英文，与中文逐项对应。", ())
    delisting_reason: Line | None = spec("{摘牌}原因的英文（delisted.reason）。", None,
                                         translates="delisted.reason")


POINT_STATUSES = Choice((("awarded", "已{授牌}，正常运营"), ("delisted", "已{摘牌}")))


@record
class ShowcasePoint(Record):
    id: Slug = spec("永久编号：小写字母、数字和连字符，与文件名相同。印在铭牌二维码里，一经发布不得更改。")
    aliases: tuple[Slug, ...] = spec(
        "曾用编号：改过 id 时把旧 id 写在这里，印着旧二维码的铭牌仍能打开本页。", ())
    name: Line = spec("{展示点}名称。")
    organisation: Organisation = spec("运营{展示点}的社会组织。")
    field: Annotated[str, Term("fields")] = spec("服务领域，取自 taxonomies/fields.yml，如 elderly-care。")
    other_fields: tuple[Annotated[str, Term("fields")], ...] = spec(
        "其他服务领域：一处承担几种功能时写在这里，取自 taxonomies/fields.yml，如 [culture]。"
        "field 是主要领域（决定地图上的颜色），这里不再重复它；各领域都可用来筛选，"
        "领域页面也都列出这一处。", ())
    award: Award = spec("{授牌}年度和批次。")
    status: Annotated[str, POINT_STATUSES] = spec("状态：awarded（已{授牌}）或 delisted（已{摘牌}）。")
    delisted: Delisting | None = spec("{摘牌}信息；status 为 delisted 时必填。", None)
    location: PointLocation = spec("场馆位置。")
    venue: Venue | None = spec("场馆与展示内容。", None)
    highlights: tuple[Line, ...] = spec("创新亮点，每项一句。", ())
    platforms: tuple[Annotated[str, Term("platforms")], ...] = spec(
        "承担的平台功能，取自 taxonomies/platforms.yml。", ())
    summary: Line = spec("一句话简介，显示在列表和页面顶部。")
    description: Markdown | None = spec("详细介绍，可用 Markdown（标题、列表、链接），不可用 HTML。", None)
    visit: Visit | None = spec("参观安排：开放时间、预约方式等。", None)
    contacts: tuple[Contact, ...] = spec("对外公开的联系人。", ())
    website: Url | None = spec("官方网站。", None)
    photos: tuple[Photo, ...] = spec("照片。", ())
    projects: tuple[Annotated[str, RecordRef("projects")], ...] = spec(
        "相关品牌项目的 id。", ())
    cases: tuple[Annotated[str, RecordRef("cases")], ...] = spec("相关典型案例的 id。", ())
    last_verified: Date | None = spec("最近一次核实信息的日期。", None)
    extra: Annotated[tuple, Extra("points")] = spec(
        "本市自定义字段的值：先在 site.yml 的 extra_fields 中声明（编号、名称、类型），"
        "这里按编号写，如 {staff: 6}。", ())
    en: PointEnglish | None = en_doc("如 en: {name: …, summary: …}。")


# ---------------------------------------------------------------------------
# Community brand projects, case studies, annual activities
# ---------------------------------------------------------------------------


@record
class ProjectLocation:
    district: Annotated[str, Term("districts")] = spec("所在{区}的 id，如 east-district。")
    street: Line = spec("所在{街道}，须是该{区}列出的{街道}。")
    community: Line | None = spec("所在社区，如 某某社区。", None)


@record
class ProjectEnglish(English):
    name: Line | None = spec("项目名称的英文。", None)
    organisation: Line | None = spec("实施项目的社会组织名称的英文。", None)
    summary: Line | None = spec("一句话简介的英文。", None)
    description: Markdown | None = spec("详细介绍的英文，可用 Markdown。", None)
    community: Line | None = spec("所在社区的英文（location.community）。", None,
                                  translates="location.community")
    outcomes: tuple[Line, ...] = spec("主要成效的英文，与中文逐项对应。", ())


@record
class BrandProject(Record):
    id: Slug = spec("永久编号：小写字母、数字和连字符，与文件名相同。")
    name: Line = spec("项目名称。")
    organisation: Line = spec("实施项目的社区社会组织名称。")
    field: Annotated[str, Term("project_fields")] = spec(
        "项目领域，取自 taxonomies/project_fields.yml，如 youth-services。")
    series: Annotated[str, Term("series")] | None = spec(
        "所属主题系列，取自 taxonomies/series.yml，如 river-guardians。", None)
    target_groups: tuple[Annotated[str, Term("target_groups")], ...] = spec(
        "服务对象，取自 taxonomies/target_groups.yml。", ())
    location: ProjectLocation = spec("项目所在地：{区} → {街道} → 社区。")
    year: Year = spec("入选或立项年度。")
    summary: Line = spec("一句话简介。")
    description: Markdown | None = spec("详细介绍，可用 Markdown。", None)
    outcomes: tuple[Line, ...] = spec("主要成效，每项一句。", ())
    points: tuple[Annotated[str, RecordRef("points")], ...] = spec("相关{展示点}的 id。", ())
    photos: tuple[Photo, ...] = spec("照片。", ())
    extra: Annotated[tuple, Extra("projects")] = spec(
        "本市自定义字段的值：先在 site.yml 的 extra_fields 中声明（collection 写 projects），"
        "这里按编号写。", ())
    en: ProjectEnglish | None = en_doc("")


@record
class SourceLink:
    title: Line = spec("出处名称。")
    url: Url | None = spec("出处网址。", None)


@record
class CaseEnglish(English):
    title: Line | None = spec("案例标题的英文。", None)
    summary: Line | None = spec("一句话摘要的英文。", None)
    body: Markdown | None = spec("案例正文的英文，可用 Markdown。", None)
    organisations: tuple[Line, ...] = spec("涉及的社会组织名称的英文，与中文逐项对应。", ())


@record
class CaseStudy(Record):
    id: Slug = spec("永久编号：小写字母、数字和连字符，与文件名相同。")
    title: Line = spec("案例标题。")
    year: Year = spec("案例年度。")
    field: Annotated[str, Term("fields")] | None = spec("服务领域，取自 taxonomies/fields.yml。", None)
    organisations: tuple[Line, ...] = spec("涉及的社会组织名称。", ())
    points: tuple[Annotated[str, RecordRef("points")], ...] = spec("相关{展示点}的 id。", ())
    projects: tuple[Annotated[str, RecordRef("projects")], ...] = spec("相关品牌项目的 id。", ())
    summary: Line = spec("一句话摘要。")
    body: Markdown = spec("案例正文，可用 Markdown，建议分“背景、做法、成效”。")
    source: SourceLink | None = spec("案例出处。", None)
    extra: Annotated[tuple, Extra("cases")] = spec(
        "本市自定义字段的值：先在 site.yml 的 extra_fields 中声明（collection 写 cases），"
        "这里按编号写。", ())
    en: CaseEnglish | None = en_doc("")


@record
class StepEnglish(English):
    title: Line | None = spec("环节名称的英文。", None)
    description: Line | None = spec("说明的英文。", None)


@record
class EventEnglish(English):
    title: Line | None = spec("活动名称的英文。", None)
    venue: Line | None = spec("场地名称的英文。", None)
    description: Markdown | None = spec("活动介绍的英文，可用 Markdown。", None)


@record
class YearEnglish(English):
    summary: Line | None = spec("本年度概述的英文。", None)


@record
class ProgrammeStep:
    step: Annotated[str, Term("event_kinds")] = spec(
        "环节，取自 taxonomies/event_kinds.yml，如 call（发布遴选通知）。")
    title: Line = spec("环节名称。")
    date: Date = spec("日期（或开始日期），须在本年度内。")
    end: Date | None = spec("结束日期，不早于开始日期。", None)
    description: Line | None = spec("说明。", None)
    en: StepEnglish | None = en_doc("")


@record
class Event:
    title: Line = spec("活动名称。")
    kind: Annotated[str, Term("event_kinds")] = spec("活动类型，取自 taxonomies/event_kinds.yml。")
    date: Date = spec("日期（或开始日期），须在本年度内。")
    end: Date | None = spec("结束日期，不早于开始日期。", None)
    point: Annotated[str, RecordRef("points")] | None = spec("举办活动的{展示点} id。", None)
    venue: Line | None = spec("不在{展示点}举办时的场地名称。", None)
    description: Markdown | None = spec("活动介绍，可用 Markdown。", None)
    photos: tuple[Photo, ...] = spec("照片。", ())
    en: EventEnglish | None = en_doc("")


@record
class AnnualProgramme(Record):
    year: Year = spec("年度，与文件名相同，如 2024。")
    summary: Line | None = spec("本年度概述。", None)
    programme: tuple[ProgrammeStep, ...] = spec("本年度{展示点}工作流程：遴选、公示、{授牌}等。", ())
    events: tuple[Event, ...] = spec("本年度在各{展示点}举办的活动。", ())
    en: YearEnglish | None = en_doc("各环节和活动的英文写在它们各自的 en: 下。")


# ---------------------------------------------------------------------------
# City configuration and taxonomies
# ---------------------------------------------------------------------------


TYPOGRAPHY_MODES = Choice((
    ("warning", "提醒：照常生成网站"),
    ("error", "错误：检查不通过，网站不生成"),
))

BOOKING_MODES = Choice((
    ("required", "必须预约：在营的每条记录至少有一种预约方式"),
    ("optional", "可以预约：预约方式可写可不写"),
    ("none", "无需预约：开放时间内可直接前往，记录不写预约方式"),
))


@record
class ProgrammeEnglish(English):
    title: Line | None = spec("项目全称的英文，用作英文版的网站标题，如 Showcase Points of Social Organisations。",
                              None)
    short_title: Line | None = spec(
        "一条记录在英文里叫什么，小写，如 showcase point、service centre；英文版的页面和说明都用这个词，"
        "最多 30 个字母。", None)
    description: Markdown | None = spec("项目介绍的英文，显示在英文版首页。", None)
    award: Line | None = spec(
        "授予的说法的英文，小写，写成过去分词（页面上有 Awarded 2024、showcase points awarded "
        "this year 这样的用法），如 awarded、designated。", None)
    delisting: Line | None = spec(
        "撤销的说法的英文，小写，写成过去分词（如 Delisted、has been delisted），"
        "如 delisted、withdrawn。", None)


@record
class Programme:
    title: Line = spec("项目全称，用作网站标题和铭牌标题，如“某市社会组织服务中心”。")
    short_title: Line = spec(
        "一条记录叫什么（简称），如“服务中心”“工作点”“孵化基地”；页面、铭牌、表头和说明里都用这个词，最多 12 个字。")
    description: Markdown = spec("项目介绍，显示在首页。")
    # No default: each programme names its own award, and no city's word shows in another's
    # field reference.
    award: Line = spec("授予的说法，如“挂牌”“建成”“认定”；页面、铭牌、订阅源和开放数据的表头都用这个词，"
                       "最多 12 个字。")
    delisting: Line = spec("撤销的说法，如“撤牌”“撤销”；已撤销的记录页面保留并写明，最多 12 个字。")
    booking: Annotated[str, BOOKING_MODES] = spec(
        "参观是否要预约：required（必须预约，默认：在营的每条记录至少写一种预约方式）、"
        "optional（可以预约，记录可写可不写预约方式）或 none（无需预约，开放时间内可直接前往："
        "记录不写 visit.booking，页面只写开放时间）。", "required")
    en: ProgrammeEnglish | None = en_doc("")


@record
class LevelsEnglish(English):
    district: Line | None = spec("区划第一级名称的英文，小写，如 district、county。", None)
    street: Line | None = spec("第二级名称的英文，小写，如 subdistrict、town。", None)


@record
class Levels:
    district: Line = spec(
        "taxonomies/districts.yml 中各项所属一级的名称，如“县”“县（市、区）”；页面的标题、筛选和表头都用它。",
        "区")
    street: Line = spec("各项下 streets 所列一级的名称，如“乡镇”“镇”。", "街道")
    en: LevelsEnglish | None = en_doc("")


@record
class Region:
    name: Line = spec("地区名称。")
    bbox: BoundingBox = spec("地区范围（WGS-84）；坐标须落在此范围内。")
    centre: LatLng = spec("地图默认中心。")


TILE_PROVIDERS = Choice((
    ("amap", "高德地图（GCJ-02），在中国大陆加载快，不需要密钥，标记会换算到 GCJ-02；默认"),
    ("tianditu", "天地图（CGCS2000，约等于 WGS-84），国家地理信息公共服务平台，需要密钥"),
    ("pmtiles", "本站自带的地图文件（PMTiles，WGS-84），由本站提供，不向任何其他网站请求"),
    ("osm", "OpenStreetMap（WGS-84），服务器在境外，在中国大陆常常打不开"),
))


@record
class MapTiles:
    provider: Annotated[str, TILE_PROVIDERS] = spec(
        "底图服务：amap、tianditu、pmtiles 或 osm。", "amap")
    attribution: Line | None = spec("底图版权说明；不填则用该服务的默认说明。", None)
    approval_number: Line | None = spec(
        "地图审图号，如“审图号：GS(2024)0001号”，显示在地图角落；用高德地图或天地图时，写该服务公布的审图号。",
        None)
    key_env: Annotated[str, Format("env")] = spec(
        "存放天地图密钥的环境变量名；密钥本身不要写进任何文件。", "TIANDITU_KEY")
    # a path, checked as one (validate.py, _check_tiles_file), never shown as text
    pmtiles: Annotated[str, Format("datafile")] | None = spec(
        "地图文件在 data/ 下的路径（底图为 pmtiles 时），如 map/region.pmtiles；"
        "网站发布在 assets/map/ 下，做法见编辑指南“自备底图”。", None)


@record
class MapConfig:
    tiles: MapTiles = spec("底图。", MapTiles())
    overview_zoom: Annotated[int, Range(3, 18)] = spec("总览地图的初始缩放级别。", 10)
    point_zoom: Annotated[int, Range(3, 19)] = spec("{展示点}页面地图的缩放级别。", 16)


@record
class Target:
    """One goal of a plan; exactly one of points, count, coverage and share says which."""

    year: Year = spec("目标年度：到该年年底，如 2025。")
    points: Annotated[int, Range(1, 100000)] | None = spec(
        "到该年年底累计{授牌}的{展示点}不少于多少个，如 30。", None)
    count: Annotated[int, Range(1, 100000)] | None = spec(
        "到该年年底某类记录累计不少于多少条，如 12；哪一类写在 of 里（points、projects、cases 或 events）。",
        None)
    coverage: Annotated[str, Choice((
        ("streets", "每个{街道}都有"), ("districts", "每个{区}都有"),
    ))] | None = spec("到该年年底每个{街道}（streets）或每个{区}（districts）都有在营的{展示点}。", None)
    share: Annotated[int, Range(1, 100)] | None = spec(
        "到该年年底在营{展示点}中多少百分比的组织参加了评估定级（有 grade），如 20；of 写 rated。", None)
    of: Annotated[str, Choice((
        ("points", "{展示点}"), ("projects", "品牌项目"), ("cases", "典型案例"), ("events", "活动"),
        ("rated", "评估定级的组织"),
    ))] | None = spec("count 数哪一类记录（points、projects、cases、events），或 share 算哪一项（rated）。",
                      None)
    source: Line | None = spec("目标出处，如规划文件名称。", None)


EXTRA_TYPES = Choice((
    ("text", "一行文字"), ("number", "数字"), ("list", "几项文字的列表"),
    ("date", "日期，写成 YYYY-MM-DD"), ("url", "网址，以 https:// 或 http:// 开头"),
))


@record
class ExtraFieldEnglish(English):
    label: Line | None = spec("显示名称的英文，如 Full-time staff。", None)
    description: Line | None = spec("说明的英文。", None)


@record
class ExtraField:
    id: Slug = spec("字段编号：小写字母、数字和连字符，记录里写在 extra: 下，如 staff。")
    label: Line = spec("显示名称，如“专职工作人员”：页面、CSV 的列名和字段说明都用它。")
    type: Annotated[str, EXTRA_TYPES] = spec("取值类型：text（一行文字）、number（数字）、"
                                             "list（几项文字）、date（日期）或 url（网址）。")
    description: Line = spec("这一项写什么、怎么写，显示在字段说明里，如“中心的专职工作人员人数”。")
    collection: Annotated[str, Choice((
        ("points", "记录"), ("projects", "品牌项目"), ("cases", "典型案例"),
    ))] = spec("哪类记录有这一项：points（默认）、projects 或 cases。", "points")
    en: ExtraFieldEnglish | None = en_doc("")


@record
class DataLicence:
    name: Line = spec("许可协议的名称，如“知识共享署名 4.0 国际许可协议（CC BY 4.0）”。")
    url: LicenceUrl = spec(
        "许可协议全文的网址，必须以 https:// 开头，如 https://creativecommons.org/licenses/by/4.0/。")


# The footer's filing numbers and codes, each checked by its rule in footer.py
IcpNumber = Annotated[str, Format("icp")]
PoliceNumber = Annotated[str, Format("police")]
SiteCode = Annotated[str, Format("site_code")]
Postcode = Annotated[str, Format("postcode")]


@record
class FooterContact:
    phone: Phone | None = spec("联系电话，固定电话写成“区号-号码”，如 010-12345678。", None,
                               public_contact=True)
    email: Email | None = spec("联系邮箱，如 mzj@example.gov.cn。", None, public_contact=True)
    address: Line | None = spec("通信地址，如“某市某区某某路 1 号”。", None)
    postcode: Postcode | None = spec("邮政编码，6 位数字，如 518000。", None)


@record
class Footer:
    sponsor: Line | None = spec("主办单位的名称，不填则用 bureau（主管部门）。", None)
    sponsor_url: Url | None = spec(
        "主办单位官方网站的网址，主办单位的名称链接到这里，如 https://mzj.example.gov.cn/。", None)
    operator: Line | None = spec("承办单位，即受主办单位委托运行维护网站的单位；不填则不显示。", None)
    contact: FooterContact | None = spec("联系方式：电话、邮箱、地址和邮编，各项都可不填。", None)
    icp: IcpNumber | None = spec(
        "ICP 备案号，照工业和信息化部备案系统上本站的备案号抄写，如 粤ICP备12345678号-1；"
        "链接到备案系统 https://beian.miit.gov.cn/。", None)
    police: PoliceNumber | None = spec(
        "公安机关备案号，照全国互联网安全管理服务平台上本站的备案号抄写，如 粤公网安备44030402000001号；"
        "链接到该平台上本站的备案信息。", None)
    site_code: SiteCode | None = spec(
        "网站标识码，即政府网站在全国政府网站基本信息数据库中的代码（国务院办公厅《政府网站发展指引》）。"
        "10 位：地方网站是 6 位行政区划代码加 4 位数字，如 4403000001；国务院部门网站是 bm 加 8 位数字。",
        None)
    report_errors_link: bool | None = spec(
        "是否显示“我为政府网站找错”链接（国务院办公厅的政府网站找错平台，带上网站标识码和所在页面的网址）："
        "不填时，写了 site_code 就显示；写 false 不显示。", None)


@record
class SiteEnglish(English):
    city: Line | None = spec("城市名称的英文，如 Hangzhou。", None)
    bureau: Line | None = spec("主管部门名称的英文，如 Hangzhou Civil Affairs Bureau。", None)


@record
class SiteConfig:
    city: Line = spec("城市名称。")
    bureau: Line = spec("主管部门名称，如“某市民政局”。")
    programme: Programme = spec("项目名称和介绍。")
    levels: Levels = spec("区划两级的名称。", Levels())
    sample_data: bool = spec("是否为演示数据；为 true 时每页顶部提示“示例数据”。", False)
    typography: Annotated[str, TYPOGRAPHY_MODES] = spec(
        "中文排版检查（全角标点、中英文之间的空格）发现的问题怎样报告：warning（提醒，默认：照常生成网站）"
        "或 error（错误：检查不通过，网站不生成）。showcase check --fix 按建议自动改正。", "warning")
    region: Region = spec("地区范围与地图中心。")
    map: MapConfig = spec("地图设置：底图服务、审图号、缩放级别。", MapConfig())
    share_image: Media | None = spec(
        "分享卡片的图片：在微信等应用里分享本站链接时显示。放在 data/media/ 下，写文件名，如 share.png;"
        "PNG 或 JPEG，至少 600×315 像素（建议 1200×630），不超过 1 MB；要紧的文字和图案放在中间，"
        "微信会把它裁成正方形。不填则在生成网站时画一张：写着项目全称和本站有的内容。", None)
    extra_fields: tuple[ExtraField, ...] = spec(
        "本市自己的字段（如工作人员数、服务项目、成立年份）：每项写编号、名称、类型和说明，"
        "记录里写在 extra: 下；页面、开放数据、搜索和字段说明都会带上。", ())
    targets: tuple[Target, ...] = spec(
        "规划目标：到某年年底累计{授牌}的{展示点}数，年度页面和统计图与之对照。", ())
    report_errors: ReportTarget | None = spec(
        "“纠错”链接的去处：代码仓库的新建议题地址（如 https://github.com/<机构>/<仓库>/issues/new，"
        "标题和内容会预先填好），或接收纠错的邮箱（如 jiucuo@example.org）；不填则不显示纠错链接。", None,
        public_contact=True)
    data_licence: DataLicence | None = spec(
        "开放数据的许可协议：写明后，开放数据页、JSON 和 GeoJSON 文件以及搜索引擎读取的数据集说明都会注明它，"
        "使用者据此知道能否转载、汇编和再利用；发布单位是 bureau。不填则开放数据页写明尚未声明许可，"
        "请使用者先向主管部门咨询。", None)
    footer: Footer | None = spec(
        "每页底部的网站信息（政府网站的页脚）：主办单位、联系方式、ICP 备案号、公安机关备案号、网站标识码和"
        "“我为政府网站找错”链接，各项都可不填，写了的各自链接到官方网站或备案系统。"
        "不填则页面底部不显示这些信息。", None)
    en: SiteEnglish | None = en_doc("项目名称、介绍和说法的英文写在 programme 的 en: 下，区划名称的英文写在 levels 的 en: 下。")


@record
class Holiday:
    name: Line = spec("节日名称，如“国庆节”。")
    start: Date = spec("放假第一天，如 2025-10-01。")
    end: Date = spec("放假最后一天（含），如 2025-10-08；只放一天则与 start 相同。")


@record
class TermEnglish(English):
    name: Line | None = spec("显示名称的英文，如 Elderly care。", None)
    description: Line | None = spec("说明的英文。", None)


@record
class DistrictEnglish(TermEnglish):
    streets: tuple[Line, ...] = spec("下辖{街道}的英文名称，与 streets 逐项对应，如 [Futian Subdistrict]。", ())


@record
class TaxonomyTerm:
    id: Slug = spec("分类编号：小写字母、数字和连字符，记录文件中引用它。")
    name: Line = spec("显示名称。")
    description: Line | None = spec("说明。", None)
    synonyms: tuple[Synonym, ...] = spec(
        "同义词，即参观者搜索时会输入的其他说法：搜索这些词也能找到这一项和它的记录。"
        f"每项一个词或短语，最多 {SYNONYM_MAX} 个字，不重复写显示名称，如“老年人”写 [老人, 长者, 银发族]；"
        "参观者常用的英文词也可以写，如 VR、chip。", ())
    en: TermEnglish | None = en_doc("")


@record
class FieldTerm(TaxonomyTerm):
    groups: tuple[Annotated[str, Term("field_groups")], ...] = spec(
        "所属领域分组，取自 taxonomies/field_groups.yml。", ())


@record
class District(TaxonomyTerm):
    bbox: BoundingBox | None = spec("该{区}的大致范围（WGS-84），用于检查坐标。", None)
    streets: tuple[Line, ...] = spec("下辖{街道}。", ())
    en: DistrictEnglish | None = en_doc("")


# Load order matters: a taxonomy may refer to one listed before it.
TAXONOMIES: dict[str, type] = {
    "field_groups": TaxonomyTerm,
    "fields": FieldTerm,
    "districts": District,
    "organisation_types": TaxonomyTerm,
    "platforms": TaxonomyTerm,
    "project_fields": TaxonomyTerm,
    "series": TaxonomyTerm,
    "target_groups": TaxonomyTerm,
    "languages": TaxonomyTerm,
    "event_kinds": TaxonomyTerm,
}

# What each taxonomy is and what to write in it: the header of the file `showcase init`
# writes for a new city (each term's fields are explained from the schema below it).
TAXONOMY_DOCS: dict[str, str] = {
    "field_groups": "领域分组：把服务领域归成几组，如“年度遴选领域”“规划领域”，领域页面按组列出。"
                    "每项写一个分组；不需要分组就只留一项，fields.yml 中不写 groups。",
    "fields": "服务领域（功能）：每条记录的 field 取其中一个 id 作为主领域，决定它在地图上的颜色；"
              "还属于别的领域的，写在 other_fields 里。记录在它的每个领域页面上列出，也可以按每个领域筛选。"
              "每项写一个领域，groups 写它所属的分组（取自 field_groups.yml）。",
    "districts": "行政区划，两级：每项是一个区（县、市），streets 列出它下辖的全部街道（乡镇）。"
                 "记录的 location 取这里的 id 和街道名称；bbox 是该区的大致范围，用来检查坐标。",
    "organisation_types": "社会组织类型，如社会团体、基金会、社会服务机构：记录的 organisation.type 取这里的 id。",
    "platforms": "平台功能，如交流平台、服务平台：记录的 platforms 取这里的 id，可以写多个。",
    "project_fields": "社区品牌项目的领域，如公益慈善、生活服务：项目的 field 取这里的 id。",
    "series": "社区品牌项目的主题系列，如“邻里守望”：项目的 series 取这里的 id；没有系列就写 []，项目中不写 series。",
    "target_groups": "服务对象，如老年人、儿童青少年：项目的 target_groups 取这里的 id，可以写多个。",
    "languages": "讲解语言，如普通话、英语、手语：记录的 visit.languages 取这里的 id；"
                 "id 用语言代码（如 zh、en），方言和手语也可以列上。",
    "event_kinds": "年度工作环节和活动的类型，如发布遴选通知、结果公示、交流活动：年度文件中 programme 的 step "
                   "和 events 的 kind 取这里的 id。",
}

COLLECTIONS: dict[str, type] = {
    "points": ShowcasePoint,
    "projects": BrandProject,
    "cases": CaseStudy,
    "years": AnnualProgramme,
}


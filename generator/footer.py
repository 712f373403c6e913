"""A government site's footer (site.yml ``footer:``): the formats of its filing numbers
and what the theme shows, each linked to the official system that vouches for it.

What the formats rest on:

* ICP 备案号 (MIIT, 《非经营性互联网信息服务备案管理办法》): a province's one-character
  abbreviation, ``ICP备``, the filing's digits, ``号``, and ``-n`` for the n-th site of the
  same filing: ``粤ICP备12345678号-1``. Older numbers have 8 digits, newer ones 10 (the
  year of filing first); 4 to 10 pass. Shown at the foot of the page and linked to the
  filing system, beian.miit.gov.cn, as the 办法 asks.
* 公安机关备案号 (the MPS's 全国互联网安全管理服务平台): a province's abbreviation,
  ``公网安备``, 14 digits, ``号``; the digits begin with the code of the administrative
  division of the police office that filed it, so its first two are the province's code
  (粤 → 44). Linked to the platform's page of that filing, ``…/#/query/webSearch?code=<digits>``.
* 网站标识码 (国办《政府网站发展指引》, 2017): 10 characters, a local site's 6-digit
  administrative division code and 4 digits (``4403000001``), a State Council
  department's ``bm`` and 8 digits (``bm04000007``).
* 我为政府网站找错: the link the State Council's own ``jiucuo.js`` opens,
  ``https://zfwzgl.www.gov.cn/exposure/jiucuo.html?site_code=<code>&url=<the page>``
  (here without the script: a plain link, the page's address filled in).

The abbreviations are those in use in each system: both of a province's (川 and 蜀, 贵 and
黔, 云 and 滇, 甘 and 陇, 陕 and 秦), as MIIT files Gansu's sites under 陇 and the police under 甘.
"""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import quote

from . import messages as msg

# The provinces of the mainland by the first two digits of their administrative division
# code (GB/T 2260)
PROVINCES = {
    "11": "北京", "12": "天津", "13": "河北", "14": "山西", "15": "内蒙古",
    "21": "辽宁", "22": "吉林", "23": "黑龙江",
    "31": "上海", "32": "江苏", "33": "浙江", "34": "安徽", "35": "福建", "36": "江西", "37": "山东",
    "41": "河南", "42": "湖北", "43": "湖南", "44": "广东", "45": "广西", "46": "海南",
    "50": "重庆", "51": "四川", "52": "贵州", "53": "云南", "54": "西藏",
    "61": "陕西", "62": "甘肃", "63": "青海", "64": "宁夏", "65": "新疆",
}
# Each one-character abbreviation and its province's code
ABBREVIATIONS = {
    "京": "11", "津": "12", "冀": "13", "晋": "14", "蒙": "15", "辽": "21", "吉": "22", "黑": "23",
    "沪": "31", "苏": "32", "浙": "33", "皖": "34", "闽": "35", "赣": "36", "鲁": "37",
    "豫": "41", "鄂": "42", "湘": "43", "粤": "44", "桂": "45", "琼": "46",
    "渝": "50", "川": "51", "蜀": "51", "黔": "52", "贵": "52", "云": "53", "滇": "53", "藏": "54",
    "陕": "61", "秦": "61", "甘": "62", "陇": "62", "青": "63", "宁": "64", "新": "65",
}
_ABBR = "[" + "".join(ABBREVIATIONS) + "]"
ICP_RE = re.compile(rf"^({_ABBR})ICP备([0-9]{{4,10}})号(?:-[1-9][0-9]{{0,2}})?$")
POLICE_RE = re.compile(rf"^({_ABBR})公网安备([0-9]{{14}})号$")
SITE_CODE_RE = re.compile(r"^(?:([0-9]{2})[0-9]{8}|bm[0-9]{8})$")
POSTCODE_RE = re.compile(r"^[0-9]{6}$")
# The same, for the editors' JSON Schemas (reference.py)
PATTERNS = {"icp": ICP_RE.pattern, "police": POLICE_RE.pattern,
            "site_code": SITE_CODE_RE.pattern, "postcode": POSTCODE_RE.pattern}

ICP_SYSTEM = "https://beian.miit.gov.cn/"
POLICE_FILING = "https://beian.mps.gov.cn/#/query/webSearch?code={digits}"
REPORT_ERRORS = "https://zfwzgl.www.gov.cn/exposure/jiucuo.html?site_code={code}&url="


def format_problem(fmt: str, value: str) -> str | None:
    """What is wrong with *value* as a footer format (icp, police, site_code, postcode)."""
    if fmt == "icp":
        return None if ICP_RE.match(value) else msg.BAD_ICP.format(value=value)
    if fmt == "police":
        found = POLICE_RE.match(value)
        if not found:
            return msg.BAD_POLICE.format(value=value)
        abbr, digits = found[1], found[2]
        if digits[:2] not in PROVINCES:  # every filing's number begins with its province's
            return msg.BAD_POLICE.format(value=value)
        if digits[:2] != ABBREVIATIONS[abbr]:
            return msg.POLICE_PROVINCE.format(
                value=value, abbr=abbr, province=PROVINCES[ABBREVIATIONS[abbr]], code=digits[:2],
                other=PROVINCES[digits[:2]])
        return None
    if fmt == "site_code":
        found = SITE_CODE_RE.match(value)
        if found and (found[1] is None or found[1] in PROVINCES):
            return None
        return msg.BAD_SITE_CODE.format(value=value)
    if fmt == "postcode":
        return None if POSTCODE_RE.match(value) else msg.BAD_POSTCODE.format(value=value)
    raise ValueError(f"not a footer format: {fmt}")


FORMATS = ("icp", "police", "site_code", "postcode")


def footer_context(site: Any) -> dict[str, Any] | None:
    """What the theme's footer shows (theme/overrides/main.html), with every link made
    here; None when site.yml has no footer: the page then has no footer at all."""
    footer = site.footer
    if footer is None:
        return None
    contact = footer.contact
    report = (footer.report_errors_link is not False) and footer.site_code is not None
    return {
        "sponsor": footer.sponsor or site.bureau,
        "sponsor_url": footer.sponsor_url,
        "operator": footer.operator,
        "phone": contact.phone if contact else None,
        "phone_href": "tel:" + re.sub(r"[^0-9+]", "", contact.phone) if contact and contact.phone else None,
        "email": contact.email if contact else None,
        "address": contact.address if contact else None,
        "postcode": contact.postcode if contact else None,
        "icp": footer.icp,
        "icp_url": ICP_SYSTEM if footer.icp else None,
        "police": footer.police,
        "police_url": POLICE_FILING.format(digits=POLICE_RE.match(footer.police)[2])
        if footer.police else None,
        "site_code": footer.site_code,
        # the page's own address goes after it, url-encoded, in the template
        "report_url": REPORT_ERRORS.format(code=quote(footer.site_code)) if report else None,
        "sample": site.sample_data,
    }

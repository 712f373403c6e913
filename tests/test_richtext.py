"""Markdown from records becomes safe HTML even if validation were bypassed."""

from bs4 import BeautifulSoup

from generator.richtext import RichText

render = RichText()


def test_markdown_renders_with_headings_below_the_page_title():
    html = render("## 背景\n\n**加粗** 和 [链接](https://example.org)\n\n- 一\n- 二\n")
    page = BeautifulSoup(html, "html.parser")
    assert page.select_one("h3").get_text() == "背景"
    assert page.select_one("strong").get_text() == "加粗"
    link = page.select_one("a")
    assert link["href"] == "https://example.org"
    assert link["rel"] == ["noopener", "noreferrer"]
    assert [li.get_text() for li in page.select("ul li")] == ["一", "二"]


def test_raw_html_and_scripts_do_not_survive():
    html = render('<script>alert(1)</script>\n\n<img src=x onerror=alert(1)> 文字 <b onclick="x()">粗</b>')
    page = BeautifulSoup(html, "html.parser")
    assert page.select("script, img, b, [onerror], [onclick]") == []
    assert "文字" in page.get_text()


def test_unsafe_link_schemes_are_dropped():
    html = render("[a](javascript:alert(1)) [b](data:text/html,x) [c](tel:010-12345678) [d](mailto:a@example.org)")
    hrefs = [a.get("href") for a in BeautifulSoup(html, "html.parser").select("a")]
    assert hrefs == [None, None, "tel:010-12345678", "mailto:a@example.org"]


def test_empty_text_renders_nothing():
    assert render(None) == "" and render("") == ""


def test_the_shortcut_for_plain_lines_gives_what_markdown_gives(monkeypatch):
    import random
    import re

    import yaml

    from generator import richtext

    from .conftest import DEMO_DATA

    texts = ["面向辖区中小学生开放沉浸式安全教育体验。", "  前导空格 和 结尾空格  ", "2024年 50 余家社会组织参加",
             "- 列表", "+ 列表", "* 列表", "1. 列表", "3) 列表", "# 标题", "> 引用", "=== 标记",
             "    缩进代码", "a_b_c", "**粗**", "`代码`", "[链接](https://x.org)", "![图](a.png)",
             "<b>html</b>", "a & b", "a \\* b", "表 | 格", "http://example.org 网址", "句号。冒号：a:b",
             "引号 \"x\" 和 'y'", "1999年。", "-负号开头", "第1.2节", "~删除~", "a\tb", "\t缩进"]
    for data in (DEMO_DATA / "years").glob("*.yml"):
        for item in yaml.safe_load(data.read_text(encoding="utf-8")).get("events") or []:
            texts.append(item.get("description") or "")
    rng = random.Random(7)
    alphabet = "文字 -*_#>1.)=`[]!<>&\\|:~\"'\t"
    texts += ["".join(rng.choice(alphabet) for _ in range(rng.randint(1, 8))) for _ in range(3000)]
    shortcut = 0
    for text in texts:
        fast = str(render(text))
        monkeypatch.setattr(richtext, "_PLAIN", re.compile(r"(?!)"))  # never matches
        slow = str(RichText()(text))
        monkeypatch.undo()
        assert fast == slow, text
        shortcut += richtext._PLAIN.fullmatch(text) is not None and not text.isspace()
    assert shortcut > 100  # the shortcut was taken, not only the full conversion

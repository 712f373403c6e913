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

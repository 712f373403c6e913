"""Point pages describe themselves in schema.org JSON-LD: the organisation, the place
(address, WGS-84 position, opening hours, booking telephone) and the award as a
certification, checked against the YAML for every point."""

from __future__ import annotations

import json
import re

import prcoords
import yaml

from .conftest import DEMO_DATA, site_url, soup

DAYS = {"mon": "Monday", "tue": "Tuesday", "wed": "Wednesday", "thu": "Thursday",
        "fri": "Friday", "sat": "Saturday", "sun": "Sunday"}


def _yaml(path):
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def _graph(site, point_id: str) -> dict[str, dict]:
    scripts = soup(site, f"points/{point_id}/").select('script[type="application/ld+json"]')
    assert len(scripts) == 1
    data = json.loads(scripts[0].string)
    assert data["@context"] == "https://schema.org"
    return {node["@type"]: node for node in data["@graph"]}


def test_every_point_page_describes_its_organisation_place_and_award(demo_site):
    site = _yaml(DEMO_DATA / "site.yml")
    districts = {t["id"]: t["name"] for t in _yaml(DEMO_DATA / "taxonomies" / "districts.yml")}
    url = site_url()
    checked_geo = checked_hours = delisted = 0
    for path in sorted((DEMO_DATA / "points").glob("*.yml")):
        point = _yaml(path)
        page = f"{url}points/{path.stem}/"
        graph = _graph(demo_site, path.stem)
        assert set(graph) == {"NGO", "Place"}
        organisation, place = graph["NGO"], graph["Place"]
        assert organisation["name"] == point["organisation"]["name"]
        assert organisation["location"] == {"@id": place["@id"]} and place["@id"].startswith(page)
        assert (place["name"], place["url"], place["description"]) == \
            (point["name"], page, point["summary"])
        location = point["location"]
        assert place["address"] == {
            "@type": "PostalAddress", "streetAddress": location["address"],
            "addressLocality": districts[location["district"]], "addressRegion": site["city"],
            "addressCountry": "CN"}
        coordinates = location.get("coordinates")
        if coordinates and point["status"] == "awarded":  # a delisted point: no map, anywhere
            wgs84 = {"wgs84": prcoords.Coords._make, "gcj02": prcoords.gcj_wgs_bored,
                     "bd09": prcoords.bd_wgs_bored}[coordinates["system"]](
                (coordinates["lat"], coordinates["lng"]))
            assert abs(place["geo"]["latitude"] - wgs84.lat) < 2e-5
            assert abs(place["geo"]["longitude"] - wgs84.lon) < 2e-5
            checked_geo += 1
        else:
            assert "geo" not in place
        certification = organisation["hasCertification"]
        assert certification["name"] == site["programme"]["title"]
        assert certification["issuedBy"] == {"@type": "GovernmentOrganization",
                                             "name": site["bureau"]}
        assert certification["validFrom"] == str(point["award"]["year"])
        visit = point.get("visit") or {}
        if point["status"] == "awarded":
            assert certification["certificationStatus"] == "https://schema.org/CertificationActive"
            hours = [{"@type": "OpeningHoursSpecification",
                      "dayOfWeek": [f"https://schema.org/{DAYS[d]}" for d in h["days"]],
                      "opens": h["open"], "closes": "23:59" if h["close"] == "24:00" else h["close"]}
                     for h in visit.get("hours") or []]
            assert place.get("openingHoursSpecification", []) == hours
            checked_hours += bool(hours)
            phone = (visit.get("booking") or {}).get("phone")
            assert place.get("telephone") == (re.sub(r"[\s()()]", "", phone) if phone else None)
        else:
            assert certification["certificationStatus"] == \
                "https://schema.org/CertificationInactive"
            assert certification["expires"] == point["delisted"]["date"].isoformat()
            assert "openingHoursSpecification" not in place and "telephone" not in place
            delisted += 1
    assert checked_geo and checked_hours and delisted  # every branch seen in the demo


def test_no_text_in_the_data_can_close_the_script(tmp_path):
    from generator.structured import json_ld_script

    html = str(json_ld_script({"name": "</script><script>alert(1)</script> & <!--"}))
    assert html.count("</script>") == 1 and "<!--" not in html[8:]
    assert json.loads(html.split(">", 1)[1].rsplit("<", 1)[0]) == \
        {"name": "</script><script>alert(1)</script> & <!--"}


def test_the_sitemap_lists_every_page_under_the_published_address(demo_site):
    """Absolute under site_url's sub-path; every page but the permalinks, which only send
    a visitor on to a point's page and are not for search engines."""
    import xml.etree.ElementTree as ET

    url = site_url()
    tree = ET.parse(demo_site / "sitemap.xml")
    namespace = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
    locations = [loc.text for loc in tree.getroot().findall("s:url/s:loc", namespace)]
    assert locations and all(loc.startswith(url) for loc in locations)
    listed = {loc[len(url):] for loc in locations}
    assert len(listed) == len(locations)
    pages = {path.parent.relative_to(demo_site).as_posix() + "/"
             for path in demo_site.rglob("index.html")}
    pages = {"" if page == "./" else page for page in pages}
    assert listed == {page for page in pages if not page.startswith("v/")}
    permalinks = {page for page in pages if page.startswith("v/")}
    assert permalinks, "the demo's points have permalinks"
    for page in permalinks:  # kept out of search engines, pointing them at the point's page
        head = soup(demo_site, page).head
        assert head.select_one('meta[name="robots"]')["content"] == "noindex"
        canonical = head.select_one('link[rel="canonical"]')["href"]
        assert canonical.startswith(url) and canonical[len(url):] in listed


def test_every_record_page_has_a_card_for_shared_links(demo_site):
    """OpenGraph, as WeChat and other apps read a shared link: title, summary, the page's
    address and a 1200×630 image, all absolute and all there."""
    from PIL import Image

    url = site_url()
    images = set()
    for kind, key in (("points", "name"), ("projects", "name"), ("cases", "title")):
        for path in sorted((DEMO_DATA / kind).glob("*.yml")):
            record = _yaml(path)
            head = soup(demo_site, f"{kind}/{path.stem}/").head
            card = {meta["property"]: meta["content"]
                    for meta in head.select('meta[property^="og:"]')}
            assert card["og:title"] == record[key]
            assert card["og:description"] == record["summary"]
            assert card["og:url"] == f"{url}{kind}/{path.stem}/"
            assert card["og:image"].startswith(url)
            images.add((card["og:image"], card["og:image:width"], card["og:image:height"]))
    assert len(images) == 1
    image, width, height = images.pop()
    # the address changes with the card's words (?v=), for apps that keep a card by address
    with Image.open(demo_site / image[len(url):].split("?v=")[0]) as picture:
        assert picture.size == (int(width), int(height)) == (1200, 630)

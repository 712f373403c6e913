"""Render stage for structured data: pages described in schema.org JSON-LD.

Search engines and the apps a link is shared in read it. A point's page: the
organisation that runs the point, the place (address, WGS-84 position, opening hours,
booking telephone) and the bureau's award as a certification, active or withdrawn. The
data page: the open data as a ``Dataset``, its licence, the bureau that publishes it, the
region and years it covers, and each file as a ``DataDownload``. Only what the page
itself shows goes in.
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from markupsafe import Markup

from .coords import LatLng
from .opendata import FOLDER, Download
from .schema import ShowcasePoint, SiteConfig, Visit

_DAYS = {"mon": "Monday", "tue": "Tuesday", "wed": "Wednesday", "thu": "Thursday",
         "fri": "Friday", "sat": "Saturday", "sun": "Sunday"}


def point_graph(point: ShowcasePoint, *, site: SiteConfig, page_url: str, district: str,
                position: LatLng | None, visit: Visit | None) -> dict[str, Any]:
    """The organisation, its place and its certification, as one JSON-LD graph; the
    position and visiting arrangements as published (none for a delisted point)."""
    place: dict[str, Any] = {
        "@type": "Place", "@id": page_url + "#place", "name": point.name, "url": page_url,
        "description": point.summary,
        "address": {"@type": "PostalAddress", "streetAddress": point.location.address,
                    "addressLocality": district, "addressRegion": site.city,
                    "addressCountry": "CN"},
    }
    if position is not None:  # WGS-84, which schema.org's coordinates mean
        place["geo"] = {"@type": "GeoCoordinates", "latitude": round(position.lat, 6),
                        "longitude": round(position.lng, 6)}
    if visit is not None:
        place["openingHoursSpecification"] = [
            {"@type": "OpeningHoursSpecification",
             "dayOfWeek": [f"https://schema.org/{_DAYS[day]}" for day in hours.days],
             "opens": hours.open, "closes": "23:59" if hours.close == "24:00" else hours.close}
            for hours in visit.hours]
        if visit.booking and visit.booking.phone:
            place["telephone"] = visit.booking.phone
        if site.programme.booking == "none":  # walk-in: open to all in its hours, no booking
            place["publicAccess"] = True
    award = point.award
    certification: dict[str, Any] = {
        "@type": "Certification", "name": site.programme.title,
        "issuedBy": {"@type": "GovernmentOrganization", "name": site.bureau},
        "certificationIdentification": f"{award.year}-{award.batch}",
        "validFrom": str(award.year),
        "certificationStatus": "https://schema.org/" + (
            "CertificationActive" if point.status == "awarded" else "CertificationInactive"),
    }
    if point.delisted is not None:
        certification["expires"] = point.delisted.date.isoformat()
    organisation = {"@type": "NGO", "@id": page_url + "#organisation",
                    "name": point.organisation.name, "location": {"@id": place["@id"]},
                    "hasCertification": certification}
    return {"@context": "https://schema.org", "@graph": [organisation, place]}


def dataset_graph(site: SiteConfig, *, page_url: str, public_url: str, name: str,
                  description: str, downloads: list[Download], kind_names: dict[str, str],
                  years: list[int], modified: dt.date) -> dict[str, Any]:
    """The open data as a schema.org Dataset: licence, publisher, coverage, every file.

    *kind_names* name what each kind of file holds (the locale's); *years* are those the
    records are of (award, project and case years); *modified* is the build's day.
    """
    bureau = {"@type": "GovernmentOrganization", "name": site.bureau}
    box = site.region.bbox  # schema.org's box: the lower corner, then the upper, lat lng
    dataset: dict[str, Any] = {
        "@context": "https://schema.org", "@type": "Dataset", "@id": page_url + "#dataset",
        "name": name, "description": description, "url": page_url, "inLanguage": "zh-CN",
        "isAccessibleForFree": True, "creator": bureau, "publisher": bureau,
        "spatialCoverage": {"@type": "Place", "name": site.region.name, "geo": {
            "@type": "GeoShape", "box": f"{box.south} {box.west} {box.north} {box.east}"}},
        "dateModified": modified.isoformat(),
    }
    if site.data_licence is not None:
        dataset["license"] = site.data_licence.url
    if years:  # an ISO 8601 interval of years, or the one year
        first, last = min(years), max(years)
        dataset["temporalCoverage"] = str(first) if first == last else f"{first}/{last}"
    dataset["distribution"] = [
        {"@type": "DataDownload", "name": f"{kind_names[f.kind]} · {f.path.removeprefix(FOLDER)}",
         "encodingFormat": f.media_type, "contentUrl": public_url + f.path}
        for f in downloads]
    return dataset


def json_ld_script(graph: dict[str, Any]) -> Markup:
    """The graph in a script element; ``<``, ``>`` and ``&`` escaped, so that no text in
    the data can close the element."""
    text = json.dumps(graph, ensure_ascii=False, separators=(",", ":"))
    text = text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    return Markup(f'<script type="application/ld+json">{text}</script>')

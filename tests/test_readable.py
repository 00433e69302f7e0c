"""Readable words and a page that opens with where it hurts (issue 14), on the pages as `build_pages` writes them.

The browser suite (tests/browser/test_readable.py) measures the same pages in Chromium; this fast tier
pins the words: durations in minutes, hours and days, channel names for people, one vocabulary, e-mail
addresses that break at the "@", and what the journey page puts first.
"""

from __future__ import annotations

import re
from html import unescape

import pytest
from journeymaps import addresses, pages
from journeymaps.fragments import contact_html
from journeymaps.model import Maps
from journeymaps.settings import OptionError, Settings, check_options
from journeymaps.siteview import Site, SiteOptions
from journeymaps.validate import validate
from journeymaps.vocabulary import CHANNEL_NAMES, channel_name, format_figure

from .conftest import EXAMPLE_MAPS


@pytest.fixture(scope="module")
def example() -> Maps:
    result = validate(EXAMPLE_MAPS)
    assert not result.failed()
    return result.maps


def built(maps: Maps, settings: Settings | None = None) -> dict[str, str]:
    return {p.url: p.content for p in pages.build_pages(maps, settings or Settings(), {})}


def text_of(html: str) -> str:
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())


@pytest.mark.parametrize(
    ("seconds", "shown"),
    [(45, "45 s"), (12.5, "12.5 s"), (119, "119 s"), (150, "2.5 min"), (290, "4.8 min"), (5400, "90 min"),
     (7200, "2 h"), (86_400, "24 h"), (151_200, "42 h"), (172_800, "2 days"), (900_000, "10 days"), (-30, "-30 s")],
)  # fmt: skip
def test_durations_read_in_minutes_hours_and_days(seconds: float, shown: str) -> None:
    assert format_figure(seconds, "seconds") == shown
    assert format_figure(1250, "currency:EUR") == "1,250 EUR" and format_figure(71.5, "percent") == "71.5 %"


def test_kpi_pages_show_durations_not_seconds(example: Maps) -> None:
    kpis = text_of(built(example)["kpis/"])
    assert "42 h" in kpis and "24 h" in kpis and "4.8 min" in kpis
    assert not re.search(r"\d{2,},?\d* s\b", kpis), "no duration is written as a count of seconds"


def test_channels_read_as_names_for_people(example: Maps) -> None:
    site = built(example)
    journey = site[addresses.journey("online-purchase")]
    assert ">Paid social</a>" in journey and ">paid-social</a>" not in journey
    assert 'title: "Paid social"' in site[addresses.channel("paid-social")]
    assert "# Channel: Paid social" in site[addresses.channel("paid-social")]
    assert all(channel_name(c) == name for c, name in CHANNEL_NAMES.items())


def test_a_site_names_its_own_channels(example: Maps) -> None:
    assert channel_name("kiosk-app") == "Kiosk app", "an id without a name reads as words"
    assert channel_name("kiosk-app", {"kiosk-app": "In-store kiosk"}) == "In-store kiosk"
    options = check_options(
        {"channels": ["kiosk-app"], "channel_names": {"kiosk-app": "In-store <kiosk>", "paid-social": "Social ads"}}
    )
    settings = options.settings()
    assert settings.channel_names == {"kiosk-app": "In-store <kiosk>", "paid-social": "Social ads"}
    journey = built(example, settings)[addresses.journey("online-purchase")]
    assert ">Social ads</a>" in journey and "Paid social" not in journey
    site = Site(example, settings, {}, SiteOptions())
    assert site.channel_name("kiosk-app") == "In-store <kiosk>"  # escaped where shown (`plain`)
    with pytest.raises(OptionError, match="channel_names"):
        check_options({"channel_names": {"Not An Id": "x"}})
    with pytest.raises(OptionError, match="channel_names"):
        check_options({"channel_names": {"kiosk": "  "}})


def test_an_e_mail_address_breaks_at_the_at_sign_only() -> None:
    html = unescape(str(contact_html("customer.service@northwind.example")))
    assert 'href="mailto:customer.service@northwind.example"' in html
    parts = re.findall(r'<span class="jm-email-part">([^<]*)</span>', html)
    assert parts == ["customer.service", "@northwind.example"] and "</span><wbr><span" in html
    hostile = str(contact_html('"<b>"@x.example'))
    assert "<b>" not in hostile


def test_one_vocabulary_no_emoji_and_tags_once(example: Maps) -> None:
    site = built(example)
    for url, content in site.items():
        assert not re.search("[\U0001f300-\U0001faff]", content), f"{url}: an emoji (a box without an emoji font)"
        assert "unhappy" not in content, f"{url}: -1 is 'annoyed' everywhere"
    journey = site[addresses.journey("online-purchase")]
    assert "<dt>Tags</dt>" not in journey and "tags:\n" in journey, "the theme shows the front matter's tags, once"


def test_the_journey_page_opens_with_where_it_hurts(example: Maps) -> None:
    journey = example.journeys["online-purchase"]
    content = built(example)[addresses.journey(journey.id)]
    hurts, flow = content.find("data-jm-hurts"), content.find("## Journey flow")
    assert 0 < hurts < flow and hurts < content.find("<dl>"), "the worst moments come before the facts and diagrams"
    block = content[hurts:flow]
    moments = re.findall(r'data-jm-moment="([^"]+)"', block)
    scored = {tp.id: tp for _, tp in journey.touchpoints()}
    lowest = min(tp.emotion for tp in scored.values() if tp.emotion is not None)
    assert moments and scored[moments[0]].emotion == lowest, "worst first"
    first = scored[moments[0]]
    worst = max(first.pain_points, key=lambda p: ("low", "medium", "high").index(p.severity))
    item = block[block.find(f'data-jm-moment="{first.id}"') :]
    item = item[: item.find("</li>")]
    assert example.departments[first.owner].name in item and worst.text.split()[0] in item
    site = Site(example, Settings(), {}, SiteOptions())
    missed = [k.id for k in site.journey_kpis(journey) if site.status(k) == "missed"]
    listed = re.findall(r'data-jm-kpi="([^"]+)"', block)
    assert missed and listed[: len(missed)] == missed, "the missed KPIs first, then those at risk"


def test_a_department_page_does_not_repeat_itself(example: Maps) -> None:
    content = built(example)[addresses.department("customer-service")]
    kpis = content[content.find("## KPIs it owns") :]
    head = re.search(r"<thead>.*?</thead>", kpis, re.S)
    assert head and "<th>Owner</th>" not in head.group(0) and "<th>Measured at</th>" in head.group(0)

"""The example site, built once for real (`journeymaps build`, MkDocs strict), checked page kind by page kind.

HTML is read with a small tree built on the standard library's `html.parser`.
"""

from __future__ import annotations

import html
import json
import re
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

import pytest
from journeymaps.model import Maps
from journeymaps.validate import validate
from journeymaps.vocabulary import channel_name

from .conftest import EXAMPLE_MAPS, ROOT, run_cli

pytestmark = pytest.mark.slow  # a real MkDocs build

VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


class Node:
    def __init__(self, tag: str, attrs: dict[str, str], parent: Node | None) -> None:
        self.tag, self.attrs, self.parent = tag, attrs, parent
        self.children: list[Node | str] = []

    def iter(self) -> Iterator[Node]:
        yield self
        for child in self.children:
            if isinstance(child, Node):
                yield from child.iter()

    def find_all(self, tag: str | None = None, cls: str | None = None, **attrs: str) -> list[Node]:
        found = []
        for node in self.iter():
            if tag and node.tag != tag:
                continue
            if cls and cls not in node.attrs.get("class", "").split():
                continue
            if any(node.attrs.get(k.replace("_", "-")) != v for k, v in attrs.items()):
                continue
            found.append(node)
        return found

    def find(self, tag: str | None = None, cls: str | None = None, **attrs: str) -> Node | None:
        found = self.find_all(tag, cls, **attrs)
        return found[0] if found else None

    @property
    def text(self) -> str:
        """Text content, without the permalink anchors of headings."""
        parts = [
            c if isinstance(c, str) else ("" if "headerlink" in c.attrs.get("class", "") else c.text)
            for c in self.children
        ]
        return " ".join("".join(parts).split())

    def links(self) -> list[Node]:
        return [a for a in self.find_all("a") if "href" in a.attrs]


class _Builder(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = Node("#document", {}, None)
        self.current = self.root

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        node = Node(tag, {k: v or "" for k, v in attrs}, self.current)
        self.current.children.append(node)
        if tag not in VOID:
            self.current = node

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.current.children.append(Node(tag, {k: v or "" for k, v in attrs}, self.current))

    def handle_endtag(self, tag: str) -> None:
        node: Node | None = self.current
        while node is not None and node.tag != tag:
            node = node.parent
        if node is not None and node.parent is not None:
            self.current = node.parent

    def handle_data(self, data: str) -> None:
        self.current.children.append(data)


def parse(html: str) -> Node:
    builder = _Builder()
    builder.feed(html)
    builder.close()
    return builder.root


class Site:
    """A built site on disk, read page by page by address."""

    def __init__(self, root: Path) -> None:
        self.root = root

    def file(self, address: str) -> Path:
        return (
            self.root / unquote(address).lstrip("/") / "index.html"
            if address.endswith("/") or address == ""
            else self.root / address
        )

    def page(self, address: str) -> Node:
        path = self.file(address)
        assert path.is_file(), f"no page at /{address}"
        return parse(path.read_text(encoding="utf-8"))

    def content(self, address: str) -> Node:
        article = self.page(address).find("article")
        assert article is not None
        return article

    @staticmethod
    def resolve(address: str, href: str) -> str:
        """The site path an href on the page at `address` points to ('' for the home page)."""
        return urlsplit(urljoin("http://site/" + address, href)).path.lstrip("/")

    def exists(self, path: str) -> bool:
        target = self.root / unquote(path)
        return (target / "index.html").is_file() if (path.endswith("/") or path == "") else target.is_file()


def build_example(out: Path) -> Site:
    run = run_cli("build", "-f", ROOT / "mkdocs.yml", "-d", out, cwd=ROOT, timeout=300)
    assert run.code == 0, run.err
    return Site(out)


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Site:
    return build_example(tmp_path_factory.mktemp("example") / "site")


@pytest.fixture(scope="module")
def maps() -> Maps:
    result = validate(EXAMPLE_MAPS)
    assert not result.failed()
    return result.maps


def dept_address(department_id: str) -> str:
    return f"departments/{department_id}/"


def test_every_page_kind_is_at_its_contract_address(site: Site, maps: Maps) -> None:
    addresses = ["", "ownership/", "kpis/", "pain-points/", "channels/", "journeys/", "departments/", "personas/"]
    addresses += [f"journeys/{j}/" for j in maps.journeys]
    addresses += [f"journeys/{ref.address}/" for ref in maps.touchpoints()]
    addresses += [f"personas/{p}/" for p in maps.personas]
    addresses += [dept_address(d) for d in maps.departments]
    addresses += [f"channels/{ref.touchpoint.channel}/" for ref in maps.touchpoints()]
    missing = [a for a in addresses if not site.exists(a)]
    assert not missing


def test_touchpoint_pages_name_and_link_every_department_by_role(site: Site, maps: Maps) -> None:
    for ref in maps.touchpoints():
        address = f"journeys/{ref.address}/"
        content = site.content(address)
        assert content.find("h1").text == ref.touchpoint.name
        raci = content.find("table", cls="jm-raci")
        assert raci is not None, address
        for role, department_ids in ref.touchpoint.roles().items():
            rows = raci.find_all("tr", data_jm_role=role)
            assert len(rows) == len(department_ids), (address, role)
            for row, department_id in zip(rows, department_ids, strict=True):
                department = maps.departments[department_id]
                link = row.find("a", cls="jm-dept")
                assert link is not None and link.text == department.name, (address, role, department_id)
                assert site.resolve(address, link.attrs["href"]) == dept_address(department_id)
                if department.contact:
                    assert department.contact in row.text


def test_touchpoint_pages_show_fields_neighbours_and_edit_link(site: Site, maps: Maps) -> None:
    for ref in maps.touchpoints():
        address = f"journeys/{ref.address}/"
        content = site.content(address)
        text = content.text
        assert channel_name(ref.touchpoint.channel) in text and ref.stage.name in text  # the channel by its name
        for system in ref.touchpoint.systems:
            assert system in text
        for kpi_id in ref.touchpoint.kpis:
            assert maps.kpis[kpi_id].name in text
        linked = {site.resolve(address, a.attrs["href"]) for a in content.links()}
        for target in ref.touchpoint.leads_to:
            assert f"journeys/{maps.resolve_leads_to(ref.journey, target)}/" in linked
        edit = content.find("p", cls="jm-edit").find("a").attrs["href"]
        file, _, line = edit.rpartition("#L")
        assert file == f"https://github.com/northwind/journeymaps/edit/main/maps/{ref.journey.source}"
        written = (EXAMPLE_MAPS / ref.journey.source).read_text(encoding="utf-8").splitlines()[int(line) - 1]
        assert re.search(rf"\bid: {re.escape(ref.touchpoint.id)}$", written), (address, written)


def test_department_pages_list_every_touchpoint_by_role(site: Site, maps: Maps) -> None:
    for department_id, department in maps.departments.items():
        address = dept_address(department_id)
        content = site.content(address)
        assert content.find("h1").text == department.name
        for role, refs in maps.involvement(department_id).items():
            rows = content.find_all("tr", data_jm_role=role)
            shown = [site.resolve(address, row.find("a").attrs["href"]) for row in rows]
            assert shown == [f"journeys/{ref.address}/" for ref in refs], (department_id, role)
        for kpi in (k for k in maps.kpis.values() if k.owner == department_id):
            assert kpi.name in content.text
        figure = content.find("div", data_jm_diagram="map")
        assert figure is not None and figure.find("svg", cls="jm-diagram") is not None, department_id


def test_ownership_matrix_has_one_row_per_touchpoint_with_roles(site: Site, maps: Maps) -> None:
    content = site.content("ownership/")
    table = content.find("table", id="jm-matrix")
    rows = table.find("tbody").find_all("tr")
    refs = list(maps.touchpoints())
    assert len(rows) == len(refs)
    columns = [th.attrs["data-dept"] for th in table.find("thead").find_all("th") if "data-dept" in th.attrs]
    assert columns == list(maps.departments)
    assert columns, "the matrix has no department columns"
    for row, ref in zip(rows, refs, strict=True):
        assert site.resolve("ownership/", row.find("a").attrs["href"]) == f"journeys/{ref.address}/"
        cells = row.find_all("td")[1:]  # after the channel: one per department, empty where it has no role
        assert len(cells) == len(columns), (ref.address, len(cells), len(columns))  # a lost cell shifts every letter
        for department_id, cell in zip(columns, cells, strict=True):
            letters = {"owner": "A", "responsible": "R", "consulted": "C", "informed": "I"}
            expected = "/".join(letters[r] for r, deps in ref.touchpoint.roles().items() if department_id in deps)
            assert cell.text == expected, (ref.address, department_id)
    assert content.find("select", data_jm_filter="department") is not None


def test_kpi_page_shows_status_as_the_contract_computes_it_and_a_trend(site: Site, maps: Maps) -> None:
    content = site.content("kpis/")
    rows = content.find("tbody").find_all("tr")
    assert len(rows) == len(maps.kpis)
    labels = {"met": "Met", "at-risk": "At risk", "missed": "Missed", "unknown": "No data"}
    by_name = {row.find("strong").text: row for row in rows}
    for kpi in maps.kpis.values():
        row = by_name[kpi.name]
        assert row.attrs["data-jm-status"] == kpi.status(0.1)
        assert row.find("span", cls="jm-status").text == labels[kpi.status(0.1)]
        if len(kpi.history) >= 2:
            assert row.find("svg", cls="jm-spark") is not None


def test_pain_point_register_lists_every_pain_point_worst_first(site: Site, maps: Maps) -> None:
    rows = site.content("pain-points/").find("tbody").find_all("tr")
    expected = sum(len(ref.touchpoint.pain_points) for ref in maps.touchpoints())
    assert len(rows) == expected
    order = {"high": 0, "medium": 1, "low": 2}
    severities = [row.attrs["data-severity"] for row in rows]
    assert severities == sorted(severities, key=order.__getitem__)


def test_journey_pages_embed_the_three_diagrams_and_every_stage(site: Site, maps: Maps) -> None:
    for journey_id, journey in maps.journeys.items():
        address = f"journeys/{journey_id}/"
        content = site.content(address)
        for kind in ("flow", "blueprint", "curve"):
            figure = content.find("div", data_jm_diagram=kind)
            assert figure is not None and figure.find("svg", cls="jm-diagram") is not None, (journey_id, kind)
        flow = content.find("div", data_jm_diagram="flow")
        flow_links = {
            site.resolve(address, a.attrs.get("href") or a.attrs.get("xlink:href", "")) for a in flow.find_all("a")
        }
        for _, touchpoint in journey.touchpoints():
            assert f"journeys/{journey_id}/{touchpoint.id}/" in flow_links
        headings = [h.text for h in content.find_all("h3")]
        for number, stage in enumerate(journey.stages, 1):
            assert any(stage.name in h and h.startswith(f"{number}.") for h in headings)


def test_home_reaches_everything_within_two_clicks(site: Site, maps: Maps) -> None:
    home = site.page("")
    one_click = {site.resolve("", a.attrs["href"]) for a in home.links()}
    for department_id in maps.departments:
        assert dept_address(department_id) in one_click
    for page in ("ownership/", "kpis/", "pain-points/", "channels/"):
        assert page in one_click
    two_clicks = set(one_click)
    for address in [a for a in one_click if site.exists(a) and not a.startswith(("assets", "search"))]:
        two_clicks |= {site.resolve(address, a.attrs["href"]) for a in site.page(address).links()}
    for ref in maps.touchpoints():
        assert f"journeys/{ref.address}/" in two_clicks


def test_navigation_lists_sections_but_not_touchpoints(site: Site, maps: Maps) -> None:
    nav = site.page("kpis/").find("nav", cls="md-nav--primary")
    listed = {site.resolve("kpis/", a.attrs["href"]) for a in nav.links()}
    for address in [
        *(f"journeys/{j}/" for j in maps.journeys),
        *(dept_address(d) for d in maps.departments),
        *(f"personas/{p}/" for p in maps.personas),
    ]:
        assert address in listed
    assert {"ownership/", "kpis/", "pain-points/", "channels/", "about/"} <= listed
    assert not [a for a in listed if a.count("/") == 3 and a.startswith("journeys/")]


def test_search_finds_touchpoints_departments_and_pain_points(site: Site, maps: Maps) -> None:
    index = json.loads((site.root / "search" / "search_index.json").read_text(encoding="utf-8"))
    titles = {html.unescape(doc["title"]) for doc in index["docs"]}
    texts = " ".join(doc["text"] for doc in index["docs"])
    for ref in maps.touchpoints():
        assert ref.touchpoint.name in titles
    for department in maps.departments.values():
        assert department.name in titles
    first_pain = next(p for ref in maps.touchpoints() for p in ref.touchpoint.pain_points)
    assert first_pain.text.split(",")[0][:40] in texts


def test_every_link_inside_the_site_leads_to_a_page(site: Site) -> None:
    broken = []
    for file in site.root.rglob("*.html"):
        address = file.relative_to(site.root).parent.as_posix() + "/"
        address = "" if address == "./" else address
        for a in parse(file.read_text(encoding="utf-8")).links():
            href = a.attrs["href"]
            if href.startswith(("http:", "https:", "mailto:", "#")) or urlsplit(href).scheme:
                continue
            target = site.resolve(address, href)
            if not (site.exists(target) or (site.root / target).is_file()):
                broken.append(f"{address} -> {href}")
    assert not broken[:10]


def test_pages_carry_department_and_channel_tags_and_stylesheet(site: Site, maps: Maps) -> None:
    ref = next(maps.touchpoints())
    page = site.page(f"journeys/{ref.address}/")
    tags = {t.text for t in page.find_all(cls="md-tag")}
    assert maps.departments[ref.touchpoint.owner].name in tags and channel_name(ref.touchpoint.channel) in tags
    assert any("journeymaps.css" in link.attrs.get("href", "") for link in page.find_all("link"))
    assert any("journeymaps.js" in s.attrs.get("src", "") for s in page.find_all("script"))

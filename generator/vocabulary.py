"""The words of the map format as readers see them: one home for each scale's values, order, words and marks.

The model types its fields with these values, and the pages, the diagrams and the diff all show them
from here, so that a touchpoint scored -1 is "annoyed" on its page, in its experience curve and in a
pull-request comment alike; KPI figures are written one way (`format_figure`) too. Templates receive
them as Jinja globals (`site_templates` never spell them out). Nothing here knows about HTML, Graphviz or git.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Literal, NamedTuple

# ----------------------------------------------------------------------------------------------
# Emotion: a touchpoint's or stage's score from -2 to +2


class EmotionWord(NamedTuple):
    word: str


EMOTIONS: dict[int, EmotionWord] = {
    -2: EmotionWord("frustrated"),
    -1: EmotionWord("annoyed"),
    0: EmotionWord("neutral"),
    1: EmotionWord("pleased"),
    2: EmotionWord("delighted"),
}
"""Score -> word, from the lowest score to the highest. No emoji: without an emoji font they show as boxes;
pages draw a face beside the word (`fragments.emotion_face`)."""
EMOTION_MIN = min(EMOTIONS)
EMOTION_MAX = max(EMOTIONS)
EMOTION_SCALE = (
    f"{EMOTION_MIN} {EMOTIONS[EMOTION_MIN].word} .. 0 {EMOTIONS[0].word} .. +{EMOTION_MAX} {EMOTIONS[EMOTION_MAX].word}"
)
"""'-2 frustrated .. 0 neutral .. +2 delighted', as the schema describes the field."""
EMOTION_RANGE = (
    f"between {EMOTION_MIN} ({EMOTIONS[EMOTION_MIN].word}) and +{EMOTION_MAX} ({EMOTIONS[EMOTION_MAX].word})"
)
"""'between -2 (frustrated) and +2 (delighted)', as a problem message says it."""


def emotion_word(score: int | None) -> str:
    """'annoyed (-1)', 'neutral (+0)', or 'no score'."""
    return "no score" if score is None else f"{EMOTIONS[score].word} ({score:+d})"


# ----------------------------------------------------------------------------------------------
# Pain-point severity

SeverityName = Literal["low", "medium", "high"]
SEVERITIES: tuple[SeverityName, ...] = ("high", "medium", "low")
"""Worst first: the order of lists, counts and filters."""
SEVERITY_RANK: dict[str, int] = {"low": 1, "medium": 2, "high": 3}
"""Higher is worse (0 is left for 'no pain point' where a sort key needs one)."""
SEVERITY_MARK = {"high": "▲", "medium": "◆", "low": "●"}
"""Severity is told by shape and word, never by colour alone."""
SEVERITY_FILL = {"high": "#ffd9d4", "medium": "#ffeccc", "low": "#eeeeee"}
"""The pale tint behind a pain badge in the diagrams (dark text reads on all three)."""


def worst_severity(severities: list[str]) -> str | None:
    """The worst of some severities, or None for none."""
    return max(severities, key=SEVERITY_RANK.__getitem__, default=None)


# ----------------------------------------------------------------------------------------------
# RACI roles of departments on a touchpoint

RoleName = Literal["owner", "responsible", "consulted", "informed"]
ROLES: tuple[RoleName, ...] = ("owner", "responsible", "consulted", "informed")
"""The accountable owner first, then the involved roles in RACI order."""
INVOLVED_ROLES: tuple[RoleName, ...] = ("responsible", "consulted", "informed")
"""The roles besides the owner: lists of departments on a touchpoint."""
ROLE_LETTER: dict[str, str] = {"owner": "A", "responsible": "R", "consulted": "C", "informed": "I"}
ROLE_NAME: dict[str, str] = {
    "owner": "Accountable (owner)",
    "responsible": "Responsible",
    "consulted": "Consulted",
    "informed": "Informed",
}
LETTER_NAME: dict[str, str] = {ROLE_LETTER[role]: ROLE_NAME[role] for role in ROLES}
"""'A' -> 'Accountable (owner)', for a role badge that only knows its letter."""
LETTER_RANK: dict[str, int] = {ROLE_LETTER[role]: len(ROLES) - i for i, role in enumerate(ROLES)}
"""'A' 4, 'R' 3, 'C' 2, 'I' 1: how the ownership matrix sorts a column (0 for no role)."""


# ----------------------------------------------------------------------------------------------
# KPI status

KpiStatus = Literal["met", "at-risk", "missed", "unknown"]
KPI_STATUSES: tuple[KpiStatus, ...] = ("missed", "at-risk", "unknown", "met")
"""Worst first: how KPI tables sort."""
STATUS_RANK: dict[str, int] = {status: rank for rank, status in enumerate(KPI_STATUSES)}
HEALTH_ORDER: tuple[KpiStatus, ...] = ("missed", "at-risk", "met", "unknown")
"""How a health summary counts them: the trouble, then the good news, then the KPIs without data."""
STATUS_LABEL: dict[str, str] = {"met": "Met", "at-risk": "At risk", "missed": "Missed", "unknown": "No data"}
STATUS_MARK: dict[str, str] = {"met": "✓", "at-risk": "!", "missed": "✗", "unknown": "?"}
"""A status told by a mark beside its word where colour is not available (the diagrams' cards)."""


def status_summary(statuses: list[str]) -> str:
    """'✗ 1 missed, ✓ 2 met': how many KPIs are in each status, trouble first ('' for none)."""
    return ", ".join(
        f"{STATUS_MARK[s]} {n} {STATUS_LABEL[s].lower()}" for s in HEALTH_ORDER if (n := statuses.count(s))
    )


# ----------------------------------------------------------------------------------------------
# Opportunity status: where an improvement stands, from a first idea to done (or dropped)

OpportunityStatusName = Literal["idea", "planned", "in-progress", "done", "dropped"]
OPPORTUNITY_STATUSES: tuple[OpportunityStatusName, ...] = ("idea", "planned", "in-progress", "done", "dropped")
"""The life of an opportunity, in order: the schema's enum, the filters and "did you mean" read it."""
OPPORTUNITY_STATUS_DEFAULT: OpportunityStatusName = "idea"
"""What a plain-text opportunity (version 1) and an object without `status` are."""
OPPORTUNITY_GROUPS: tuple[OpportunityStatusName, ...] = ("in-progress", "planned", "idea", "done", "dropped")
"""How pages group them: the work under way first, then what is next, then the record of what ended."""
OPPORTUNITY_STATUS_LABEL: dict[str, str] = {
    "idea": "Idea",
    "planned": "Planned",
    "in-progress": "In progress",
    "done": "Done",
    "dropped": "Dropped",
}
OPPORTUNITY_STATUS_MARK: dict[str, str] = {"idea": "○", "planned": "◇", "in-progress": "◐", "done": "●", "dropped": "✕"}
"""A status is told by shape and word, never by colour alone; the value/effort chart draws the same shapes."""
OPPORTUNITY_SCORE_MIN = 1
OPPORTUNITY_SCORE_MAX = 5
"""`value` and `effort` are scored from 1 (little) to 5 (a lot)."""


def opportunity_count(status: str, count: int) -> str:
    """'1 idea', '28 ideas', '8 in progress': how many opportunities have a status."""
    word = OPPORTUNITY_STATUS_LABEL[status].lower()
    return f"{count} {word}s" if status == "idea" and count != 1 else f"{count} {word}"


def opportunity_status_text(status: str) -> str:
    """'◐ In progress': how a status is written in text (pages, pull-request comments)."""
    return f"{OPPORTUNITY_STATUS_MARK[status]} {OPPORTUNITY_STATUS_LABEL[status]}"


# ----------------------------------------------------------------------------------------------
# Journey state: today's journey or the one being designed

JourneyState = Literal["as-is", "to-be"]
JOURNEY_STATES: tuple[JourneyState, ...] = ("as-is", "to-be")
"""`as-is` (the default): the journey as customers live it today; `to-be`: a redesign of an as-is journey."""
STATE_LABEL: dict[str, str] = {"as-is": "As-is", "to-be": "To-be"}
"""How a page badges a journey's state."""


# ----------------------------------------------------------------------------------------------
# Channels: ids in the maps, names for people on pages, diagrams and in diffs

CHANNEL_NAMES: dict[str, str] = {
    "website": "Website", "mobile-app": "Mobile app", "email": "E-mail", "sms": "SMS",
    "social": "Social media", "paid-social": "Paid social", "paid-search": "Paid search",
    "display-ads": "Display ads", "chat": "Chat", "phone": "Phone", "store": "Store", "events": "Events",
    "partner": "Partner", "direct-mail": "Direct mail", "print": "Print", "in-product": "In the product",
}  # fmt: skip
"""The contract's channels (`model.CHANNELS`) as people name them; a site names its own channels with
the `channel_names` option, and any other id reads as words ('kiosk-app' -> 'Kiosk app')."""


def channel_name(channel: str, names: Mapping[str, str] | None = None) -> str:
    """'Paid social' for 'paid-social': the site's own name first, then ours, then the id as words."""
    given = (names or {}).get(channel) or CHANNEL_NAMES.get(channel)
    if given:
        return given
    words = channel.replace("-", " ").strip()
    return words[:1].upper() + words[1:] if words else channel


# ----------------------------------------------------------------------------------------------
# Figures


def _number(value: float) -> str:
    """'1,250', '71.5', '0.28': thousands separated, at most two decimals, no trailing zeros."""
    return f"{value:,.2f}".rstrip("0").rstrip(".") if value != int(value) else f"{int(value):,}"


DURATION_STEPS: tuple[tuple[float, str, str], ...] = (
    (86_400, "day", "days"),
    (3_600, "h", "h"),
    (60, "min", "min"),
    (1, "s", "s"),
)
"""Seconds per unit, largest first: a duration is written in the largest unit it fills twice over
(90 s, 4.8 min, 42 h, 3.5 days), so nobody reads '151,200 s'."""


def format_duration(seconds: float) -> str:
    """'45 s', '2.5 min', '42 h', '3.5 days': seconds in the unit a reader thinks in (one decimal below 10)."""
    for step, one, many in DURATION_STEPS[:-1]:
        if abs(seconds) >= 2 * step:
            amount = seconds / step
            rounded = round(amount, 1 if abs(amount) < 10 else 0)
            return f"{_number(rounded)} {one if rounded == 1 else many}"
    return f"{_number(seconds)} s"  # under two minutes: seconds, as measured


def format_figure(value: float | None, unit: str) -> str:
    """'71.5 %', '1.75 days', '1,250 EUR', '–' for no figure: the one way figures are written, on pages and in diffs."""
    if value is None:
        return "–"
    if unit == "seconds":
        return format_duration(value)
    number = _number(value)
    if unit == "percent":
        return f"{number} %"
    if unit.startswith("currency:"):
        return f"{number} {unit.split(':', 1)[1]}"
    return number


def template_globals() -> dict[str, object]:
    """The vocabulary as the page templates see it."""
    return {
        "EMOTION": EMOTIONS,
        "SEVERITIES": SEVERITIES,
        "SEVERITY_RANK": SEVERITY_RANK,
        "ROLES": ROLES,
        "ROLE_LETTER": ROLE_LETTER,
        "ROLE_NAME": ROLE_NAME,
        "LETTER_NAME": LETTER_NAME,
        "LETTER_RANK": LETTER_RANK,
        "STATUS_RANK": STATUS_RANK,
        "STATUS_LABEL": STATUS_LABEL,
        "STATUS_MARK": STATUS_MARK,
        "OPPORTUNITY_STATUSES": OPPORTUNITY_STATUSES,
        "OPPORTUNITY_GROUPS": OPPORTUNITY_GROUPS,
        "OPPORTUNITY_STATUS_LABEL": OPPORTUNITY_STATUS_LABEL,
        "OPPORTUNITY_STATUS_MARK": OPPORTUNITY_STATUS_MARK,
        "opportunity_count": opportunity_count,
        "STATE_LABEL": STATE_LABEL,
    }

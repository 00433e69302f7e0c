"""Synthetic maps for the benchmarks: deterministic (seeded), in the contract's format, valid and warning-free.

`write(out_dir, touchpoints)` writes `departments.yaml` (12 departments, or `departments` of them: the
ownership matrix at hundreds of columns), `kpis.yaml` (shared KPIs),
`personas/*.yaml` and `journeys/<group>/*.yaml` with about 50 touchpoints per journey (so 200 journeys
at 10,000 touchpoints). Text lengths follow the example maps in `maps/`: about 900 bytes of YAML per
touchpoint, owners and RACI roles across departments, pain points, opportunities, systems, KPIs shared
and per journey, `leads_to` within the journey and now and then into another journey. Like the
example maps, about a third of the descriptions use Markdown emphasis (`**word**`).

    python bench/synth.py OUT_DIR --touchpoints 10000
    python bench/synth.py OUT_DIR --touchpoints 600 --departments 300
"""

from __future__ import annotations

import argparse
import random
from pathlib import Path

PER_JOURNEY = 50
STAGES = ("awareness", "consideration", "purchase", "onboarding", "usage", "support", "renewal", "advocacy")
DEPARTMENTS = (
    ("marketing", "Marketing", "Brand, paid media, lifecycle e-mail and the B2B demand engine."),
    ("sales", "Business Sales", "Sales development, account executives and account management for business customers."),
    ("ecommerce", "E-commerce", "The web shop, search, product pages, cart and checkout."),
    ("stores", "Stores", "Operations of our 38 stores, including click & collect and the mobile counter."),
    (
        "customer-service",
        "Customer Service",
        "Phone, chat and e-mail support for shop and mobile customers, run from Leeds and Valencia.",
    ),
    ("logistics", "Logistics", "Warehouses, carriers, delivery promises and returns."),
    ("billing", "Billing and Payments", "Invoices, payment methods, dunning and refunds."),
    ("it-operations", "IT Operations", "Identity, provisioning systems and the network operations centre."),
    ("legal", "Legal and Compliance", "Consent, contracts, consumer law and data protection."),
    ("product", "Product Management", "Assortment, tariffs, devices and the mobile app roadmap."),
    ("network", "Mobile Network", "Radio access, number porting and SIM provisioning with our host operator."),
    ("finance", "Finance", "Credit checks, pricing governance and revenue assurance."),
)
CHANNELS = (
    "website",
    "mobile-app",
    "email",
    "sms",
    "social",
    "paid-social",
    "paid-search",
    "display-ads",
    "chat",
    "phone",
    "store",
    "events",
    "partner",
    "direct-mail",
    "print",
    "in-product",
)
SYSTEMS = (
    "Shopify Plus",
    "Salesforce Sales Cloud",
    "HubSpot",
    "Zendesk",
    "Klaviyo",
    "Adyen",
    "Google Analytics 4",
    "Meta Ads Manager",
    "Google Merchant Center",
    "parcelLab",
    "SAP S/4HANA",
    "Twilio",
    "Genesys Cloud",
    "Trustpilot",
    "Medallia",
    "Okta",
)
SURVEY_LINK = " See the [exit survey](https://wiki.northwind.example/cx/research/exit-survey)."
NOUNS = (
    "delivery date",
    "shipping cost",
    "order status",
    "SIM activation",
    "number porting",
    "invoice",
    "payment method",
    "return label",
    "account sign-up",
    "price alert",
    "contract renewal",
    "credit check",
    "store pickup",
    "device trade-in",
    "support ticket",
    "tariff change",
)
VERBS = ("shows", "hides", "confirms", "delays", "repeats", "explains", "asks again for", "loses", "sends", "updates")
PAINS = (
    "The {n} is only revealed at the last step, so about a third of visitors leave before they see it",
    "Customers must enter the {n} twice because the form forgets it after a failed payment",
    "The {n} e-mail arrives up to 6 hours late when the queue is busy in the evening",
    "Agents cannot see the {n} in the CRM and ask the customer to read it out",
    "The {n} page times out inside the Instagram in-app browser",
)
OPPORTUNITIES = (
    "Show the {n} on the product page, remembered from the last visit",
    "Send a text message when the {n} changes, with a link to the tracking page",
    "Let agents see the {n} next to the contact history",
    "Test a shorter {n} step with one field fewer",
)


def _slug(text: str) -> str:
    return text.lower().replace(" ", "-").replace("/", "")


def _description(rng: random.Random, noun: str) -> str:
    verb, other = rng.choice(VERBS), rng.choice(NOUNS)
    text = (
        f"The customer sees the {noun} and decides what to do next. The page {verb} the {other} "
        f"and links to the help centre; the figures come from {rng.choice(SYSTEMS)} every hour."
    )
    if rng.random() < 0.35:  # Markdown emphasis, as in the example maps
        text = text.replace(f"the {noun}", f"the **{noun}**", 1)
    return text


def _folded(text: str, indent: str) -> str:
    """A folded block scalar (`>-`) wrapped at about 80 columns, as editors write long text."""
    lines, line = [], ""
    for word in text.split():
        if line and len(indent) + len(line) + 1 + len(word) > 96:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}" if line else word
    lines.append(line)
    return ">-\n" + "\n".join(indent + item for item in lines)


def _kpi(rng: random.Random, kpi_id: str, name: str, owner: str, indent: str) -> list[str]:
    unit = rng.choice(("percent", "count", "seconds", "score", "currency:EUR"))
    baseline = round(rng.uniform(10, 60), 1)
    target = round(baseline * rng.uniform(1.1, 1.5), 1)
    current = round(rng.uniform(baseline, target * 1.05), 1)
    lines = [
        f"{indent}- id: {kpi_id}",
        f"{indent}  name: {name}",
        f"{indent}  unit: {unit}",
        f"{indent}  direction: up",
        f"{indent}  target: {target}",
        f"{indent}  baseline: {baseline}",
        f"{indent}  current: {current}",
        f"{indent}  as_of: 2026-09-30",
        f"{indent}  owner: {owner}",
        f"{indent}  source: {rng.choice(SYSTEMS)} reporting, monthly export",
        f"{indent}  history:",
    ]
    for month, value in zip(("2026-03-31", "2026-06-30"), (baseline, round((baseline + current) / 2, 1)), strict=True):
        lines.append(f"{indent}    - {{date: {month}, value: {value}}}")
    return lines


def _departments(count: int) -> list[tuple[str, str, str]]:
    """The 12 named departments, then numbered teams up to `count` (ids stay valid and unique)."""
    extra = [
        (
            f"team-{n:03d}",
            f"{NOUNS[n % len(NOUNS)].capitalize()} team {n}",
            f"Team {n}, who look after the {NOUNS[n % len(NOUNS)]}.",
        )
        for n in range(len(DEPARTMENTS), count)
    ]
    return [*DEPARTMENTS, *extra][: max(count, 4)]


def write(out_dir: Path, touchpoints: int, seed: int = 8, departments: int = len(DEPARTMENTS)) -> dict[str, int]:  # noqa: C901 - writes every file kind of a synthetic repository in one readable pass
    """Write a maps folder with `touchpoints` touchpoints; returns counts of what it wrote."""
    rng = random.Random(seed)
    journeys = max(1, touchpoints // PER_JOURNEY)
    chosen = _departments(departments)
    dept_ids = [d[0] for d in chosen]
    teams = len(dept_ids)
    (out_dir / "personas").mkdir(parents=True, exist_ok=True)

    lines = ["# Every team that can own, do, advise on or be told about a touchpoint.", "departments:"]
    for i, (ident, name, description) in enumerate(chosen):
        lines += [
            f"  - id: {ident}",
            f"    name: {name}",
            f"    description: {description}",
            f"    contact: {ident}@northwind.example",
            f'    codeowners: "@northwind/{ident}"',
        ]
        if i % 2 == 0:
            lines.append(f'    color: "#{rng.randrange(0x202020, 0xE0E0E0):06x}"')
        lines.append("")
    (out_dir / "departments.yaml").write_text("\n".join(lines), encoding="utf-8")

    shared = [(f"shared-{_slug(noun)}", f"Shared {noun} score", dept_ids[i % teams]) for i, noun in enumerate(NOUNS)]
    lines = ["# KPIs shared by several journeys.", "kpis:"]
    for kpi_id, name, owner in shared:
        lines += [*_kpi(rng, kpi_id, name, owner, "  "), ""]
    (out_dir / "kpis.yaml").write_text("\n".join(lines), encoding="utf-8")

    personas = [f"persona-{i:02d}" for i in range(max(4, journeys // 10))]
    for i, persona in enumerate(personas):
        noun = NOUNS[i % len(NOUNS)]
        text = [
            f"name: Persona {i}, the {noun} watcher",
            f"summary: {_folded(_description(rng, noun), '  ')}",
            f"segment: {'B2B' if i % 3 == 0 else 'B2C'}",
            f'quote: "If the {noun} only shows up at the end, I close the tab."',
            "goals:",
            f"  - Know the {noun} before paying",
            f"  - Get help without waiting on hold about the {rng.choice(NOUNS)}",
            "frustrations:",
            f"  - Surprises about the {rng.choice(NOUNS)} at the last step",
            "",
        ]
        (out_dir / "personas" / f"{persona}.yaml").write_text("\n".join(text), encoding="utf-8")

    written = 0
    used_shared: set[str] = set()
    for j in range(journeys):
        journey_id = f"journey-{j:04d}"
        count = PER_JOURNEY if j < journeys - 1 else touchpoints - written
        owner = dept_ids[j % teams]
        own_kpis = [
            (f"{journey_id}-kpi-{k}", f"Journey {j} {NOUNS[(j + k) % len(NOUNS)]} rate", dept_ids[(j + k) % teams])
            for k in range(3)
        ]
        stage_count = min(len(STAGES), max(1, count // 6))
        per_stage = [count // stage_count + (1 if s < count % stage_count else 0) for s in range(stage_count)]
        ids = [f"tp-{n:03d}-{_slug(NOUNS[n % len(NOUNS)])}" for n in range(count)]
        text = [
            f"title: Journey {j}, from first contact to {NOUNS[j % len(NOUNS)]}",
            f"persona: [{personas[j % len(personas)]}, {personas[(j + 1) % len(personas)]}]",
            f"owner: {owner}",
            f"summary: {_folded(_description(rng, NOUNS[j % len(NOUNS)]) + SURVEY_LINK, '  ')}",
            f"tags: [{'b2b' if j % 3 == 0 else 'b2c'}, {STAGES[j % len(STAGES)]}]",
            "",
            "stages:",
        ]
        n = 0
        for s in range(stage_count):
            text += [
                f"  - id: {STAGES[s]}",
                f"    name: {STAGES[s].capitalize()}",
                f"    goal: Get through {STAGES[s]} without surprises",
                f"    emotion: {rng.randint(-2, 2)}",
                "    touchpoints:",
            ]
            for _ in range(per_stage[s]):
                noun = NOUNS[n % len(NOUNS)]
                tp_owner = dept_ids[(j + n) % teams]
                others = [d for d in dept_ids if d != tp_owner]
                rng.shuffle(others)
                text += [
                    f"      - id: {ids[n]}",
                    f"        name: {noun.capitalize()} step {n}",
                    f"        channel: {CHANNELS[(j + n) % len(CHANNELS)]}",
                    f"        owner: {tp_owner}",
                    f"        responsible: [{others[0]}]",
                ]
                if n % 2 == 0:
                    text.append(f"        consulted: [{others[1]}]")
                if n % 3 == 0:
                    text.append(f"        informed: [{others[2]}, {others[3]}]")
                description = _description(rng, noun)
                text.append(f"        description: {_folded(description, '          ') if n % 2 else description}")
                text.append(f"        emotion: {rng.randint(-2, 2)}")
                text.append(f"        systems: [{', '.join(rng.sample(SYSTEMS, 2))}]")
                if n % 4 != 3:
                    text.append("        pain_points:")
                    for _ in range(1 + n % 2):
                        text += [
                            f"          - text: {rng.choice(PAINS).format(n=rng.choice(NOUNS))}",
                            f"            severity: {rng.choice(('low', 'medium', 'high'))}",
                        ]
                if n % 3 != 2:
                    text += [
                        "        opportunities:",
                        f"          - {rng.choice(OPPORTUNITIES).format(n=rng.choice(NOUNS))}",
                    ]
                kpis = [own_kpis[n % 3][0]]
                if n % 5 == 0:
                    kpis.append(shared[(j + n) % len(shared)][0])
                    used_shared.add(kpis[-1])
                text.append(f"        kpis: [{', '.join(kpis)}]")
                leads = [ids[n + 1]] if n + 1 < count else []
                if n + 2 < count and n % 7 == 0:
                    leads.append(ids[n + 2])
                if n == count - 1 and journeys > 1:
                    entry = ids[0] if (j + 1) % journeys < journeys - 1 else "tp-000-delivery-date"
                    leads.append(f"journey-{(j + 1) % journeys:04d}/{entry}")
                if leads:
                    text.append(f"        leads_to: [{', '.join(leads)}]")
                text.append("")
                n += 1
        text.append("kpis:")
        for kpi_id, name, kpi_owner in own_kpis:
            text += _kpi(rng, kpi_id, name, kpi_owner, "  ")
        text.append("")
        folder = out_dir / "journeys" / f"group-{j // 25:02d}"
        folder.mkdir(parents=True, exist_ok=True)
        (folder / f"{journey_id}.yaml").write_text("\n".join(text), encoding="utf-8")
        written += count
    # Every shared KPI is listed by some touchpoint (no JM302 warnings): the first journey names the rest.
    missing = [kpi_id for kpi_id, _, _ in shared if kpi_id not in used_shared]
    if missing:
        first = next((out_dir / "journeys").rglob("journey-0000.yaml"))
        body = first.read_text(encoding="utf-8")
        own = "kpis: [journey-0000-kpi-0]"
        first.write_text(body.replace(own, f"kpis: [journey-0000-kpi-0, {', '.join(missing)}]", 1), encoding="utf-8")
    return {
        "touchpoints": written,
        "journeys": journeys,
        "personas": len(personas),
        "departments": teams,
        "kpis": len(shared) + 3 * journeys,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out_dir", type=Path)
    parser.add_argument("--touchpoints", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=8)
    parser.add_argument("--departments", type=int, default=len(DEPARTMENTS))
    args = parser.parse_args()
    print(write(args.out_dir, args.touchpoints, args.seed, args.departments))


if __name__ == "__main__":
    main()

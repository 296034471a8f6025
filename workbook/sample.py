"""A fictional sample network for the lessons: Robin Okafor, a data analyst who moved to a new city
three years ago, with 40 contacts and two years of exchanges. Everything here is invented.

The sample lives in a throwaway store on a fixed "today", so every lesson and the book build give
the same numbers on every machine and never touch the learner's own workbook."""

from __future__ import annotations

import atexit
import csv
import datetime as dt
import random
import shutil
import tempfile
from pathlib import Path

from .domain.contacts import Contact
from .domain.exchanges import Exchange, KINDS
from .domain.keep_in_touch import KeepInTouch
from .domain.plans import Plan
from .store import FILE_NAME, Store

PERSONA = "Robin Okafor"
TODAY = dt.date(2026, 6, 30)
START = dt.date(2024, 7, 1)
SEED = 20240701

# name, circle, company, position, interests, Dunbar layer, group, how we met, (gave, received) weights
CONTACTS = [
    ("Ada Okafor", "personal", "", "Retired teacher", "gardening, crosswords", 5, "family", "my mother", (3, 3)),
    ("Tunde Okafor", "personal", "Harbour Clinic", "Nurse", "football, cooking", 5, "family", "my brother", (3, 2)),
    ("Mara Lindqvist", "personal", "", "Illustrator", "comics, climbing", 5, "friends", "flatmate at university", (3, 3)),
    ("Jonah Reyes", "both", "Northwind Freight", "Operations lead", "cycling, supply chains", 5, "friends", "university, then worked together", (3, 3)),
    ("Keiko Tanaka", "personal", "", "Physiotherapist", "running, pottery", 15, "running", "Saturday running club", (2, 2)),
    ("Luis Ortega", "personal", "", "Barista", "running, vinyl records", 15, "running", "Saturday running club", (1, 2)),
    ("Fern Abbott", "personal", "", "Student", "running, chess", 50, "running", "Saturday running club", (2, 1)),
    ("Grace Mwangi", "personal", "", "Architect", "urban design, running", 15, "running", "Saturday running club", (2, 2)),
    ("Omar Haddad", "personal", "", "Neighbour, baker", "bread, community gardens", 15, "neighbours", "next door", (2, 2)),
    ("Bea Novak", "personal", "", "Neighbour", "dogs, film", 50, "neighbours", "the street party", (1, 1)),
    ("Sid Kapoor", "both", "Brightline Analytics", "Data engineer", "python, board games", 15, "meetup", "Python meetup", (2, 2)),
    ("Noor Aziz", "both", "City Council", "Open data officer", "open data, civic tech", 50, "meetup", "Python meetup talk", (2, 3)),
    ("Theo Brandt", "professional", "Brightline Analytics", "Analytics manager", "forecasting, mentoring", 15, "meetup", "introduced by Sid Kapoor", (1, 4)),
    ("Ines Duarte", "both", "Freelance", "Data visualisation designer", "dataviz, typography", 50, "meetup", "PyData conference", (2, 2)),
    ("Wen Li", "professional", "Quayside Logistics", "Senior analyst", "sql, forecasting", 15, "work", "my team", (3, 3)),
    ("Priya Nair", "professional", "Quayside Logistics", "Head of analytics", "leadership, forecasting", 15, "work", "my manager", (1, 3)),
    ("Dan Fischer", "professional", "Quayside Logistics", "Product manager", "product, podcasts", 50, "work", "project kickoff", (2, 2)),
    ("Amara Eze", "professional", "Quayside Logistics", "Junior analyst", "python, music", 50, "work", "I onboarded her", (4, 1)),
    ("Yusuf Demir", "professional", "Quayside Logistics", "Warehouse systems lead", "automation, football", 50, "work", "cross-team project", (2, 2)),
    ("Hannah Berg", "professional", "Quayside Logistics", "HR partner", "learning, hiking", 150, "work", "onboarding week", (1, 1)),
    ("Carlos Mendes", "professional", "Northwind Freight", "Director of data", "strategy, sailing", 50, "former", "my first manager", (1, 3)),
    ("Ruth Adeyemi", "professional", "Northwind Freight", "Analyst", "excel, gospel music", 150, "former", "first job", (1, 1)),
    ("Pavel Sokolov", "professional", "Northwind Freight", "Software engineer", "rust, chess", 150, "former", "first job", (1, 1)),
    ("Lena Hoffmann", "professional", "Kestrel Consulting", "Partner", "pricing, mentoring", 50, "mentors", "mentoring scheme", (1, 4)),
    ("Marcus Bell", "professional", "Open University", "Lecturer in statistics", "statistics, teaching", 50, "mentors", "my dissertation supervisor", (1, 2)),
    ("Sofia Rossi", "professional", "Vela Retail", "Data scientist", "experimentation, cooking", 150, "conference", "PyData conference", (1, 1)),
    ("Kwame Mensah", "professional", "Harbourline", "Founder", "startups, logistics", 150, "conference", "logistics summit", (1, 2)),
    ("Elif Yilmaz", "professional", "Vela Retail", "Recruiter", "talent, travel", 150, "conference", "logistics summit", (0, 2)),
    ("Arjun Rao", "professional", "Cloudnine", "Developer advocate", "python, public speaking", 150, "conference", "webinar Q&A", (1, 1)),
    ("Zoe Carter", "both", "Freelance", "Writer", "books, climbing", 50, "friends", "Mara's birthday", (2, 2)),
    ("Ben Adler", "personal", "", "Teacher", "history, board games", 50, "friends", "board game nights", (2, 2)),
    ("Chidi Obi", "both", "Lagos Data Hub", "Community organiser", "civic tech, open data", 50, "meetup", "online open data forum", (2, 2)),
    ("Maya Goldberg", "professional", "Brightline Analytics", "CTO", "engineering culture, jazz", 150, "meetup", "Python meetup sponsor", (0, 1)),
    ("Tom Whitfield", "personal", "", "Old school friend", "rugby, travel", 150, "school", "secondary school", (0, 0)),
    ("Lucy Chen", "both", "Northwind Freight", "Former colleague, now at a startup", "product analytics, baking", 150, "former", "first job", (0, 0)),
    ("Raj Patel", "professional", "Kestrel Consulting", "Consultant", "pricing, cricket", 150, "mentors", "Lena Hoffmann's team", (0, 0)),
    ("Hiro Sato", "personal", "", "Old flatmate", "photography, ramen", 150, "school", "first flat share", (0, 0)),
    ("Nadia Karim", "professional", "City Council", "Policy analyst", "transport, open data", 150, "meetup", "introduced by Noor Aziz", (1, 1)),
    ("Eva Horvath", "professional", "Quayside Logistics", "Finance business partner", "budgets, tennis", 150, "work", "budget planning", (1, 1)),
    ("Sam Doyle", "personal", "", "Cousin", "music festivals, football", 50, "family", "family", (1, 1)),
]

# Contacts Robin has not heard from in years: their last touch predates the exchange log.
DORMANT_SINCE = {
    "Tom Whitfield": dt.date(2021, 9, 12),
    "Lucy Chen": dt.date(2022, 11, 3),
    "Raj Patel": dt.date(2023, 2, 20),
    "Hiro Sato": dt.date(2020, 12, 24),
}

KIND_WEIGHTS = {
    "personal": {"time": 6, "advice": 2, "resource": 2, "other": 3, "introduction": 1, "feedback": 1},
    "professional": {"advice": 4, "feedback": 3, "introduction": 2, "referral": 2, "endorsement": 2, "resource": 3, "time": 1},
    "both": {"advice": 3, "time": 3, "resource": 3, "introduction": 2, "feedback": 2, "referral": 1, "endorsement": 1},
}

NOTES = {
    "introduction": ["introduced to a friend who is hiring", "connected over email with someone in their field"],
    "referral": ["referred for an open role", "passed their name on for a project"],
    "advice": ["talked through a tricky decision", "advice on salary negotiation", "tips on a talk proposal"],
    "feedback": ["comments on a draft report", "feedback on a CV", "reviewed slides"],
    "endorsement": ["recommendation on LinkedIn", "vouched in a meeting"],
    "time": ["helped move flat", "long walk and catch-up", "cooked dinner", "coffee and a proper chat"],
    "resource": ["lent a book", "shared a useful article", "sent a dataset", "passed on conference tickets"],
    "other": ["birthday present", "looked after the dog", "picked up a parcel"],
}

# Sample plans show the planner filled in; text is ordinary learner-style prose.
PLANS = [
    dict(
        who="Theo Brandt",
        occasion="coffee",
        planned_for=dt.date(2026, 5, 12),
        goal="Learn how Brightline structures its forecasting team",
        openers="How is the new office working out?",
        questions="What makes a forecast trusted by the business?\nWhat would you look for in a senior analyst?",
        offer="Share the demand-planning notebook I built\nIntroduce him to Wen Li, who works on the same problem",
        cultural_notes="",
        talked_about="Team structure, their move to weekly forecasts, his mentoring scheme",
        my_promises="Send the notebook\nIntroduce Wen Li",
        their_promises="Invite me to the forecasting guild",
        follow_up_on=dt.date(2026, 5, 19),
    ),
    dict(
        who="Chidi Obi",
        occasion="video call",
        planned_for=dt.date(2026, 6, 18),
        goal="Plan a joint open data session between our two meetups",
        openers="How did the hackathon in Lagos go?",
        questions="Which datasets did people find most useful?\nWhat time zones work for your members?",
        offer="Host the session on our meetup's video account",
        cultural_notes="Chidi prefers a short agenda sent ahead of time",
        talked_about="",
        my_promises="",
        their_promises="",
        follow_up_on=None,
    ),
    dict(
        who="Lucy Chen",
        occasion="coffee",
        planned_for=dt.date(2026, 7, 8),
        goal="Reconnect after three years; hear about her startup",
        openers="It has been far too long; what have the last three years looked like?",
        questions="What surprised you most about moving to a startup?",
        offer="Feedback on their product analytics setup",
        cultural_notes="",
        talked_about="",
        my_promises="",
        their_promises="",
        follow_up_on=None,
    ),
]


def _weighted(rng: random.Random, weights: dict[str, int]) -> str:
    names = list(weights)
    return rng.choices(names, weights=[weights[n] for n in names])[0]


def populate(store: Store) -> Store:
    """Fill an empty store with the sample network, in one transaction."""
    rng = random.Random(SEED)
    days = (TODAY - START).days
    with store.transaction():
        store.set_meta("today", TODAY.isoformat())
        store.set_meta("persona", PERSONA)
        ids: dict[str, int] = {}
        for name, circle, company, position, interests, layer, group, how_met, _ in CONTACTS:
            ids[name] = store.contacts.save(
                Contact(name, circle, company, position, interests=interests, how_met=how_met, notes=f"group: {group}"),
                KeepInTouch(layer=layer),
            )
        rows = []
        for name, circle, *_, (give, receive) in CONTACTS:
            for direction, weight in (("gave", give), ("received", receive)):
                for _ in range(weight * 2 + rng.randint(0, weight)):
                    kind = _weighted(rng, KIND_WEIGHTS[circle])
                    on = START + dt.timedelta(days=rng.randrange(days + 1))
                    rows.append(Exchange(ids[name], direction, kind, on, rng.choice(NOTES[kind])))
        rows.sort(key=lambda e: (e.on_date, e.contact_id))
        store.exchanges.log_many(rows)
        for name, last in DORMANT_SINCE.items():
            store.touchpoints.log(ids[name], last, "in person", "last proper catch-up")
        groups: dict[str, list[int]] = {}
        for name, *_, group, _how, _w in CONTACTS:
            groups.setdefault(group, []).append(ids[name])
        ties = set()
        for members in groups.values():
            for i, a in enumerate(members):
                for b in members[i + 1 :]:
                    if rng.random() < 0.7:
                        ties.add((min(a, b), max(a, b)))
        # Bridges between groups: the people who connect Robin's worlds.
        for x, y in [
            ("Jonah Reyes", "Carlos Mendes"), ("Jonah Reyes", "Mara Lindqvist"), ("Sid Kapoor", "Wen Li"),
            ("Noor Aziz", "Chidi Obi"), ("Zoe Carter", "Mara Lindqvist"), ("Ben Adler", "Sid Kapoor"),
            ("Lena Hoffmann", "Priya Nair"), ("Grace Mwangi", "Omar Haddad"), ("Ines Duarte", "Sofia Rossi"),
            ("Lucy Chen", "Jonah Reyes"), ("Kwame Mensah", "Carlos Mendes"), ("Arjun Rao", "Sid Kapoor"),
        ]:
            a, b = ids[x], ids[y]
            ties.add((min(a, b), max(a, b)))
        store.ties.add_many(ties)
        for spec in PLANS:
            spec = dict(spec)
            who = spec.pop("who")
            store.plans.save(Plan(contact_id=ids[who], **spec))
    return store


_TEMP_DIRS: list[Path] = []


def _remove_temp_dirs() -> None:
    for folder in _TEMP_DIRS:
        shutil.rmtree(folder, ignore_errors=True)


def sample_store() -> Store:
    """A fresh throwaway store holding the sample network, removed when Python exits."""
    if not _TEMP_DIRS:
        atexit.register(_remove_temp_dirs)
    folder = Path(tempfile.mkdtemp(prefix="workbook-sample-"))
    _TEMP_DIRS.append(folder)
    return populate(Store(folder / FILE_NAME))


def synthetic(store: Store, contacts: int, exchanges: int, *, seed: int = 7) -> Store:
    """A large random network for benchmarks and load tests: not for lessons."""
    rng = random.Random(seed)
    today = store.today()
    with store.transaction():
        ids = [
            store.contacts.add(Contact(f"Contact {i:05d}", rng.choice(("personal", "professional", "both")), interests="python, hiking"))
            for i in range(contacts)
        ]
        store.exchanges.log_many(
            Exchange(
                ids[rng.randrange(contacts)],
                rng.choice(("gave", "received")),
                rng.choice(KINDS),
                today - dt.timedelta(days=rng.randrange(730)),
            )
            for _ in range(exchanges)
        )
    return store


# A large LinkedIn export, for benchmarks and load tests: fictional, and not for lessons.
EXPORT_FIRST_NAMES = ["Ana", "Bilal", "Chiara", "Dmitri", "Efua", "Farid", "Grete", "Hiro", "Ines", "Jonas", "Kemi", "Lars"]
EXPORT_LAST_NAMES = ["Abara", "Berg", "Costa", "Dube", "Eklund", "Fofana", "Gupta", "Haas", "Ito", "Jansen", "Kaur", "Lund"]
EXPORT_COMPANIES = ["Northwind Freight", "Vela Retail", "Hartwell & Sons, Ltd.", 'The "Good" Bakery', "Kumo Cloud", ""]
EXPORT_POSITIONS = ["Analyst", "Director, Data Science", "Engineer", "Founder", "Product Manager", ""]
EXPORT_MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]


def linkedin_export(path: Path, rows: int, *, first: int = 0, seed: int = 2024) -> Path:
    """Write a Connections.csv shaped like LinkedIn's: BOM, CRLF, notes before the header, most
    emails empty. Each row is a different person, numbered from `first` (in the URL and the email),
    so exports with ranges that do not overlap hold no one twice."""
    rng = random.Random(seed)
    with path.open("w", encoding="utf-8-sig", newline="") as out:
        out.write('Notes:\r\n"Some email addresses below are blank because those members do not share them."\r\n\r\n')
        writer = csv.writer(out)
        writer.writerow(["First Name", "Last Name", "URL", "Email Address", "Company", "Position", "Connected On"])
        for number in range(first, first + rows):
            given, family = rng.choice(EXPORT_FIRST_NAMES), rng.choice(EXPORT_LAST_NAMES)
            email = f"{given}.{family}{number}@example.com".lower() if rng.random() < 0.1 else ""
            connected = f"{rng.randint(1, 28):02d} {rng.choice(EXPORT_MONTHS)} {rng.randint(2010, 2025)}"
            writer.writerow([given, family, f"https://www.linkedin.com/in/{given}-{family}-{number}".lower(), email,
                             rng.choice(EXPORT_COMPANIES), rng.choice(EXPORT_POSITIONS), connected])
    return path

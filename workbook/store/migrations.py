"""The workbook's schema, as the steps that build it: append-only, each entry upgrades the schema by
one version. Never edit a released entry; add a new one (and a test in test_store.py that upgrades
a file written at the version before it)."""

from __future__ import annotations

MIGRATIONS: list[str] = [
    # 1: the two core tools
    """
    CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
    CREATE TABLE contacts (
        id INTEGER PRIMARY KEY,
        name TEXT NOT NULL,
        circle TEXT NOT NULL DEFAULT 'professional' CHECK (circle IN ('personal', 'professional', 'both')),
        company TEXT NOT NULL DEFAULT '',
        position TEXT NOT NULL DEFAULT '',
        email TEXT NOT NULL DEFAULT '',
        interests TEXT NOT NULL DEFAULT '',
        how_met TEXT NOT NULL DEFAULT '',
        notes TEXT NOT NULL DEFAULT '',
        created_at TEXT NOT NULL DEFAULT (datetime('now'))
    );
    CREATE TABLE exchanges (
        id INTEGER PRIMARY KEY,
        contact_id INTEGER NOT NULL REFERENCES contacts(id) ON DELETE CASCADE,
        direction TEXT NOT NULL CHECK (direction IN ('gave', 'received')),
        kind TEXT NOT NULL,
        on_date TEXT NOT NULL,
        note TEXT NOT NULL DEFAULT '',
        created_at TEXT NOT NULL DEFAULT (datetime('now'))
    );
    CREATE INDEX exchanges_by_contact ON exchanges(contact_id, direction, on_date);
    CREATE TABLE plans (
        id INTEGER PRIMARY KEY,
        contact_id INTEGER REFERENCES contacts(id) ON DELETE CASCADE,
        occasion TEXT NOT NULL,
        planned_for TEXT,
        goal TEXT NOT NULL DEFAULT '',
        openers TEXT NOT NULL DEFAULT '',
        questions TEXT NOT NULL DEFAULT '',
        offer TEXT NOT NULL DEFAULT '',
        cultural_notes TEXT NOT NULL DEFAULT '',
        talked_about TEXT NOT NULL DEFAULT '',
        my_promises TEXT NOT NULL DEFAULT '',
        their_promises TEXT NOT NULL DEFAULT '',
        follow_up_on TEXT,
        created_at TEXT NOT NULL DEFAULT (datetime('now')),
        updated_at TEXT NOT NULL DEFAULT (datetime('now'))
    );
    CREATE TABLE follow_ups (
        id INTEGER PRIMARY KEY,
        plan_id INTEGER REFERENCES plans(id) ON DELETE CASCADE,
        contact_id INTEGER NOT NULL REFERENCES contacts(id) ON DELETE CASCADE,
        owner TEXT NOT NULL CHECK (owner IN ('me', 'them')),
        promise TEXT NOT NULL,
        due TEXT,
        done_on TEXT
    );
    """,
    # 2: room for the chapters: keep-in-touch, who-knows-whom, quizzes, progress, reflections
    """
    ALTER TABLE contacts ADD COLUMN layer INTEGER CHECK (layer IN (5, 15, 50, 150));
    ALTER TABLE contacts ADD COLUMN cadence_days INTEGER;
    ALTER TABLE contacts ADD COLUMN met_on TEXT;
    ALTER TABLE contacts ADD COLUMN url TEXT NOT NULL DEFAULT '';
    ALTER TABLE contacts ADD COLUMN phone TEXT NOT NULL DEFAULT '';
    ALTER TABLE contacts ADD COLUMN source_key TEXT;
    CREATE UNIQUE INDEX contacts_by_source_key ON contacts(source_key) WHERE source_key IS NOT NULL;
    CREATE TABLE touchpoints (
        id INTEGER PRIMARY KEY,
        contact_id INTEGER NOT NULL REFERENCES contacts(id) ON DELETE CASCADE,
        on_date TEXT NOT NULL,
        channel TEXT NOT NULL DEFAULT '',
        note TEXT NOT NULL DEFAULT ''
    );
    CREATE INDEX touchpoints_by_contact ON touchpoints(contact_id, on_date);
    CREATE TABLE ties (
        a INTEGER NOT NULL REFERENCES contacts(id) ON DELETE CASCADE,
        b INTEGER NOT NULL REFERENCES contacts(id) ON DELETE CASCADE,
        PRIMARY KEY (a, b),
        CHECK (a < b)
    );
    CREATE TABLE quiz_answers (
        chapter TEXT NOT NULL,
        question TEXT NOT NULL,
        choice TEXT NOT NULL,
        correct INTEGER NOT NULL,
        answered_at TEXT NOT NULL DEFAULT (datetime('now')),
        PRIMARY KEY (chapter, question)
    );
    CREATE TABLE progress (
        chapter TEXT NOT NULL,
        item TEXT NOT NULL,
        done_at TEXT NOT NULL DEFAULT (datetime('now')),
        PRIMARY KEY (chapter, item)
    );
    CREATE TABLE reflections (
        chapter TEXT NOT NULL,
        prompt TEXT NOT NULL,
        text TEXT NOT NULL,
        updated_at TEXT NOT NULL DEFAULT (datetime('now')),
        PRIMARY KEY (chapter, prompt)
    );
    """,
    # 3: the planning tools: online presence audit, regular networking time, 30/60/90-day goals
    """
    CREATE TABLE presence_audit (
        network TEXT NOT NULL,
        item TEXT NOT NULL,
        checked INTEGER NOT NULL DEFAULT 0,
        updated_at TEXT NOT NULL DEFAULT (datetime('now')),
        PRIMARY KEY (network, item)
    );
    CREATE TABLE time_blocks (
        id INTEGER PRIMARY KEY,
        label TEXT NOT NULL DEFAULT 'Networking time',
        weekday INTEGER NOT NULL CHECK (weekday BETWEEN 0 AND 6),
        start_time TEXT NOT NULL,
        end_time TEXT NOT NULL,
        starts_on TEXT NOT NULL,
        CHECK (start_time < end_time)
    );
    CREATE INDEX exchanges_by_date ON exchanges(on_date, id);
    CREATE TABLE goals (
        id INTEGER PRIMARY KEY,
        horizon INTEGER NOT NULL CHECK (horizon IN (30, 60, 90)),
        goal TEXT NOT NULL,
        contact_id INTEGER REFERENCES contacts(id) ON DELETE SET NULL,
        done_on TEXT,
        created_at TEXT NOT NULL DEFAULT (datetime('now'))
    );
    """,
    # 4: a message drafted from the message bank travels with its conversation plan
    """
    ALTER TABLE plans ADD COLUMN message TEXT NOT NULL DEFAULT '';
    """,
    # 5: reflections keyed by a stable prompt id (workbook.prompts), so rewording a prompt keeps
    # the answers. The wordings known at this version map to their ids, for the rows written so
    # far and for backups written before it; any other prompt is its own id.
    """
    ALTER TABLE reflections ADD COLUMN prompt_id TEXT;
    CREATE TABLE reflection_prompt_ids (
        chapter TEXT NOT NULL,
        prompt TEXT NOT NULL,
        prompt_id TEXT NOT NULL,
        PRIMARY KEY (chapter, prompt)
    );
    INSERT INTO reflection_prompt_ids (chapter, prompt, prompt_id) VALUES
        ('00', 'What would you like your network to help you with this year?', 'network-goal'),
        ('01', 'When did a personal connection lead to something at work, or the other way round? Who was the bridge?', 'bridge'),
        ('02', 'Pick one interest of yours. Where could you do it every week with the same people, and who might come along?', 'weekly-interest'),
        ('03', 'Which professional group could you join or help run in the next month, and what would you volunteer to do?', 'volunteer'),
        ('04', 'Search for yourself as an employer would. What would they conclude, and what one change would make the picture more accurate?', 'search-yourself'),
        ('05', 'Which relationship has faded since you stopped seeing the person in person? Draft the first two lines of a message.', 'faded-tie'),
        ('06', 'What is your main obstacle to networking, and what is one strategy you will try?', 'main-obstacle'),
        ('06', 'Think of a conversation you felt went badly. How might the other person remember it, and what follow-up could you send?', 'liking-gap'),
        ('07', 'Who has helped you more than you have helped them, and what could you offer them this month?', 'give-back'),
        ('08', 'Who is one person you have lost touch with that you would like to hear from? Write the message you will send this week.', 'lost-touch');
    UPDATE reflections SET prompt_id = (
        SELECT k.prompt_id FROM reflection_prompt_ids k WHERE k.chapter = reflections.chapter AND k.prompt = reflections.prompt
    );
    """,
]
SCHEMA_VERSION = len(MIGRATIONS)

# The tables a learner may analyse, in the order an export lists them.
TABLES = (
    "contacts",
    "exchanges",
    "plans",
    "follow_ups",
    "touchpoints",
    "ties",
    "quiz_answers",
    "progress",
    "reflections",
    "presence_audit",
    "time_blocks",
    "goals",
)

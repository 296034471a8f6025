"""The exports in the programs people use: Debian's khal (a calendar) imports the calendar export
and lists every open follow-up and every weekly time block; khard (an address book) lists every
contact of the vCard export from a folder of its cards. Both are installed by .ci/run; a developer
machine without them skips these tests, and CI fails without them. Each program gets a config
file pointing at this test's own folders, and HOME is the test's folder, so nothing of the
machine's own calendars or address books is read or written."""

from __future__ import annotations

import datetime as dt
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from browser import require_installed
from workbook.domain.time_blocks import TimeBlock
from workbook.sample import populate

KHAL_CONFIG = """\
[calendars]
[[workbook]]
path = {folder}
type = calendar

[locale]
timeformat = %H:%M
dateformat = %Y-%m-%d
longdateformat = %Y-%m-%d
datetimeformat = %Y-%m-%d %H:%M
longdatetimeformat = %Y-%m-%d %H:%M
local_timezone = UTC
default_timezone = UTC

[default]
default_calendar = workbook

[sqlite]
path = {database}
"""

KHARD_CONFIG = """\
[addressbooks]
[[workbook]]
path = {folder}

[general]
debug = no
default_action = list
editor = /bin/false
merge_editor = /bin/false
"""


def run(*args, home: Path) -> subprocess.CompletedProcess:
    env = {**os.environ, "HOME": str(home), "XDG_CONFIG_HOME": str(home / ".config"), "XDG_DATA_HOME": str(home / ".local")}
    result = subprocess.run([str(arg) for arg in args], capture_output=True, text=True, env=env, timeout=120, check=False)
    assert result.returncode == 0, result.stderr
    return result


def workbook_cli(*args) -> subprocess.CompletedProcess:
    """`python -m workbook ...` in its own process, on the test's workbook (WORKBOOK_HOME)."""
    result = subprocess.run([sys.executable, "-m", "workbook", *map(str, args)], capture_output=True, text=True,
                            timeout=120, check=False)
    assert result.returncode == 0, result.stderr
    return result


@pytest.fixture
def network(store):
    """The sample network, its follow-ups, one more at a time of day, and two weekly time blocks."""
    populate(store)
    who = store.backup.records("contacts")[0]["id"]
    with store.transaction() as db:  # a time of day, as a calendar app would let the learner choose
        db.execute("INSERT INTO follow_ups (contact_id, owner, promise, due) VALUES (?, 'me', ?, ?)",
                   (who, "Send the slides, as promised; with notes", "2026-07-20T14:30"))
    store.time_blocks.add(TimeBlock("Networking time", 2, dt.time(8, 30), dt.time(9, 0), dt.date(2026, 7, 1)))
    store.time_blocks.add(TimeBlock("Coffee chats", 4, dt.time(16, 0), dt.time(17, 0), dt.date(2026, 7, 1)))
    return store


def test_khal_imports_every_follow_up_and_time_block(network, tmp_path):
    require_installed(shutil.which("khal") is not None, "khal is not installed: apt-get install khal")
    (tmp_path / "calendar").mkdir()
    config = tmp_path / "khal.conf"
    config.write_text(KHAL_CONFIG.format(folder=tmp_path / "calendar", database=tmp_path / "khal.db"), encoding="utf-8")
    follow_ups = [row for row in network.backup.records("follow_ups") if not row["done_on"] and row["due"]]
    names = network.contacts.names()
    assert len(follow_ups) >= 3

    said = workbook_cli("export", "ics", tmp_path / "workbook.ics").stdout
    assert f"Wrote {len(follow_ups)} open follow-ups as events and 2 weekly time blocks" in said
    run("khal", "-c", config, "import", "--batch", "-a", "workbook", tmp_path / "workbook.ics", home=tmp_path)

    first = min(dt.date.fromisoformat(row["due"][:10]) for row in follow_ups)
    last = max(dt.date.fromisoformat(row["due"][:10]) for row in follow_ups)
    start = min(first, dt.date(2026, 7, 1))
    days = (max(last, dt.date(2026, 7, 14)) - start).days + 1
    listed = run("khal", "-c", config, "list", "--format", "{start} {title}", "--day-format", "",
                 start.isoformat(), f"{days}d", home=tmp_path).stdout.splitlines()
    for row in follow_ups:
        who = names[row["contact_id"]]
        title = f"Follow up with {who}: {row['promise']}" if row["owner"] == "me" else (
            f"Check in with {who}, who promised: {row['promise']}")
        when = row["due"].replace("T", " ")  # all day: the date; timed: date and time, as khal.conf writes them
        assert f"{when} {title}" in listed, listed
    assert "2026-07-20 14:30 Follow up with" in "\n".join(listed)
    assert {"2026-07-01 08:30 Networking time", "2026-07-08 08:30 Networking time",
            "2026-07-03 16:00 Coffee chats", "2026-07-10 16:00 Coffee chats"} <= set(listed)


def test_khard_lists_every_exported_contact_from_a_folder_of_cards(network, tmp_path):
    require_installed(shutil.which("khard") is not None, "khard is not installed: apt-get install khard")
    workbook_cli("export", "vcard", tmp_path / "contacts.vcf")
    folder = tmp_path / "cards"  # a vdir, as khard and vdirsyncer keep an address book: one card a file
    folder.mkdir()
    text = (tmp_path / "contacts.vcf").read_bytes().decode("utf-8")
    cards = [card + "END:VCARD\r\n" for card in text.split("END:VCARD\r\n") if card.strip()]
    for number, card in enumerate(cards):
        (folder / f"{number}.vcf").write_bytes(card.encode("utf-8"))
    config = tmp_path / "khard.conf"
    config.write_text(KHARD_CONFIG.format(folder=folder), encoding="utf-8")

    result = run("khard", "-c", config, "list", "--parsable", home=tmp_path)
    listed = [line.split("\t") for line in result.stdout.splitlines()]
    contacts = network.backup.records("contacts")
    assert len(cards) == len(contacts) == len(listed) == 40
    assert sorted(name for _, name, _ in listed) == sorted(contact["name"] for contact in contacts)
    assert len({uid for uid, _, _ in listed}) == 40
    assert "no UID" not in result.stderr

    workbook_cli("export", "vcard", tmp_path / "again.vcf")  # the same contacts, the same UIDs
    assert [line for line in (tmp_path / "again.vcf").read_text(encoding="utf-8").splitlines() if line.startswith("UID")] == [
        line for line in text.splitlines() if line.startswith("UID")]

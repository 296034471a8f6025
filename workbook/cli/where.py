"""`where`: print where the learner's data lives."""

from ..store import default_path


def register(commands) -> None:
    parser = commands.add_parser("where", help="print the path of your workbook data file")
    parser.set_defaults(handler=run)


def run(args) -> int:
    print(default_path())
    return 0

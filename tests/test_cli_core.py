import subprocess
import sys


def run(*args, env_home=None, **kwargs):
    import os

    env = dict(os.environ)
    if env_home is not None:
        env["WORKBOOK_HOME"] = str(env_home)
    return subprocess.run([sys.executable, "-m", "workbook", *args], capture_output=True, text=True, env=env, **kwargs)


def test_where_honours_workbook_home(tmp_path):
    result = run("where", env_home=tmp_path / "mine")
    assert result.returncode == 0
    assert result.stdout.strip() == str(tmp_path / "mine" / "workbook.sqlite3")


def test_unknown_command_fails_with_usage():
    result = run("fly")
    assert result.returncode != 0 and "invalid choice" in result.stderr

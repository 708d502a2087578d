"""tools/prerequisites.py: what `make` checks on the machine before any work, on fake PATHs,
users and distributions, and for real as a user who is not root."""

import os
import shutil
import subprocess
import tempfile
from pathlib import Path

import pytest

from tools import prerequisites
from tools.prerequisites import Machine, Missing

REPO_ROOT = Path(__file__).resolve().parents[2]
DEBIAN = {"ID": "debian"}
UBUNTU = {"ID": "ubuntu", "ID_LIKE": "debian"}
MINT = {"ID": "linuxmint", "ID_LIKE": "ubuntu debian"}
FEDORA = {"ID": "fedora"}
NOBODY = 65534


def executable(path, text="#!/bin/sh\nexit 0\n"):
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text)
    path.chmod(0o755)
    return str(path)


def machine(tmp_path, *, uid=NOBODY, os_release=DEBIAN, browser_dirs=(), **environ):
    """A machine whose PATH is tmp_path/bin (plus `environ`) and whose HOME is tmp_path."""
    (tmp_path / "bin").mkdir(exist_ok=True)
    environ = {"PATH": str(tmp_path / "bin"), "HOME": str(tmp_path)} | environ
    return Machine(environ=environ, uid=uid, os_release=os_release, browser_dirs=browser_dirs)


# --- Finding a browser -----------------------------------------------------------------------


def test_no_browser_anywhere_is_none(tmp_path):
    assert prerequisites.find_browser(machine(tmp_path)) is None


@pytest.mark.parametrize(
    "installed, expected",
    [
        (["google-chrome"], "google-chrome"),
        (["google-chrome-stable", "chromium"], "chromium"),
        (["chrome", "chromium-browser"], "chromium-browser"),
    ],
)
def test_the_first_browser_name_on_the_path_wins(tmp_path, installed, expected):
    for name in installed:
        executable(tmp_path / "bin" / name)
    assert prerequisites.find_browser(machine(tmp_path)) == str(tmp_path / "bin" / expected)


def test_a_file_that_cannot_be_run_is_not_a_browser(tmp_path):
    (tmp_path / "bin").mkdir()
    (tmp_path / "bin" / "chromium").write_text("")
    assert prerequisites.find_browser(machine(tmp_path)) is None


def test_the_snap_and_google_folders_are_searched_off_the_path(tmp_path):
    snap = executable(tmp_path / "snap" / "bin" / "chromium")
    google = executable(tmp_path / "opt" / "google" / "chrome" / "chrome")
    folders = (str(tmp_path / "snap" / "bin"), str(tmp_path / "opt" / "google" / "chrome"))
    assert prerequisites.find_browser(machine(tmp_path, browser_dirs=folders)) == snap
    os.remove(snap)
    assert prerequisites.find_browser(machine(tmp_path, browser_dirs=folders)) == google


def test_ubuntu_s_chromium_browser_asking_for_the_snap_is_skipped(tmp_path):
    executable(
        tmp_path / "bin" / "chromium-browser",
        "#!/bin/sh\necho \"Command '$0' requires the chromium snap to be installed.\"\n"
        'echo "Please install it with:"\necho\necho "snap install chromium"\nexit 1\n',
    )
    assert prerequisites.find_browser(machine(tmp_path)) is None
    chrome = executable(tmp_path / "bin" / "google-chrome")
    assert prerequisites.find_browser(machine(tmp_path)) == chrome


def test_a_chromium_downloaded_by_playwright_is_found(tmp_path):
    downloads = tmp_path / ".cache" / "ms-playwright"
    executable(downloads / "chromium-1150" / "chrome-linux" / "chrome")
    newest = executable(downloads / "chromium-1160" / "chrome-linux" / "chrome")
    assert prerequisites.find_browser(machine(tmp_path)) == newest

    elsewhere = tmp_path / "browsers"
    shell = executable(
        elsewhere / "chromium_headless_shell-1160" / "chrome-linux" / "headless_shell"
    )
    chosen = machine(tmp_path, PLAYWRIGHT_BROWSERS_PATH=str(elsewhere))
    assert prerequisites.find_browser(chosen) == shell


def test_chromium_in_the_environment_chooses_the_browser(tmp_path):
    executable(tmp_path / "bin" / "chromium")
    chosen = executable(tmp_path / "custom" / "my-chrome")
    assert prerequisites.find_browser(machine(tmp_path, CHROMIUM=chosen)) == chosen


def test_chromium_naming_a_missing_file_says_so(tmp_path):
    executable(tmp_path / "bin" / "chromium")
    with pytest.raises(Missing, match=r"^CHROMIUM=/nowhere/chrome is not an executable file\.$"):
        prerequisites.find_browser(machine(tmp_path, CHROMIUM="/nowhere/chrome"))


# --- What to run when it is missing ----------------------------------------------------------

APT_CHROMIUM = "apt-get install -y --no-install-recommends chromium"
PLAYWRIGHT = "make install && .venv/bin/python -m playwright install --with-deps chromium"


@pytest.mark.parametrize(
    "uid, os_release, sudo, command",
    [
        (NOBODY, DEBIAN, False, f"su -c '{APT_CHROMIUM}'"),  # Debian has no sudo by default
        (NOBODY, DEBIAN, True, f"sudo {APT_CHROMIUM}"),
        (0, DEBIAN, False, APT_CHROMIUM),
        (NOBODY, UBUNTU, True, PLAYWRIGHT),  # Ubuntu's chromium is a snap
        (NOBODY, MINT, True, PLAYWRIGHT),
        (0, UBUNTU, False, PLAYWRIGHT),
        (NOBODY, FEDORA, True, PLAYWRIGHT),
    ],
)
def test_a_missing_browser_is_one_line_naming_one_command(tmp_path, uid, os_release, sudo, command):
    if sudo:
        executable(tmp_path / "bin" / "sudo")
    with pytest.raises(Missing) as missing:
        prerequisites.check_browser(machine(tmp_path, uid=uid, os_release=os_release))
    assert str(missing.value) == (
        "The browser tests need Chromium or Chrome and none was found: run "
        f"`{command}` (or set CHROMIUM=/path/to/chrome)."
    )


@pytest.mark.parametrize(
    "version, has_ensurepip, os_release, message",
    [
        ((3, 11), True, DEBIAN, None),
        ((3, 13), True, FEDORA, None),
        (
            (3, 11),
            False,
            DEBIAN,
            "Python cannot create a virtualenv (no ensurepip): run "
            "`su -c 'apt-get install -y --no-install-recommends python3.11-venv'`.",
        ),
        (
            (3, 12),
            False,
            UBUNTU,
            "Python cannot create a virtualenv (no ensurepip): run "
            "`su -c 'apt-get install -y --no-install-recommends python3.12-venv'`.",
        ),
        (
            (3, 12),
            False,
            FEDORA,
            "Python's venv and ensurepip modules are missing: install python3.12-venv.",
        ),
        (
            (3, 9),
            True,
            DEBIAN,
            "Parlance needs Python 3.11 or newer; this python3 is 3.9: install a newer one and "
            "run make with PYTHON=python3.11 (or newer).",
        ),
    ],
)
def test_python_must_be_recent_and_able_to_make_a_virtualenv(
    tmp_path, version, has_ensurepip, os_release, message
):
    checked = machine(tmp_path, os_release=os_release)
    if message is None:
        prerequisites.check_python(checked, version=version, has_ensurepip=has_ensurepip)
        return
    with pytest.raises(Missing) as missing:
        prerequisites.check_python(checked, version=version, has_ensurepip=has_ensurepip)
    assert str(missing.value) == message


def test_this_python_can_make_a_virtualenv():
    """The check itself, on the Python running the suite (which made .venv)."""
    assert prerequisites.ensurepip_works()


def test_wrk_is_found_on_the_path_or_named(tmp_path):
    executable(tmp_path / "bin" / "sudo")
    with pytest.raises(Missing, match=r"run `sudo apt-get install -y --no-install-recommends wrk`"):
        prerequisites.check_wrk(machine(tmp_path))
    wrk = executable(tmp_path / "bin" / "wrk")
    assert prerequisites.check_wrk(machine(tmp_path)) == wrk


def test_nginx_is_found_in_sbin_off_a_users_path_or_named(tmp_path):
    sbin = tmp_path / "sbin"
    instruction = r"run `su -c 'apt-get install -y --no-install-recommends nginx'`"
    with pytest.raises(Missing, match=instruction):
        prerequisites.check_nginx(machine(tmp_path), dirs=(str(sbin),))
    nginx = executable(sbin / "nginx")
    assert prerequisites.check_nginx(machine(tmp_path), dirs=(str(sbin),)) == nginx


# --- The command line: install as root, else stop with the instruction -----------------------


@pytest.fixture
def commands(monkeypatch):
    """The commands `--install` would run, recorded instead of run."""
    ran = []
    monkeypatch.setattr(prerequisites, "run", ran.append)
    return ran


def test_a_user_who_is_not_root_gets_the_instruction_and_nothing_is_run(tmp_path, commands, capsys):
    executable(tmp_path / "bin" / "apt-get")
    assert prerequisites.main(["--install", "browser", "wrk"], machine(tmp_path)) == 1
    assert commands == []
    out, err = capsys.readouterr()
    assert out == ""
    assert err.splitlines() == [
        "The browser tests need Chromium or Chrome and none was found: run "
        f"`su -c '{APT_CHROMIUM}'` (or set CHROMIUM=/path/to/chrome).",
        "make bench and make soak need wrk: run "
        "`su -c 'apt-get install -y --no-install-recommends wrk'`.",
    ]


def test_root_installs_what_is_missing_then_finds_it(tmp_path, commands, capsys, monkeypatch):
    executable(tmp_path / "bin" / "apt-get")

    def install(command):
        commands.append(command)
        if command == APT_CHROMIUM:
            executable(tmp_path / "bin" / "chromium")

    monkeypatch.setattr(prerequisites, "run", install)
    assert prerequisites.main(["--install", "browser"], machine(tmp_path, uid=0)) == 0
    assert commands == ["apt-get update -qq", APT_CHROMIUM]
    assert capsys.readouterr().out == f"{tmp_path / 'bin' / 'chromium'}\n"


def test_root_on_ubuntu_gets_playwright_s_chromium(tmp_path, commands):
    with pytest.raises(Missing):  # the recorded command downloaded nothing
        prerequisites.main(["--install", "browser"], machine(tmp_path, uid=0, os_release=UBUNTU))
    assert commands == [PLAYWRIGHT]


def test_without_install_root_is_only_told(tmp_path, commands, capsys):
    assert prerequisites.main(["browser"], machine(tmp_path, uid=0)) == 1
    assert commands == []
    assert APT_CHROMIUM in capsys.readouterr().err


def test_a_present_browser_is_printed_and_nothing_installed(tmp_path, commands, capsys):
    chromium = executable(tmp_path / "bin" / "chromium")
    assert prerequisites.main(["--install", "browser"], machine(tmp_path, uid=0)) == 0
    assert (commands, capsys.readouterr().out) == ([], f"{chromium}\n")


def test_root_is_told_what_no_package_fixes(tmp_path, commands, capsys):
    chosen = machine(tmp_path, uid=0, CHROMIUM="/nowhere/chrome")
    assert prerequisites.main(["--install", "browser"], chosen) == 1
    assert commands == []
    assert capsys.readouterr().err == "CHROMIUM=/nowhere/chrome is not an executable file.\n"


def test_an_unknown_need_is_a_usage_error(tmp_path, capsys):
    assert prerequisites.main(["chrome"], machine(tmp_path)) == 2
    assert "prerequisites.py [--install]" in capsys.readouterr().err


# --- For real: a user who is not root, on a machine whose PATH has no browser -----------------

RUNUSER = shutil.which("runuser")
# The machine's own python3 (nobody cannot run one under /root).
SYSTEM_PYTHON = shutil.which("python3", path="/usr/bin:/bin")
AS_NOBODY = pytest.mark.skipif(
    os.geteuid() != 0 or not RUNUSER or not SYSTEM_PYTHON,
    reason="runs a command as nobody with the system's python3: root only",
)


@pytest.fixture
def empty_path():
    """A PATH folder another user can read, holding nothing."""
    folder = tempfile.mkdtemp(prefix="parlance-empty-path-")
    os.chmod(folder, 0o755)  # noqa: S103 - nobody must read it
    yield folder
    os.rmdir(folder)


def as_nobody(empty_path, *command):
    return subprocess.run(
        [
            RUNUSER,
            "-u",
            "nobody",
            "--",
            "env",
            "-i",
            f"PATH={empty_path}",
            "HOME=/nonexistent",
            *command,
        ],
        cwd=REPO_ROOT,
        capture_output=True,
        text=True,
        timeout=60,
    )


def expected_instruction():
    nobody = Machine(environ={"PATH": ""}, uid=NOBODY)
    return (
        "The browser tests need Chromium or Chrome and none was found: run "
        f"`{prerequisites.browser_instruction(nobody)}` (or set CHROMIUM=/path/to/chrome)."
    )


@AS_NOBODY
def test_make_test_as_a_user_without_chromium_stops_at_once_with_the_instruction(empty_path):
    """`make test` as `nobody`, whose PATH finds no browser: the first thing it prints is the
    instruction, and it stops before creating or installing anything."""
    completed = as_nobody(
        empty_path,
        "/usr/bin/make",
        "--no-print-directory",
        "test",
        f"PYTHON={SYSTEM_PYTHON}",
        "VENV=/nonexistent/venv",
    )
    assert completed.returncode == 2, completed
    assert completed.stdout == ""
    assert completed.stderr.splitlines()[0] == expected_instruction()
    assert "Error 1" in completed.stderr.splitlines()[1]  # make's own line, naming the target
    assert len(completed.stderr.splitlines()) == 2


@AS_NOBODY
def test_the_check_as_a_user_without_chromium_with_install_asked(empty_path):
    completed = as_nobody(
        empty_path, SYSTEM_PYTHON, "tools/prerequisites.py", "--install", "browser"
    )
    assert (completed.returncode, completed.stdout) == (1, "")
    assert completed.stderr == expected_instruction() + "\n"

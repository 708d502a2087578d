"""What Parlance needs from the machine, checked before `make` does any work.

    python3 tools/prerequisites.py [--install] python|browser|wrk|nginx ...

- python: Python 3.11+ able to create a virtualenv (`venv` with `ensurepip`, which Debian and
  Ubuntu ship apart, in python3.X-venv).
- browser: Chromium or Chrome for the browser tests: `CHROMIUM` if set, else the first of
  chromium, chromium-browser, google-chrome(-stable) or chrome on the PATH, in /snap/bin or
  /opt/google/chrome, else a Chromium that Playwright downloaded. Its path is printed.
- wrk: the load generator of `make bench` and `make soak`.
- nginx: the front proxy of `make topology` and of the production topology's tests (Debian's
  puts it in /usr/sbin, which is not on a non-root user's PATH).

Whatever is missing is installed when running as root with `--install` (Debian's packages with
apt-get; on Ubuntu, which has no Chromium package but a snap, Playwright's own Chromium), or
else one line names the command that installs it, and the exit status is 1.

Only the standard library, and syntax that older Pythons still parse: this runs on the
machine's python3, before the virtualenv exists (and says so if that Python is too old).
"""

import glob
import importlib
import os
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

MINIMUM_PYTHON = (3, 11)
BROWSER_NAMES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable", "chrome")
# Where distributions put a browser that may not be on the PATH: Ubuntu's snap, Google's .deb.
BROWSER_DIRS = ("/snap/bin", "/opt/google/chrome")
# Playwright's downloads (`playwright install chromium`), newest revision first.
PLAYWRIGHT_BROWSERS = (
    "chromium-*/chrome-linux*/chrome",
    "chromium_headless_shell-*/chrome-linux*/headless_shell",
)
PLAYWRIGHT_ROUTE = "make install && .venv/bin/python -m playwright install --with-deps chromium"


class Missing(Exception):
    """A prerequisite is missing; the message says how to install it, in one line."""

    def __init__(self, message, installable=True):
        super().__init__(message)
        self.installable = installable  # by this script, as root


class Machine:
    """What the checks look at: the environment, the user, the distribution. Tests build one
    with a fake PATH, user id and /etc/os-release."""

    def __init__(self, environ=None, uid=None, os_release=None, browser_dirs=BROWSER_DIRS):
        self.environ = os.environ if environ is None else environ
        self.uid = os.geteuid() if uid is None else uid
        self.os_release = read_os_release() if os_release is None else os_release
        self.browser_dirs = browser_dirs

    @property
    def is_root(self):
        return self.uid == 0

    def which(self, name, extra_dirs=()):
        path = os.pathsep.join([self.environ.get("PATH", ""), *extra_dirs])
        return shutil.which(name, path=path)

    @property
    def distribution(self):
        """ "debian", "ubuntu" (and its derivatives) or "other"."""
        names = [self.os_release.get("ID", "")] + self.os_release.get("ID_LIKE", "").split()
        if "ubuntu" in names:
            return "ubuntu"
        if "debian" in names:
            return "debian"
        return "other"

    def as_root(self, command):
        """`command` as this user would type it to run it as root."""
        if self.is_root:
            return command
        if self.which("sudo"):
            return f"sudo {command}"
        # Debian installs no sudo by default.
        return f"su -c {shlex.quote(command)}"


def read_os_release(path="/etc/os-release"):
    try:
        lines = Path(path).read_text().splitlines()
    except OSError:
        return {}
    fields = {}
    for line in lines:
        name, sep, value = line.partition("=")
        if sep:
            fields[name.strip()] = value.strip().strip("\"'")
    return fields


def apt_install(package):
    return f"apt-get install -y --no-install-recommends {package}"


# --- Python ----------------------------------------------------------------------------------


def check_python(machine, version=None, has_ensurepip=None):
    """Raise Missing unless this Python is recent enough and can make a virtualenv."""
    version = tuple(sys.version_info[:2]) if version is None else version
    if version < MINIMUM_PYTHON:
        raise Missing(
            f"Parlance needs Python {'.'.join(map(str, MINIMUM_PYTHON))} or newer; this python3 "
            f"is {'.'.join(map(str, version))}: install a newer one and run make with "
            "PYTHON=python3.11 (or newer).",
            installable=False,
        )
    usable = ensurepip_works() if has_ensurepip is None else has_ensurepip
    if not usable:
        package = "python{}.{}-venv".format(*version)
        if machine.distribution == "other":
            raise Missing(f"Python's venv and ensurepip modules are missing: install {package}.")
        raise Missing(
            f"Python cannot create a virtualenv (no ensurepip): run "
            f"`{machine.as_root(apt_install(package))}`."
        )


def ensurepip_works():
    """Debian and Ubuntu ship ensurepip, which `python3 -m venv` needs, in python3.X-venv."""
    importlib.invalidate_caches()  # it may have been installed since this process started
    try:
        import ensurepip
        import venv  # noqa: F401

        return bool(ensurepip.version())
    except Exception:  # noqa: BLE001 - any failure means venv would fail the same way
        return False


def install_python(machine):
    version = "{}.{}".format(*sys.version_info[:2])
    run_as_root(machine, apt_install(f"python{version}-venv"))


# --- Browser ---------------------------------------------------------------------------------


# How the tests and benchmarks start the browser: headless as root, and quiet (no updates,
# sync or background requests: the machines have no internet beyond package registries).
HEADLESS_ARGS = (
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
)


def find_browser(machine):
    """The path of a Chromium or Chrome to drive, or None."""
    chosen = machine.environ.get("CHROMIUM")
    if chosen:
        if not is_executable(chosen):
            raise Missing(f"CHROMIUM={chosen} is not an executable file.", installable=False)
        return chosen
    for name in BROWSER_NAMES:
        path = machine.which(name, machine.browser_dirs)
        if path and not is_snap_stand_in(path):
            return path
    for pattern in PLAYWRIGHT_BROWSERS:
        found = sorted(glob.glob(str(playwright_browsers(machine) / pattern)), reverse=True)
        for path in found:
            if is_executable(path):
                return path
    return None


def is_executable(path):
    return os.path.isfile(path) and os.access(path, os.X_OK)


def is_snap_stand_in(path):
    """Ubuntu's chromium-browser "package" is a script asking for the snap, which is not there
    (else `chromium` would have been found in /snap/bin first)."""
    try:
        with open(path, "rb") as file:
            head = file.read(8192)
    except OSError:
        return False
    return head.startswith(b"#!") and b"snap install chromium" in head


def playwright_browsers(machine):
    configured = machine.environ.get("PLAYWRIGHT_BROWSERS_PATH")
    if configured and configured != "0":
        return Path(configured)
    return Path(machine.environ.get("HOME", "/nonexistent")) / ".cache" / "ms-playwright"


def browser_instruction(machine):
    """The one command that gives this machine a browser the tests can drive."""
    if machine.distribution == "debian":
        return machine.as_root(apt_install("chromium"))
    return PLAYWRIGHT_ROUTE


def check_browser(machine):
    path = find_browser(machine)
    if path is None:
        raise Missing(
            "The browser tests need Chromium or Chrome and none was found: run "
            f"`{browser_instruction(machine)}` (or set CHROMIUM=/path/to/chrome)."
        )
    return path


def install_browser(machine):
    if machine.distribution == "debian":
        run_as_root(machine, apt_install("chromium"))
    else:
        run(PLAYWRIGHT_ROUTE)


# --- wrk -------------------------------------------------------------------------------------


def check_wrk(machine):
    path = machine.which("wrk")
    if path is None:
        raise Missing(
            f"make bench and make soak need wrk: run `{machine.as_root(apt_install('wrk'))}`."
        )
    return path


def install_wrk(machine):
    run_as_root(machine, apt_install("wrk"))


# --- nginx -----------------------------------------------------------------------------------

NGINX_DIRS = ("/usr/sbin", "/usr/local/sbin")


def check_nginx(machine, dirs=NGINX_DIRS):
    path = machine.which("nginx", extra_dirs=dirs)
    if path is None:
        raise Missing(f"make topology needs nginx: run `{machine.as_root(apt_install('nginx'))}`.")
    return path


def install_nginx(machine):
    run_as_root(machine, apt_install("nginx"))


# --- Command line ----------------------------------------------------------------------------

CHECKS = {
    "python": check_python,
    "browser": check_browser,
    "wrk": check_wrk,
    "nginx": check_nginx,
}
INSTALLS = {
    "python": install_python,
    "browser": install_browser,
    "wrk": install_wrk,
    "nginx": install_nginx,
}


def run(command):
    print(f"Installing: {command}", file=sys.stderr)
    subprocess.run(command, shell=True, check=True)  # noqa: S602 - our own fixed commands


def run_as_root(machine, command):
    if machine.which("apt-get") is None:
        raise Missing(f"Cannot install without apt-get; install what `{command}` would.")
    run("apt-get update -qq")
    run(command)


def main(arguments, machine=None):
    machine = machine or Machine()
    install = "--install" in arguments
    needs = [argument for argument in arguments if argument != "--install"]
    unknown = [need for need in needs if need not in CHECKS]
    if not needs or unknown:
        print(__doc__.strip().splitlines()[2], file=sys.stderr)
        return 2
    status = 0
    for need in needs:
        try:
            found = CHECKS[need](machine)
        except Missing as missing:
            if not (install and machine.is_root and missing.installable):
                print(missing, file=sys.stderr)
                status = 1
                continue
            INSTALLS[need](machine)
            found = CHECKS[need](machine)
        if need == "browser":
            print(found)
    return status


if __name__ == "__main__":
    try:
        sys.exit(main(sys.argv[1:]))
    except (Missing, subprocess.CalledProcessError) as error:
        print(error, file=sys.stderr)
        sys.exit(1)

# Copyright (c) 2026 dondoc authors, see the included COPYING file
"""The Debian package, as an administrator gets it: dpkg-buildpackage
builds dovecot-dondoc from a copy of the tree, lintian finds no error,
apt-get installs it into the system's Dovecot, a report is delivered
through the installed plugin and command (a private Dovecot instance that
loads them from the system's module directory), and apt-get purge leaves
nothing behind.

It installs into the system, so it runs only where that is wanted: in CI
(CI set) or with DONDOC_TEST_PACKAGE=1; elsewhere it reports a skip."""

import glob
import os
import pwd
import shutil
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "lib"))
from dovecot_conf24 import CONFIG_MODULES, SETTINGS_MODULE  # noqa: E402
from dovecot_harness import srcdir  # noqa: E402
from tap import Tap  # noqa: E402

PKG = "dovecot-dondoc"
MODDIR = "/usr/lib/dovecot/modules"


def run(*cmd, cwd=None, env=None, check=True):
    proc = subprocess.run(list(cmd), cwd=cwd, env=env, stdin=subprocess.DEVNULL,
                          stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                          text=True, errors="replace")
    if check and proc.returncode != 0:
        raise AssertionError("%s failed (%d):\n%s" % (" ".join(cmd), proc.returncode,
                                                        proc.stdout[-4000:]))
    return proc


class Package:
    def __init__(self):
        self.work = tempfile.mkdtemp(prefix="dondoc-package-")
        self.src = os.path.join(self.work, "dondoc-0.1.0")
        self.deb = None
        self.files = []

    def build(self):
        # a copy without the build tree or git: what a source package holds
        shutil.copytree(srcdir(), self.src, symlinks=True, ignore=shutil.ignore_patterns(
            "_build", ".git", "autom4te.cache", "*.o", "*.lo"))
        run("dpkg-buildpackage", "-us", "-uc", "-b", "-j2", cwd=self.src)
        debs = glob.glob(os.path.join(self.work, PKG + "_*.deb"))
        assert len(debs) == 1, debs
        self.deb = debs[0]

    def contents(self):
        out = run("dpkg-deb", "-c", self.deb).stdout
        return [line.split()[-1].lstrip(".") for line in out.splitlines()]

    def field(self, name):
        return run("dpkg-deb", "-f", self.deb, name).stdout.strip()


def unit_dir():
    """Where debian/rules puts the systemd units: /usr/lib on Debian 13
    (debhelper 13.11.6 and later), /lib on 12."""
    version = run("dpkg-query", "-W", "-f=${Version}", "debhelper").stdout
    new = subprocess.run(["dpkg", "--compare-versions", version, "ge",
                          "13.11.6~"]).returncode == 0
    return "/usr/lib/systemd/system" if new else "/lib/systemd/system"


def test_built(pkg):
    pkg.build()
    files = pkg.contents()
    for path in ("/usr/bin/dondoc", "/usr/libexec/dondoc/dondoc-extract", MODDIR + "/sieve/lib90_sieve_dondoc_plugin.so",
                 "/etc/dovecot/conf.d/90-sieve-dondoc.conf",
                 "/usr/share/dondoc/vn-public-service-calendar-2022-2026.tsv",
                 "/usr/share/dondoc/templates/receipt.txt",
                 "/usr/share/dondoc/templates/chase.txt",
                 "/usr/share/man/man1/dondoc.1.gz", "/usr/share/man/man7/dondoc-sieve.7.gz",
                 unit_dir() + "/dondoc-sweep@.timer",
                 unit_dir() + "/dondoc-outbox@.service",
                 "/usr/share/doc/dovecot-dondoc/examples/secretariat.sieve",
                 "/usr/share/doc/dovecot-dondoc/examples/kien-giang-committee.csv",
                 MODDIR + "/lib20_dondoc_plugin.so",
                 "/var/lib/dondoc/"):
        assert path in files, "%s not in the package:\n%s" % (path, "\n".join(files))
    assert not [f for f in files if f.endswith(".la")], "libtool archives shipped"
    abi = open("/usr/share/dovecot/dovecot-abi").read().strip()
    depends = pkg.field("Depends")
    assert "dovecot-abi-" + abi in depends, depends
    # ... which is the installed Dovecot's (2.3.abiv19 on Debian 12,
    # 2.4.abiv1 on 13), so the package installs next to it
    provides = run("dpkg-query", "-W", "-f=${Provides}", "dovecot-core").stdout
    assert "dovecot-abi-" + abi in provides, (abi, provides)
    assert "dovecot-sieve" in depends, depends
    # what the extractor runs for PDF and .doc attachments
    assert "poppler-utils" in depends and "antiword" in depends, depends


def test_lintian(pkg):
    out = run("lintian", "--tag-display-limit", "0", pkg.deb, check=False).stdout
    errors = [line for line in out.splitlines() if line.startswith("E:")]
    assert not errors, "lintian errors:\n" + "\n".join(errors)
    for line in out.splitlines():
        print("# " + line)


def test_install(pkg):
    run("apt-get", "install", "-y", "-q", "--no-install-recommends", pkg.deb,
        env=dict(os.environ, DEBIAN_FRONTEND="noninteractive"))
    status = run("dpkg-query", "-W", "-f=${Status}", PKG).stdout
    assert status == "install ok installed", status
    pkg.files = [f for f in run("dpkg", "-L", PKG).stdout.splitlines() if f]
    st = os.stat("/var/lib/dondoc")
    owner = pwd.getpwuid(st.st_uid).pw_name
    assert owner != "root", "/var/lib/dondoc owned by root"
    assert st.st_mode & 0o777 == 0o770, oct(st.st_mode)
    # the installed configuration changes nothing until edited
    conf = open("/etc/dovecot/conf.d/90-sieve-dondoc.conf").read()
    live = [line for line in conf.splitlines()
            if line.strip() and not line.lstrip().startswith("#")]
    assert not live, live
    out = run("/usr/bin/dondoc", "--version").stdout
    assert "0.1.0" in out, out


def test_deliver(pkg):
    """A report through the installed plugin and command."""
    env = dict(os.environ,
               DONDOC_STAGE_BIN="/usr/bin/dondoc",
               DONDOC_STAGE_SIEVE_PLUGINDIR=MODDIR + "/sieve")
    script = os.path.join(os.path.dirname(__file__), "deliver_installed.py")
    out = run(sys.executable, script, env=env).stdout
    assert "delivered-and-recorded" in out, out


README_MARK = "<!-- run by tests/package/test_package.py, as written -->"


def readme_block():
    """The indented block after the README's marker, as a shell script."""
    with open(os.path.join(srcdir(), "README.md")) as f:
        lines = f.read().split(README_MARK, 1)[1].splitlines()
    block, started = [], False
    for line in lines:
        if line.startswith("    "):
            started = True
            block.append(line[4:])
        elif started and line.strip():
            break
    assert block, "no code block after the README marker"
    return "\n".join(block) + "\n"


def test_readme(pkg):
    """The README's store commands, run literally on the installed package."""
    run("sh", "-e", "-c", readme_block())
    owner = pwd.getpwuid(os.stat("/var/lib/dondoc").st_uid).pw_name
    out = run("runuser", "-u", owner, "--", "/usr/bin/dondoc", "--db",
              "/var/lib/dondoc/dondoc.db", "agency", "list").stdout
    assert len(out.splitlines()) >= 5, out
    st = os.stat("/var/lib/dondoc/dondoc.db")
    assert st.st_uid == os.stat("/var/lib/dondoc").st_uid, "store not the mail user's"


def test_purge(pkg):
    run("apt-get", "purge", "-y", "-q", PKG,
        env=dict(os.environ, DEBIAN_FRONTEND="noninteractive"))
    assert run("dpkg-query", "-W", PKG, check=False).returncode != 0 or \
        run("dpkg-query", "-W", "-f=${Status}", PKG).stdout.startswith("unknown"), \
        "package still known"
    left = [f for f in pkg.files
            if os.path.lexists(f) and not os.path.isdir(f)]
    assert not left, "left after purge: %s" % left
    assert not os.path.exists("/var/lib/dondoc"), "/var/lib/dondoc left"
    assert not os.path.exists("/etc/dovecot/conf.d/90-sieve-dondoc.conf")


def saved_settings_module():
    """The 2.4 settings module the tests installed (dovecot_conf24), if
    any: installing the package replaces it and purging removes it, and
    every later Dovecot 2.4 test needs it."""
    path = os.path.join(CONFIG_MODULES, SETTINGS_MODULE)
    try:
        with open(path, "rb") as f:
            return path, f.read()
    except FileNotFoundError:
        return path, None


def restore_settings_module(saved):
    path, data = saved
    if data is None or os.path.exists(path):
        return
    with open(path + ".tmp", "wb") as f:
        f.write(data)
    os.chmod(path + ".tmp", 0o644)
    os.rename(path + ".tmp", path)


def main():
    if not (os.environ.get("CI") or os.environ.get("DONDOC_TEST_PACKAGE")):
        print("1..0 # SKIP installs into the system: set CI or DONDOC_TEST_PACKAGE=1")
        return
    tap = Tap()
    pkg = Package()
    saved = saved_settings_module()
    try:
        tap.run("dpkg-buildpackage builds dovecot-dondoc with the ABI dependency",
                test_built, pkg)
        if pkg.deb is None:
            return
        tap.run("lintian reports no error", test_lintian, pkg)
        tap.run("apt-get install: files in place, /var/lib/dondoc the mail user's",
                test_install, pkg)
        tap.run("a report delivered through the installed plugin is recorded",
                test_deliver, pkg)
        tap.run("the README's store commands run as written", test_readme, pkg)
        tap.run("apt-get purge leaves nothing behind", test_purge, pkg)
    finally:
        if run("dpkg-query", "-W", "-f=${Status}", PKG, check=False).stdout.startswith(
                "install"):
            run("apt-get", "purge", "-y", "-q", PKG, check=False,
                env=dict(os.environ, DEBIAN_FRONTEND="noninteractive"))
        restore_settings_module(saved)
        shutil.rmtree(pkg.work, ignore_errors=True)
        tap.done()


if __name__ == "__main__":
    main()

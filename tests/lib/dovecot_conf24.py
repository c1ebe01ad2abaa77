# Copyright (c) 2026 dondoc authors, see the included COPYING file
"""dovecot.conf for Dovecot 2.4, from the same description the harness
writes in 2.3 syntax: no plugin {} block (every setting is top-level and
declared; dondoc's come from libdondoc_settings.so), mail_driver and
mail_path, sieve_script blocks, and plugins and Sieve extensions enabled
as boolean lists. Also the one place that knows which Dovecot runs."""

import os
import re
import shutil
import subprocess

CONFIG_MODULES = "/usr/lib/dovecot/modules/settings"
SETTINGS_MODULE = "libdondoc_settings.so"
_version = None


def dovecot_version():
    """(major, minor) of the installed dovecot."""
    global _version
    if _version is None:
        out = subprocess.run(["dovecot", "--version"], capture_output=True,
                             text=True).stdout
        m = re.match(r"(\d+)\.(\d+)", out)
        _version = (int(m.group(1)), int(m.group(2))) if m else (2, 3)
    return _version


def is_24():
    return dovecot_version() >= (2, 4)


def version_string():
    out = subprocess.run(["dovecot", "--version"], capture_output=True,
                         text=True).stdout
    # "2.4.1-4 (7d8c0e5759)": Debian's revision is no config version
    return re.match(r"\d+\.\d+\.\d+", out).group(0)


def install_settings_module(moduledir):
    """2.4's config process reads setting declarations only from its
    fixed module dir, so the built libdondoc_settings.so goes there
    (only if it differs; as root). Without it 2.4 refuses dondoc_*."""
    built = os.path.join(moduledir, SETTINGS_MODULE)
    if not os.path.exists(built):
        built = os.path.join(moduledir, "settings", SETTINGS_MODULE)
    if not os.path.exists(built):
        raise RuntimeError("settings module not built: %s" % built)
    dest = os.path.join(CONFIG_MODULES, SETTINGS_MODULE)
    if os.path.exists(dest):
        with open(built, "rb") as a, open(dest, "rb") as b:
            if a.read() == b.read():
                return
    shutil.copy(built, dest + ".tmp")
    os.rename(dest + ".tmp", dest)


def _boollist(name, value):
    """'+a -b c' (2.3) -> 'name { a = yes  b = no  c = yes }'"""
    items = []
    for word in value.split():
        on = not word.startswith("-")
        items.append("  %s = %s\n" % (word.lstrip("+-"), "yes" if on else "no"))
    return "%s {\n%s}\n" % (name, "".join(items))


def _script(value):
    """sieve = [file:]PATH[;opts] -> a personal sieve_script block"""
    path = value.split(";", 1)[0]
    if path.startswith("file:"):
        path = path[5:]
    return ("sieve_script personal {\n  driver = file\n  path = %s\n}\n"
            % path)


def _userdb_script(kind, path):
    """2.3's userdb sieve_before/sieve_after=PATH as 2.4 userdb fields: a
    sieve_script named after its kind appended to the list, then that
    filter's settings (2.4 has no sieve_before; a userdb field names a
    setting, a named list filter's as LIST/NAME/SETTING)."""
    prefix = "userdb_sieve_script/%s/sieve_script_" % kind
    return ["userdb_sieve_script+=%s" % kind,
            prefix + "type=%s" % kind,
            prefix + "driver=file",
            prefix + "path=%s" % path]


def userdb_fields(fields):
    """A passwd-file line's extra fields, written for 2.3, as the installed
    Dovecot wants them: unchanged on 2.3; on 2.4 userdb_sieve_before and
    userdb_sieve_after become sieve_script filters."""
    if not is_24():
        return fields
    out = []
    for field in fields.split():
        key, _, value = field.partition("=")
        if key in ("userdb_sieve_before", "userdb_sieve_after"):
            out += _userdb_script(key[len("userdb_sieve_"):], value)
        else:
            out.append(field)
    return " ".join(out)


LISTS = ("sieve_plugins", "sieve_extensions", "sieve_global_extensions")


def settings_block(settings):
    """The 2.3 plugin {} settings as 2.4 top-level settings."""
    out = []
    for key, value in sorted(settings.items()):
        if value is None:
            continue
        if key == "sieve":
            out.append(_script(value))
        elif key in LISTS:
            out.append(_boollist(key, value))
        else:
            out.append("%s = %s\n" % (key, value))
    return "".join(out)


def settings_conf(settings):
    """Settings as the installed Dovecot wants them in a dovecot.conf a
    test writes itself: a plugin {} block on 2.3; on 2.4 the version
    header and top-level settings."""
    if not is_24():
        return "plugin {\n%s}\n" % "".join(
            "  %s = %s\n" % kv for kv in sorted(settings.items())
            if kv[1] is not None)
    version = version_string()
    return ("dovecot_config_version = %s\ndovecot_storage_version = %s\n"
            % (version, version)) + settings_block(settings)


def conf(h, mods, passwd, settings):
    """The 2.4 dovecot.conf of harness h (a PrivateDovecot)."""
    d = h.dir
    version = version_string()
    mail_conf = ""
    # LMTP loads the mail plugin anyway: it holds the Sieve plugin's
    # store connection (lib/tracking/dondoc-owner.h)
    lmtp_plugins = "    dondoc = yes\n" if h.lmtp_mail_plugin else ""
    if h.mail_plugin:
        mail_conf = "mail_plugins {\n  dondoc = yes\n}\n"
    if h.sent_mailbox:
        mail_conf += """namespace inbox {
  inbox = yes
  mailbox Sent {
    special_use = \\Sent
    auto = create
  }
}
"""
    return f"""# Private test instance written by tests/lib/dovecot_harness.py
dovecot_config_version = {version}
dovecot_storage_version = {version}
instance_name = dondoc-{os.path.basename(d)}
base_dir = {d}/run
state_dir = {d}/state
log_path = {h.log}
info_log_path = {h.log}
protocols = lmtp imap
listen = 127.0.0.1
ssl = no
auth_allow_cleartext = yes
auth_mechanisms = plain
# 2.3's passwd-file username_format=%n: look users up without the domain
auth_username_format = %{{user | username | lower}}
mail_driver = maildir
mail_path = ~/Maildir
mail_plugin_dir = {mods}
first_valid_uid = 1000
{mail_conf}passdb passwd-file {{
  passwd_file_path = {passwd}
}}
userdb passwd-file {{
  passwd_file_path = {passwd}
}}
service lmtp {{
  inet_listener lmtp {{
    listen = 127.0.0.1
    port = {h.lmtp_port}
  }}
}}
service imap-login {{
  inet_listener imap {{
    listen = 127.0.0.1
    port = {h.imap_port}
  }}
  inet_listener imaps {{
    port = 0
  }}
}}
protocol lmtp {{
  mail_plugins {{
{lmtp_plugins}    sieve = yes
  }}
  postmaster_address = postmaster@bcd06.example.vn
}}
{settings_block(settings)}{h.extra_conf}
"""


def one_lmtp_conf():
    """dovecot.conf lines pinning a single lmtp process that serves every
    connection in turn. 2.3 reuses lmtp processes by default
    (service_count = 0); 2.4 starts one per connection
    (restart_request_count = 1), so a test needing a process that already
    has the store open must ask for it."""
    count = ("restart_request_count = unlimited" if is_24()
             else "service_count = 0")
    return "service lmtp {\n  %s\n  process_limit = 1\n}\n" % count


def override_key(name):
    """The -o key of a setting: plugin/NAME on 2.3, NAME on 2.4."""
    return name if is_24() else "plugin/" + name


if __name__ == "__main__":
    # for shell tests: `dovecot_conf24.py conf K=V...` prints a
    # dovecot.conf with those settings, `dovecot_conf24.py key NAME` the
    # -o key of NAME
    import sys
    if sys.argv[1] == "key":
        print(override_key(sys.argv[2]))
    else:
        print(settings_conf(dict(a.split("=", 1) for a in sys.argv[2:])),
              end="")

# clitest.py — runs the real tandemctl on real workspace files in a temp dir
#
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Each test file is run as: python3 test_X.py /path/to/tandemctl [unittest args]

import hashlib
import json
import os
import re
import shutil
import sqlite3
import stat
import subprocess
import sys
import tempfile
import unittest

TANDEMCTL = None

UUID_RE = re.compile(r'^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$')
UTC_RE = re.compile(r'^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$')
DATE_RE = re.compile(r'^\d{4}-\d{2}-\d{2}$')
TIME_RE = re.compile(r'^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}[+-]\d{2}:\d{2}$')

NOBODY = 65534


class Result:
    def __init__(self, proc):
        self.rc = proc.returncode
        self.out = proc.stdout
        self.err = proc.stderr

    def __repr__(self):
        return f'<rc={self.rc} out={self.out!r} err={self.err!r}>'


def _drop_to_nobody():
    os.setgroups([])
    os.setgid(NOBODY)
    os.setuid(NOBODY)


class CliTestCase(unittest.TestCase):
    maxDiff = None

    def setUp(self):
        self.tmp = tempfile.mkdtemp(prefix='tandemctl-test-')
        self.addCleanup(self._cleanup)
        self.ws = os.path.join(self.tmp, 'w.tandem')
        self.env = {k: v for k, v in os.environ.items()
                    if k not in ('TANDEM_WORKSPACE', 'TANDEM_USER')}
        # the default workspace must never be the tester's own
        self.env['HOME'] = os.path.join(self.tmp, 'home')
        self.env['XDG_DATA_HOME'] = os.path.join(self.tmp, 'home', '.local', 'share')
        self.env.setdefault('TZ', 'UTC')
        self.env.setdefault('LC_ALL', 'C.UTF-8')

    def _cleanup(self):
        for root, dirs, files in os.walk(self.tmp):
            for name in dirs + files:
                path = os.path.join(root, name)
                if not os.path.islink(path):
                    os.chmod(path, 0o700)
        os.chmod(self.tmp, 0o700)
        shutil.rmtree(self.tmp, ignore_errors=True)

    # running

    def run_cli(self, *args, ws=None, env=None, as_nobody=False, tz=None):
        """Runs tandemctl with --workspace (self.ws unless ws= says otherwise;
        ws=False gives none) in front of ARGS."""
        argv = [TANDEMCTL]
        if ws is not False:
            argv += ['--workspace', ws or self.ws]
        argv += list(args)
        run_env = dict(self.env)
        if env:
            for k, v in env.items():
                if v is None:
                    run_env.pop(k, None)
                else:
                    run_env[k] = v
        if tz:
            run_env['TZ'] = tz
        proc = subprocess.run(argv, capture_output=True, text=True, env=run_env, cwd=self.tmp,
                              timeout=60, preexec_fn=_drop_to_nobody if as_nobody else None)
        return Result(proc)

    def ok(self, *args, **kw):
        r = self.run_cli(*args, **kw)
        self.assertEqual(r.rc, 0, f'tandemctl {" ".join(args)} failed: {r}')
        self.assertEqual(r.err, '', f'tandemctl {" ".join(args)} wrote to stderr: {r}')
        return r.out

    def json(self, *args, **kw):
        out = self.ok(*args, '--json', **kw)
        return json.loads(out)

    def fails(self, code, *args, match=None, **kw):
        """Asserts exit @code, nothing on stdout and one diagnostic line."""
        r = self.run_cli(*args, **kw)
        self.assertEqual(r.rc, code, f'tandemctl {" ".join(args)}: {r}')
        self.assertEqual(r.out, '', f'tandemctl {" ".join(args)} wrote to stdout: {r}')
        self.assertTrue(r.err.startswith('tandemctl: '), r)
        self.assertTrue(r.err.endswith('\n'), r)
        self.assertEqual(r.err.count('\n'), 1, f'more than one line on stderr: {r}')
        if match:
            self.assertRegex(r.err, match)
        return r.err

    def new_id(self, *args, **kw):
        out = self.ok(*args, **kw)
        self.assertRegex(out, r'^[0-9a-f-]{36}\n$', f'{args}: the new id alone on one line')
        return out.strip()

    # workspace state

    def init(self, *extra):
        self.ok('init', *extra)

    def sha256(self, path=None):
        with open(path or self.ws, 'rb') as f:
            return hashlib.sha256(f.read()).hexdigest()

    def side_files(self, path=None):
        """Files beside the workspace that hold anything. A shared workspace's
        journal is emptied, not deleted, at commit (journal_mode=TRUNCATE):
        an empty one holds nothing and is never hot."""
        path = path or self.ws
        folder = os.path.dirname(path)
        return sorted(n for n in os.listdir(folder)
                      if n.startswith(os.path.basename(path)) and n != os.path.basename(path)
                      and not (n.endswith('-journal') and os.path.getsize(os.path.join(folder, n)) == 0))

    def last_seq(self, path=None):
        # immutable=1: reads without locks or -shm, writes nothing
        uri = 'file:' + (path or self.ws) + '?immutable=1'
        db = sqlite3.connect(uri, uri=True)
        try:
            return db.execute('SELECT coalesce(max(seq), 0) FROM change_log').fetchone()[0]
        finally:
            db.close()

    def state(self):
        """Everything a failing command must leave as it was."""
        return {
            'sha256': self.sha256(),
            'seq': self.last_seq(),
            'people': self.json('person', 'list'),
            'campaigns': self.json('campaign', 'list'),
            'events': self.json('event', 'list'),
        }

    def assertNothingWritten(self, before):
        self.assertEqual(self.state(), before)
        self.assertEqual(self.side_files(), [])

    def fails_cleanly(self, code, *args, match=None, **kw):
        before = self.state()
        err = self.fails(code, *args, match=match, **kw)
        self.assertNothingWritten(before)
        return err

    # data

    def add_people(self):
        self.anna = self.new_id('person', 'add', 'Anna Schmidt', '--role', 'marketing',
                                '--email', 'anna@example.com')
        self.juergen = self.new_id('person', 'add', 'Jürgen Weber', '--role', 'sales')
        self.admin = self.new_id('person', 'add', 'Ada Admin', '--role', 'admin')


def make_read_only(path):
    os.chmod(path, stat.S_IRUSR | stat.S_IRGRP | stat.S_IROTH)


def main():
    global TANDEMCTL
    if len(sys.argv) < 2 or not os.access(sys.argv[1], os.X_OK):
        sys.exit('usage: test_X.py /path/to/tandemctl [unittest args]')
    TANDEMCTL = os.path.abspath(sys.argv.pop(1))
    unittest.main(verbosity=2)

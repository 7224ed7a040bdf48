#!/usr/bin/env python3
# tandemctl: init, backup, check, global options, bad workspace files
#
# SPDX-License-Identifier: GPL-3.0-or-later

import json
import os
import random
import shutil
import sqlite3
import subprocess
import sys
import time

sys.dont_write_bytecode = True
import clitest  # noqa: E402
from clitest import CliTestCase  # noqa: E402


def meta_mode(path):
    db = sqlite3.connect('file:' + path + '?immutable=1', uri=True)
    try:
        return db.execute("SELECT value FROM meta WHERE key = 'mode'").fetchone()[0]
    finally:
        db.close()


class InitTest(CliTestCase):
    def test_init_creates_an_empty_local_workspace(self):
        self.assertEqual(self.ok('init'), '')
        self.assertTrue(os.path.isfile(self.ws))
        self.assertEqual(self.side_files(), [])
        self.assertEqual(meta_mode(self.ws), 'local')
        self.assertEqual(self.json('person', 'list'), [])
        self.assertEqual(self.json('campaign', 'list'), [])
        self.assertEqual(self.json('event', 'list'), [])
        self.assertEqual(self.ok('check'), 'ok\n')

    def test_init_shared_stores_the_mode(self):
        self.ok('init', '--shared')
        self.assertEqual(meta_mode(self.ws), 'shared')
        info = self.json('check')
        self.assertEqual(info['mode'], 'shared')
        # a shared workspace works the same, and failing commands leave no journal behind
        cid = self.new_id('campaign', 'add', 'Geteilt')
        self.assertEqual(self.side_files(), [])
        self.fails_cleanly(2, 'campaign', 'add', 'X', '--stage', 'wip')
        self.ok('campaign', 'set', cid, 'title=Z')
        self.fails_cleanly(4, 'campaign', 'set', cid, 'title=Y', '--expect-rev', '1')
        self.fails_cleanly(3, 'campaign', 'show', '00000000-0000-4000-8000-000000000000')

    def test_init_refuses_an_existing_file(self):
        self.init()
        self.new_id('campaign', 'add', 'Keep me')
        before = self.state()
        self.fails(1, 'init', match='already exists')
        self.fails(1, 'init', '--shared', match='already exists')
        self.assertNothingWritten(before)

    def test_init_races_have_one_winner(self):
        # Eight inits of one path at once: one makes the workspace, the others
        # are told it exists; a reader meanwhile never sees a half-made one.
        for mode in ([], ['--shared']):
            path = os.path.join(self.tmp, f'race{len(mode)}.tandem')
            argv = [clitest.TANDEMCTL, '--workspace', path, 'init', *mode]
            procs = [subprocess.Popen(argv, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                                      env=self.env, cwd=self.tmp) for _ in range(8)]
            readers = []
            while any(p.poll() is None for p in procs):
                if os.path.exists(path):
                    readers.append(self.run_cli('campaign', 'list', ws=path))
            results = [(p.wait(), p.stderr.read()) for p in procs]
            self.assertEqual(sorted(rc for rc, _ in results), [0] + [1] * 7, results)
            for rc, err in results:
                if rc:
                    self.assertIn('already exists', err)
            for r in readers:
                self.assertEqual(r.rc, 0, r)
            self.ok('check', ws=path)
            self.assertFalse([n for n in os.listdir(self.tmp) if n.endswith('.tmp')])

    def test_init_killed_leaves_nothing_half_made(self):
        # A workspace is made under a temporary name and linked into place:
        # whenever init is killed, the path holds nothing or a whole workspace.
        made = 0
        rng = random.Random(10)
        for i in range(40):
            path = os.path.join(self.tmp, f'killed{i}.tandem')
            proc = subprocess.Popen([clitest.TANDEMCTL, '--workspace', path, 'init'], stdout=subprocess.DEVNULL,
                                    stderr=subprocess.DEVNULL, env=self.env, cwd=self.tmp)
            time.sleep(rng.uniform(0, 0.012))
            proc.kill()
            proc.wait()
            if os.path.exists(path):
                made += 1
                self.ok('check', ws=path)
            else:
                self.ok('init', ws=path)
        self.assertLess(made, 40, 'no init was killed before it finished: the test proves nothing')

    def test_init_refuses_a_foreign_file_too(self):
        path = os.path.join(self.tmp, 'notes.txt')
        with open(path, 'w') as f:
            f.write('my notes\n')
        self.fails(1, 'init', ws=path, match='already exists')
        with open(path) as f:
            self.assertEqual(f.read(), 'my notes\n')

    def test_init_does_not_create_a_folder_given_explicitly(self):
        path = os.path.join(self.tmp, 'no', 'such', 'dir', 'w.tandem')
        self.fails(1, 'init', ws=path, match='does not exist')
        self.assertFalse(os.path.exists(os.path.join(self.tmp, 'no')))

    def test_init_creates_the_folder_of_the_default_path(self):
        self.ok('init', ws=False)
        default = os.path.join(self.env['XDG_DATA_HOME'], 'tandem', 'default.tandem')
        self.assertTrue(os.path.isfile(default))
        # and the default is used without --workspace from then on
        cid = self.new_id('campaign', 'add', 'Default', ws=False)
        self.assertEqual(self.json('campaign', 'show', cid, ws=default)['title'], 'Default')

    def test_workspace_from_the_environment(self):
        path = os.path.join(self.tmp, 'env.tandem')
        self.ok('init', ws=False, env={'TANDEM_WORKSPACE': path})
        self.assertTrue(os.path.isfile(path))
        cid = self.new_id('campaign', 'add', 'From env', ws=False, env={'TANDEM_WORKSPACE': path})
        self.assertEqual(self.json('campaign', 'show', cid, ws=path)['title'], 'From env')
        # --workspace wins over the environment
        self.init()
        self.assertEqual(self.json('campaign', 'list', env={'TANDEM_WORKSPACE': path}), [])


class GlobalOptionsTest(CliTestCase):
    def setUp(self):
        super().setUp()
        self.init()
        self.cid = self.new_id('campaign', 'add', 'Global')

    def test_global_options_after_the_command(self):
        out = self.run_cli('campaign', 'list', '--json', '--workspace', self.ws, ws=False)
        self.assertEqual(out.rc, 0, out)
        self.assertEqual([c['id'] for c in json.loads(out.out)], [self.cid])

    def test_global_options_between_the_command_words(self):
        out = self.run_cli('--json', 'campaign', '--workspace', self.ws, 'show', self.cid, ws=False)
        self.assertEqual(out.rc, 0, out)
        self.assertEqual(json.loads(out.out)['id'], self.cid)

    def test_global_option_with_equals(self):
        out = self.run_cli('--workspace=' + self.ws, 'campaign', 'show', self.cid, '--json', ws=False)
        self.assertEqual(out.rc, 0, out)
        self.assertEqual(json.loads(out.out)['title'], 'Global')

    def test_server_mode_is_not_available(self):
        before = self.state()
        self.fails(1, '--server', 'http://127.0.0.1:1', 'campaign', 'list',
                   match='server mode is not available in this version')
        self.fails(1, 'campaign', 'add', 'X', '--server', 'http://127.0.0.1:1',
                   match='server mode is not available in this version')
        self.assertNothingWritten(before)

    def test_unknown_commands_and_options(self):
        before = self.state()
        self.fails(2, 'frobnicate', match='unknown command')
        self.fails(2, 'campaign', 'frobnicate', match='unknown command')
        self.fails(2, 'campaign', match='needs a command')
        self.fails(2, match='no command')
        self.fails(2, '--bogus', 'campaign', 'list', match='--bogus')
        self.fails(2, 'campaign', 'list', '--bogus', match='--bogus')
        self.fails(2, 'campaign', 'add', 'X', '--colour', 'red', match='--colour')
        self.fails(2, 'campaign', 'show', match='missing ID')
        self.fails(2, 'campaign', 'show', self.cid, 'extra', match='unexpected argument')
        self.fails(2, 'campaign', 'list', '--workspace', ws=False, match='--workspace')
        self.assertNothingWritten(before)

    def test_later_commands_are_not_available_yet(self):
        before = self.state()
        for command in (['pack', '--from', '2026-01-01', '--to', '2026-01-31', '--output', 'p.pdf'],
                        ['report', 'x', '--output', 'r.pdf'], ['brief', self.cid, '--output', 'b.pdf']):
            self.fails(2, *command, match='not available in this version yet')
        self.assertNothingWritten(before)
        self.assertFalse(any(n.endswith('.pdf') for n in os.listdir(self.tmp)))

    def test_calendar_commands_are_available(self):
        before = self.state()
        err = self.fails(2, 'calendar', 'export', match='missing FILE.ics')
        self.assertNotIn('not available', err)
        self.fails(2, 'calendar', 'import', match='missing FILE.ics')
        self.fails(2, 'calendar', 'frobnicate', match='export, import')
        self.assertNothingWritten(before)

    def test_help(self):
        out = self.ok('--help', ws=False)
        self.assertIn('campaign add', out)
        self.assertIn('event list', out)


class BackupCheckTest(CliTestCase):
    def setUp(self):
        super().setUp()
        self.init()
        self.add_people()
        for title in ('Eins', 'Zwei', 'Drei 🚀'):
            self.new_id('campaign', 'add', title, '--marketing-owner', 'Anna Schmidt')
        self.new_id('event', 'add', 'Termin', '--start', '2026-05-04T09:00')

    def test_backup_is_a_checked_copy_with_the_same_data(self):
        backup = os.path.join(self.tmp, 'backup.tandem')
        self.assertEqual(self.ok('backup', backup), '')
        self.assertTrue(os.path.isfile(backup))
        self.assertEqual(self.side_files(backup), [])
        self.assertEqual(self.ok('check', ws=backup), 'ok\n')
        for what in ('campaign', 'person', 'event'):
            self.assertEqual(self.json(what, 'list', ws=backup), self.json(what, 'list'))

    def test_backup_refuses_an_existing_file_and_a_missing_folder(self):
        backup = os.path.join(self.tmp, 'backup.tandem')
        with open(backup, 'w') as f:
            f.write('precious')
        before = self.state()
        self.fails(1, 'backup', backup, match='exists')
        with open(backup) as f:
            self.assertEqual(f.read(), 'precious')
        self.fails(1, 'backup', os.path.join(self.tmp, 'nope', 'b.tandem'), match='does not exist')
        self.fails(2, 'backup', match='missing FILE')
        self.assertNothingWritten(before)

    def test_check_reports_damage(self):
        self.assertEqual(self.ok('check'), 'ok\n')
        # damage a table page in the middle of a copy (the header stays valid)
        damaged = os.path.join(self.tmp, 'damaged.tandem')
        shutil.copy(self.ws, damaged)
        size = os.path.getsize(damaged)
        with open(damaged, 'r+b') as f:
            for page in range(1, size // 4096):
                f.seek(page * 4096)
                f.write(b'\xff' * 64)
        r = self.run_cli('check', ws=damaged)
        self.assertEqual(r.rc, 1, r)
        self.assertEqual(r.out, '')
        self.assertRegex(r.err, r'^tandemctl: .*(damaged|corrupt|malformed).*\n$')


class BadWorkspaceTest(CliTestCase):
    """Every bad file: exit 1, a clear message, the file byte for byte as it
    was and nothing left beside it."""

    COMMANDS = (['campaign', 'list'], ['campaign', 'add', 'X'], ['person', 'add', 'P', '--role', 'sales'],
                ['event', 'list'], ['check'], ['backup', 'b.tandem'])

    def assertRefused(self, path, match, **kw):
        digest = self.sha256(path)
        for command in self.COMMANDS:
            self.fails(1, *command, ws=path, match=match, **kw)
            self.assertEqual(self.sha256(path), digest, f'{command} changed {path}')
            self.assertEqual(self.side_files(path), [], f'{command} left files beside {path}')
        self.assertFalse(os.path.exists(os.path.join(self.tmp, 'b.tandem')))

    def make_workspace(self, campaigns=60):
        self.init()
        for i in range(campaigns):
            self.new_id('campaign', 'add', f'Kampagne {i}', '--description', 'x' * 1500)
        return self.ws

    def test_not_a_workspace(self):
        path = os.path.join(self.tmp, 'text.tandem')
        with open(path, 'w') as f:
            f.write('Einkaufsliste: Milch, Brot\n' * 10)
        self.assertRefused(path, 'not a Tandem workspace')

    def test_zero_length_file(self):
        path = os.path.join(self.tmp, 'empty.tandem')
        open(path, 'w').close()
        self.assertRefused(path, 'empty')
        self.assertEqual(os.path.getsize(path), 0)

    def test_sqlite_database_of_another_program(self):
        path = os.path.join(self.tmp, 'other.db')
        db = sqlite3.connect(path)
        db.execute('CREATE TABLE campaign (id TEXT)')
        db.commit()
        db.close()
        self.assertRefused(path, 'not a Tandem workspace')

    def test_truncated_workspace(self):
        self.make_workspace()
        path = os.path.join(self.tmp, 'truncated.tandem')
        shutil.copy(self.ws, path)
        os.truncate(path, os.path.getsize(path) // 2)
        self.assertRefused(path, 'truncated|damaged')

    def test_workspace_of_a_newer_version(self):
        self.make_workspace(campaigns=2)
        path = os.path.join(self.tmp, 'newer.tandem')
        shutil.copy(self.ws, path)
        db = sqlite3.connect(path)
        db.execute('PRAGMA user_version = 99')
        db.commit()
        db.close()
        self.assertEqual(self.side_files(path), [])
        self.assertRefused(path, 'newer version')

    def test_missing_file_and_missing_folder(self):
        missing = os.path.join(self.tmp, 'missing.tandem')
        for command in self.COMMANDS:
            self.fails(1, *command, ws=missing, match='no workspace|does not exist')
        self.assertFalse(os.path.exists(missing))
        nodir = os.path.join(self.tmp, 'no', 'such', 'dir', 'w.tandem')
        for command in self.COMMANDS + (['init'], ['demo']):
            self.fails(1, *command, ws=nodir, match='does not exist')
        self.assertFalse(os.path.exists(os.path.join(self.tmp, 'no')))

    def assertReadOnly(self, path, **kw):
        """A workspace that cannot be written is viewed, not refused: reads
        and the check work, every write exits 1 saying why, and the file
        stays byte for byte as it was, with nothing beside it."""
        digest = self.sha256(path)
        beside = self.side_files(path)
        listed = self.ok('campaign', 'list', ws=path, **kw)
        self.assertIn('Kampagne 0', listed)
        self.assertIn('Kampagne 1', listed)
        self.ok('event', 'list', ws=path, **kw)
        self.ok('check', ws=path, **kw)
        cid = listed.split('\t')[0]
        for command in (['campaign', 'add', 'X'], ['person', 'add', 'P', '--role', 'sales'],
                        ['campaign', 'set', cid, 'title=Neu'], ['campaign', 'delete', cid]):
            self.fails(1, *command, ws=path, match='read-only', **kw)
            self.assertEqual(self.sha256(path), digest, f'{command} changed {path}')
            self.assertEqual(self.side_files(path), beside, f'{command} left files beside {path}')

    def test_read_only_file(self):
        # As root, permissions do not stop a process: run tandemctl as
        # nobody then, so the check really runs in every environment.
        self.make_workspace(campaigns=2)
        os.chmod(self.tmp, 0o755)
        clitest.make_read_only(self.ws)
        self.assertReadOnly(self.ws, as_nobody=os.geteuid() == 0)

    def test_read_only_folder(self):
        self.make_workspace(campaigns=2)
        if os.geteuid() == 0:
            os.chown(self.ws, clitest.NOBODY, clitest.NOBODY)
        os.chmod(self.tmp, 0o555)
        self.assertReadOnly(self.ws, as_nobody=os.geteuid() == 0)

    def test_read_only_shared_workspace(self):
        self.init('--shared')
        for i in range(2):
            self.new_id('campaign', 'add', f'Kampagne {i}')
        os.chmod(self.tmp, 0o755)
        clitest.make_read_only(self.ws)
        self.assertReadOnly(self.ws, as_nobody=os.geteuid() == 0)

if __name__ == '__main__':
    clitest.main()

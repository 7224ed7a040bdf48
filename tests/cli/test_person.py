#!/usr/bin/env python3
# tandemctl person …, and PERSON matching everywhere
#
# SPDX-License-Identifier: GPL-3.0-or-later

import sys

sys.dont_write_bytecode = True
import clitest  # noqa: E402
from clitest import CliTestCase, UTC_RE, UUID_RE  # noqa: E402


class PersonTest(CliTestCase):
    def setUp(self):
        super().setUp()
        self.init()
        self.add_people()

    def test_add_prints_the_id_and_json_prints_the_object(self):
        pid = self.new_id('person', 'add', 'Stefan Braun', '--role', 'sales')
        obj = self.json('person', 'add', 'Petra Klein', '--role', 'admin', '--email', 'petra@example.com')
        self.assertRegex(pid, UUID_RE)
        self.assertEqual(obj['name'], 'Petra Klein')
        self.assertEqual(obj['role'], 'admin')
        self.assertEqual(obj['email'], 'petra@example.com')
        self.assertIs(obj['active'], True)
        self.assertEqual(obj['rev'], 1)

    def test_json_fields_and_types(self):
        obj = self.json('person', 'show', self.anna)
        self.assertTrue({'id', 'rev', 'created_at', 'updated_at', 'name', 'role', 'email', 'active'} <= set(obj))
        self.assertRegex(obj['id'], UUID_RE)
        self.assertIsInstance(obj['rev'], int)
        self.assertRegex(obj['created_at'], UTC_RE)
        self.assertRegex(obj['updated_at'], UTC_RE)
        self.assertEqual(obj['name'], 'Anna Schmidt')
        self.assertEqual(obj['role'], 'marketing')
        self.assertEqual(obj['email'], 'anna@example.com')
        self.assertIs(obj['active'], True)
        self.assertIsNone(self.json('person', 'show', self.juergen)['email'])

    def test_list(self):
        people = self.json('person', 'list')
        self.assertIsInstance(people, list)
        self.assertEqual({p['id'] for p in people}, {self.anna, self.juergen, self.admin})
        rows = self.ok('person', 'list').splitlines()
        self.assertEqual(len(rows), 3)
        by_id = {r.split('\t')[0]: r.split('\t') for r in rows}
        self.assertEqual(by_id[self.juergen][1:3], ['Jürgen Weber', 'sales'])
        self.assertEqual(by_id[self.anna][1:4], ['Anna Schmidt', 'marketing', 'anna@example.com'])

    def test_show_text(self):
        lines = self.ok('person', 'show', 'Jürgen Weber').splitlines()
        self.assertIn(f'id: {self.juergen}', lines)
        self.assertIn('name: Jürgen Weber', lines)
        self.assertIn('role: sales', lines)
        self.assertIn('active: true', lines)

    def test_matching_by_id_and_by_name_in_any_case(self):
        # 'Ju\u0308rgen' is the same name in decomposed Unicode (as macOS file names write it)
        for who in (self.juergen, 'Jürgen Weber', 'jürgen weber', 'JÜRGEN WEBER', 'jÜrGeN wEbEr',
                    'Ju\u0308rgen Weber', 'JU\u0308RGEN WEBER'):
            self.assertEqual(self.json('person', 'show', who)['id'], self.juergen, who)

    def test_name_match_is_exact(self):
        for who in ('Jürgen', 'juergen weber', 'Jurgen Weber', 'Jürgen  Weber', 'Jürgen Weber '):
            self.fails(3, 'person', 'show', who, match='no person')

    def test_unknown_person_and_unknown_id(self):
        self.fails(3, 'person', 'show', 'Nobody', match='Nobody')
        self.fails(3, 'person', 'show', '00000000-0000-4000-8000-000000000000')
        self.fails_cleanly(3, 'person', 'set', 'Nobody', 'role=sales')

    def test_ambiguous_name_lists_everyone_it_fits(self):
        a = self.new_id('person', 'add', 'Alex Meyer', '--role', 'marketing')
        b = self.new_id('person', 'add', 'alex MEYER', '--role', 'sales')
        err = self.fails(2, 'person', 'show', 'Alex Meyer')
        self.assertIn(a, err)
        self.assertIn(b, err)
        err = self.fails_cleanly(2, 'campaign', 'add', 'X', '--marketing-owner', 'alex meyer')
        self.assertIn(a, err)
        self.assertIn(b, err)
        self.fails_cleanly(2, 'person', 'set', 'ALEX MEYER', 'email=x@example.com')
        # the id still picks one of them
        self.assertEqual(self.json('person', 'show', b)['name'], 'alex MEYER')

    def test_set(self):
        self.assertEqual(self.ok('person', 'set', 'anna schmidt', 'email=anna@tandem.example', 'active=false'), '')
        obj = self.json('person', 'show', self.anna)
        self.assertEqual(obj['email'], 'anna@tandem.example')
        self.assertIs(obj['active'], False)
        self.assertEqual(obj['rev'], 2)
        obj = self.json('person', 'set', self.anna, 'name=Anna Schmidt-Lang', 'email=')
        self.assertEqual(obj['name'], 'Anna Schmidt-Lang')
        self.assertIsNone(obj['email'])
        self.assertEqual(obj['rev'], 3)

    def test_bad_input_writes_nothing(self):
        self.fails_cleanly(2, 'person', 'add', 'X', '--role', 'boss', match='role')
        self.fails_cleanly(2, 'person', 'add', 'X', match='--role')
        self.fails_cleanly(2, 'person', 'add', '', '--role', 'sales', match='name')
        self.fails_cleanly(2, 'person', 'set', self.anna, 'role=boss')
        self.fails_cleanly(2, 'person', 'set', self.anna, 'nickname=Anni', match='no field')
        self.fails_cleanly(2, 'person', 'set', self.anna, 'id=00000000-0000-4000-8000-000000000000')
        self.fails_cleanly(2, 'person', 'set', self.anna, 'active=perhaps')
        self.fails_cleanly(2, 'person', 'set', self.anna, 'email')
        self.fails_cleanly(2, 'person', 'set', self.anna)

    def test_as_names_the_creator(self):
        cid = self.new_id('campaign', 'add', 'Mine', '--as', 'jürgen weber')
        self.assertEqual(self.json('campaign', 'show', cid)['created_by'], self.juergen)
        cid = self.new_id('campaign', 'add', 'Env', env={'TANDEM_USER': 'Anna Schmidt'})
        self.assertEqual(self.json('campaign', 'show', cid)['created_by'], self.anna)
        self.fails_cleanly(3, 'campaign', 'add', 'X', '--as', 'Nobody')
        self.fails_cleanly(3, 'event', 'add', 'X', '--start', '2026-05-04', '--as', 'Nobody')


if __name__ == '__main__':
    clitest.main()

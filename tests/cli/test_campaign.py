#!/usr/bin/env python3
# tandemctl campaign …
#
# SPDX-License-Identifier: GPL-3.0-or-later

import re
import sys

sys.dont_write_bytecode = True
import clitest  # noqa: E402
from clitest import CliTestCase, DATE_RE, UTC_RE, UUID_RE  # noqa: E402

STAGES = ['idea', 'planning', 'production', 'review', 'live', 'done']

NASTY_TITLES = [
    'Frühjahrs-Launch 🚀🎉 — Größe “XXL”',
    'حملة الربيع',                      # Arabic, right to left
    'מבצע קיץ',                         # Hebrew, right to left
    'Mixed עברית and English ‏RTL‎ marks',
    "'); DROP TABLE campaign;--",
    'Robert"); DELETE FROM person; --',
    "It's \"quoted\" and `backticked` \\ backslash",
    '%s %n %x {title} $(rm -rf /) ${HOME}',
    '👩‍👩‍👧‍👦 ZWJ family, e\u0301 combining, \u00a0nbsp',
]


class CampaignTest(CliTestCase):
    def setUp(self):
        super().setUp()
        self.init()
        self.add_people()

    def column(self, stage):
        return [c['title'] for c in self.json('campaign', 'list', '--stage', stage)]

    # add

    def test_add_with_every_option(self):
        cid = self.new_id('campaign', 'add', 'Frühjahr', '--stage', 'planning', '--start', '2026-03-01',
                          '--end', '2026-04-30', '--marketing-owner', 'anna schmidt',
                          '--sales-owner', self.juergen, '--budget', '12500.50', '--spent', '99.9',
                          '--currency', 'CHF', '--channel', 'Web', '--channel', 'Messe & Events',
                          '--segment', 'Mittelstand', '--description', 'Zeile 1\nZeile 2')
        c = self.json('campaign', 'show', cid)
        self.assertEqual(c['title'], 'Frühjahr')
        self.assertEqual(c['stage'], 'planning')
        self.assertEqual(c['start'], '2026-03-01')
        self.assertEqual(c['end'], '2026-04-30')
        self.assertEqual(c['marketing_owner'], self.anna)
        self.assertEqual(c['sales_owner'], self.juergen)
        self.assertEqual(c['budget_planned_cents'], 1250050)
        self.assertEqual(c['budget_spent_cents'], 9990)
        self.assertEqual(c['currency'], 'CHF')
        self.assertEqual(c['channels'], ['Web', 'Messe & Events'])
        self.assertEqual(c['segment'], 'Mittelstand')
        self.assertEqual(c['description'], 'Zeile 1\nZeile 2')

    def test_add_defaults_and_json_types(self):
        c = self.json('campaign', 'add', 'Nur ein Titel')
        self.assertRegex(c['id'], UUID_RE)
        self.assertEqual(c['rev'], 1)
        self.assertRegex(c['created_at'], UTC_RE)
        self.assertRegex(c['updated_at'], UTC_RE)
        expected_types = {
            'title': str, 'description': str, 'stage': str, 'channels': list, 'segment': str,
            'currency': str, 'budget_planned_cents': int, 'budget_spent_cents': int,
            'leads_target': int, 'leads_actual': int, 'revenue_target_cents': int,
            'revenue_actual_cents': int, 'color': str, 'position': int,
        }
        for field, kind in expected_types.items():
            self.assertIsInstance(c[field], kind, field)
            self.assertNotIsInstance(c[field], bool, field)
        for field in ('start', 'end', 'marketing_owner', 'sales_owner'):
            self.assertIn(field, c)
            self.assertIsNone(c[field], field)
        self.assertEqual(c['stage'], 'idea')
        self.assertEqual(c['currency'], 'EUR')
        self.assertEqual(c['channels'], [])
        self.assertRegex(c['color'], r'^#[0-9a-f]{6}$')
        self.assertEqual(c, self.json('campaign', 'show', c['id']))

    def test_amounts(self):
        for given, cents in (('12500', 1250000), ('12500.5', 1250050), ('0.01', 1), ('0', 0)):
            self.assertEqual(self.json('campaign', 'add', 'A', '--budget', given)['budget_planned_cents'], cents)

    def test_malformed_values_exit_2_and_write_nothing(self):
        self.new_id('campaign', 'add', 'Existing')
        for args in (['--start', '2026-02-30'], ['--start', '5.3.2026'], ['--end', '2026-13-01'],
                     ['--start', '2026-3-5'], ['--start', '2026-05-01', '--end', '2026-04-01'],
                     ['--budget', '12,5'], ['--budget', '-3'], ['--budget', '1.234'], ['--budget', 'abc'],
                     ['--budget', ''], ['--spent', '1e3'], ['--stage', 'wip'], ['--stage', 'Idea'],
                     ['--currency', 'eur'], ['--currency', 'EURO']):
            self.fails_cleanly(2, 'campaign', 'add', 'Bad', *args)
        self.fails_cleanly(2, 'campaign', 'add', '', match='title')
        self.fails_cleanly(2, 'campaign', 'add', 'Line\nbreak', match='title')
        self.fails_cleanly(2, 'campaign', 'add', match='missing TITLE')
        self.fails_cleanly(3, 'campaign', 'add', 'X', '--sales-owner', 'Niemand')

    def test_nasty_titles_are_stored_verbatim(self):
        ids = {}
        for title in NASTY_TITLES:
            ids[title] = self.new_id('campaign', 'add', title, '--segment', title, '--description', title)
        for title, cid in ids.items():
            c = self.json('campaign', 'show', cid)
            self.assertEqual((c['title'], c['segment'], c['description']), (title, title, title))
            self.assertIn(f'title: {title}', self.ok('campaign', 'show', cid).splitlines())
        listed = {c['id']: c['title'] for c in self.json('campaign', 'list')}
        self.assertEqual(listed, {cid: title for title, cid in ids.items()})
        rows = self.ok('campaign', 'list').splitlines()
        self.assertEqual(len(rows), len(NASTY_TITLES))
        for row in rows:
            cid, title = row.split('\t')[:2]
            self.assertEqual(title, listed[cid])
        # the people are still there, and searching finds the text as text
        self.assertEqual(len(self.json('person', 'list')), 3)
        found = self.json('campaign', 'list', '--search', 'drop table')
        self.assertEqual([c['title'] for c in found], ["'); DROP TABLE campaign;--"])
        found = self.json('campaign', 'list', '--search', 'حملة')
        self.assertEqual([c['title'] for c in found], ['حملة الربيع'])

    # list

    def test_list_filters(self):
        a = self.new_id('campaign', 'add', 'Sommer-Aktion', '--stage', 'live', '--marketing-owner', 'Anna Schmidt')
        b = self.new_id('campaign', 'add', 'Winter', '--stage', 'live', '--sales-owner', 'Anna Schmidt',
                        '--segment', 'Großkunden')
        c = self.new_id('campaign', 'add', 'Herbst', '--stage', 'idea', '--sales-owner', 'Jürgen Weber',
                        '--description', 'Für GROSSKUNDEN im Süden')
        ids = lambda *args: [x['id'] for x in self.json('campaign', 'list', *args)]  # noqa: E731
        self.assertEqual(ids('--stage', 'live'), [a, b])
        self.assertEqual(ids('--stage', 'done'), [])
        self.assertEqual(sorted(ids('--owner', 'anna schmidt')), sorted([a, b]))
        self.assertEqual(ids('--owner', self.juergen), [c])
        self.assertEqual(ids('--owner', 'Ada Admin'), [])
        self.assertEqual(ids('--search', 'SOMMER'), [a])
        self.assertEqual(ids('--search', 'süden'), [c])            # description
        self.assertEqual(ids('--search', 'SÜDEN'), [c])
        self.assertEqual(ids('--search', 'kunden'), [c, b])        # description, segment
        # Unicode case folding: ß is ss
        self.assertEqual(ids('--search', 'großkunden'), [c, b])
        self.assertEqual(ids('--search', 'GROSSKUNDEN'), [c, b])
        self.assertEqual(ids('--search', 'Großkunden', '--stage', 'live'), [b])
        self.assertEqual(ids('--search', 'nirgends'), [])
        self.assertEqual(ids('--stage', 'live', '--owner', 'Anna Schmidt', '--search', 'winter'), [b])
        self.fails(2, 'campaign', 'list', '--stage', 'wip')
        self.fails(3, 'campaign', 'list', '--owner', 'Niemand')

    def test_list_text_rows(self):
        cid = self.new_id('campaign', 'add', 'Tab\there', '--stage', 'review', '--start', '2026-06-01',
                          '--end', '2026-06-30', '--marketing-owner', 'Anna Schmidt',
                          '--sales-owner', 'Jürgen Weber')
        rows = self.ok('campaign', 'list').splitlines()
        self.assertEqual(len(rows), 1)
        cells = rows[0].split('\t')
        self.assertEqual(cells[0], cid)
        self.assertEqual(cells[1:], ['Tab here', 'review', '2026-06-01', '2026-06-30', 'Anna Schmidt',
                                     'Jürgen Weber'])

    def test_list_is_in_board_order(self):
        for stage in reversed(STAGES):
            self.new_id('campaign', 'add', f'{stage} 1', '--stage', stage)
            self.new_id('campaign', 'add', f'{stage} 2', '--stage', stage)
        titles = [c['title'] for c in self.json('campaign', 'list')]
        self.assertEqual(titles, [f'{s} {n}' for s in STAGES for n in (1, 2)])

    # show

    def test_show_text(self):
        cid = self.new_id('campaign', 'add', 'Zeigen', '--marketing-owner', 'Anna Schmidt',
                          '--channel', 'Web', '--channel', 'Print', '--description', 'eins\nzwei')
        lines = self.ok('campaign', 'show', cid).splitlines()
        self.assertEqual(lines[0], f'id: {cid}')
        self.assertIn('rev: 1', lines)
        self.assertIn('title: Zeigen', lines)
        self.assertIn('stage: idea', lines)
        self.assertIn(f'marketing_owner: {self.anna} (Anna Schmidt)', lines)
        self.assertIn('channels: Web, Print', lines)
        self.assertIn('description: eins', lines)
        self.assertTrue(all(re.match(r'^([a-z_]+: |  )', line) for line in lines), lines)

    def test_show_unknown(self):
        self.fails(3, 'campaign', 'show', '00000000-0000-4000-8000-000000000000', match='no campaign')
        self.fails(3, 'campaign', 'show', 'not-an-id')

    # set

    def test_set(self):
        cid = self.new_id('campaign', 'add', 'Setzen')
        self.assertEqual(self.ok('campaign', 'set', cid, 'title=Gesetzt', 'channels=Web, Print,Radio',
                                 'marketing_owner=jürgen weber', 'sales_owner=' + self.anna,
                                 'budget_planned_cents=1250050', 'leads_target=40', 'start=2026-05-01',
                                 'color=#ff8800'), '')
        c = self.json('campaign', 'show', cid)
        self.assertEqual(c['title'], 'Gesetzt')
        self.assertEqual(c['channels'], ['Web', 'Print', 'Radio'])
        self.assertEqual(c['marketing_owner'], self.juergen)
        self.assertEqual(c['sales_owner'], self.anna)
        self.assertEqual(c['budget_planned_cents'], 1250050)
        self.assertEqual(c['leads_target'], 40)
        self.assertEqual(c['start'], '2026-05-01')
        self.assertEqual(c['color'], '#ff8800')
        self.assertEqual(c['rev'], 2)
        c = self.json('campaign', 'set', cid, 'marketing_owner=', 'start=', 'channels=')
        self.assertIsNone(c['marketing_owner'])
        self.assertIsNone(c['start'])
        self.assertEqual(c['channels'], [])
        self.assertEqual(c['rev'], 3)

    def test_set_bad_input_writes_nothing(self):
        cid = self.new_id('campaign', 'add', 'Fest', '--start', '2026-05-01')
        for assignment in ('start=2026-02-30', 'end=5.3.2026', 'end=2026-04-01', 'stage=wip',
                           'budget_planned_cents=12,5', 'budget_planned_cents=12500.50', 'budget_spent_cents=-3', 'leads_target=many',
                           'color=red', 'currency=euro', 'title=', 'colour=#ffffff', 'rev=7',
                           'created_at=2026-01-01T00:00:00Z', 'no-equals-sign', '=value'):
            self.fails_cleanly(2, 'campaign', 'set', cid, assignment)
        self.fails_cleanly(2, 'campaign', 'set', cid, 'title=OK', 'stage=wip')
        self.fails_cleanly(3, 'campaign', 'set', cid, 'sales_owner=Niemand')
        self.fails_cleanly(3, 'campaign', 'set', '00000000-0000-4000-8000-000000000000', 'title=X')
        self.fails_cleanly(2, 'campaign', 'set', cid, match='missing')
        self.fails_cleanly(2, 'campaign', 'set', cid, 'title=X', '--expect-rev', 'zwei')
        self.fails_cleanly(2, 'campaign', 'set', cid, 'title=X', '--expect-rev', '0')

    def test_expect_rev_merges_other_fields_and_refuses_the_same_field(self):
        cid = self.new_id('campaign', 'add', 'Basis')
        # someone else changes the title: rev 1 → 2
        self.ok('campaign', 'set', cid, 'title=Von Anna')
        # our change was based on rev 1 and touches another field: it merges
        c = self.json('campaign', 'set', cid, 'segment=Handel', '--expect-rev', '1')
        self.assertEqual((c['title'], c['segment'], c['rev']), ('Von Anna', 'Handel', 3))
        # based on rev 1 touching the title, changed since: conflict, nothing written
        err = self.fails_cleanly(4, 'campaign', 'set', cid, 'title=Von Jürgen', '--expect-rev', '1')
        self.assertIn('title', err)
        self.fails_cleanly(4, 'campaign', 'set', cid, 'segment=X', 'leads_target=5', '--expect-rev', '2')
        # based on the current revision everything goes
        c = self.json('campaign', 'set', cid, 'title=Von Jürgen', '--expect-rev', '3')
        self.assertEqual((c['title'], c['rev']), ('Von Jürgen', 4))
        # a revision from the future is a usage error
        self.fails_cleanly(2, 'campaign', 'set', cid, 'title=X', '--expect-rev', '99')

    # move

    def test_move_and_positions(self):
        a = self.new_id('campaign', 'add', 'A', '--stage', 'planning')
        b = self.new_id('campaign', 'add', 'B', '--stage', 'planning')
        c = self.new_id('campaign', 'add', 'C', '--stage', 'planning')
        positions = [x['position'] for x in self.json('campaign', 'list', '--stage', 'planning')]
        self.assertEqual(positions, [1024, 2048, 3072])
        moved = self.json('campaign', 'move', c, 'planning', '--position', '0')
        self.assertEqual(self.column('planning'), ['C', 'A', 'B'])
        self.assertEqual(moved['rev'], 2)
        # dropped where it already is: nothing to write
        self.assertEqual(self.json('campaign', 'move', c, 'planning', '--position', '0')['rev'], 2)
        self.ok('campaign', 'move', a, 'live')
        self.assertEqual(self.column('planning'), ['C', 'B'])
        self.assertEqual(self.column('live'), ['A'])
        self.ok('campaign', 'move', b, 'live', '--position', '0')
        self.assertEqual(self.column('live'), ['B', 'A'])
        self.ok('campaign', 'move', c, 'live', '--position', '1')
        self.assertEqual(self.column('live'), ['B', 'C', 'A'])
        self.ok('campaign', 'move', b, 'live', '--position', '99')
        self.assertEqual(self.column('live'), ['C', 'A', 'B'])
        self.assertEqual(self.json('campaign', 'show', b)['stage'], 'live')
        # a new stage through set goes to the end of that column too
        self.ok('campaign', 'set', b, 'stage=done')
        self.ok('campaign', 'set', c, 'stage=done', 'title=C2')
        self.assertEqual(self.column('done'), ['B', 'C2'])
        self.assertEqual([x['position'] for x in self.json('campaign', 'list', '--stage', 'done')], [1024, 2048])
        self.assertEqual(self.column('live'), ['A'])

    def test_move_is_one_write_until_the_gap_is_gone(self):
        a, b, c = (self.new_id('campaign', 'add', t, '--stage', 'review') for t in 'ABC')
        seq = self.last_seq()
        # moving cards between A and the next one halves the gap each time;
        # as long as there is one, each move writes exactly one row
        for n in range(5):
            self.ok('campaign', 'move', c, 'review', '--position', '1')
            self.ok('campaign', 'move', b, 'review', '--position', '1')
        self.assertEqual(self.last_seq() - seq, 10)
        self.assertEqual(self.column('review'), ['A', 'B', 'C'])
        positions = [x['position'] for x in self.json('campaign', 'list', '--stage', 'review')]
        self.assertEqual(positions, [1024, 1025, 1026])
        # no gap left between A and B: the column is renumbered in the same command
        seq = self.last_seq()
        self.ok('campaign', 'move', c, 'review', '--position', '1')
        self.assertGreater(self.last_seq() - seq, 1)
        self.assertEqual(self.column('review'), ['A', 'C', 'B'])
        positions = [x['position'] for x in self.json('campaign', 'list', '--stage', 'review')]
        self.assertEqual(positions, [1024, 2048, 3072])
        # bisecting towards the top runs out of room as well
        for n in range(12):
            self.ok('campaign', 'move', b, 'review', '--position', '0')
            self.ok('campaign', 'move', a, 'review', '--position', '0')
        self.assertEqual(self.column('review'), ['A', 'B', 'C'])
        positions = [x['position'] for x in self.json('campaign', 'list', '--stage', 'review')]
        self.assertEqual(positions, sorted(set(positions)))
        self.assertTrue(all(p >= 0 for p in positions))

    def test_move_bad_input_writes_nothing(self):
        cid = self.new_id('campaign', 'add', 'M')
        self.fails_cleanly(2, 'campaign', 'move', cid, 'wip')
        self.fails_cleanly(2, 'campaign', 'move', cid, 'live', '--position', '-1')
        self.fails_cleanly(2, 'campaign', 'move', cid, 'live', '--position', 'top')
        self.fails_cleanly(2, 'campaign', 'move', cid, match='missing')
        self.fails_cleanly(3, 'campaign', 'move', '00000000-0000-4000-8000-000000000000', 'live')

    # duplicate

    def test_duplicate(self):
        a = self.new_id('campaign', 'add', 'Vorlage 🚀', '--stage', 'production', '--budget', '500',
                        '--channel', 'Web', '--marketing-owner', 'Anna Schmidt')
        b = self.new_id('campaign', 'add', 'Danach', '--stage', 'production')
        copy = self.new_id('campaign', 'duplicate', a)
        self.assertNotIn(copy, (a, b))
        self.assertEqual(self.column('production'), ['Vorlage 🚀', 'Vorlage 🚀 (copy)', 'Danach'])
        original, dup = self.json('campaign', 'show', a), self.json('campaign', 'show', copy)
        self.assertEqual(dup['rev'], 1)
        for field in ('stage', 'budget_planned_cents', 'channels', 'marketing_owner', 'color', 'currency'):
            self.assertEqual(dup[field], original[field], field)
        self.assertEqual(original['rev'], 1)
        obj = self.json('campaign', 'duplicate', b)
        self.assertEqual(obj['title'], 'Danach (copy)')
        self.assertEqual(self.column('production'), ['Vorlage 🚀', 'Vorlage 🚀 (copy)', 'Danach', 'Danach (copy)'])
        self.fails_cleanly(3, 'campaign', 'duplicate', '00000000-0000-4000-8000-000000000000')

    # delete

    def test_delete(self):
        keep = self.new_id('campaign', 'add', 'Bleibt')
        gone = self.new_id('campaign', 'add', 'Geht')
        self.ok('campaign', 'set', gone, 'title=Geht gleich')
        self.fails_cleanly(4, 'campaign', 'delete', gone, '--expect-rev', '1')
        self.assertEqual(self.ok('campaign', 'delete', gone, '--expect-rev', '2'), '')
        self.assertEqual([c['id'] for c in self.json('campaign', 'list')], [keep])
        self.fails(3, 'campaign', 'show', gone)
        self.fails_cleanly(3, 'campaign', 'delete', gone)
        self.fails_cleanly(3, 'campaign', 'set', gone, 'title=Zombie')
        self.ok('campaign', 'delete', keep)
        self.assertEqual(self.json('campaign', 'list'), [])


if __name__ == '__main__':
    clitest.main()

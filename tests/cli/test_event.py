#!/usr/bin/env python3
# tandemctl event …
#
# SPDX-License-Identifier: GPL-3.0-or-later

import sys

sys.dont_write_bytecode = True
import clitest  # noqa: E402
from clitest import CliTestCase, DATE_RE, TIME_RE, UTC_RE, UUID_RE  # noqa: E402

BERLIN = 'Europe/Berlin'


class EventTest(CliTestCase):
    def setUp(self):
        super().setUp()
        self.init()
        self.add_people()
        self.campaign = self.new_id('campaign', 'add', 'Messe 2027')

    def titles(self, *args, tz=None):
        return [e['title'] for e in self.json('event', 'list', *args, tz=tz)]

    def test_add_timed_with_every_option_and_json_types(self):
        e = self.json('event', 'add', 'Abstimmung 🤝', '--start', '2026-03-05T09:30', '--end', '2026-03-05T10:45',
                      '--kind', 'meeting', '--campaign', self.campaign, '--location', 'Raum „Elbe“',
                      '--attendee', 'anna schmidt', '--attendee', self.juergen, '--attendee', 'Anna Schmidt',
                      '--notes', 'Agenda:\n1. Budget', '--as', 'Ada Admin')
        self.assertRegex(e['id'], UUID_RE)
        self.assertEqual(e['rev'], 1)
        self.assertRegex(e['created_at'], UTC_RE)
        self.assertRegex(e['updated_at'], UTC_RE)
        self.assertEqual(e['title'], 'Abstimmung 🤝')
        self.assertEqual(e['kind'], 'meeting')
        self.assertIs(e['all_day'], False)
        self.assertEqual(e['start'], '2026-03-05T09:30:00+00:00')
        self.assertEqual(e['end'], '2026-03-05T10:45:00+00:00')
        self.assertEqual(e['tzid'], 'UTC')
        self.assertEqual(e['location'], 'Raum „Elbe“')
        self.assertEqual(e['attendees'], [self.anna, self.juergen])
        self.assertEqual(e['notes'], 'Agenda:\n1. Budget')
        self.assertEqual(e['campaign'], self.campaign)
        self.assertIsNone(e['rrule'])
        self.assertEqual(e['exdates'], [])
        self.assertIsInstance(e['uid'], str)
        self.assertTrue(e['uid'])
        self.assertEqual(e['created_by'], self.admin)
        self.assertEqual(e, self.json('event', 'show', e['id']))

    def test_add_prints_the_id(self):
        eid = self.new_id('event', 'add', 'Kurz', '--start', '2026-03-05T09:30')
        e = self.json('event', 'show', eid)
        self.assertEqual(e['kind'], 'meeting')
        self.assertIsNone(e['end'])
        self.assertIsNone(e['campaign'])
        self.assertEqual(e['attendees'], [])

    def test_times_carry_the_offset_of_their_zone_at_that_instant(self):
        summer = self.new_id('event', 'add', 'Sommerzeit', '--start', '2027-03-29T09:00',
                             '--end', '2027-03-29T10:00', tz=BERLIN)
        winter = self.new_id('event', 'add', 'Winterzeit', '--start', '2027-01-10T09:00', tz=BERLIN)
        # wherever it is shown
        for tz in (BERLIN, 'UTC', 'America/New_York'):
            s = self.json('event', 'show', summer, tz=tz)
            self.assertEqual((s['start'], s['end'], s['tzid']),
                             ('2027-03-29T09:00:00+02:00', '2027-03-29T10:00:00+02:00', BERLIN))
            w = self.json('event', 'show', winter, tz=tz)
            self.assertEqual((w['start'], w['tzid']), ('2027-01-10T09:00:00+01:00', BERLIN))
        self.assertIn('start: 2027-03-29T09:00:00+02:00', self.ok('event', 'show', summer).splitlines())
        rows = {r.split('\t')[0]: r.split('\t') for r in self.ok('event', 'list').splitlines()}
        self.assertEqual(rows[summer][1:3], ['2027-03-29T09:00:00+02:00', '2027-03-29T10:00:00+02:00'])
        self.assertEqual(rows[winter][1], '2027-01-10T09:00:00+01:00')
        # stored in UTC, shown in the event's zone
        s = self.json('event', 'set', summer, 'start=2027-03-29T07:00:00Z', 'end=2027-03-29T08:30:00Z')
        self.assertEqual((s['start'], s['end']), ('2027-03-29T09:00:00+02:00', '2027-03-29T10:30:00+02:00'))
        # an explicit offset is the instant it names
        s = self.json('event', 'set', summer, 'start=2027-03-29T12:00:00+05:00', 'end=')
        self.assertEqual(s['start'], '2027-03-29T09:00:00+02:00')
        for e in self.json('event', 'list'):
            for field in ('start', 'end'):
                if e[field] is not None:
                    self.assertRegex(e[field], TIME_RE)

    def test_the_day_summer_time_ends(self):
        # on 2027-10-31 Berlin goes from +02:00 back to +01:00 at 03:00
        e = self.json('event', 'add', 'Herbst', '--start', '2027-10-31T01:30', tz=BERLIN)
        self.assertEqual(e['start'], '2027-10-31T01:30:00+02:00')
        e = self.json('event', 'add', 'Nach der Umstellung', '--start', '2027-10-31T04:00', tz=BERLIN)
        self.assertEqual(e['start'], '2027-10-31T04:00:00+01:00')

    def test_all_day_end_is_exclusive(self):
        one = self.json('event', 'add', 'Messetag', '--start', '2026-05-04', '--kind', 'trade-show')
        self.assertIs(one['all_day'], True)
        self.assertEqual((one['start'], one['end']), ('2026-05-04', '2026-05-05'))
        flagged = self.json('event', 'add', 'Flag', '--start', '2026-05-04', '--all-day')
        self.assertEqual((flagged['start'], flagged['end']), ('2026-05-04', '2026-05-05'))
        three = self.json('event', 'add', 'Messe', '--start', '2026-05-04', '--end', '2026-05-07', '--all-day')
        self.assertEqual((three['start'], three['end']), ('2026-05-04', '2026-05-07'))
        for e in (one, three):
            self.assertRegex(e['start'], DATE_RE)
            self.assertRegex(e['end'], DATE_RE)
        # month and year ends
        e = self.json('event', 'add', 'Silvester', '--start', '2026-12-31')
        self.assertEqual(e['end'], '2027-01-01')
        e = self.json('event', 'add', 'Schalttag', '--start', '2028-02-29')
        self.assertEqual(e['end'], '2028-03-01')

    def test_list_range_includes_both_days(self):
        self.new_id('event', 'add', 'Vorher', '--start', '2026-05-03T23:30', '--end', '2026-05-04T00:00')
        self.new_id('event', 'add', 'Erster Tag früh', '--start', '2026-05-04T00:15')
        self.new_id('event', 'add', 'Ganztags', '--start', '2026-05-04')
        self.new_id('event', 'add', 'Über Nacht', '--start', '2026-05-03T22:00', '--end', '2026-05-04T02:00')
        self.new_id('event', 'add', 'Letzter Tag spät', '--start', '2026-05-06T23:59')
        self.new_id('event', 'add', 'Mehrtägig', '--start', '2026-05-01', '--end', '2026-05-05')
        self.new_id('event', 'add', 'Danach', '--start', '2026-05-07T08:00')
        self.new_id('event', 'add', 'Ganztags danach', '--start', '2026-05-07')
        self.assertEqual(self.titles('--from', '2026-05-04', '--to', '2026-05-06'),
                         ['Mehrtägig', 'Über Nacht', 'Ganztags', 'Erster Tag früh', 'Letzter Tag spät'])
        self.assertEqual(self.titles('--from', '2026-05-07', '--to', '2026-05-07'), ['Ganztags danach', 'Danach'])
        self.assertEqual(self.titles('--from', '2026-05-05', '--to', '2026-05-05'), [])
        self.assertEqual(self.titles('--to', '2026-05-03'), ['Mehrtägig', 'Über Nacht', 'Vorher'])
        self.assertEqual(len(self.titles()), 8)
        self.assertEqual(self.titles('--from', '2026-05-07'), ['Ganztags danach', 'Danach'])

    def test_list_days_are_local_days(self):
        # 23:30 UTC on the 4th is the 5th in Berlin
        self.new_id('event', 'add', 'Spät', '--start', '2026-05-04T23:30:00Z')
        self.assertEqual(self.titles('--from', '2026-05-04', '--to', '2026-05-04', tz='UTC'), ['Spät'])
        self.assertEqual(self.titles('--from', '2026-05-04', '--to', '2026-05-04', tz=BERLIN), [])
        self.assertEqual(self.titles('--from', '2026-05-05', '--to', '2026-05-05', tz=BERLIN), ['Spät'])

    def test_list_is_ordered_by_start(self):
        for title, start in (('C', '2026-06-03T08:00'), ('A', '2026-06-01'), ('B', '2026-06-02T08:00+02:00'),
                             ('D', '2026-06-03T09:00')):
            self.new_id('event', 'add', title, '--start', start)
        self.assertEqual(self.titles(), ['A', 'B', 'C', 'D'])

    def test_set_and_delete(self):
        eid = self.new_id('event', 'add', 'Planen', '--start', '2026-05-04T10:00')
        self.assertEqual(self.ok('event', 'set', eid, 'title=Geplant', 'attendees=anna schmidt, Jürgen Weber',
                                 'kind=deadline', 'start=2026-05-04T11:00', f'campaign={self.campaign}'), '')
        e = self.json('event', 'show', eid)
        self.assertEqual((e['title'], e['kind'], e['start']), ('Geplant', 'deadline', '2026-05-04T11:00:00+00:00'))
        self.assertEqual(e['attendees'], [self.anna, self.juergen])
        self.assertEqual(e['campaign'], self.campaign)
        e = self.json('event', 'set', eid, 'all_day=true', 'start=2026-05-04', 'end=2026-05-06')
        self.assertEqual((e['all_day'], e['start'], e['end']), (True, '2026-05-04', '2026-05-06'))
        # expect-rev: other fields merge, the same field conflicts
        self.json('event', 'set', eid, 'location=Hamburg', '--expect-rev', '1')
        self.fails_cleanly(4, 'event', 'set', eid, 'title=Alt', '--expect-rev', '1')
        self.assertEqual(self.ok('event', 'delete', eid), '')
        self.assertEqual(self.json('event', 'list'), [])
        self.fails(3, 'event', 'show', eid)
        self.fails(3, 'event', 'delete', eid)

    def test_malformed_values_exit_2_and_write_nothing(self):
        eid = self.new_id('event', 'add', 'Da', '--start', '2026-05-04T10:00')
        for args in (['--start', '2026-02-30'], ['--start', '5.3.2026'], ['--start', '2026-05-04T25:00'],
                     ['--start', '2026-05-04 10:00'], ['--start', 'morgen'],
                     ['--start', '2026-05-04T10:00', '--all-day'],
                     ['--start', '2026-05-04', '--end', '2026-05-05T10:00'],
                     ['--start', '2026-05-04T10:00', '--end', '2026-05-05'],
                     ['--start', '2026-05-04', '--end', '2026-05-04'],
                     ['--start', '2026-05-04T10:00', '--end', '2026-05-04T09:00'],
                     ['--start', '2026-05-04T10:00', '--kind', 'party'],
                     ['--start', '2026-05-04T10:00', '--campaign', 'kein-id'],
                     []):
            self.fails_cleanly(2 if '--campaign' not in args else 3, 'event', 'add', 'Falsch', *args)
        self.fails_cleanly(3, 'event', 'add', 'X', '--start', '2026-05-04T10:00', '--attendee', 'Niemand')
        self.fails_cleanly(3, 'event', 'add', 'X', '--start', '2026-05-04T10:00',
                           '--campaign', '00000000-0000-4000-8000-000000000000')
        for assignment in ('start=2026-02-30T10:00', 'start=5.3.2026', 'kind=party', 'all_day=vielleicht',
                           'tzid=Mars/Olympus', 'end=2026-05-04T09:00', 'start=', 'attendees=Niemand'):
            self.fails_cleanly(3 if 'Niemand' in assignment else 2, 'event', 'set', eid, assignment)
        self.fails(2, 'event', 'list', '--from', '2026-02-30')
        self.fails(2, 'event', 'list', '--to', '4.5.2026')
        self.fails(2, 'event', 'list', '--from', '2026-05-05', '--to', '2026-05-04')

    def test_recurring_events_are_listed_by_occurrence(self):
        # weekly at 09:00 in Berlin: the offset changes on 28 March 2027, the local time does not
        e = self.json('event', 'add', 'Jour fixe', '--start', '2027-03-15T09:00', '--end', '2027-03-15T10:00',
                      '--rrule', 'FREQ=WEEKLY;BYDAY=MO', tz=BERLIN)
        self.assertEqual(e['rrule'], 'FREQ=WEEKLY;BYDAY=MO')
        self.assertEqual(e['tzid'], BERLIN)
        self.new_id('event', 'add', 'Einmalig', '--start', '2027-03-23T12:00', tz=BERLIN)
        listed = self.json('event', 'list', '--from', '2027-03-16', '--to', '2027-04-05')
        self.assertEqual([(x['title'], x['start'], x['end']) for x in listed], [
            ('Jour fixe', '2027-03-22T09:00:00+01:00', '2027-03-22T10:00:00+01:00'),
            ('Einmalig', '2027-03-23T12:00:00+01:00', None),
            ('Jour fixe', '2027-03-29T09:00:00+02:00', '2027-03-29T10:00:00+02:00'),
            ('Jour fixe', '2027-04-05T09:00:00+02:00', '2027-04-05T10:00:00+02:00'),
        ])
        # one object per occurrence, with the event's id
        self.assertEqual({x['id'] for x in listed if x['title'] == 'Jour fixe'}, {e['id']})
        self.assertEqual(listed[2]['recurrence_id'], '2027-03-29T09:00:00+02:00')
        for x in listed:
            self.assertRegex(x['start'], TIME_RE)
        # without an end, every occurrence is an instant
        self.new_id('event', 'add', 'Anruf', '--start', '2027-03-16T08:00', '--rrule', 'FREQ=DAILY;COUNT=2')
        self.assertEqual([(x['start'], x['end']) for x in self.json('event', 'list') if x['title'] == 'Anruf'],
                         [('2027-03-16T08:00:00+00:00', None), ('2027-03-17T08:00:00+00:00', None)])
        # show keeps the event as stored: its first occurrence and the rule
        self.assertEqual(self.json('event', 'show', e['id'])['start'], '2027-03-15T09:00:00+01:00')

    def test_delete_one_occurrence(self):
        eid = self.new_id('event', 'add', 'Daily', '--start', '2026-05-04T10:00', '--end', '2026-05-04T10:15',
                          '--rrule', 'FREQ=DAILY;COUNT=4')
        self.assertEqual(self.ok('event', 'delete', eid, '--occurrence', '2026-05-05T10:00'), '')
        e = self.json('event', 'show', eid)
        self.assertEqual(e['exdates'], ['2026-05-05T10:00:00+00:00'])
        self.assertEqual(e['rev'], 2)
        self.assertEqual([x['start'] for x in self.json('event', 'list')],
                         ['2026-05-04T10:00:00+00:00', '2026-05-06T10:00:00+00:00', '2026-05-07T10:00:00+00:00'])
        # not an occurrence, gone already, malformed, not recurring: nothing changes
        self.fails_cleanly(3, 'event', 'delete', eid, '--occurrence', '2026-05-06T11:00', match='no occurrence')
        self.fails_cleanly(3, 'event', 'delete', eid, '--occurrence', '2026-05-05T10:00', match='no occurrence')
        self.fails_cleanly(2, 'event', 'delete', eid, '--occurrence', 'morgen')
        once = self.new_id('event', 'add', 'Once', '--start', '2026-05-04T12:00')
        self.fails_cleanly(2, 'event', 'delete', once, '--occurrence', '2026-05-04T12:00', match='does not recur')
        # all-day occurrences are dates
        day = self.new_id('event', 'add', 'Monatsabschluss', '--start', '2026-01-31', '--rrule',
                          'FREQ=MONTHLY;BYMONTHDAY=-1;COUNT=3')
        self.ok('event', 'delete', day, '--occurrence', '2026-02-28')
        self.assertEqual([(x['start'], x['end']) for x in self.json('event', 'list', '--from', '2026-01-01')
                          if x['id'] == day], [('2026-01-31', '2026-02-01'), ('2026-03-31', '2026-04-01')])
        # the whole event
        self.ok('event', 'delete', eid)
        self.assertNotIn(eid, [x['id'] for x in self.json('event', 'list')])

    def test_set_rrule_and_exdates(self):
        eid = self.new_id('event', 'add', 'Jour fixe', '--start', '2026-05-04T10:00')
        e = self.json('event', 'set', eid, 'rrule=FREQ=WEEKLY;COUNT=3', 'exdates=2026-05-11T10:00')
        self.assertEqual(e['rrule'], 'FREQ=WEEKLY;COUNT=3')
        # a T without offset is local, as everywhere
        self.assertEqual(e['exdates'], ['2026-05-11T10:00:00+00:00'])
        self.assertEqual([x['start'] for x in self.json('event', 'list')],
                         ['2026-05-04T10:00:00+00:00', '2026-05-18T10:00:00+00:00'])
        e = self.json('event', 'set', eid, 'rrule=', 'exdates=')
        self.assertIsNone(e['rrule'])
        self.assertEqual(len(self.json('event', 'list')), 1)

    def test_malformed_recurrence_exits_2_and_writes_nothing(self):
        eid = self.new_id('event', 'add', 'Jour fixe', '--start', '2026-05-04T10:00')
        self.fails_cleanly(2, 'event', 'add', 'Wöchentlich', '--start', '2026-05-04T10:00', '--rrule', 'WEEKLY',
                           match='rrule')
        self.fails_cleanly(2, 'event', 'set', eid, 'rrule=FREQ=SOMETIMES', match='rrule')
        self.fails_cleanly(2, 'event', 'set', eid, 'exdates=gestern', match='exdates')

if __name__ == '__main__':
    clitest.main()

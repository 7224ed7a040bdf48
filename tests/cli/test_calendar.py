#!/usr/bin/env python3
# tandemctl calendar export|import
#
# SPDX-License-Identifier: GPL-3.0-or-later

import os
import sys

sys.dont_write_bytecode = True
import clitest  # noqa: E402
from clitest import CliTestCase  # noqa: E402

DATA = os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', 'data')


def data(name):
    return os.path.join(DATA, name)


class CalendarTest(CliTestCase):
    def setUp(self):
        super().setUp()
        self.init()
        self.add_people()

    def listing(self, *args):
        return [(x['title'], x['start']) for x in self.json('event', 'list', *args)]

    def test_import_files_of_other_clients(self):
        self.assertEqual(self.ok('calendar', 'import', data('gnome-calendar-evolution.ics')), '3 added, 0 updated\n')
        self.assertEqual(self.json('calendar', 'import', data('thunderbird.ics')), {'added': 3, 'updated': 0})
        self.assertEqual(self.json('calendar', 'import', data('outlook.ics')), {'added': 4, 'updated': 0})
        # Outlook's "W. Europe Standard Time" expands with its kept definition, across the DST change
        self.assertEqual([s for t, s in self.listing('--from', '2026-03-17', '--to', '2026-04-21')
                          if t == 'Jour fixe Marketing/Vertrieb'],
                         ['2026-03-17T09:00:00+01:00', '2026-03-24T09:00:00+01:00', '2026-03-31T09:00:00+02:00',
                          '2026-04-14T11:00:00+02:00', '2026-04-21T09:00:00+02:00'])
        # Evolution's attendee is matched to the person by e-mail
        rows = [x for x in self.json('event', 'list', '--from', '2026-03-16', '--to', '2026-03-16')]
        self.assertEqual([x['title'] for x in rows], ['Vertriebsrunde Nord'])
        self.assertEqual(rows[0]['attendees'], [self.anna])
        self.assertNotIn('vtimezone', rows[0])
        # again: nothing duplicated
        before = self.state()
        for name in ('gnome-calendar-evolution.ics', 'thunderbird.ics', 'outlook.ics'):
            self.assertEqual(self.json('calendar', 'import', data(name)), {'added': 0, 'updated': 0})
        self.assertEqual(self.state(), before)

    def test_broken_files_import_nothing(self):
        self.ok('calendar', 'import', data('thunderbird.ics'))
        garbage = os.path.join(self.tmp, 'garbage.ics')
        with open(garbage, 'wb') as f:
            f.write(os.urandom(10 * 1024 * 1024))
        self.fails_cleanly(2, 'calendar', 'import', data('truncated.ics'), match=r'line 73')
        self.fails_cleanly(2, 'calendar', 'import', data('one-bad-event.ics'),
                           match=r'line 49: DTSTART “20260230” is not a valid date')
        self.fails_cleanly(2, 'calendar', 'import', garbage, match='not an iCalendar file')
        self.fails_cleanly(1, 'calendar', 'import', os.path.join(self.tmp, 'missing.ics'))
        self.fails_cleanly(2, 'calendar', 'import', match='missing FILE.ics')

    def test_export_and_import_into_another_workspace(self):
        cid = self.new_id('campaign', 'add', 'Frühjahr', '--start', '2026-03-01', '--end', '2026-04-30')
        self.new_id('event', 'add', 'Jour fixe', '--start', '2026-03-16T09:00', '--end', '2026-03-16T10:00',
                    '--rrule', 'FREQ=WEEKLY;COUNT=6', '--attendee', 'Anna Schmidt', '--campaign', cid,
                    '--location', 'Raum 1', '--notes', 'Zeile 1\nZeile 2', env={'TZ': 'Europe/Berlin'})
        self.new_id('event', 'add', 'Messe', '--start', '2026-04-20', '--end', '2026-04-25', '--kind', 'trade-show')
        self.ok('calendar', 'import', data('outlook.ics'))
        out = os.path.join(self.tmp, 'out.ics')
        self.assertEqual(self.ok('calendar', 'export', out), '')
        with open(out, encoding='utf-8') as f:
            text = f.read()
        self.assertIn('BEGIN:VCALENDAR', text)
        self.assertIn('DTSTART;TZID=Europe/Berlin:20260316T090000', text)
        self.assertIn('RRULE:FREQ=WEEKLY;COUNT=6', text)
        self.assertIn('TZID:W. Europe Standard Time', text)
        self.assertIn('SUMMARY:Frühjahr', text)  # the campaign span
        # never over an existing file
        self.fails_cleanly(1, 'calendar', 'export', out, match='exists')

        events = self.json('event', 'list')
        other = os.path.join(self.tmp, 'other.tandem')
        self.ok('init', ws=other)
        self.assertEqual(self.json('calendar', 'import', out, ws=other), {'added': 6, 'updated': 0})
        again = self.json('event', 'list', ws=other)
        keep = ('title', 'kind', 'all_day', 'start', 'end', 'tzid', 'location', 'notes', 'rrule', 'exdates', 'uid',
                'recurrence_id')
        self.assertEqual([{k: x[k] for k in keep} for x in again], [{k: x[k] for k in keep} for x in events])

        # a range: what overlaps it
        part = os.path.join(self.tmp, 'part.ics')
        self.ok('calendar', 'export', part, '--from', '2026-04-20', '--to', '2026-04-20')
        with open(part, encoding='utf-8') as f:
            text = f.read()
        self.assertIn('SUMMARY:Messe', text)
        self.assertIn('SUMMARY:Jour fixe', text)
        self.assertNotIn('Webinar', text)
        self.fails(2, 'calendar', 'export', os.path.join(self.tmp, 'x.ics'), '--from', '2026-02-30')
        self.assertFalse(os.path.exists(os.path.join(self.tmp, 'x.ics')))


if __name__ == '__main__':
    clitest.main()

#!/usr/bin/env python3
# test_asset.py — asset, comment and review commands end to end on real PDFs
#
# SPDX-License-Identifier: GPL-3.0-or-later

import os
import re
import shutil
import sqlite3
import subprocess
import zipfile

from clitest import CliTestCase, UUID_RE, UTC_RE, main


def write_pdf(path, pages, text):
    """A real multi-page PDF, written by hand the way a PDF library would
    (objects, xref table with exact offsets), checked with pdfinfo."""
    objects = ['<< /Type /Catalog /Pages 2 0 R >>']
    kids = ' '.join(f'{3 + 2 * i} 0 R' for i in range(pages))
    objects.append(f'<< /Type /Pages /Kids [{kids}] /Count {pages} >>')
    for i in range(pages):
        content = f'BT /F1 24 Tf 72 720 Td ({text} {i + 1}) Tj ET'.encode()
        objects.append(f'<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] '
                       f'/Contents {4 + 2 * i} 0 R /Resources << /Font << /F1 {3 + 2 * pages} 0 R >> >> >>')
        objects.append(f'<< /Length {len(content)} >>\nstream\n{content.decode()}\nendstream')
    objects.append('<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>')
    out = bytearray(b'%PDF-1.4\n')
    offsets = []
    for n, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += f'{n} 0 obj\n{body}\nendobj\n'.encode()
    xref = len(out)
    out += f'xref\n0 {len(objects) + 1}\n0000000000 65535 f \n'.encode()
    for off in offsets:
        out += f'{off:010d} 00000 n \n'.encode()
    out += f'trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n'.encode()
    with open(path, 'wb') as f:
        f.write(out)
    info = subprocess.run(['pdfinfo', path], capture_output=True, text=True)
    assert info.returncode == 0 and re.search(rf'^Pages:\s+{pages}$', info.stdout, re.M), info


class AssetTest(CliTestCase):
    def setUp(self):
        super().setUp()
        self.init()
        self.anna = self.new_id('person', 'add', 'Anna Schmidt', '--role', 'marketing')
        self.stefan = self.new_id('person', 'add', 'Stefan Braun', '--role', 'sales')
        self.aylin = self.new_id('person', 'add', 'Aylin Demir', '--role', 'sales')
        self.tom = self.new_id('person', 'add', 'Tom Becker', '--role', 'sales')
        self.cid = self.new_id('campaign', 'add', 'Messe 2027')
        self.pdf = os.path.join(self.tmp, 'Broschüre.pdf')
        self.pdf2 = os.path.join(self.tmp, 'Broschüre v2.pdf')
        write_pdf(self.pdf, 4, 'Broschuere Seite')
        write_pdf(self.pdf2, 5, 'Broschuere neu Seite')

    def add(self, *extra, who='Anna Schmidt'):
        return self.new_id('asset', 'add', self.cid, self.pdf, '--reviewer', 'Stefan Braun',
                           '--reviewer', 'aylin demir', '--as', who, *extra)

    def state(self):
        s = super().state()
        s['assets'] = self.json('asset', 'list')
        return s

    def test_review_flow_end_to_end(self):
        aid = self.add('--title', 'Broschüre', '--kind', 'brochure', '--due', '2027-02-01')
        a = self.json('asset', 'show', aid)
        self.assertEqual(a['state'], 'draft')
        self.assertEqual(a['current_version'], 1)
        self.assertEqual(a['reviewers'], [self.stefan, self.aylin])
        self.assertEqual(a['due'], '2027-02-01')
        v = a['versions'][0]
        self.assertEqual((v['number'], v['file_name'], v['mime_type'], v['uploaded_by']),
                         (1, 'Broschüre.pdf', 'application/pdf', self.anna))
        self.assertEqual(v['size'], os.path.getsize(self.pdf))
        self.assertRegex(v['sha256'], r'^[0-9a-f]{64}$')
        self.assertRegex(v['created_at'], UTC_RE)

        self.ok('asset', 'submit', aid, '--as', 'Anna Schmidt')
        self.assertEqual([x['id'] for x in self.json('asset', 'list', '--waiting-for', 'Stefan Braun')], [aid])

        cid = self.new_id('comment', 'add', aid, 'Preise fehlen', '--page', '2', '--x', '0.25', '--y', '0.5',
                          '--as', 'Stefan Braun')
        reply = self.new_id('comment', 'add', aid, 'Kommt in V2', '--reply-to', cid, '--as', 'Anna Schmidt')
        self.ok('review', 'decide', aid, 'changes_requested', '--note', 'Preise!', '--as', 'Stefan Braun')
        a = self.json('asset', 'show', aid)
        self.assertEqual(a['state'], 'changes_requested')
        self.assertEqual([(d['reviewer'], d['decision'], d['note'], d['version']) for d in a['decisions']],
                         [(self.stefan, 'changes_requested', 'Preise!', 1)])
        c = {x['id']: x for x in a['comments']}
        self.assertEqual((c[cid]['page'], c[cid]['x'], c[cid]['y'], c[cid]['author'], c[cid]['version']),
                         (2, 0.25, 0.5, self.stefan, 1))
        self.assertEqual(c[reply]['parent'], cid)
        self.assertFalse(c[cid]['resolved'])

        # a new version: back in review, decisions reset, version 1 locked
        self.assertEqual(self.ok('asset', 'version', aid, self.pdf2, '--note', 'Preise ergänzt',
                                 '--as', 'Anna Schmidt'), '2\n')
        a = self.json('asset', 'show', aid)
        self.assertEqual((a['state'], a['current_version'], a['decisions']), ('in_review', 2, []))
        self.assertEqual(a['versions'][1]['note'], 'Preise ergänzt')
        self.fails_cleanly(5, 'comment', 'add', aid, 'noch was', '--version', '1', '--as', 'Stefan Braun',
                           match='version 1 is locked')
        self.ok('comment', 'resolve', cid, '--as', 'Anna Schmidt')

        # finalize names who is missing
        self.ok('review', 'decide', aid, 'approved', '--as', 'Stefan Braun')
        err = self.fails_cleanly(5, 'asset', 'finalize', aid, '--as', 'Anna Schmidt')
        self.assertEqual(err, 'tandemctl: cannot finalize "Broschüre": Aylin Demir has not approved version 2\n')
        self.ok('review', 'decide', aid, 'approved_with_changes', '--as', 'Aylin Demir')
        self.assertEqual(self.json('asset', 'show', aid)['state'], 'approved')
        self.ok('asset', 'finalize', aid, '--as', 'Anna Schmidt')
        self.assertEqual(self.json('asset', 'show', aid)['state'], 'final')
        self.assertEqual(self.json('asset', 'list', '--state', 'final')[0]['id'], aid)

        # export gives back the exact bytes of each version
        out1 = os.path.join(self.tmp, 'v1.pdf')
        out2 = os.path.join(self.tmp, 'v2.pdf')
        self.ok('asset', 'export', aid, out1, '--version', '1')
        self.ok('asset', 'export', aid, out2)
        self.assertEqual(self.sha256(out1), self.sha256(self.pdf))
        self.assertEqual(self.sha256(out2), self.sha256(self.pdf2))
        self.fails(1, 'asset', 'export', aid, out2, match='never overwrites')
        self.fails(3, 'asset', 'export', aid, os.path.join(self.tmp, 'v9.pdf'), '--version', '9')

    def test_show_text_and_list(self):
        aid = self.add()
        out = self.ok('asset', 'show', aid)
        self.assertIn('title: Broschüre\n', out)
        self.assertIn('state: draft\n', out)
        self.assertIn('versions:\n  1\tBroschüre.pdf\tapplication/pdf\t', out)
        rows = self.ok('asset', 'list').splitlines()
        self.assertEqual(rows, [f'{aid}\tBroschüre\tdraft\t1\t'])
        self.assertEqual(self.json('asset', 'list', '--campaign', self.cid)[0]['id'], aid)
        self.assertEqual(self.json('asset', 'list', '--state', 'in_review'), [])
        self.fails(2, 'asset', 'list', '--state', 'fertig')
        self.fails(3, 'asset', 'list', '--waiting-for', 'Niemand')
        self.fails(3, 'asset', 'show', '00000000-0000-4000-8000-000000000000')

    def test_roles_and_reviewers_are_enforced(self):
        aid = self.add()
        self.ok('asset', 'submit', aid, '--as', 'Anna Schmidt')
        self.fails_cleanly(5, 'review', 'decide', aid, 'approved', '--as', 'Tom Becker',
                           match='Tom Becker is not one of its reviewers')
        self.fails_cleanly(2, 'review', 'decide', aid, 'approved', match='--as')
        self.fails_cleanly(2, 'review', 'decide', aid, 'vielleicht', '--as', 'Stefan Braun')
        self.fails_cleanly(5, 'asset', 'version', aid, self.pdf2, '--as', 'Stefan Braun', match='works in sales')
        self.fails_cleanly(5, 'asset', 'add', self.cid, self.pdf, '--as', 'Tom Becker', match='works in sales')
        self.fails_cleanly(5, 'asset', 'submit', aid, '--as', 'Anna Schmidt', match='already in review')
        self.fails_cleanly(2, 'asset', 'set', aid, 'state=final', '--as', 'Anna Schmidt')
        self.fails_cleanly(2, 'asset', 'set', aid, 'current_version=5', '--as', 'Anna Schmidt')
        # anyone comments
        self.new_id('comment', 'add', aid, 'Sieht gut aus', '--as', 'Tom Becker')
        # reviewers can be changed, with names
        self.ok('asset', 'set', aid, 'reviewers=Stefan Braun', 'title=Broschüre 2027', '--as', 'Anna Schmidt')
        a = self.json('asset', 'show', aid)
        self.assertEqual((a['reviewers'], a['title']), ([self.stefan], 'Broschüre 2027'))

    def test_bad_files_and_names(self):
        before = self.state()
        self.fails_cleanly(1, 'asset', 'add', self.cid, os.path.join(self.tmp, 'fehlt.pdf'), '--as', 'Anna Schmidt')
        self.fails_cleanly(3, 'asset', 'add', '00000000-0000-4000-8000-000000000000', self.pdf)
        self.fails_cleanly(2, 'asset', 'add', self.cid, self.pdf, '--due', '2027-02-30')
        self.fails_cleanly(3, 'asset', 'add', self.cid, self.pdf, '--reviewer', 'Niemand', '--as', 'Anna Schmidt')
        self.assertNothingWritten(before)

        # a hostile name is display text only
        aid = self.add()
        hostile_dir = os.path.join(self.tmp, 'x')
        os.mkdir(hostile_dir)
        hostile = os.path.join(hostile_dir, 'Bro\u202efdp.exe')
        shutil.copy(self.pdf2, hostile)
        self.assertEqual(self.ok('asset', 'version', aid, hostile, '--as', 'Anna Schmidt'), '2\n')
        versions = self.json('asset', 'show', aid)['versions']
        self.assertEqual(versions[1]['file_name'], 'Brofdp.exe')
        self.assertEqual(versions[1]['mime_type'], 'application/pdf')

        # too large: refused before reading (a sparse 300 MB file)
        big = os.path.join(self.tmp, 'gross.pdf')
        with open(big, 'wb') as f:
            f.truncate(300 * 1024 * 1024)
        self.fails_cleanly(2, 'asset', 'version', aid, big, '--as', 'Anna Schmidt', match='too large')

    def test_upload_is_judged_by_content(self):
        """An ELF binary, a ZIP, an .exe renamed .pdf, a damaged PDF: exit 2
        naming the file and what it is; nothing stored."""
        aid = self.add()
        elf = os.path.join(self.tmp, 'Programm.pdf')
        shutil.copy('/bin/true', elf)
        archive = os.path.join(self.tmp, 'Archiv.pdf')
        with zipfile.ZipFile(archive, 'w') as z:
            z.writestr('preise.txt', 'Preise 2027\n')
        exe = os.path.join(self.tmp, 'Setup.pdf')
        with open(exe, 'wb') as f:
            # a DOS/PE header as Windows programs start
            f.write(b'MZ\x90\x00\x03' + bytes(55) + b'\x80\x00\x00\x00' + bytes(64) + b'PE\x00\x00' + bytes(200))
        garbled = os.path.join(self.tmp, 'kaputt.pdf')
        with open(garbled, 'wb') as f:
            f.write(b'%PDF-1.7\nnot really')
        truncated = os.path.join(self.tmp, 'abgeschnitten.pdf')
        with open(self.pdf, 'rb') as f:
            data = f.read()
        with open(truncated, 'wb') as f:
            f.write(data[:len(data) // 3])
        empty = os.path.join(self.tmp, 'leer.pdf')
        open(empty, 'wb').close()
        for path, says in ((elf, r'executable'), (archive, r'Zip archive.*application/zip'),
                           (exe, r'DOS/Windows executable'), (garbled, r'damaged PDF'),
                           (truncated, r'damaged PDF'), (empty, r'empty')):
            name = re.escape(os.path.basename(path))
            self.fails_cleanly(2, 'asset', 'add', self.cid, path, '--as', 'Anna Schmidt',
                               match=rf'^tandemctl: {name} .*{says}')
            self.fails_cleanly(2, 'asset', 'version', aid, path, '--as', 'Anna Schmidt',
                               match=rf'^tandemctl: {name} .*{says}')
        a = self.json('asset', 'show', aid)
        self.assertEqual((a['current_version'], len(a['versions'])), (1, 1))
        db = sqlite3.connect(f'file:{self.ws}?immutable=1', uri=True)
        try:
            self.assertEqual(db.execute('SELECT count(*) FROM blob').fetchone()[0], 1)
        finally:
            db.close()

        # the content decides the type, not the name: a PDF named .png is a PDF
        renamed = os.path.join(self.tmp, 'Broschüre.png')
        shutil.copy(self.pdf2, renamed)
        self.assertEqual(self.ok('asset', 'version', aid, renamed, '--as', 'Anna Schmidt'), '2\n')
        self.assertEqual(self.json('asset', 'show', aid)['versions'][1]['mime_type'], 'application/pdf')

    def test_pin_on_a_page_the_version_has(self):
        one = os.path.join(self.tmp, 'Flyer.pdf')
        write_pdf(one, 1, 'Flyer')
        aid = self.new_id('asset', 'add', self.cid, one, '--as', 'Anna Schmidt')
        for page in ('2', '9999'):
            self.fails_cleanly(2, 'comment', 'add', aid, 'Text', '--page', page, '--x', '0.5', '--y', '0.5',
                               '--as', 'Stefan Braun', match=r'version 1 has 1 page$')
        self.new_id('comment', 'add', aid, 'Text', '--page', '1', '--x', '0.5', '--y', '0.5', '--as', 'Stefan Braun')
        # the count is the current version's
        self.ok('asset', 'version', aid, self.pdf, '--as', 'Anna Schmidt')
        self.new_id('comment', 'add', aid, 'S. 4', '--page', '4', '--x', '0.5', '--y', '0.5', '--as', 'Stefan Braun')
        self.fails_cleanly(2, 'comment', 'add', aid, 'S. 5', '--page', '5', '--x', '0.5', '--y', '0.5',
                           '--as', 'Stefan Braun', match='version 2 has 4 pages')

    def test_commands_that_need_an_actor(self):
        """CLI.md: comment, decide, finalize, asset add/version/submit refuse
        without --as (exit 2), and store no author-less rows."""
        aid = self.add()
        no_user = {'TANDEM_USER': None}
        self.fails_cleanly(2, 'asset', 'add', self.cid, self.pdf, match='--as', env=no_user)
        self.fails_cleanly(2, 'asset', 'version', aid, self.pdf2, match='--as', env=no_user)
        self.fails_cleanly(2, 'comment', 'add', aid, 'Text', match='--as', env=no_user)
        self.fails_cleanly(2, 'asset', 'submit', aid, match='--as', env=no_user)
        self.ok('asset', 'submit', aid, '--as', 'Anna Schmidt')
        self.ok('review', 'decide', aid, 'approved', '--as', 'Stefan Braun')
        self.ok('review', 'decide', aid, 'approved', '--as', 'Aylin Demir')
        self.fails_cleanly(2, 'asset', 'finalize', aid, match='--as', env=no_user)
        # TANDEM_USER names the actor as --as does
        self.ok('asset', 'finalize', aid, env={'TANDEM_USER': 'Anna Schmidt'})
        self.assertEqual(self.json('asset', 'show', aid)['state'], 'final')

    def test_comment_input(self):
        aid = self.add()
        for args in (['--page', '0', '--x', '0.5', '--y', '0.5'], ['--page', '1', '--x', '1.5', '--y', '0.5'],
                     ['--page', '1', '--x', '0.5'], ['--x', '0.5', '--y', '0.5'],
                     ['--page', '1', '--x', '0.9', '--y', '0.5', '--w', '0.2', '--h', '0.1'],
                     ['--page', '1', '--x', 'links', '--y', '0.5'], ['--version', '0']):
            self.fails_cleanly(2, 'comment', 'add', aid, 'Text', *args, '--as', 'Stefan Braun')
        self.fails_cleanly(2, 'comment', 'add', aid, '   ', '--as', 'Stefan Braun')
        self.fails_cleanly(3, 'comment', 'add', aid, 'Text', '--version', '7', '--as', 'Stefan Braun')
        self.fails_cleanly(3, 'comment', 'add', aid, 'Text', '--reply-to', '00000000-0000-4000-8000-000000000000',
                           '--as', 'Stefan Braun')
        self.fails_cleanly(3, 'comment', 'resolve', '00000000-0000-4000-8000-000000000000')
        nasty = "'); DROP TABLE comment;-- 🎉 \u05e9\u05dc\u05d5\u05dd"
        cid = self.new_id('comment', 'add', aid, nasty, '--page', '1', '--x', '0.1', '--y', '0.2',
                          '--w', '0.3', '--h', '0.4', '--as', 'Stefan Braun')
        c = self.json('asset', 'show', aid)['comments'][0]
        self.assertEqual((c['id'], c['body'], c['w'], c['h']), (cid, nasty, 0.3, 0.4))
        self.assertRegex(c['id'], UUID_RE)
        self.ok('comment', 'resolve', cid)
        self.assertTrue(self.json('asset', 'show', aid)['comments'][0]['resolved'])
        self.ok('comment', 'reopen', cid)
        c = self.json('asset', 'show', aid)['comments'][0]
        self.assertEqual((c['resolved'], c['resolved_by'], c['resolved_at']), (False, None, None))


if __name__ == '__main__':
    main()

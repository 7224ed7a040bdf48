#!/bin/sh
# Fails when po/de.po misses a string of the sources (as listed in
# po/POTFILES), or has a fuzzy or untranslated entry, or does not compile.
set -eu

src=${TANDEM_SOURCE_DIR:-$(cd "$(dirname "$0")/../.." && pwd)}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT INT TERM

cd "$src"
grep -v '^#' po/POTFILES | sed '/^[[:space:]]*$/d' >"$tmp/files"
status=0
while read -r f; do
  if [ ! -f "$f" ]; then
    echo "po/POTFILES lists $f, which does not exist"
    status=1
  fi
done <"$tmp/files"

# Every source file with _( or translatable="yes" must be in POTFILES
for f in $(grep -rlIE '(^|[^a-zA-Z_])(N?C?_|ngettext) ?\(|translatable="yes"' src/core src/gui ui data 2>/dev/null | sort); do
  if ! grep -qx "$f" "$tmp/files"; then
    echo "$f has translatable strings but is not listed in po/POTFILES"
    status=1
  fi
done

# The same extraction as i18n.gettext (preset: 'glib')
xgettext --package-name=tandem --from-code=UTF-8 --add-comments \
  --keyword=_ --keyword=N_ --keyword=C_:1c,2 --keyword=NC_:1c,2 \
  --keyword=g_dcgettext:2 --keyword=g_dngettext:2,3 --keyword=g_dpgettext2:2c,3 \
  --flag=N_:1:pass-c-format --flag=C_:2:pass-c-format --flag=NC_:2:pass-c-format \
  --flag=g_dngettext:2:pass-c-format --flag=g_strdup_printf:1:c-format \
  --flag=g_string_printf:2:c-format --flag=g_string_append_printf:2:c-format \
  --flag=g_error_new:3:c-format --flag=g_set_error:4:c-format \
  -f "$tmp/files" -o "$tmp/tandem.pot"

msgfmt --check --check-accelerators=_ -o /dev/null po/de.po || status=1
msgmerge --quiet --no-wrap po/de.po "$tmp/tandem.pot" -o "$tmp/merged.po"

msgattrib --untranslated --no-obsolete --no-wrap "$tmp/merged.po" >"$tmp/untranslated.po"
if grep -q '^msgid "[^"]' "$tmp/untranslated.po"; then
  echo "po/de.po lacks translations for:"
  grep '^msgid "[^"]' "$tmp/untranslated.po"
  status=1
fi

msgattrib --only-fuzzy --no-obsolete --no-wrap "$tmp/merged.po" >"$tmp/fuzzy.po"
if grep -q '^msgid "[^"]' "$tmp/fuzzy.po"; then
  echo "po/de.po has fuzzy (unchecked) translations for:"
  grep '^msgid "[^"]' "$tmp/fuzzy.po"
  status=1
fi

msgattrib --only-obsolete --no-wrap "$tmp/merged.po" >"$tmp/obsolete.po"
if grep -q '^#~ msgid "[^"]' "$tmp/obsolete.po"; then
  echo "note: po/de.po translates strings the sources no longer have:"
  grep '^#~ msgid "[^"]' "$tmp/obsolete.po"
fi

[ "$status" -eq 0 ] && msgfmt --statistics -o /dev/null "$tmp/merged.po"
exit "$status"
